"""`python -m typed_openai.testing`: serve the demo API (Assistants, chat, responses, files, ...) until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import threading

from ._server import MockServer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m typed_openai.testing",
        description="Serve a mock of the OpenAI API (real HTTP and SSE) on this machine.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=0, help="port (default: one the OS picks)")
    parser.add_argument("--quiet", action="store_true", help="do not log each request to stderr")
    options = parser.parse_args(argv)
    # A shell starts background jobs with SIGINT ignored, and Python keeps an inherited
    # "ignore": Ctrl-C (or a test's SIGINT) must stop this server wherever it was started.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with MockServer.with_api_demo(host=options.host, port=options.port, verbose=not options.quiet) as server:
        print(server.base_url, flush=True)
        print(
            f"Try: OPENAI_BASE_URL={server.base_url} OPENAI_API_KEY=test python your_script.py  (Ctrl-C stops)",
            flush=True,
        )
        try:
            threading.Event().wait()  # the server runs in its own thread
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
