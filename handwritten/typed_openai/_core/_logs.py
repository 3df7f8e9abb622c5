"""Debug logging: the `typed_openai` logger, and the environment switch that turns it on.

Log lines name the method and the URL without its query, user info or fragment: those
may carry secrets (a signed URL, a key in a query parameter), and no header or body is
logged at all, so nothing a user sends can leak into logs shared in a bug report.
"""

from __future__ import annotations

import logging
import os

import httpx2

__all__ = ["log", "logged_url", "setup_logging"]

log = logging.getLogger("typed_openai")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


def setup_logging(variable: str) -> None:
    """Turn on the package's logger when the environment variable `variable` is `debug`
    or `info` (the generated package calls this at import, with the config's `client.env.log`).

    Other values leave logging as the application configured it. Only when the root
    logger has no handler yet does this add one (`logging.basicConfig`), to stderr, so
    that an application's own logging setup is never replaced."""
    level = _LEVELS.get(os.environ.get(variable, "").strip().lower())
    if level is None:
        return
    logging.basicConfig(format="[%(asctime)s %(name)s %(levelname)s] %(message)s", datefmt="%Y-%m-%d %H:%M:%S")
    log.setLevel(level)


def logged_url(url: httpx2.URL) -> str:
    """`url` as log lines show it: scheme, host, port and path only."""
    port = f":{url.port}" if url.port is not None else ""
    return f"{url.scheme}://{url.host}{port}{url.path}"
