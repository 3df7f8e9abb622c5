"""A clean clone keeps generated/'s overlay links as links, and the wheel and sdist built
from it hold real files: every handwritten module once, byte for byte, no symlink entries.

It clones the committed HEAD (what CI and users get), so uncommitted edits are not seen.
"""

from __future__ import annotations

import collections
import stat
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from codegen.output import overlay_links

PROJECT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "-C", str(PROJECT), "rev-parse"], capture_output=True, check=False).returncode != 0,
    reason="needs the project as a git checkout",
)


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("clone") / "typed-openai"
    head = _git("rev-parse", "HEAD", cwd=PROJECT).strip()
    _git("clone", "--quiet", "--no-checkout", str(PROJECT), str(where), cwd=PROJECT)
    _git("-c", "advice.detachedHead=false", "checkout", "--quiet", head, cwd=where)
    return where


def _build(source: Path, out: Path, *kinds: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", *kinds, "--outdir", str(out), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip


def _handwritten(clone: Path) -> dict[str, bytes]:
    """`{path in the package: content}` of every tracked file of the overlay."""
    tracked = _git("ls-files", "handwritten/typed_openai", cwd=clone).split()
    return {name.removeprefix("handwritten/"): (clone / name).read_bytes() for name in tracked}


def test_the_clone_holds_the_overlay_links_as_symlinks(clone: Path) -> None:
    links = overlay_links(clone / "generated", clone / "handwritten")
    assert {"typed_openai/_core", "typed_openai/lib", "typed_openai/testing"} <= links.keys()
    staged: dict[str, str] = {}  # path in the package -> git mode
    for line in _git("ls-files", "-s", "generated/typed_openai", cwd=clone).splitlines():
        meta, name = line.split("\t", 1)
        staged[name.removeprefix("generated/")] = meta.split()[0]
    for rel, target in links.items():
        assert staged.get(rel) == "120000", f"generated/{rel} is not stored as a symlink"
        place = clone / "generated" / rel
        assert place.is_symlink() and str(place.readlink()) == target
        assert place.resolve() == (clone / "handwritten" / rel).resolve()


def _check_wheel(wheel: Path, expected: dict[str, bytes]) -> None:
    with zipfile.ZipFile(wheel) as archive:
        entries = archive.infolist()
        names = [e.filename for e in entries]
        assert [n for n, count in collections.Counter(names).items() if count > 1] == []
        assert [e.filename for e in entries if stat.S_ISLNK(e.external_attr >> 16)] == []
        for name, content in expected.items():
            assert name in names, f"{wheel.name} lacks {name}"
            assert archive.read(name) == content, f"{wheel.name}: {name} differs from the overlay"


def test_the_wheel_built_from_the_clone_holds_real_files(clone: Path, tmp_path: Path) -> None:
    _build(clone, tmp_path, "--wheel")
    (wheel,) = tmp_path.glob("*.whl")
    _check_wheel(wheel, _handwritten(clone))


def test_the_sdist_holds_the_whole_overlay_and_builds_the_same_wheel(clone: Path, tmp_path: Path) -> None:
    _build(clone, tmp_path, "--sdist")
    (sdist,) = tmp_path.glob("*.tar.gz")
    expected = _handwritten(clone)
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1]: m for m in archive.getmembers()}
        for name, content in expected.items():
            member = members.get(f"handwritten/{name}")
            assert member is not None and member.isfile(), f"the sdist lacks handwritten/{name}"
            extracted = archive.extractfile(member)
            assert extracted is not None and extracted.read() == content
        archive.extractall(tmp_path / "unpacked", filter="data")  # pip's own filter: links must stay inside
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    _build(unpacked, tmp_path / "from-sdist", "--wheel")
    (wheel,) = (tmp_path / "from-sdist").glob("*.whl")
    _check_wheel(wheel, expected)
