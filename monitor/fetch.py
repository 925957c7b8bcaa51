"""Polite HTTP fetching: one shared client, conditional GET, size caps and classified errors."""

from __future__ import annotations

import asyncio
import email.utils
import importlib.util
import sys
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from monitor.config import USER_AGENT

# httpcore runs `import sniffio` every time it sets up a lock or semaphore (several times per request) and falls back
# to asyncio when that fails. anyio no longer installs sniffio, and a failed import is not cached: each one searches
# every sys.path entry again, which cost more CPU than the rest of a 304 exchange. A None entry in sys.modules is
# Python's documented way to make that import fail at once, with the same result for httpcore.
if importlib.util.find_spec("sniffio") is None:
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

MAX_REDIRECTS = 5

# Error classes, shared with the error lifecycle and the CLI.
NETWORK, TIMEOUT, HTTP, TOO_LARGE, NOT_TEXT, RATE_LIMITED, REDIRECTS, EXTRACTION = (
    "network", "timeout", "http", "too_large", "not_text", "rate_limited", "redirects", "extraction",
)

_TEXT_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/rss+xml",
               "application/atom+xml", "application/rdf+xml", "application/json")


class FetchError(Exception):
    """A fetch that gave no usable page; `error_class` says which kind of failure."""

    def __init__(self, message: str, *, error_class: str, status: int | None = None,
                 retry_after: float | None = None):
        super().__init__(message)
        self.error_class = error_class
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class FetchResult:
    """A page as fetched (or a 304 that says it has not changed)."""

    url: str
    status: int
    not_modified: bool
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    elapsed_ms: int = 0
    headers: Mapping[str, str] = field(default_factory=dict)

    def meta(self) -> dict[str, object]:
        """The HTTP facts worth keeping with a version."""
        return {"status": self.status, "url": self.url, "content_type": self.content_type, "etag": self.etag,
                "last_modified": self.last_modified, "bytes": len(self.body)}


def make_client(*, max_connections: int = 100) -> httpx.AsyncClient:
    """The one client shared by all checks of a process: pooled keep-alive connections, bounded redirects."""
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections,
                          keepalive_expiry=60)
    return httpx.AsyncClient(
        follow_redirects=True, max_redirects=MAX_REDIRECTS, limits=limits, timeout=httpx.Timeout(20.0),
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"},
        trust_env=False,
    )


class HostLimiter:
    """At most `per_host` requests in flight to one host, whatever the number of watches on it."""

    def __init__(self, per_host: int = 2):
        self.per_host = per_host
        self._semaphores: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(self.per_host))

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        async with self._semaphores[host]:
            yield


def is_text_type(content_type: str | None) -> bool:
    """True for markup and text; a missing header is given the benefit of the doubt (decoded, then checked)."""
    if not content_type:
        return True
    mime = content_type.split(";", 1)[0].strip().lower()
    return mime.startswith(_TEXT_TYPES) or mime.endswith(("+xml", "+json"))


# Bytes that never occur in text (WHATWG MIME sniffing's "binary data bytes"): C0 controls other than tab, newline,
# form feed, carriage return and escape.
_BINARY_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16/32 text is full of NULs


