"""What every comparative benchmark shares: the two implementations, metrics with goals,
interleaved runs, and the table.

A benchmark is a context manager (setting up and tearing down its server) with a `title`,
its `metrics`, and `run(impl)` measuring one run of one implementation and returning a
value per metric. `measure()` runs the two implementations alternately (A B A B ...),
after one unrecorded warm-up run of each, so that drift in the machine's load hits both.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

__all__ = [
    "IMPLS",
    "OPENAI",
    "PEAK_RSS",
    "TYPED",
    "Benchmark",
    "Metric",
    "Result",
    "measure",
    "render_table",
    "run_child",
    "standalone",
]

TYPED = "typed_openai"
OPENAI = "openai"
IMPLS = (TYPED, OPENAI)
PROJECT = Path(__file__).resolve().parent.parent

# Source of `peak_rss_mb()` for child processes. Linux keeps `ru_maxrss` across exec: a
# child of the big benchmark process would report the parent's peak. VmHWM is the peak of
# the child's own memory; elsewhere, ru_maxrss.
PEAK_RSS = """
def peak_rss_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""


@dataclass(frozen=True)
class Metric:
    """One measured quantity. The goal is a ratio typed_openai / openai: at least `goal`
    when higher is better, at most `goal` when lower is better (None: reported only)."""

    key: str
    label: str
    unit: str
    higher_is_better: bool
    goal: float | None


class Benchmark(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def metrics(self) -> Sequence[Metric]: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...
    def run(self, impl: str) -> dict[str, float]: ...


@dataclass
class Result:
    """The runs of one metric of one benchmark, per implementation."""

    bench: str
    metric: Metric
    values: dict[str, list[float]] = field(default_factory=dict[str, list[float]])
    note: str = ""

    def median(self, impl: str) -> float:
        return statistics.median(self.values[impl])

    @property
    def ratio(self) -> float | None:
        if TYPED not in self.values or OPENAI not in self.values:
            return None
        base = self.median(OPENAI)
        return self.median(TYPED) / base if base else None

    @property
    def met(self) -> bool | None:
        ratio, goal = self.ratio, self.metric.goal
        if ratio is None or goal is None:
            return None
        return ratio >= goal if self.metric.higher_is_better else ratio <= goal

    def to_json(self) -> dict[str, object]:
        return {
            "bench": self.bench,
            "metric": self.metric.label,
            "unit": self.metric.unit,
            "higher_is_better": self.metric.higher_is_better,
            "runs": {impl: values for impl, values in self.values.items()},
            "median": {impl: self.median(impl) for impl in self.values},
            "ratio": self.ratio,
            "goal": self.metric.goal,
            "met": self.met,
            "note": self.note,
        }


def measure(bench: Benchmark, runs: int, progress: Callable[[str], None] | None = None) -> list[Result]:
    """Warm up each implementation once, then `runs` rounds of A B."""
    results = [Result(bench.title, metric) for metric in bench.metrics]
    results[-1].note = getattr(bench, "note", "")
    for round_ in range(runs + 1):
        for impl in IMPLS:
            if progress is not None:
                progress(f"{bench.title}: {impl} {'warm-up' if round_ == 0 else f'run {round_}/{runs}'}")
            values = bench.run(impl)
            if round_ == 0:
                continue
            for result in results:
                result.values.setdefault(impl, []).append(values[result.metric.key])
    return results


def run_child(code: str, *, env: dict[str, str] | None = None) -> dict[str, float]:
    """Run `code` in a fresh interpreter; it prints one JSON object as its last line."""
    child_env = {**os.environ, **(env or {})}
    child_env.pop("OPENAI_API_KEY", None)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=child_env, check=True, capture_output=True, text=True
    )
    values: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return values


def _fmt(value: float, unit: str) -> str:
    if unit == "events/s":
        return f"{value:,.0f}"
    if unit == "s":
        return f"{value:.3f}"
    if unit == "MB":
        return f"{value:.1f}"
    return f"{value:.3g}"


def render_table(results: Sequence[Result]) -> str:
    header = ("benchmark", "metric", "impl", "min", "median", "max", "ratio", "goal", "met")
    rows: list[tuple[str, ...]] = []
    previous = ""
    for result in results:
        unit = result.metric.unit
        title = "" if result.bench == previous else result.bench
        previous = result.bench
        goal = result.metric.goal
        goal_text = "" if goal is None else f"{'>=' if result.metric.higher_is_better else '<='} {goal:g}x"
        met = {True: "yes", False: "NO", None: ""}[result.met]
        ratio = result.ratio
        first = True
        for impl, values in result.values.items():
            rows.append(
                (
                    title if first else "",
                    result.metric.label if first else "",
                    impl,
                    _fmt(min(values), unit),
                    _fmt(statistics.median(values), unit),
                    _fmt(max(values), unit),
                    (f"{ratio:.2f}x" if ratio is not None else "") if first else "",
                    goal_text if first else "",
                    met if first else "",
                )
            )
            first = False
        if result.note:
            rows.append(("", f"  {result.note}", "", "", "", "", "", "", ""))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {3, 4, 5, 6}

    def line(row: tuple[str, ...]) -> str:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        return "| " + " | ".join(cells) + " |"

    sep = "|" + "|".join(("-" * (w + 1) + ":") if i in right else ("-" * (w + 2)) for i, w in enumerate(widths)) + "|"
    return "\n".join([line(header), sep, *(line(row) for row in rows)])


def standalone(make: Callable[[bool], Benchmark | Sequence[Benchmark]], argv: list[str] | None = None) -> int:
    """`python -m bench.<name> [--quick] [--runs N] [--json]`: one module's benchmarks alone."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a smaller workload and 3 runs")
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    made = make(args.quick)
    results: list[Result] = []
    for bench in made if isinstance(made, Sequence) else [made]:
        with bench:
            results += measure(bench, runs, lambda text: print(text, file=sys.stderr, flush=True))
    if args.json:
        print(json.dumps([r.to_json() for r in results], indent=2))
    else:
        print(render_table(results))
    return 0
