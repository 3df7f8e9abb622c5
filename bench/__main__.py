"""`python -m bench`: every benchmark against the official `openai` package, one table.

    python -m bench [--quick] [--runs N] [--json] [--only NAME ...]

For each benchmark the two packages run alternately (typed_openai, openai, typed_openai,
...) after one unrecorded warm-up each, `--runs` times (default 5; 3 with `--quick`,
which also shrinks the streaming workloads). The table gives min/median/max per package,
the ratio of the medians (typed_openai / openai), the goal for that ratio and whether it
is met. Absolute numbers depend on the machine and its load; the ratios are the result.

The benchmarks without a counterpart in `openai` run once and are reported as they are:
`bench.regenerate` (seconds to regenerate the pinned spec, and the share taken by
datamodel-code-generator), `bench.mypy_cold`, the `bench.soak` memory check and the
`bench.cancel_soak` pool check (both packages). Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import importlib.metadata
import json
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ._harness import OPENAI, TYPED, Benchmark, Metric, Result, measure, render_table
from .cancel_soak import describe as describe_cancel_soak

COMPARATIVE = (
    "stream_handler",
    "stream_concurrent",
    "helper_streams",
    "concurrent_slow",
    "upload",
    "import_client",
    "first_request",
    "rare_resource",
)
EXTERNAL = ("mypy_cold", "regenerate", "soak", "cancel_soak")
HERE = Path(__file__).resolve().parent


def _progress(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _run_comparative(name: str, quick: bool, runs: int) -> list[Result]:
    """A module's `benchmark(quick)`, or each of its `benchmarks(quick)` (several rows)."""
    module = importlib.import_module(f"bench.{name}")
    make: Callable[[bool], Benchmark | Sequence[Benchmark]] = getattr(module, "benchmarks", None) or module.benchmark
    made = make(quick)
    results: list[Result] = []
    for bench in made if isinstance(made, Sequence) else [made]:
        with bench:
            results += measure(bench, runs, _progress)
    return results


def _run_json_module(name: str, argv: list[str]) -> object:
    out = subprocess.run(
        [sys.executable, "-m", f"bench.{name}", *argv, "--json"],
        cwd=HERE.parent,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(out.stdout)


def _regenerate(quick: bool) -> list[Result]:
    found = _run_json_module("regenerate", ["--runs", "1"])
    assert isinstance(found, dict)
    seconds = float(found["total_seconds"])
    share = float(found["datamodel_code_generator_share"])
    metric = Metric("total_seconds", "regenerate the pinned spec", "s", higher_is_better=False, goal=None)
    note = f"datamodel-code-generator: {share:.0%} of it; {found['files']} files"
    if not found.get("identical_output", True):
        note += "; OUTPUT DIFFERED BETWEEN RUNS"
    return [Result("regenerate (bench.regenerate, 1 run)", metric, {TYPED: [seconds]}, note)]


def _mypy_cold(runs: int) -> list[Result]:
    """`mypy --strict` on the same small user file for each package, cold cache, alternating."""
    found = _run_json_module("mypy_cold", ["--runs", str(runs)])
    assert isinstance(found, dict)
    seconds = found["seconds"]
    metric = Metric("seconds", "mypy --strict time", "s", higher_is_better=False, goal=1.0)
    values = {impl: [float(v) for v in seconds[impl]] for impl in (TYPED, OPENAI)}
    return [Result("mypy --strict on a small user file, cold cache", metric, values)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller workloads, 3 runs")
    parser.add_argument("--runs", type=int, default=None, help="runs per package (default 5, --quick 3)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--only", nargs="+", choices=[*COMPARATIVE, *EXTERNAL], help="run only these")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    if runs < 1:
        parser.error("--runs must be at least 1")
    selected = args.only or [*COMPARATIVE, *EXTERNAL]
    started = time.perf_counter()
    results: list[Result] = []
    for name in COMPARATIVE:
        if name in selected:
            results += _run_comparative(name, args.quick, runs)
    if "mypy_cold" in selected and (HERE / "mypy_cold.py").exists():
        _progress("mypy_cold")
        results += _mypy_cold(1 if args.quick else runs)
    if "regenerate" in selected:
        _progress("regenerate")
        results += _regenerate(args.quick)
    soaked: dict[str, dict[str, float]] = {}
    if "soak" in selected:
        _progress("soak")
        found = _run_json_module("soak", ["--quick"] if args.quick else [])
        assert isinstance(found, dict)
        soaked = found
    cancelled: dict[str, dict[str, float]] = {}
    if "cancel_soak" in selected:
        _progress("cancel_soak")
        found = _run_json_module("cancel_soak", ["--quick"] if args.quick else [])
        assert isinstance(found, dict)
        cancelled = found
    elapsed = time.perf_counter() - started
    context = {
        "date": datetime.date.today().isoformat(),
        "python": platform.python_version(),
        "openai": importlib.metadata.version("openai"),
        "runs": runs,
        "quick": args.quick,
        "seconds": round(elapsed, 1),
    }
    if args.json:
        print(json.dumps({**context, "results": [r.to_json() for r in results], "soak": soaked, "cancel_soak": cancelled}, indent=2))
    else:
        print(
            f"typed_openai vs openai {context['openai']}, Python {context['python']}, {context['date']}, "
            f"{runs} runs each{' (--quick)' if args.quick else ''}, {elapsed:.0f} s in all"
        )
        print(render_table(results))
        for mode, found in soaked.items():
            print(
                f"\nsoak, {mode}: {found['streams']:,} streams through one client, RSS "
                f"{found['rss_mb_after_warmup']} MB after the first 1,000, {found['rss_mb_at_end']} MB at the end "
                f"({found['growth']:+.1%}; goal within 10%)"
            )
        for impl, values in cancelled.items():
            print(f"\n{describe_cancel_soak(impl, values)}")
    missed = [r for r in results if r.met is False] + [m for m, f in soaked.items() if f["growth"] > 0.10]
    missed += [i for i, f in cancelled.items() if i == TYPED and (f["active_connections"] or f["descriptor_growth"] > 0)]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
