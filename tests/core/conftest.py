"""A scripted HTTP server on 127.0.0.1 for the runtime tests.

Tests queue replies (`server.reply(...)`) or install a `server.handler`; every request
the server receives is recorded in `server.requests`.
"""

from __future__ import annotations

import json as jsonlib
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest

from typed_openai._core import AsyncAPIClient, ClientIdentity, HeaderOption, SyncAPIClient

# The runtime knows no API: these tests drive it as a generated OpenAI client does, with
# the identity the generator writes for OpenAI (base URL, bearer key, `OPENAI_*` variables).
OPENAI_LIKE = ClientIdentity(
    base_url="https://api.openai.com/v1",
    base_url_env="OPENAI_BASE_URL",
    api_key_env="OPENAI_API_KEY",
    admin_api_key_env="OPENAI_ADMIN_KEY",
    organization=HeaderOption("OpenAI-Organization", "OPENAI_ORG_ID"),
    project=HeaderOption("OpenAI-Project", "OPENAI_PROJECT_ID"),
    platform_headers=True,
)


class OpenAILikeClient(SyncAPIClient):
    _identity = OPENAI_LIKE


class AsyncOpenAILikeClient(AsyncAPIClient):
    _identity = OPENAI_LIKE


@pytest.fixture
def client_cls() -> type[SyncAPIClient]:
    return OpenAILikeClient

API_KEY = "sk-test-SECRET-key-1234567890"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict[str, str])
    chunks: list[bytes] | None = (
        None  # sent one by one, flushed, then the connection closes
    )
    stall: float = 0.0  # seconds to wait before answering (for timeouts)
    truncate: bool = False  # announce more body than is sent, then hang up


@dataclass
class Recorded:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]  # lower-cased names
    body: bytes

    def json(self) -> object:
        return jsonlib.loads(self.body)


class MockServer:
    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.requests: list[Recorded] = []
        self.handler: Callable[[Recorded], Reply] | None = None
        self.release = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self.port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.01,), daemon=True
        )
        self._thread.start()

    def reply(
        self,
        status: int = 200,
        json: object = None,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        chunks: list[bytes] | None = None,
        stall: float = 0.0,
        truncate: bool = False,
    ) -> None:
        """Queue the reply to the next request."""
        self.replies.append(
            self.build(
                status,
                json,
                body=body,
                headers=headers,
                chunks=chunks,
                stall=stall,
                truncate=truncate,
            )
        )

    @staticmethod
    def build(
        status: int = 200,
        json: object = None,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        chunks: list[bytes] | None = None,
        stall: float = 0.0,
        truncate: bool = False,
    ) -> Reply:
        """A reply, e.g. for a `handler` to return."""
        hdrs = dict(headers or {})
        if body is None:
            body = b"" if json is None else jsonlib.dumps(json).encode()
            if json is not None:
                hdrs.setdefault("Content-Type", "application/json")
        return Reply(status, body, hdrs, chunks, stall, truncate)

    def sse(self, chunks: list[bytes] | bytes, status: int = 200) -> None:
        pieces = [chunks] if isinstance(chunks, bytes) else chunks
        self.reply(status, headers={"Content-Type": "text/event-stream"}, chunks=pieces)

    def next_reply(self, recorded: Recorded) -> Reply:
        if self.replies:
            return self.replies.popleft()
        if self.handler is not None:
            return self.handler(recorded)
        return Reply(599, b'{"error": {"message": "no scripted reply"}}')

    def stop(self) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()


def _make_handler(server: MockServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            recorded = Recorded(
                method=self.command,
                path=parts.path,
                query=parse_qsl(parts.query, keep_blank_values=True),
                headers={k.lower(): v for k, v in self.headers.items()},
                body=body,
            )
            server.requests.append(recorded)
            reply = server.next_reply(recorded)
            if reply.stall:
                server.release.wait(reply.stall)
            try:
                self._send(reply)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (timeout tests)

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            for key, value in reply.headers.items():
                self.send_header(key, value)
            if reply.chunks is not None:
                self.send_header("Connection", "close")
                self.end_headers()
                for chunk in reply.chunks:
                    self.wfile.write(chunk)
                    self.wfile.flush()
                self.close_connection = True
                return
            announced = len(reply.body) + (100 if reply.truncate else 0)
            self.send_header("Content-Length", str(announced))
            if reply.truncate:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(reply.body)
            self.wfile.flush()
            if reply.truncate:
                self.close_connection = True

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

    return Handler


@pytest.fixture
def server() -> Iterator[MockServer]:
    srv = MockServer()
    yield srv
    srv.stop()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class SleepRecorder:
    """Stands in for time.sleep / anyio.sleep: records delays, never waits."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)

    async def asleep(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "OPENAI_ORG_ID",
        "OPENAI_PROJECT_ID",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def api_key() -> str:
    return API_KEY


@pytest.fixture
def client(server: MockServer, sleeps: SleepRecorder) -> Iterator[SyncAPIClient]:
    c = OpenAILikeClient(api_key=API_KEY, base_url=server.url)
    c._sleep = sleeps
    c._random = lambda: 0.0
    yield c
    c.close()


@pytest.fixture
async def aclient(
    server: MockServer, sleeps: SleepRecorder
) -> AsyncIterator[AsyncAPIClient]:
    c = AsyncOpenAILikeClient(api_key=API_KEY, base_url=server.url)
    c._sleep = sleeps.asleep
    c._random = lambda: 0.0
    yield c
    await c.aclose()
