"""Stage 4: write the rendered files into generated/, or compare them with what is there."""

from __future__ import annotations

from pathlib import Path

__all__ = ["check_tree", "write_tree"]

# Folders under generated/ that the generator owns entirely: stale files there are removed.
_OWNED = ("typed_openai",)


def _existing(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for owned in _OWNED
        for p in (root / owned).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def write_tree(root: Path, files: dict[str, str]) -> list[str]:
    """Write every file whose content changed; delete files the generator no longer makes."""
    changed: list[str] = []
    for rel in sorted(_existing(root) - set(files)):
        (root / rel).unlink()
        changed.append(rel)
    for rel, text in sorted(files.items()):
        target = root / rel
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(rel)
    for directory in sorted({p for p in root.rglob("*") if p.is_dir()}, reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    return changed


def check_tree(root: Path, files: dict[str, str]) -> list[str]:
    """Files that differ from what the generator makes: changed, missing, or extra."""
    existing = _existing(root)
    differ = sorted(existing - set(files))
    for rel, text in sorted(files.items()):
        target = root / rel
        if not target.is_file() or target.read_bytes() != text.encode("utf-8"):
            differ.append(rel)
    return sorted(differ)
