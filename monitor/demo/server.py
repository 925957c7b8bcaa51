"""The embedded replay server: serves the demo's pages on 127.0.0.1 from a background thread.

Pages are replaced while the server runs (`publish`). Each body has a strong ETag, and a request whose
If-None-Match names the current one gets `304 Not Modified`, so the daemon's conditional GETs behave as they would
against a real site between revisions.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Resource:
    """A page as served: body, content type and ETag."""

    body: bytes
    content_type: str
    etag: str


@dataclass
class ServerStats:
    """What the server answered, for the demo's closing summary."""

    ok: int = 0
    not_modified: int = 0
    not_found: int = 0


def make_etag(body: bytes) -> str:
    """A strong validator derived from the bytes, so identical content always gets the same ETag."""
    return '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


def etag_matches(header: str | None, etag: str) -> bool:
    """Does an If-None-Match header name `etag`? (weak comparison, as RFC 9110 asks for If-None-Match)."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in header.split(","))


class ReplayServer:
    """A ThreadingHTTPServer on a free loopback port whose pages can be swapped while it runs."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._pages: dict[str, Resource] = {}
        self._lock = threading.Lock()
        self.stats = ServerStats()
        self._httpd = ThreadingHTTPServer((host, 0), self._handler_class())
        # Handler threads must not keep the process alive if a request hangs at exit.
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT` of the running server."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        """The absolute URL of `path` on this server."""
        return self.base_url + path

    def publish(self, path: str, body: str | bytes, content_type: str = HTML) -> None:
        """Serve `body` at `path` from now on (a new ETag when the bytes change)."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._pages[path] = Resource(data, content_type, make_etag(data))

    def get(self, path: str) -> Resource | None:
        """The resource currently served at `path`."""
        with self._lock:
            return self._pages.get(path)

    def start(self) -> ReplayServer:
        """Serve in a background thread."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                            name="tallywatch-demo-server", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close the socket and join the thread (idempotent)."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def _count(self, status: int) -> None:
        with self._lock:
            if status == HTTPStatus.OK:
                self.stats.ok += 1
            elif status == HTTPStatus.NOT_MODIFIED:
                self.stats.not_modified += 1
            else:
                self.stats.not_found += 1

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like the sites the daemon normally polls
            server_version = "tallywatch-demo"

            def do_GET(self) -> None:
                self._respond(head=False)

            def do_HEAD(self) -> None:
                self._respond(head=True)

            def _respond(self, *, head: bool) -> None:
                page = server.get(self.path.split("?", 1)[0])
                if page is None:
                    body = b"not found\n"
                    self._send(HTTPStatus.NOT_FOUND, body, "text/plain; charset=utf-8", None, head)
                elif etag_matches(self.headers.get("If-None-Match"), page.etag):
                    self._send(HTTPStatus.NOT_MODIFIED, b"", None, page.etag, head=True)
                else:
                    self._send(HTTPStatus.OK, page.body, page.content_type, page.etag, head)

            def _send(self, status: HTTPStatus, body: bytes, content_type: str | None, etag: str | None,
                      head: bool) -> None:
                server._count(status)
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                if etag:
                    self.send_header("ETag", etag)
                self.send_header("Cache-Control", "no-cache")
                if status != HTTPStatus.NOT_MODIFIED:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # the demo's output is the alerts; request logs would drown them

        return Handler
