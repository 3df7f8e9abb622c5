"""Stage 4: write the rendered files into generated/, or compare them with what is there.

Besides files, generated/ holds one relative symlink per subpackage and module of the
handwritten overlay (`typed_openai/_core -> ../../handwritten/typed_openai/_core`), so that
`generated/typed_openai/` is the whole package: pyright, mypy and language servers resolve
it from one root in a checkout exactly as from the wheel, and the wheel is built from it.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["RUNTIME", "check_tree", "overlay_links", "write_tree"]

# The runtime every generated client runs on (it imports only itself, relatively, so it
# serves a package of any name).
RUNTIME = Path(__file__).resolve().parent.parent / "handwritten" / "typed_openai" / "_core"


def overlay_links(out: Path, overlay: Path, package: str = "typed_openai") -> dict[str, str]:
    """`{path under out: relative link target}` for each package and module in the overlay
    root's `<package>/`, and for the runtime (`<package>/_core`) when the overlay has none."""
    links: dict[str, str] = {}
    source = overlay / package
    if source.is_dir():
        for sub in sorted(source.iterdir()):
            if (sub.is_dir() and (sub / "__init__.py").is_file()) or (sub.is_file() and sub.suffix == ".py"):
                links[f"{package}/{sub.name}"] = os.path.relpath(sub.resolve(), (out / package).resolve())
    links.setdefault(f"{package}/_core", os.path.relpath(RUNTIME, (out / package).resolve()))
    return links


def _owned(files: dict[str, str], links: dict[str, str]) -> set[str]:
    """The folders under the output root that the generator owns entirely (the packages it
    makes): stale files there are removed."""
    return {rel.split("/", 1)[0] for rel in [*files, *links] if "/" in rel}


def _existing(root: Path, owned: set[str]) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for folder in sorted(owned)
        for p in (root / folder).rglob("*")  # does not descend into symlinks
        if p.is_file() and not p.is_symlink() and "__pycache__" not in p.parts
    }


def _existing_links(root: Path, owned: set[str]) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): os.readlink(p)
        for folder in sorted(owned)
        for p in (root / folder).rglob("*")
        if p.is_symlink()
    }


def _refuse_clashes(files: dict[str, str], links: dict[str, str]) -> None:
    for link in links:
        clash = next((rel for rel in files if rel.startswith(link + "/")), None)
        if clash is not None:
            raise ValueError(f"the generator makes {clash}, inside {link}, which links to the overlay")


def write_tree(root: Path, files: dict[str, str], links: dict[str, str] | None = None) -> list[str]:
    """Write every file whose content changed and every overlay link; delete files and
    links the generator no longer makes."""
    links = links or {}
    _refuse_clashes(files, links)
    owned = _owned(files, links)
    changed: list[str] = []
    for rel, target in sorted(_existing_links(root, owned).items()):
        if links.get(rel) != target:
            (root / rel).unlink()  # the link only, never what it points to
            changed.append(rel)
    for rel in sorted(_existing(root, owned) - set(files)):
        (root / rel).unlink()
        changed.append(rel)
    for rel, text in sorted(files.items()):
        destination = root / rel
        data = text.encode("utf-8")
        if destination.is_file() and destination.read_bytes() == data:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
        changed.append(rel)
    for rel, link_target in sorted(links.items()):
        place = root / rel
        if place.is_symlink():
            continue  # an existing link with another target was removed above
        if place.exists():
            raise ValueError(f"{place} exists and is not a link: the generator puts a link to the overlay there")
        place.parent.mkdir(parents=True, exist_ok=True)
        place.symlink_to(link_target, target_is_directory=not link_target.endswith(".py"))
        changed.append(rel)
    for directory in sorted({p for p in root.rglob("*") if p.is_dir() and not p.is_symlink()}, reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    return changed


def check_tree(root: Path, files: dict[str, str], links: dict[str, str] | None = None) -> list[str]:
    """Files and links that differ from what the generator makes: changed, missing, or extra."""
    links = links or {}
    owned = _owned(files, links)
    existing = _existing(root, owned)
    differ = sorted(existing - set(files))
    for rel, text in sorted(files.items()):
        target = root / rel
        if not target.is_file() or target.is_symlink() or target.read_bytes() != text.encode("utf-8"):
            differ.append(rel)
    present = _existing_links(root, owned)
    differ += [rel for rel in sorted(set(present) | set(links)) if present.get(rel) != links.get(rel)]
    return sorted(differ)
