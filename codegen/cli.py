"""`python -m codegen generate|check [--spec PATH]`."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from .config import ConfigError, load_config, load_pin
from .load import SpecMismatch, download, load_spec
from .output import check_tree, write_tree
from .pipeline import generate_files
from .progress import Progress

PROJECT = Path(__file__).resolve().parent.parent


def _spec_path(args: argparse.Namespace, spec_dir: Path) -> Path:
    if args.spec:
        return Path(args.spec)
    pin = load_pin(spec_dir)
    print(f"downloading the pinned spec from {pin.url}", file=sys.stderr)
    return download(pin, Path(tempfile.mkdtemp()) / "openapi.yaml")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("generate", "write generated/ from the spec"), ("check", "fail if generated/ is not what the spec makes")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--spec", help="path of the OpenAPI file (default: download the pinned one)")
        p.add_argument("--out", default=str(PROJECT / "generated"), help="output folder (default: generated/)")
        p.add_argument("--spec-dir", default=str(PROJECT / "spec"), help="pin and config folder (default: spec/)")
        p.add_argument("--no-pin", action="store_true", help="accept a spec that is not the pinned one (for experiments)")
        p.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    spec_dir = Path(args.spec_dir)
    progress = Progress(quiet=args.quiet)
    try:
        config = load_config(spec_dir)
        path = _spec_path(args, spec_dir)
        with progress.stage(f"load {path.name}"):
            spec = load_spec(path, pin=None if args.no_pin else load_pin(spec_dir))
        files, _tree = generate_files(spec, config, progress)
    except (ConfigError, SpecMismatch, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    out = Path(args.out)
    if args.command == "check":
        differ = check_tree(out, files)
        if differ:
            print(f"{out} is not what the spec makes; {len(differ)} file(s) differ:", file=sys.stderr)
            for rel in differ[:50]:
                print(f"  {rel}", file=sys.stderr)
            print("run `python -m codegen generate --spec PATH` and commit the result", file=sys.stderr)
            return 1
        print(f"{out} matches the spec ({len(files)} files)", file=sys.stderr)
        return 0
    changed = write_tree(out, files)
    print(f"wrote {len(files)} files to {out} ({len(changed)} changed)", file=sys.stderr)
    return 0
