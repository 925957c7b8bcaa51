"""A recording HTTP endpoint on 127.0.0.1 for tests: a stand-in for Slack, webhooks, or any site.

    from tests.support.http_endpoint import HttpEndpoint, Reply

    with HttpEndpoint() as ep:                      # free port, background thread
        ep.script(500, 500, 200)                    # answers in order, then the default (200 "ok")
        ep.script(Reply(429, headers={"Retry-After": "7"}))
        ... POST to ep.url("/hooks/abc") ...
        ep.requests[0].json()                       # what arrived: method, path, headers, body
        ep.refuse()                                 # close the port: connections are refused
        ep.accept()                                 # listen again on the same port

Or use the `http_endpoint` fixture from `tests.support.fixtures`.

Answers are consumed in the order requests arrive (one queue for all paths). A reply may also be a callable
`(RecordedRequest) -> Reply` for anything the script form cannot say. Everything is thread-safe.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.loopback import LoopbackServer

__all__ = ["HttpEndpoint", "RecordedRequest", "Reply"]


@dataclass(frozen=True)
class RecordedRequest:
    """One request as received."""

    method: str
    path: str  # with the query string, as sent: "/hooks/abc?x=1"
    headers: dict[str, str]  # names lower-cased
    body: bytes
    at: float = 0.0  # time.monotonic() on arrival

    def header(self, name: str, default: str | None = None) -> str | None:
        """A header value by case-insensitive name."""
        return self.headers.get(name.lower(), default)

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)

    @property
    def text(self) -> str:
        """The body decoded as UTF-8."""
        return self.body.decode("utf-8", "replace")


@dataclass
class Reply:
    """One scripted answer. `body` may be str/bytes, or a dict/list (sent as JSON)."""

    status: int = 200
    body: str | bytes | dict[str, Any] | list[Any] = "ok"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (for timeout tests)

    def encoded(self) -> tuple[bytes, dict[str, str]]:
        """The body bytes and headers (with a Content-Type when none was given)."""
        headers = dict(self.headers)
        if isinstance(self.body, dict | list):
            data = json.dumps(self.body).encode()
            headers.setdefault("Content-Type", "application/json")
        elif isinstance(self.body, str):
            data = self.body.encode()
            headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        else:
            data = self.body
        return data, headers


ReplySpec = int | Reply | tuple[int, str | bytes] | Callable[[RecordedRequest], Reply]


def _as_reply(spec: ReplySpec, request: RecordedRequest) -> Reply:
    if isinstance(spec, Reply):
        return spec
    if isinstance(spec, int):
        return Reply(spec, body="ok" if spec < 400 else f"status {spec}")
    if isinstance(spec, tuple):
        return Reply(spec[0], body=spec[1])
    return spec(request)


class HttpEndpoint(LoopbackServer):
    """A threaded HTTP server on loopback that records requests and answers from a script."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, default: ReplySpec = 200) -> None:
        super().__init__(host, port)
        self.default: ReplySpec = default
        self._script: deque[ReplySpec] = deque()
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)

    # --- lifecycle (start, stop, port, url: LoopbackServer) -------------------------------------------------

    def refuse(self) -> None:
        """Refuse connections from now on (the port stays reserved for `accept`)."""
        self.stop()

    def accept(self) -> None:
        """Listen again on the same port after `refuse`/`stop`."""
        self.start()

    # --- script and records --------------------------------------------------------------------------------

    def script(self, *replies: ReplySpec) -> HttpEndpoint:
        """Queue answers for the next requests: ints (status), `Reply`s, `(status, body)`, or callables."""
        with self._lock:
            self._script.extend(replies)
        return self

    def reset(self) -> None:
        """Forget recorded requests and queued answers."""
        with self._lock:
            self._script.clear()
            self._requests.clear()

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of the requests received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    @property
    def last(self) -> RecordedRequest:
        """The most recent request (AssertionError when none arrived)."""
        reqs = self.requests
        assert reqs, "no request reached the endpoint"
        return reqs[-1]

    def wait_for(self, count: int, timeout: float = 5.0) -> list[RecordedRequest]:
        """Block until at least `count` requests arrived (AssertionError after `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self._requests) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} request(s), got {len(self._requests)}")
                self._arrived.wait(remaining)
            return list(self._requests)

    # --- serving -------------------------------------------------------------------------------------------

    def _record_and_answer(self, request: RecordedRequest) -> Reply:
        with self._arrived:
            self._requests.append(request)
            spec = self._script.popleft() if self._script else self.default
            self._arrived.notify_all()
        return _as_reply(spec, request)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = RecordedRequest(
                    method=self.command,
                    path=self.path,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                    at=time.monotonic(),
                )
                reply = endpoint._record_and_answer(request)
                if reply.delay:
                    time.sleep(reply.delay)
                data, headers = reply.encoded()
                try:
                    self.send_response(reply.status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

        return Handler
