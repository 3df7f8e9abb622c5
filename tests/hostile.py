"""A hostile HTTP server on 127.0.0.1, written on raw sockets (not the project's mock):
each connection is handed to a script that decides byte by byte what the client gets.

    def script(conn: HostileConnection) -> None:
        conn.read_request()
        conn.trickle(b"HTTP/1.1 200 OK\\r\\ncontent-length: 100\\r\\n\\r\\n", every=0.2)

    with HostileServer(script) as server:
        OpenAI(api_key="sk-test", base_url=server.base_url) ...

A script stops writing as soon as the server is stopping, so a test never waits for a
trickle to finish.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Self

__all__ = ["HostileConnection", "HostileServer", "http_response"]


class HostileConnection:
    def __init__(self, sock: socket.socket, stopping: threading.Event) -> None:
        self.sock = sock
        self._stopping = stopping
        self._buffer = b""

    def read_request(self) -> bytes:
        """One whole request (headers and a content-length body); b"" if the peer left."""
        while b"\r\n\r\n" not in self._buffer:
            if not self._recv():
                return b""
        head, _, rest = self._buffer.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(rest) < length:
            if not self._recv():
                return b""
            rest = self._buffer.partition(b"\r\n\r\n")[2]
        self._buffer = rest[length:]
        return head + b"\r\n\r\n" + rest[:length]

    def _recv(self) -> bool:
        try:
            data = self.sock.recv(65536)
        except OSError:
            return False
        self._buffer += data
        return bool(data)

    def send(self, data: bytes) -> bool:
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        return True

    def trickle(self, data: bytes, *, every: float) -> bool:
        """Send `data` one byte at a time, `every` seconds apart; False once stopped."""
        for index in range(len(data)):
            if self._stopping.wait(every) or not self.send(data[index : index + 1]):
                return False
        return True

    def wait(self, seconds: float) -> bool:
        """Sleep; False if the server is stopping."""
        return not self._stopping.wait(seconds)


def http_response(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> bytes:
    fields = {"content-type": "application/json", "content-length": str(len(body)), **(headers or {})}
    head = "".join(f"{name}: {value}\r\n" for name, value in fields.items())
    return f"HTTP/1.1 {status} X\r\n{head}\r\n".encode() + body


class HostileServer:
    def __init__(self, script: Callable[[HostileConnection], None]) -> None:
        self._script = script
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)  # accept() wakes to see that the server is stopping
        self._threads: list[threading.Thread] = []
        self._connections: list[socket.socket] = []
        self.connections = 0
        port = self._listener.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{port}/v1"

    def __enter__(self) -> Self:
        accept = threading.Thread(target=self._accept, daemon=True)
        accept.start()
        self._threads.append(accept)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._stopping.set()
        for thread in self._threads[:1]:  # the accept loop, before its socket closes
            thread.join(2.0)
        self._listener.close()
        for sock in list(self._connections):
            try:
                sock.close()
            except OSError:
                pass
        for thread in self._threads:
            thread.join(2.0)

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            sock.settimeout(None)
            self.connections += 1
            self._connections.append(sock)
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, sock: socket.socket) -> None:
        try:
            self._script(HostileConnection(sock, self._stopping))
        finally:
            try:
                sock.close()
            except OSError:
                pass
