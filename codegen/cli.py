"""`python -m codegen generate|check|update|diff`.

- `generate [--spec PATH]`: write generated/ from the pinned spec.
- `check [--spec PATH]`: fail if generated/ is not what the pinned spec makes (CI).
  Both refuse config entries the spec has no use for (the pinned spec and the config
  must agree); `--allow-stale` leaves them out with a note instead, as `update` does.
- `update --spec NEW | --url URL`: pin a new spec, regenerate, print the API change report.
  Config entries the new spec has no use for (an operation OpenAI removed) are left out and
  listed with what users lose; `--strict` refuses them instead.
- `diff OLD NEW [--json]`: the API change report between two spec files.
- `names --official PATH [--spec PATH]`: match the spec's schemas to the official SDK's
  names (PATH: its installed `openai` package folder) and write `spec/names.yaml`.

The change report goes to stdout (paste it into a changelog); progress and errors go to
stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from .config import ConfigError, load_config, load_pin, write_pin
from .diff import diff_specs, format_text, to_json
from .load import SpecMismatch, download, fetch, load_spec, sha256_of
from .normalize import add_webhook_union, normalize
from .output import check_tree, overlay_links, write_tree
from .pipeline import generate, notes, overlay_source_root
from .progress import Progress
from .stale import losses_json, losses_text
from .update import find_previous, new_pin

PROJECT = Path(__file__).resolve().parent.parent
_STRICT_HELP = (
    "refuse config entries the spec has no use for (an operation it no longer has) and overlay "
    "modules that cannot import, instead of leaving them out with a note"
)


def _spec_path(args: argparse.Namespace, spec_dir: Path) -> Path:
    if args.spec:
        return Path(args.spec)
    pin = load_pin(spec_dir)
    if pin.url is None:
        raise ValueError(
            f"{spec_dir / 'pin.yaml'} records no address to download {pin.file or 'the spec'} from "
            f"(sha256 {pin.sha256}): pass --spec PATH"
        )
    print(f"downloading the pinned spec from {pin.url}", file=sys.stderr)
    return download(pin, Path(tempfile.mkdtemp()) / "openapi.yaml")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("generate", "write generated/ from the spec"), ("check", "fail if generated/ is not what the spec makes")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--spec", help="path of the OpenAPI file (default: download the pinned one)")
        _output_options(p)
        p.add_argument("--no-pin", action="store_true", help="accept a spec that is not the pinned one (for experiments)")
        p.add_argument(
            "--allow-stale", action="store_true",
            help="leave out config entries the spec has no use for, with a note, instead of refusing them (as update does)",
        )
    p = sub.add_parser("update", help="pin a new spec, regenerate generated/, print what changed")
    p.add_argument("--spec", help="the new OpenAPI file")
    p.add_argument("--url", help="its public address: downloaded when --spec is not given, recorded in the pin either way (optional with --spec)")
    p.add_argument("--strict", action="store_true", help=_STRICT_HELP)
    p.add_argument("--commit", help="the commit the file comes from (default: read from the URL)")
    p.add_argument("--sha256", help="refuse the file unless it has this sha256")
    p.add_argument("--old-spec", help="the previously pinned file, for the change report (default: looked up by its sha256 beside the new file)")
    p.add_argument("--json", action="store_true", help="print the change report as JSON")
    _output_options(p)
    p = sub.add_parser("names", help="match the spec's schemas to the official SDK's names; write spec/names.yaml")
    p.add_argument("--official", required=True, help="folder of the installed official `openai` package")
    p.add_argument("--spec", help="path of the OpenAPI file (default: download the pinned one)")
    p.add_argument("--spec-dir", default=str(PROJECT / "spec"), help="pin and config folder (default: spec/)")
    p.add_argument("--no-pin", action="store_true", help="accept a spec that is not the pinned one")
    p.add_argument("--report", help="also write every match with its score to this file")
    p = sub.add_parser("diff", help="the API change report between two spec files")
    p.add_argument("old", help="the older OpenAPI file")
    p.add_argument("new", help="the newer OpenAPI file")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    return parser


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default=str(PROJECT / "generated"), help="output folder (default: generated/)")
    p.add_argument("--spec-dir", default=str(PROJECT / "spec"), help="pin and config folder (default: spec/)")
    p.add_argument("--overlay", help="the overlay's source root, checked against the spec (default: handwritten/ beside --spec-dir)")
    p.add_argument("--quiet", action="store_true")


def _overlay(args: argparse.Namespace) -> Path | None:
    if args.overlay is None:
        return None
    root = Path(args.overlay)
    if not root.is_dir():
        raise ValueError(f"--overlay {root}: no such folder")
    return root


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "diff":
            return _diff(args)
        if args.command == "update":
            return _update(args)
        if args.command == "names":
            return _names(args)
        return _generate_or_check(args)
    except (ConfigError, SpecMismatch, ValueError, OSError) as error:  # SpecError is a ValueError
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - the last line: a bug of the generator, said as such
        frame = traceback.extract_tb(error.__traceback__)[-1]
        print(
            f"error: internal error of the generator ({type(error).__name__}: {error}, at {Path(frame.filename).name}:"
            f"{frame.lineno}); the spec may be fine: please report this with the spec",
            file=sys.stderr,
        )
        return 70  # EX_SOFTWARE


def _generate_or_check(args: argparse.Namespace) -> int:
    spec_dir = Path(args.spec_dir)
    progress = Progress(quiet=args.quiet)
    config = load_config(spec_dir)
    path = _spec_path(args, spec_dir)
    with progress.stage(f"load {path.name}"):
        spec = load_spec(path, pin=None if args.no_pin else load_pin(spec_dir))
    result = generate(spec, config, progress, strict=not args.allow_stale, overlay_root=_overlay(args))
    for note in notes(result):
        print(note, file=sys.stderr)
    files = result.files
    out = Path(args.out)
    links = overlay_links(out, _overlay(args) or overlay_source_root(config), config.client.package)
    if args.command == "check":
        differ = check_tree(out, files, links)
        if differ:
            print(f"{out} is not what the spec makes; {len(differ)} file(s) differ:", file=sys.stderr)
            for rel in differ[:50]:
                print(f"  {rel}", file=sys.stderr)
            print("run `python -m codegen generate --spec PATH` and commit the result", file=sys.stderr)
            return 1
        print(f"{out} matches the spec ({len(files)} files)", file=sys.stderr)
        return 0
    changed = write_tree(out, files, links)
    print(f"wrote {len(files)} files to {out} ({len(changed)} changed)", file=sys.stderr)
    return 0


def _names(args: argparse.Namespace) -> int:
    from .names import NAMES_FILE, dump_names
    from .official_names import assign, iter_report, match, official_source, operation_anchors, read_official, read_spec

    spec_dir = Path(args.spec_dir)
    path = _spec_path(args, spec_dir)
    spec = normalize(load_spec(path, pin=None if args.no_pin else load_pin(spec_dir)))
    config = load_config(spec_dir) if (spec_dir / "config.yaml").is_file() else None
    # The schema the generator adds (see `codegen.normalize.add_webhook_union`) is named too.
    if config is not None and config.webhook_events is not None:
        add_webhook_union(spec, config.webhook_events)
    package = Path(args.official)
    # The official names the overlay gives (`overlay_types`) pair with no schema: a model
    # matched to them would take their name (`ParsedChoice` for the plain chat choice).
    given = {location for locations in (config.overlay_types.values() if config else ()) for location in locations}
    objects = [obj for obj in read_official(package) if not set(obj.locations) <= given]
    shapes = read_spec(spec)
    matches = match(objects, shapes, spec, operation_anchors(package, spec, objects))
    schemas = assign(matches, {shape.name for shape in shapes})
    (spec_dir / NAMES_FILE).write_text(dump_names(official_source(package), schemas), encoding="utf-8")
    if args.report:
        Path(args.report).write_text("".join(line + "\n" for line in iter_report(matches)), encoding="utf-8")
    components = [s for s in schemas if "/" not in s]
    renamed = sum(1 for s in components if "rename" in schemas[s])
    print(
        f"{len(objects)} official names read, {len(matches)} matched: {len(components)} of {len(shapes)} schemas "
        f"({renamed} renamed) and {len(schemas) - len(components)} inline schemas; wrote {spec_dir / NAMES_FILE}",
        file=sys.stderr,
    )
    return 0


def _report(old: dict[str, Any], new: dict[str, Any], old_label: str, new_label: str, as_json: bool) -> str:
    changes = diff_specs(normalize(old), normalize(new))
    if as_json:
        return json.dumps(to_json(changes, old_label, new_label), indent=2) + "\n"
    return format_text(changes, old_label, new_label)


def _diff(args: argparse.Namespace) -> int:
    old_path, new_path = Path(args.old), Path(args.new)
    sys.stdout.write(_report(load_spec(old_path), load_spec(new_path), old_path.name, new_path.name, args.json))
    return 0


def _update(args: argparse.Namespace) -> int:
    """Verify the new file, regenerate, report against the old pin, then move the pin.

    The pin and generated/ change together or not at all: if the generation fails (or,
    with --strict, the config has entries the new spec has no use for), the problems are
    listed and both stay as they were.
    """
    if not args.spec and not args.url:
        raise ValueError("update needs --spec NEW_FILE or --url URL")
    spec_dir, out = Path(args.spec_dir), Path(args.out)
    progress = Progress(quiet=args.quiet)
    config = load_config(spec_dir)
    previous = load_pin(spec_dir) if (spec_dir / "pin.yaml").is_file() else None
    if args.spec:
        path = Path(args.spec)
    else:
        path = Path(tempfile.mkdtemp(prefix="typed-openai-spec-")) / "openapi.yaml"
        with progress.stage(f"download {args.url}"):
            fetch(args.url, path)
    digest = sha256_of(path)
    if args.sha256 and digest != args.sha256.lower():
        raise SpecMismatch(f"{path} has sha256 {digest}, not the expected {args.sha256}")
    pin = new_pin(path, digest, args.url, args.commit, previous)
    with progress.stage(f"load {path.name}"):
        spec = load_spec(path)  # refuses a file that is not OpenAPI 3.0/3.1
    old_path = Path(args.old_spec) if args.old_spec else (find_previous(path.parent, previous) if previous else None)
    report = ""
    if old_path is None:
        where = f"{previous.file or 'sha256 ' + previous.sha256}, not found beside {path}" if previous else "no spec/pin.yaml"
        print(f"no change report: the previously pinned spec is unknown ({where}); pass --old-spec PATH", file=sys.stderr)
    else:
        if previous is not None and sha256_of(old_path) != previous.sha256:
            print(f"note: {old_path} is not the previously pinned file (sha256 {previous.sha256})", file=sys.stderr)
        with progress.stage(f"compare with {old_path.name}"):
            report = _report(load_spec(old_path), spec, old_path.name, path.name, args.json)
    try:
        result = generate(spec, config, progress, strict=args.strict, overlay_root=_overlay(args))
    except ConfigError as error:
        sys.stdout.write(report)  # what changed is what the maintainer needs to fix the config
        raise ConfigError(f"{error}\nspec/pin.yaml and {out} are unchanged.") from None
    for note in notes(result):
        print(note, file=sys.stderr)
    if args.json:
        sys.stdout.write(json.dumps({**(json.loads(report) if report else {}), **losses_json(result)}, indent=2) + "\n")
    else:
        sys.stdout.write(report + losses_text(result))
    sys.stdout.flush()
    links = overlay_links(out, _overlay(args) or overlay_source_root(config), config.client.package)
    changed = write_tree(out, result.files, links)
    write_pin(spec_dir, pin)
    if pin.url is None:
        print("note: no address recorded (pass --url to record one): `codegen generate` will need --spec", file=sys.stderr)
    print(f"pinned {pin.describe()}; wrote {len(result.files)} files to {out} ({len(changed)} changed)", file=sys.stderr)
    return 0
