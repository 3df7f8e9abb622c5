"""How long regenerating the whole client from the pinned spec takes, stage by stage.

    python -m bench.regenerate [--spec PATH] [--runs N] [--json]

Runs the generator's own pipeline (load, normalise, config check, models, resource tree,
render) `--runs` times in this process, with its progress display on stderr while it
runs, and prints the median time of each stage and the share taken by
datamodel-code-generator (the `models` stage). Nothing is written to generated/; the
rendered files of every run are compared, so a nondeterministic run is reported.

The spec defaults to the file in `../shared/spec/` whose sha256 is the pin's. Times
depend on the machine; compare runs made on one machine, and note its load.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

from codegen.config import load_config, load_pin
from codegen.load import load_spec
from codegen.pipeline import generate_files
from codegen.progress import Progress
from codegen.update import find_by_sha256

PROJECT = Path(__file__).resolve().parent.parent
MODELS_STAGE = "models (datamodel-code-generator)"


def _digest(files: dict[str, str]) -> str:
    h = hashlib.sha256()
    for rel, text in sorted(files.items()):
        h.update(rel.encode() + b"\0" + text.encode() + b"\0")
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.regenerate", description=__doc__.split("\n")[0])
    parser.add_argument("--spec", help="the spec file (default: the pinned one in ../shared/spec)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    spec_dir = PROJECT / "spec"
    pin = load_pin(spec_dir)
    path = Path(args.spec) if args.spec else find_by_sha256(PROJECT.parent / "shared" / "spec", pin.sha256)
    if path is None:
        parser.error("the pinned spec is not in ../shared/spec: pass --spec PATH")
    config = load_config(spec_dir)
    stages: dict[str, list[float]] = {}
    totals: list[float] = []
    digests: set[str] = set()
    for run in range(1, args.runs + 1):
        print(f"run {run}/{args.runs}", file=sys.stderr)
        progress = Progress()
        start = time.perf_counter()
        with progress.stage("load"):
            spec = load_spec(path, pin=pin)
        files, _tree = generate_files(spec, config, progress)
        totals.append(time.perf_counter() - start)
        digests.add(_digest(files))
        for name, seconds in progress.timings.items():
            stages.setdefault(name, []).append(seconds)
    total = statistics.median(totals)
    medians = {name: statistics.median(times) for name, times in stages.items()}
    result = {
        "spec": path.name,
        "runs": args.runs,
        "files": len(files),
        "total_seconds": round(total, 2),
        "stages_seconds": {name: round(t, 2) for name, t in medians.items()},
        "datamodel_code_generator_share": round(medians[MODELS_STAGE] / total, 3),
        "identical_output": len(digests) == 1,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"regenerating {path.name} ({len(files)} files), median of {args.runs} run(s): {total:.1f} s")
        for name, seconds in medians.items():
            print(f"  {name:<36} {seconds:6.2f} s  {seconds / total:6.1%}")
        print(f"datamodel-code-generator: {result['datamodel_code_generator_share']:.0%} of the time")
        print("output identical across runs" if result["identical_output"] else "OUTPUT DIFFERS BETWEEN RUNS")
    return 0 if result["identical_output"] else 1


if __name__ == "__main__":
    sys.exit(main())
