"""Named, timed stages with a progress line on stderr."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Progress"]


class Progress:
    def __init__(self, *, quiet: bool = False) -> None:
        self.quiet = quiet
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if not self.quiet:
            print(f"  {name} ...", end="", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            yield
        except BaseException:
            if not self.quiet:  # end the line, so the error that follows starts on its own
                print(" failed", file=sys.stderr, flush=True)
            raise
        self.timings[name] = elapsed = time.perf_counter() - start
        if not self.quiet:
            print(f" {elapsed:.1f}s", file=sys.stderr, flush=True)
