"""A fast local page server for the benchmark (stdlib asyncio, loopback only).

    python benchmarks/server.py --pages 2000 [--port 0] [--seed 1]

prints ``listening on http://127.0.0.1:PORT`` once it serves, then answers:

* ``GET /page/<i>`` — page i (HTTP/1.1 keep-alive); with validators on it sends ETag and Last-Modified and
  answers a matching If-None-Match (or, without one, a not-older If-Modified-Since) with 304.
* ``GET /_mutate?fraction=0.1`` — gives a new revision (new figures) to that share of pages, chosen by a seeded
  generator; answers JSON ``{"changed": [ids...]}``.
* ``GET /_validators?on=0|1`` — turn ETag/Last-Modified and 304s off or on.
* ``GET /_stats`` — JSON counts of 200s and 304s since the last call, and the server's CPU seconds.

Every response body is rendered once when a page gets a revision, so a request costs a dict lookup and one write:
the server must never be what the benchmark measures. Stop it with SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import email.utils
import json
import random
import signal
import sys
import time
import zlib
from pathlib import Path
from urllib.parse import parse_qs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import PageTemplate, build_page

LOOPBACK = "127.0.0.1"


class Site:
    """All pages with their current revision and pre-built responses."""

    def __init__(self, count: int, seed: int) -> None:
        self.seed = seed
        self.templates: list[PageTemplate] = [build_page(i, seed) for i in range(count)]
        self.revision = [0] * count
        self.born = int(time.time()) - 86_400
        self.bodies: list[bytes] = []
        self.etags: list[str] = []
        self.dates: list[int] = []
        for i in range(count):
            self.bodies.append(b"")
            self.etags.append("")
            self.dates.append(self.born)
            self._render(i)
        self.validators = True
        self.mutations = 0
        self.counts: dict[str, int] = {"200": 0, "304": 0}

    def _render(self, i: int) -> None:
        body = self.templates[i].render(self.seed, self.revision[i])
        self.bodies[i] = body
        self.etags[i] = f'"{i}-{self.revision[i]}-{zlib.adler32(body):x}"'

    def mutate(self, fraction: float) -> list[int]:
        """New figures for round(fraction × pages) pages; Last-Modified moves forward for each of them."""
        self.mutations += 1
        rng = random.Random(f"mutate:{self.seed}:{self.mutations}")
        chosen = sorted(rng.sample(range(len(self.bodies)), round(fraction * len(self.bodies))))
        now = int(time.time())
        for i in chosen:
            self.revision[i] += 1
            self.dates[i] = max(now, self.dates[i] + 1)
            self._render(i)
        return chosen

    def response(self, i: int, headers: dict[bytes, bytes]) -> bytes:
        """The full HTTP response for page i given the request headers."""
        if not self.validators:
            self.counts["200"] += 1
            body = self.bodies[i]
            return (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                    + str(len(body)).encode() + b"\r\n\r\n" + body)
        etag = self.etags[i]
        last_modified = email.utils.formatdate(self.dates[i], usegmt=True)
        validators = f"ETag: {etag}\r\nLast-Modified: {last_modified}\r\n".encode()
        if_none_match = headers.get(b"if-none-match")
        if if_none_match is not None:
            fresh = etag in (t.strip() for t in if_none_match.decode("latin-1").split(","))
        else:
            since = headers.get(b"if-modified-since")
            fresh = since is not None and _http_time(since.decode("latin-1")) >= self.dates[i]
        if fresh:
            self.counts["304"] += 1
            return b"HTTP/1.1 304 Not Modified\r\n" + validators + b"\r\n"
        self.counts["200"] += 1
        body = self.bodies[i]
        return (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + validators
                + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def _http_time(value: str) -> float:
    try:
        return email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return float("-inf")


def _json(payload: object) -> bytes:
    body = json.dumps(payload).encode()
    return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + str(len(body)).encode()
            + b"\r\n\r\n" + body)


_NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"


class Http(asyncio.Protocol):
    """A minimal HTTP/1.1 server connection: GET without bodies, keep-alive, pipelined requests in order."""

    site: Site

    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        # Bounded: each pass consumes one complete request head from the buffer.
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            head, self.buffer = self.buffer[:end], self.buffer[end + 4:]
            lines = head.split(b"\r\n")
            parts = lines[0].split(b" ")
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                headers[name.strip().lower()] = value.strip()
            target = parts[1].decode("latin-1") if len(parts) > 1 else "/"
            close = headers.get(b"connection", b"").lower() == b"close"
            assert self.transport is not None
            self.transport.write(self.answer(target, headers))
            if close:
                self.transport.close()
                return
        if len(self.buffer) > 65_536:
            assert self.transport is not None
            self.transport.close()

    def answer(self, target: str, headers: dict[bytes, bytes]) -> bytes:
        """The response to one request."""
        site = self.site
        path, _, query = target.partition("?")
        args = {k: v[-1] for k, v in parse_qs(query).items()}
        if path.startswith("/page/"):
            try:
                i = int(path[6:])
            except ValueError:
                return _NOT_FOUND
            return site.response(i, headers) if 0 <= i < len(site.bodies) else _NOT_FOUND
        if path == "/_mutate":
            return _json({"changed": site.mutate(float(args.get("fraction", "0.1")))})
        if path == "/_validators":
            site.validators = args.get("on", "1") not in ("0", "false", "off")
            return _json({"validators": site.validators})
        if path == "/_stats":
            counts, site.counts = site.counts, {"200": 0, "304": 0}
            return _json({**counts, "cpu_s": time.process_time()})
        return _NOT_FOUND


async def serve(pages: int, port: int, seed: int) -> None:
    """Serve until SIGTERM/SIGINT."""
    Http.site = Site(pages, seed)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Http, LOOPBACK, port, backlog=1024, reuse_address=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    bound = server.sockets[0].getsockname()[1]
    print(f"listening on http://{LOOPBACK}:{bound}", flush=True)
    async with server:
        await stop.wait()


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--port", type=int, default=0, help="0 = any free port (printed)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    try:
        import uvloop  # type: ignore[import-not-found]  # optional: a faster loop when installed

        uvloop.install()
    except ImportError:
        pass
    asyncio.run(serve(args.pages, args.port, args.seed))


if __name__ == "__main__":
    main()
