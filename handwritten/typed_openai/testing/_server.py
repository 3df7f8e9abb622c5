"""`MockServer`: a real HTTP/1.1 server on 127.0.0.1 in a background thread."""

from __future__ import annotations

import http.server
import json
import socket
import socketserver
import struct
import sys
import threading
import time
from collections.abc import Sequence
from types import TracebackType
from typing import Any, Self

from ._api_demo import DEMO_CHAT_ANSWER, install_api_demo
from ._demo import DEMO_ANSWER, install_assistants_demo
from ._dispatch import Dispatcher
from ._recording import Headers, RecordedError, RecordedRequest
from ._responses import Responder
from ._routing import Route, strip_api_prefix
from ._wire import send

__all__ = ["MockServer"]

# How long stop() waits for handler threads; they are daemons, so a responder
# function that never returns cannot hang the test run.
_JOIN_SECONDS = 2.0


class MockServer:
    """A local mock of the OpenAI API speaking real HTTP/1.1 and real SSE.

    Use it as a context manager, or call `start()` and `stop()`::

        with MockServer() as server:
            server.route("POST", "/threads/{thread_id}/runs", JSONResponse(run_object()))
            client = OpenAI(base_url=server.base_url, api_key="test")

    Requests are recorded (`requests`) before any byte of the answer is sent. An
    exception while answering becomes a 500 whose message holds the traceback, and is
    kept in `errors`. Unmatched requests get a 404 in the OpenAI error shape; a body
    declared as JSON or multipart that does not parse gets a 400.
    """

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, verbose: bool = False) -> None:
        self._address = (host, port)
        self._verbose = verbose
        self._dispatcher = Dispatcher()
        self._stopping = threading.Event()
        self._httpd: _TCPServer | None = None
        self._thread: threading.Thread | None = None

    @classmethod
    def with_assistants_demo(
        cls,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        verbose: bool = False,
        answer: str = DEMO_ANSWER,
        require_beta_header: bool = True,
    ) -> Self:
        """A server (not yet started) with the demo Assistants routes installed.

        See `install_assistants_demo`; routes added later take precedence over them.
        """
        server = cls(host=host, port=port, verbose=verbose)
        install_assistants_demo(server, answer=answer, require_beta_header=require_beta_header)
        return server

    @classmethod
    def with_api_demo(
        cls,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        verbose: bool = False,
        answer: str = DEMO_ANSWER,
        chat_answer: str = DEMO_CHAT_ANSWER,
    ) -> Self:
        """A server (not yet started) with every demo route: the Assistants demo, and
        chat, responses, embeddings, files, vector stores, models and moderations (see
        `install_api_demo`); routes added later take precedence over them."""
        server = cls.with_assistants_demo(host=host, port=port, verbose=verbose, answer=answer)
        install_api_demo(server, answer=chat_answer)
        return server

    # -- lifecycle ---------------------------------------------------------------

    def start(self) -> Self:
        if self._httpd is not None:
            raise RuntimeError("this MockServer was already started; make a new one")
        self._httpd = _TCPServer(self._address, self._dispatcher, self._stopping, verbose=self._verbose)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.01},  # shutdown() waits up to one poll interval
            name=f"MockServer:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close every open connection (streams too), join the threads."""
        httpd, thread = self._httpd, self._thread
        if httpd is None or thread is None or self._stopping.is_set():
            return
        self._stopping.set()  # wakes stalls, stream delays and gates
        httpd.shutdown()
        handlers = httpd.close_connections()
        deadline = time.monotonic() + _JOIN_SECONDS
        for handler in handlers:
            handler.join(max(0.0, deadline - time.monotonic()))
        httpd.server_close()
        thread.join()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the MockServer is not started: call start() or use it in a with block")
        port: int = self._httpd.server_address[1]
        return port

    @property
    def url(self) -> str:
        """The server's root, `http://127.0.0.1:PORT`."""
        return f"http://{self._address[0]}:{self.port}"

    @property
    def base_url(self) -> str:
        """What to give a client as its base URL: `http://127.0.0.1:PORT/v1`."""
        return self.url + "/v1"

    # -- routes and records ------------------------------------------------------

    def route(self, method: str, path: str, responder: Responder) -> Route:
        """Answer `method path` with `responder`; `path` may hold `{name}` placeholders.

        The `/v1` prefix is optional. A list of responses answers successive calls, the
        last one repeating. Routing the same method and path again replaces the route.
        """
        return self._dispatcher.route(method, path, responder)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first (a copy)."""
        return self._dispatcher.requests

    @property
    def errors(self) -> list[RecordedError]:
        """Every exception raised while answering, oldest first (a copy)."""
        return self._dispatcher.errors


class _BadBody(Exception):
    pass


class _Handler(http.server.BaseHTTPRequestHandler):
    """One connection; keep-alive, so possibly several requests."""

    protocol_version = "HTTP/1.1"
    server_version = "typed-openai-mock/1"
    _head_sent = False

    @property
    def _tcp(self) -> _TCPServer:
        # Narrowed here rather than by re-annotating `server` (a mutable base attribute).
        server = self.server
        assert isinstance(server, _TCPServer)
        return server

    def setup(self) -> None:
        super().setup()
        # Head and body go out in separate writes; without NODELAY, Nagle's algorithm
        # and the client's delayed ACK add ~40 ms to every response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET

    def _dispatch(self) -> None:
        dispatcher = self._tcp.dispatcher
        try:
            body = self._read_body()
        except _BadBody as exc:
            self.send_error(400, str(exc))
            return
        path, _, query = self.path.partition("?")
        request = RecordedRequest(
            method=self.command,
            path=strip_api_prefix(path),
            target=self.path,
            query_string=query,
            headers=Headers(self.headers.items()),
            body=body,
        )
        self._head_sent = False
        response = dispatcher.answer(request)
        try:
            send(self, response)
        except OSError:
            self.close_connection = True  # the client went away, or we are stopping
        except Exception as exc:
            failure = dispatcher.record_error(request, exc)
            try:
                if self._head_sent:
                    self.drop()  # too late for a 500: the status line is out
                else:
                    send(self, failure)
            except OSError:
                self.close_connection = True

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        if not length.strip().isdigit():
            raise _BadBody(f"invalid Content-Length header {length!r}")
        body = self.rfile.read(int(length))
        if len(body) < int(length):
            raise _BadBody("the request body is shorter than its Content-Length")
        return body

    def _read_chunked(self) -> bytes:
        parts: list[bytes] = []
        while True:
            size_line = self.rfile.readline(65537).split(b";")[0].strip()
            try:
                size = int(size_line, 16)
            except ValueError:
                raise _BadBody(f"invalid chunk size line {size_line!r}") from None
            if size == 0:
                # Skip trailers up to the blank line that ends the body.
                while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(parts)
            parts.append(self.rfile.read(size))
            self.rfile.readline(65537)

    # -- the Connection protocol used by _wire.send ----------------------------------

    @property
    def stopping(self) -> bool:
        return self._tcp.stop_event.is_set()

    def send_head(self, status: int, headers: Sequence[tuple[str, str]]) -> None:
        self.send_response(status)
        if not any(name.lower() == "x-request-id" for name, _ in headers):
            self.send_header("x-request-id", self._tcp.dispatcher.next_request_id())
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self._head_sent = True

    def write(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def drop(self, *, reset: bool = False) -> None:
        self.close_connection = True
        try:
            if reset:
                # Linger 0: close() sends RST instead of FIN.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
            else:
                self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already gone

    def wait(self, seconds: float) -> bool:
        return self._tcp.stop_event.wait(seconds)

    # -- BaseHTTPRequestHandler hooks ------------------------------------------------

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Protocol-level errors (bad request line, unknown method) in the OpenAI shape too.
        reason = message or self.responses.get(code, ("Error", ""))[0]
        body = json.dumps(
            {"error": {"message": reason, "type": "invalid_request_error", "param": None, "code": None}}
        ).encode()
        self.close_connection = True
        if self.request_version == "HTTP/0.9":
            # The stdlib answers an unparsable request line the HTTP/0.9 way, with no
            # status line; no client speaks 0.9 any more, so answer in 1.1.
            self.request_version = self.protocol_version
        try:
            self.send_response(code)  # the standard reason phrase: `message` may not be latin-1
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, format: str, *args: Any) -> None:
        if self._tcp.verbose:
            sys.stderr.write(f"[mock] {self.address_string()} {format % args}\n")


class _TCPServer(socketserver.TCPServer):
    """Thread per connection, with every open socket tracked so stop() can close it.

    Not http.server.HTTPServer: its server_bind() does a reverse DNS lookup.
    """

    request_queue_size = 128

    def __init__(
        self, address: tuple[str, int], dispatcher: Dispatcher, stop_event: threading.Event, *, verbose: bool
    ) -> None:
        self.dispatcher = dispatcher
        self.stop_event = stop_event
        self.verbose = verbose
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._threads: set[threading.Thread] = set()
        self._closing = False
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        # Runs in the serve_forever thread, so after shutdown() returns every accepted
        # socket is tracked (registering in the handler thread would race with stop()).
        thread = threading.Thread(
            target=self._serve_connection,
            args=(request, client_address),
            name=f"MockServer:{self.server_address[1]} connection",
            daemon=True,
        )
        with self._lock:
            if self._closing:
                self.shutdown_request(request)
                return
            self._sockets.add(request)
            self._threads.add(thread)
        thread.start()

    def _serve_connection(self, request: socket.socket, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            with self._lock:
                self._sockets.discard(request)
                self._threads.discard(threading.current_thread())

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if exc is None or isinstance(exc, ConnectionError) or (isinstance(exc, OSError) and self._closing):
            return  # the client hung up, or stop() closed the socket: nothing to report
        self.dispatcher.record_error(None, exc)

    def close_connections(self) -> list[threading.Thread]:
        """Shut every open socket (waking handlers blocked on it); return the handlers."""
        with self._lock:
            self._closing = True
            sockets, threads = list(self._sockets), list(self._threads)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        return threads