def looks_binary(body: bytes, content_type: str | None) -> bool:
    """Is this body an image, archive or other binary file, whatever its Content-Type says?

    A server that labels a PNG or a PDF `text/html` would otherwise hand the extractor mojibake that becomes a
    "version" with no figures. A NUL byte, or more than 1% of the first 4 KB being control bytes that text never
    contains, means binary; UTF-16/32 (a BOM or a declared charset) is text despite its NULs.
    """
    sample = body[:4096]
    if not sample or sample.startswith(_WIDE_BOMS) or "utf-16" in (content_type or "").lower() \
            or "utf-32" in (content_type or "").lower():
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    return controls > len(sample) / 100


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), capped at a day."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), 86400.0)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now_dt = datetime.fromtimestamp(now, UTC) if now is not None else datetime.now(UTC)
    return max(0.0, min((when - now_dt).total_seconds(), 86400.0))


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = 20.0,
    max_bytes: int = 5_000_000,
) -> FetchResult:
    """GET `url`, conditionally when validators are known; raises FetchError with a classified reason.

    The body is streamed and cut off at `max_bytes` *after* decompression, so a gzip bomb costs no more than an
    honest large page, and the whole exchange is bounded by `timeout` even when a server drips bytes slowly.
    """
    request_headers = dict(headers or {})
    if etag:
        request_headers["If-None-Match"] = etag
    if last_modified:
        request_headers["If-Modified-Since"] = last_modified
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            async with client.stream("GET", url, headers=request_headers, timeout=timeout) as response:
                status = response.status_code
                final_url = str(response.url)
                content_type = response.headers.get("content-type")
                if status == 304:
                    # Reading the (empty) body completes the exchange, so the connection goes back to the pool;
                    # leaving the block without it makes httpcore close a connection it cannot reuse.
                    await response.aread()
                    return FetchResult(url=final_url, status=304, not_modified=True, etag=etag,
                                       last_modified=last_modified, elapsed_ms=_ms(started))
                if status == 429 or (status == 503 and "retry-after" in response.headers):
                    retry = parse_retry_after(response.headers.get("retry-after"))
                    wait = f", retry after {retry:.0f}s" if retry is not None else ""
                    raise FetchError(f"HTTP {status} {response.reason_phrase} from {url}{wait}",
                                     error_class=RATE_LIMITED, status=status, retry_after=retry)
                if status >= 400:
                    raise FetchError(f"HTTP {status} {response.reason_phrase} from {url}", error_class=HTTP,
                                     status=status)
                if not is_text_type(content_type):
                    raise FetchError(f"{url} is not a text page (Content-Type: {content_type})",
                                     error_class=NOT_TEXT, status=status)
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes \
                        and "content-encoding" not in response.headers:
                    raise FetchError(f"{url} is larger than the {max_bytes:,} byte cap ({int(declared):,} bytes)",
                                     error_class=TOO_LARGE, status=status)
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(f"{url} is larger than the {max_bytes:,} byte cap", error_class=TOO_LARGE,
                                         status=status)
                    chunks.append(chunk)
                body = b"".join(chunks)
                if looks_binary(body, content_type):
                    raise FetchError(f"{url} is not a text page (binary content behind Content-Type: "
                                     f"{content_type})", error_class=NOT_TEXT, status=status)
                return FetchResult(
                    url=final_url, status=status, not_modified=False, body=body,
                    content_type=content_type, etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"), elapsed_ms=_ms(started),
                    headers={k: v for k, v in response.headers.items()
                             if k.lower() in ("content-type", "etag", "last-modified", "date", "server")},
                )
    except FetchError:
        raise
    except (TimeoutError, httpx.TimeoutException):
        raise FetchError(f"timed out after {timeout:g}s fetching {url}", error_class=TIMEOUT) from None
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}", error_class=REDIRECTS) from None
    except httpx.DecodingError as exc:
        raise FetchError(f"could not decode the response from {url}: {_one_line(exc)}",
                         error_class=NETWORK) from None
    except httpx.UnsupportedProtocol:
        raise FetchError(f"unsupported URL scheme: {url}", error_class=NETWORK) from None
    except (httpx.TransportError, OSError) as exc:
        raise FetchError(f"cannot reach {urlsplit(url).netloc or url}: {_describe_transport(exc)}",
                         error_class=NETWORK) from None


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _causes(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or e in seen:
            continue
        seen.append(e)
        todo += [e.__cause__, e.__context__, *getattr(e, "exceptions", ())]
    return seen


def _describe_transport(exc: BaseException) -> str:
    """A reason people understand, found anywhere in the exception chain (httpx wraps the OS error)."""
    import socket

    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return "host name not found (DNS)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
    text = _one_line(exc)
    lowered = text.lower()
    if "name or service not known" in lowered or "nodename nor servname" in lowered \
            or "temporary failure in name resolution" in lowered or "no address associated" in lowered:
        return "host name not found (DNS)"
    if "connection refused" in lowered or "connect call failed" in lowered:
        return "connection refused"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"connection broken ({text})"
    if isinstance(exc, httpx.ReadError):
        return f"connection reset while reading ({text})"
    return text
