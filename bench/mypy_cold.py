"""How long `mypy --strict` takes on a small user file, cold cache: typed-openai vs `openai`.

    python -m bench.mypy_cold [--runs N] [--json]

Checks `bench/mypy_cold_files/user_typed_openai.py` and the same program written for the
official `openai` package (`user_openai.py`, only the imports differ), alternately,
`--runs` times each, every run with a fresh, empty cache directory and no config file (a
user's bare `mypy --strict`), with the mypy of this interpreter, whose environment must
have both packages installed. Prints the median wall time of each and their ratio; a run
that reports errors is a failure, since the times would not compare like with like.
Times depend on the machine and its load; compare ratios from one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILES = Path(__file__).resolve().parent / "mypy_cold_files"
TARGETS = {"typed_openai": FILES / "user_typed_openai.py", "openai": FILES / "user_openai.py"}


def cold_check(path: Path) -> float:
    """Seconds for one `mypy --strict` over `path` with an empty cache; raise if it reports anything."""
    with tempfile.TemporaryDirectory(prefix="mypy-cold-") as tmp:
        config = Path(tmp) / "mypy.ini"
        config.write_text("[mypy]\n")
        argv = [sys.executable, "-m", "mypy", "--strict", "--config-file", str(config), "--cache-dir", str(Path(tmp) / "cache"), str(path)]
        start = time.perf_counter()
        result = subprocess.run(argv, capture_output=True, text=True, cwd=tmp, check=False)
        seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"mypy reported problems in {path.name}:\n{result.stdout}{result.stderr}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mypy_cold", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {name: [] for name in TARGETS}
    for run in range(1, args.runs + 1):
        for name, path in TARGETS.items():  # alternate, so load drifts hit both alike
            print(f"run {run}/{args.runs}: {name}", file=sys.stderr)
            times[name].append(cold_check(path))
    medians = {name: statistics.median(values) for name, values in times.items()}
    result = {
        "runs": args.runs,
        "seconds": {name: [round(value, 3) for value in values] for name, values in times.items()},
        "median_seconds": {name: round(value, 2) for name, value in medians.items()},
        "ratio_typed_openai_to_openai": round(medians["typed_openai"] / medians["openai"], 2),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"mypy --strict, cold cache, median of {args.runs} run(s):")
        for name, value in medians.items():
            print(f"  {name:<14} {value:6.1f} s")
        print(f"typed-openai / openai: {result['ratio_typed_openai_to_openai']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
