"""The last stage before writing: the import package's name.

Everything renders as `typed_openai`, the project's package, whose overlay (`lib`,
`testing`, the official SDK's compatibility modules) imports it by that name. A config
naming another package (`client.package`) gets every path and every `typed_openai` name in
the rendered files renamed; such a package gets only the runtime (`_core`, which imports
itself relatively) linked in, not the overlay (see `output.overlay_links`).
"""

from __future__ import annotations

import re

__all__ = ["DEFAULT_PACKAGE", "rename_package"]

DEFAULT_PACKAGE = "typed_openai"
_NAME = re.compile(r"\b" + DEFAULT_PACKAGE + r"\b")  # not `typed_openai_overlay`, not `typed-openai`


def rename_package(files: dict[str, str], package: str) -> dict[str, str]:
    """`files` (paths under the output root) as the package `package`."""
    if package == DEFAULT_PACKAGE:
        return files
    prefix = DEFAULT_PACKAGE + "/"
    renamed: dict[str, str] = {}
    for rel, text in files.items():
        if not rel.startswith(prefix):
            raise ValueError(f"{rel}: the generator writes only under {prefix}")
        renamed[package + "/" + rel.removeprefix(prefix)] = _NAME.sub(package, text)
    return renamed
