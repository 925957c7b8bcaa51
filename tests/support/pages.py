"""A real HTTP page server on 127.0.0.1 whose pages tests change between checks.

    with PageServer() as site:
        site.set("/report", "<html>…</html>")          # ETag derived from the body unless validators=False
        url = site.url("/report")
        site.set("/report", new_html)
        site.fail("/report", 404)                       # or 500, or site.delay("/report", 5.0)

Conditional GET is honoured (If-None-Match → 304) so tests can see `not_modified` checks.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.loopback import LoopbackServer


@dataclass
class _Page:
    body: bytes
    content_type: str
    status: int = 200
    delay: float = 0.0
    validators: bool = True
    headers: dict[str, str] | None = None


class PageServer(LoopbackServer):
    """Serves mutable pages; records the paths requested."""

    def __init__(self) -> None:
        super().__init__()
        self._pages: dict[str, _Page] = {}
        self._lock = threading.Lock()
        self.requests: list[tuple[str, dict[str, str]]] = []

    def set(self, path: str, body: str | bytes, *, content_type: str = "text/html; charset=utf-8",
            validators: bool = True, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._pages[path] = _Page(data, content_type, validators=validators, headers=headers)

    def fail(self, path: str, status: int, body: str = "error", headers: dict[str, str] | None = None) -> None:
        with self._lock:
            self._pages[path] = _Page(body.encode(), "text/plain", status=status, validators=False,
                                      headers=headers)

    def delay(self, path: str, seconds: float) -> None:
        with self._lock:
            self._pages[path].delay = seconds

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for p, _ in self.requests if p == path)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                with owner._lock:
                    owner.requests.append((path, dict(self.headers.items())))
                    page = owner._pages.get(path)
                if page is None:
                    self._send(404, b"not found", "text/plain", {})
                    return
                if page.delay:
                    time.sleep(page.delay)
                headers = dict(page.headers or {})
                if page.validators and page.status == 200:
                    etag = '"' + hashlib.sha256(page.body).hexdigest()[:16] + '"'
                    headers["ETag"] = etag
                    if self.headers.get("If-None-Match") == etag:
                        self._send(304, b"", None, headers)
                        return
                self._send(page.status, page.body, page.content_type, headers)

            def _send(self, status: int, body: bytes, ctype: str | None, headers: dict[str, str]) -> None:
                try:
                    self.send_response(status)
                    if ctype:
                        self.send_header("Content-Type", ctype)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler
