"""A fault-injecting HTTP server on 127.0.0.1: every way a report page can break, on demand.

    with FaultServer() as faults:
        faults.page("/report", article())                  # a healthy page (ETag from the body, 304 on match)
        faults.fault("/report", "consent")                 # the same URL now serves a cookie wall with 200
        faults.fault("/report", "rate_limited", retry_after=7)
        faults.evolving("/live/3", seed=3, period=5.0)     # an article whose figures move every 5 s

Modes (`FAULT_MODES`): slow_headers, slow_body, reset, rate_limited, server_error, redirect_loop, huge,
huge_declared, gzip_bomb, wrong_charset, missing_charset, binary, empty, truncated, truncated_transfer,
error_page, consent, paywall. Big bodies (a 1 GB stream, a gzip bomb of 1 GB) are generated while they are sent
and never held in memory; `sent_bytes(path)` says how much actually went out before the client hung up, which is
how a test proves the client stopped early.

Slow modes sleep on an event that `stop()` sets, so shutting the server down never waits for a drip to finish.
The server is the test's own code: it imports only the standard library, the test article helper and the loopback
server base, so the soak script can use it outside pytest.
"""

from __future__ import annotations

import hashlib
import socket
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any, Self
from urllib.parse import urlsplit

from tests.support.articles import BASE_PARAGRAPHS, article
from tests.support.loopback import LoopbackServer, QuietHTTPServer

__all__ = ["FAULT_MODES", "FaultServer", "ServedRequest", "accented_article", "evolving_article", "gzip_bomb_stream"]

GIB = 1 << 30

FAULT_MODES = (
    "slow_headers", "slow_body", "reset", "rate_limited", "server_error", "redirect_loop", "huge", "huge_declared",
    "gzip_bomb", "wrong_charset", "missing_charset", "binary", "empty", "truncated", "truncated_transfer",
    "error_page", "consent", "paywall",
)

# The article in the legacy encoding the charset modes serve: non-ASCII letters whose cp1252 bytes are not UTF-8.
_ACCENTED = ("Le ministère de la Santé a déclaré que le bilan s'élève à au moins 249 morts, dont 17 enfants, et "
             "553 blessés depuis le début des bombardements dans la région orientale du pays.")

# Pages that replace an article and are served with 200: what a scraper really meets instead of the report.
_ERROR_PAGE = """<!doctype html><html><head><title>Something went wrong</title></head><body>
<header><nav><a href="/">Home</a></nav></header><main><h1>Sorry, something went wrong</h1>
<p>We are having trouble loading this page. Please try again later.</p></main>
<footer><p>© 2026 Example News</p></footer></body></html>"""

_CONSENT_WALL = """<!doctype html><html><head><title>Before you continue</title></head><body>
<div class="consent-wall" role="dialog"><h1>We value your privacy</h1>
<p>We and our 843 partners use cookies and similar technologies to store and access information on your device,
to measure audiences and to show you personalised content and advertising. Click accept to agree, or manage your
choices at any time in the privacy centre.</p>
<button>Accept all</button> <button>Reject all</button> <a href="/privacy">Manage choices</a></div>
</body></html>"""

_PAYWALL = """<!doctype html><html><head><title>Shelling toll rises in the east</title></head><body>
<header><nav><a href="/">Home</a></nav></header><main><article><h1>Shelling toll rises in the east</h1>
<p>Officials in the eastern province said on Tuesday that ...</p>
<div class="paywall"><h2>Subscribe to keep reading</h2><p>This article is for subscribers. Subscribe now for
unlimited access to our journalism.</p><a href="/subscribe">Subscribe</a></div></article></main></body></html>"""

# Bytes that are no page: a PNG signature and header chunk, then bytes of every value (NULs included).
_BINARY = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
           + bytes(range(256)) * 40)


@dataclass(frozen=True)
class ServedRequest:
    """One request as the fault server saw it."""

    path: str
    at: float  # time.monotonic() on arrival
    headers: dict[str, str]


@dataclass
class _Route:
    mode: str  # "page", "evolving" or one of FAULT_MODES
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    params: dict[str, Any] = field(default_factory=dict)


def evolving_article(seed: int, step: int) -> str:
    """Revision `step` of article `seed`: every revision moves the headline toll, so every new one is a change."""
    killed = 100 + seed * 13 + step * 7
    injured = 400 + seed * 5 + step * 11
    first = (f"Officials in the eastern province said that at least {killed} people had been killed, including "
             f"{10 + seed % 9} children, and {injured} injured since the shelling began.")
    return article([first, *BASE_PARAGRAPHS[1:]], title=f"Shelling toll report {seed}")


def gzip_bomb_stream(decompressed: int = GIB, block: int = 1 << 20) -> Iterator[bytes]:
    """A gzip stream of `decompressed` zero-ish bytes in ~1/1000 of the size, made as it is sent.

    Compressing a gigabyte takes ~15 s of CPU, so one block is compressed once with a full flush (which resets the
    compressor's history) and its identical output repeated; only the trailer (CRC-32 and size) depends on the
    whole stream, and it is computed last, only if a client reads that far.
    """
    data = b"<p>" + b"0" * (block - 7) + b"</p>"
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = comp.compress(data) + comp.flush(zlib.Z_FULL_FLUSH)
    repeat = comp.compress(data) + comp.flush(zlib.Z_FULL_FLUSH)
    blocks = max(2, decompressed // block)
    yield first
    for _ in range(blocks - 2):
        yield repeat
    tail = comp.compress(data) + comp.flush()
    yield tail


class _BusyServer(QuietHTTPServer):
    request_queue_size = 256  # hundreds of watches may connect at once


class FaultServer(LoopbackServer):
    """A threaded HTTP/1.1 server whose routes are healthy pages, evolving articles or faults."""

    server_class = _BusyServer

    def __init__(self, *, slow_step: float = 0.25) -> None:
        super().__init__()
        self._routes: dict[str, _Route] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._sent: dict[str, int] = {}
        self.requests: list[ServedRequest] = []
        self.slow_step = slow_step  # seconds between bytes of a slow body
        self._started = time.monotonic()

    # --- lifecycle (the rest is LoopbackServer's) ----------------------------------------------------------

    def start(self) -> Self:
        """Listen on a free loopback port and serve in a background thread."""
        self._stopping.clear()
        return super().start()

    def stop(self) -> None:
        """Stop serving; slow responses in progress give up at once."""
        self._stopping.set()
        super().stop()

    # --- routes --------------------------------------------------------------------------------------------

    def page(self, path: str, body: str | bytes, *, content_type: str = "text/html; charset=utf-8") -> None:
        """Serve a healthy page (with an ETag, so conditional GETs get 304)."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._routes[path] = _Route("page", data, content_type)

    def evolving(self, path: str, *, seed: int, period: float, start_step: int = 0) -> None:
        """Serve `evolving_article(seed, step)` where step grows by one every `period` seconds from now."""
        with self._lock:
            self._routes[path] = _Route("evolving", params={"seed": seed, "period": period,
                                                             "t0": time.monotonic(), "start": start_step})

    def freeze(self) -> None:
        """Stop every evolving article at its current revision (it becomes a healthy page)."""
        now = time.monotonic()
        with self._lock:
            for path, route in self._routes.items():
                if route.mode == "evolving":
                    p = route.params
                    step = p["start"] + int((now - p["t0"]) / p["period"])
                    self._routes[path] = _Route("page", evolving_article(p["seed"], step).encode())

    def fault(self, path: str, mode: str, **params: Any) -> None:
        """Serve fault `mode` at `path`; params: delay (slow modes), retry_after, status, size."""
        if mode not in FAULT_MODES:
            raise ValueError(f"unknown fault mode {mode!r} (one of {', '.join(FAULT_MODES)})")
        with self._lock:
            self._routes[path] = _Route(mode, params=params)

    def hits(self, path: str) -> list[ServedRequest]:
        """The requests that asked for `path`, oldest first."""
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def sent_bytes(self, path: str) -> int:
        """Body bytes written for `path` so far (over all requests): how far a big body got before the hang-up."""
        with self._lock:
            return self._sent.get(path, 0)

    # --- serving -------------------------------------------------------------------------------------------

    def _count(self, path: str, n: int) -> None:
        with self._lock:
            self._sent[path] = self._sent.get(path, 0) + n

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in separate writes; with Nagle's algorithm the second waits for the
            # client's delayed ACK, adding ~40 ms to every response.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                with owner._lock:
                    owner.requests.append(ServedRequest(path, time.monotonic(), dict(self.headers.items())))
                    route = owner._routes.get(path)
                try:
                    if route is None:
                        self._reply(404, b"not found", "text/plain")
                    else:
                        getattr(self, f"_serve_{route.mode}")(path, route)
                except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
                    self.close_connection = True  # the client gave up: that is what a cap or timeout does

            # -- plumbing
            def _reply(self, status: int, body: bytes, content_type: str | None,
                       headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def _page(self, body: bytes, content_type: str) -> None:
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self._reply(304, b"", None, {"ETag": etag})
                else:
                    self._reply(200, body, content_type, {"ETag": etag})

            def _chunked(self, path: str, status: int, headers: dict[str, str], chunks: Iterator[bytes]) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for chunk in chunks:
                    if owner._stopping.is_set():
                        break
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    owner._count(path, len(chunk))
                self.wfile.write(b"0\r\n\r\n")

            def _sleep(self, seconds: float) -> bool:
                """Sleep unless the server stops; False when it did."""
                return not owner._stopping.wait(seconds)

            def _rst(self) -> None:
                # SO_LINGER with a zero timeout turns close() into a TCP RST: a reset, not a clean end.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True

            # -- healthy pages
            def _serve_page(self, path: str, route: _Route) -> None:
                self._page(route.body, route.content_type)

            def _serve_evolving(self, path: str, route: _Route) -> None:
                p = route.params
                step = p["start"] + int((time.monotonic() - p["t0"]) / p["period"])
                self._page(evolving_article(p["seed"], step).encode(), "text/html; charset=utf-8")

            # -- transport faults
            def _serve_slow_headers(self, path: str, route: _Route) -> None:
                if self._sleep(float(route.params.get("delay", 30.0))):
                    self._reply(200, article().encode(), "text/html; charset=utf-8")

            def _serve_slow_body(self, path: str, route: _Route) -> None:
                # Headers at once, then one byte per step: each read succeeds, only the total is too slow.
                body = article().encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                deadline = time.monotonic() + float(route.params.get("delay", 30.0))
                for i in range(len(body)):
                    if time.monotonic() > deadline:
                        self.wfile.write(body[i:])
                        return
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    owner._count(path, 1)
                    if not self._sleep(owner.slow_step):
                        return

            def _serve_reset(self, path: str, route: _Route) -> None:
                body = article().encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 3])
                self.wfile.flush()
                owner._count(path, len(body) // 3)
                time.sleep(0.05)  # let the client read the head of the body before the reset
                self._rst()

            def _serve_truncated_transfer(self, path: str, route: _Route) -> None:
                # Content-Length promises the whole article; half arrives, then a clean close (FIN, no RST).
                body = article().encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.close_connection = True

            # -- HTTP-level faults
            def _serve_rate_limited(self, path: str, route: _Route) -> None:
                retry = route.params.get("retry_after", 30)
                self._reply(429, b"Too Many Requests", "text/plain", {"Retry-After": str(retry)})

            def _serve_server_error(self, path: str, route: _Route) -> None:
                status = int(route.params.get("status", 503))
                body = f"<html><body><h1>{status} Server Error</h1></body></html>".encode()
                self._reply(status, body, "text/html; charset=utf-8")

            def _serve_redirect_loop(self, path: str, route: _Route) -> None:
                # /x → /x?hop=1 → /x?hop=2 → … forever; each hop looks new, so only the hop limit ends it.
                hop = int(self.path.rsplit("hop=", 1)[1]) if "hop=" in self.path else 0
                self._reply(302, b"", None, {"Location": f"{path}?hop={hop + 1}"})

            # -- size faults
            def _serve_huge(self, path: str, route: _Route) -> None:
                size = int(route.params.get("size", GIB))
                chunk = (b"<p>The toll rose again today, officials said, to 1234 people.</p>\n" * 1000)
                chunks = (chunk for _ in range(size // len(chunk)))
                self._chunked(path, 200, {"Content-Type": "text/html; charset=utf-8"}, chunks)

            def _serve_huge_declared(self, path: str, route: _Route) -> None:
                size = int(route.params.get("size", GIB))
                chunk = b"<p>" + b"x" * 65530 + b"</p>\n"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(size))
                self.end_headers()
                sent = 0
                while sent < size and not owner._stopping.is_set():
                    piece = chunk[: size - sent]
                    self.wfile.write(piece)
                    sent += len(piece)
                    owner._count(path, len(piece))

            def _serve_gzip_bomb(self, path: str, route: _Route) -> None:
                size = int(route.params.get("size", GIB))
                headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
                self._chunked(path, 200, headers, gzip_bomb_stream(size))

            # -- content faults
            def _serve_wrong_charset(self, path: str, route: _Route) -> None:
                # cp1252 bytes declared as UTF-8: every accented letter is an invalid UTF-8 sequence.
                body = article([_ACCENTED, *BASE_PARAGRAPHS[1:]]).replace('<meta charset="utf-8">', "")
                self._page(body.encode("cp1252"), "text/html; charset=utf-8")

            def _serve_missing_charset(self, path: str, route: _Route) -> None:
                body = article([_ACCENTED, *BASE_PARAGRAPHS[1:]]).replace('<meta charset="utf-8">', "")
                self._page(body.encode("cp1252"), "text/html")

            def _serve_binary(self, path: str, route: _Route) -> None:
                self._page(_BINARY, "text/html; charset=utf-8")

            def _serve_empty(self, path: str, route: _Route) -> None:
                self._reply(200, b"", "text/html; charset=utf-8")

            def _serve_truncated(self, path: str, route: _Route) -> None:
                # A complete HTTP message whose HTML stops after the first paragraph (a CDN cut, a bad deploy).
                body = article()
                cut = body.index("</p>") + 4
                self._page(body[:cut].encode(), "text/html; charset=utf-8")

            def _serve_error_page(self, path: str, route: _Route) -> None:
                self._page(_ERROR_PAGE.encode(), "text/html; charset=utf-8")

            def _serve_consent(self, path: str, route: _Route) -> None:
                self._page(_CONSENT_WALL.encode(), "text/html; charset=utf-8")

            def _serve_paywall(self, path: str, route: _Route) -> None:
                self._page(_PAYWALL.encode(), "text/html; charset=utf-8")

        return Handler


def accented_article() -> str:
    """The article the charset modes serve, as proper text (to compare what a decoder made of it)."""
    return article([_ACCENTED, *BASE_PARAGRAPHS[1:]])


# --------------------------------------------------------------------------------------------------- audit


@dataclass
class Audit:
    """What a run left in the database, checked against what reached the alert endpoint."""

    integrity: str = "ok"
    foreign_key_errors: int = 0
    watches: int = 0
    versions: int = 0
    suspects: int = 0
    number_gaps: list[str] = field(default_factory=list)  # watches whose versions are not 1..n
    figure_mismatches: list[int] = field(default_factory=list)  # versions whose figure_count != figure rows
    versions_without_change: list[int] = field(default_factory=list)
    alerts: int = 0
    alerts_by_status: dict[str, int] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)  # alert keys sent or pending that never reached the endpoint
    duplicated: dict[str, int] = field(default_factory=dict)  # keys that reached the endpoint more than once
    unknown: list[str] = field(default_factory=list)  # keys that reached the endpoint but are no alert row

    @property
    def consistent(self) -> bool:
        """The storage invariants hold (delivery is judged by the caller, who knows the at-least-once window)."""
        return (self.integrity == "ok" and not self.foreign_key_errors and not self.number_gaps
                and not self.figure_mismatches and not self.versions_without_change)


def audit(db_url: str, delivered_keys: list[str], *, notifier: str | None = None) -> Audit:
    """Check the storage invariants of a tallywatch database and match its alerts with the deliveries seen.

    `delivered_keys` is the Idempotency-Key of every request the endpoint received, repeats included; `notifier`
    limits the alerts compared with them to that channel.
    """
    import sqlalchemy as sa

    engine = sa.create_engine(db_url)
    out = Audit()
    try:
        with engine.connect() as conn:
            def rows(sql: str) -> list[Any]:
                return list(conn.execute(sa.text(sql)))

            if engine.dialect.name == "sqlite":
                out.integrity = "; ".join(str(r[0]) for r in rows("PRAGMA integrity_check"))
                out.foreign_key_errors = len(rows("PRAGMA foreign_key_check"))
            out.watches = rows("SELECT count(*) FROM watches")[0][0]
            out.versions = rows("SELECT count(*) FROM versions")[0][0]
            out.suspects = rows("SELECT count(*) FROM versions WHERE suspect")[0][0]
            out.number_gaps = [r[0] for r in rows(
                "SELECT w.name FROM watches w JOIN versions v ON v.watch_id = w.id GROUP BY w.id, w.name "
                "HAVING min(v.number) != 1 OR max(v.number) != count(*) OR count(DISTINCT v.number) != count(*)")]
            out.figure_mismatches = [r[0] for r in rows(
                "SELECT v.id FROM versions v WHERE v.figure_count != "
                "(SELECT count(*) FROM figures f WHERE f.version_id = v.id)")]
            out.versions_without_change = [r[0] for r in rows(
                "SELECT v.id FROM versions v LEFT JOIN changes c ON c.to_version_id = v.id WHERE c.id IS NULL")]
            where = f" WHERE notifier = '{notifier}'" if notifier else ""
            alerts = rows(f"SELECT idempotency_key, status FROM alerts{where}")
    finally:
        engine.dispose()
    out.alerts = len(alerts)
    for _key, status in alerts:
        out.alerts_by_status[status] = out.alerts_by_status.get(status, 0) + 1
    counts: dict[str, int] = {}
    for key in delivered_keys:
        counts[key] = counts.get(key, 0) + 1
    keys = {key for key, _status in alerts}
    out.lost = sorted(key for key, status in alerts if status != "failed" and key not in counts)
    out.duplicated = {key: n for key, n in counts.items() if n > 1}
    out.unknown = sorted(set(counts) - keys)
    return out
