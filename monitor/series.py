"""Report series: new pages found in a listing or feed become successive versions of one watch.

Each check polls the index, remembers every entry whose link matches the pattern, then fetches the oldest entries
not yet stored (a few per check) and records them in date order, so figure diffs and the timeline run across
pages. Entries are fetched once; an entry that later vanishes from the index keeps its stored version.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
import lxml.html
from sqlmodel import Session, col, select

from monitor.config import Watch
from monitor.errors import ExtractionError
from monitor.fetch import FetchError, FetchResult, fetch
from monitor.pipeline import (
    CheckContext,
    CheckReport,
    analyse_async,
    body_digest,
    load_watch_row,
    record_failure,
    record_success,
)
from monitor.record import Page, record_page
from storage.db import session_scope
from storage.models import SeriesEntryRow, WatchRow

log = logging.getLogger("tallywatch.series")

MAX_ENTRY_ATTEMPTS = 3
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
_DATE_META = ("article:published_time", "og:article:published_time", "datepublished", "date", "dc.date",
              "dcterms.date", "pubdate", "publish-date")


@dataclass(frozen=True)
class Entry:
    """A link found in the index."""

    url: str
    title: str | None
    published_at: datetime | None


def parse_index(body: bytes, content_type: str | None, base_url: str, pattern: str) -> list[Entry]:
    """Entries of a feed or HTML listing whose absolute URL matches `pattern`, in the index's own order."""
    regex = re.compile(pattern) if pattern else None
    head = body[:512].lstrip().lower()
    is_feed = (content_type or "").split(";")[0].strip().lower() in _FEED_TYPES or head.startswith(
        (b"<?xml", b"<rss", b"<feed", b"<rdf"))
    entries = _parse_feed(body, base_url) if is_feed else _parse_listing(body, base_url)
    seen: set[str] = set()
    out = []
    for entry in entries:
        if entry.url in seen or (regex and not regex.search(entry.url)):
            continue
        seen.add(entry.url)
        out.append(entry)
    return out


def _parse_feed(body: bytes, base_url: str) -> list[Entry]:
    feed = feedparser.parse(body)
    out = []
    for item in feed.entries:
        link = item.get("link")
        if not link:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        when = datetime(*stamp[:6], tzinfo=UTC) if stamp else None
        out.append(Entry(urldefrag(urljoin(base_url, link))[0], item.get("title"), when))
    return out


def _parse_listing(body: bytes, base_url: str) -> list[Entry]:
    try:
        doc = lxml.html.document_fromstring(body)
    except (ValueError, lxml.etree.ParserError):
        return []
    out = []
    for a in doc.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("#", "mailto:", "javascript:")):
            continue
        url = urldefrag(urljoin(base_url, href.strip()))[0]
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        title = " ".join(a.text_content().split()) or None
        out.append(Entry(url, title, None))
    return out


def page_date(html: bytes) -> datetime | None:
    """The page's own publication date (meta tags or <time datetime>), if it states one."""
    try:
        doc = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    candidates = []
    for meta in doc.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name in _DATE_META and meta.get("content"):
            candidates.append(meta.get("content"))
    candidates += [t.get("datetime") for t in doc.iter("time") if t.get("datetime")]
    for value in candidates:
        parsed = _parse_iso(value)
        if parsed is not None:
            return parsed
    return None


def _parse_iso(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


async def is_private_address(url: str) -> bool:
    """Does the URL's host resolve to loopback, link-local, private or otherwise non-public addresses?"""
    host = urlsplit(url).hostname or ""
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except OSError:
            return False  # unresolvable: the fetch will fail with a clear DNS error
        addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    return any(not a.is_global for a in addresses)


async def check_series(ctx: CheckContext, watch: Watch) -> CheckReport:
    """Poll the series index, then fetch and record the oldest unseen entries."""
    assert watch.series is not None
    series = watch.series
    started = time.perf_counter()
    now = ctx.clock()
    row = load_watch_row(ctx.engine, watch)
    assert row.id is not None
    report = CheckReport(watch=watch.name, outcome="unchanged")
    try:
        async with ctx.hosts.slot(series.index):
            index = await fetch(ctx.http, series.index, headers={"User-Agent": watch.user_agent, **watch.headers},
                                etag=row.etag, last_modified=row.last_modified, timeout=watch.timeout,
                                max_bytes=watch.max_bytes)
    except FetchError as exc:
        report.outcome, report.error, report.error_class = "error", str(exc), exc.error_class
        report.http_status, report.retry_after = exc.status, exc.retry_after
        report.duration_ms = int((time.perf_counter() - started) * 1000)
        with session_scope(ctx.engine) as session:
            wrow = session.get(WatchRow, row.id)
            assert wrow is not None
            record_failure(session, ctx, watch, wrow, report, now=now)
        return report
    report.http_status = index.status
    if not index.not_modified:
        digest = body_digest(index.body, watch)
        if digest != row.body_hash:
            entries = parse_index(index.body, index.content_type, index.url, series.link_pattern)
            _remember_entries(ctx, row.id, entries, series.listing_order, now)
    else:
        report.outcome = "not_modified"

    await _fetch_pending(ctx, watch, row.id, report)
    report.duration_ms = int((time.perf_counter() - started) * 1000)
    with session_scope(ctx.engine) as session:
        wrow = session.get(WatchRow, row.id)
        assert wrow is not None
        if not index.not_modified:
            wrow.etag, wrow.last_modified = index.etag, index.last_modified
            wrow.body_hash = body_digest(index.body, watch)
        version_id = next((r.version_id for r in report.results if r.outcome == "new_version"), None)
        if report.error and not report.results:
            report.outcome = "error"
            record_failure(session, ctx, watch, wrow, report, now=now)
        else:
            record_success(session, ctx, watch, wrow, report, now=now, url=series.index, version_id=version_id)
    return report


def _remember_entries(ctx: CheckContext, watch_id: int, entries: Sequence[Entry], order: str,
                      now: datetime) -> int:
    """Insert entries not seen before; ordinals grow from oldest to newest in the listing's order."""
    with session_scope(ctx.engine) as session:
        known = set(session.exec(select(SeriesEntryRow.url).where(SeriesEntryRow.watch_id == watch_id)))
        top = session.exec(select(SeriesEntryRow.ordinal).where(SeriesEntryRow.watch_id == watch_id)
                           .order_by(col(SeriesEntryRow.ordinal).desc()).limit(1)).first() or 0
        fresh = [e for e in entries if e.url not in known]
        if order == "newest_first":
            fresh.reverse()
        for i, entry in enumerate(fresh, start=1):
            session.add(SeriesEntryRow(watch_id=watch_id, url=entry.url, title=entry.title,
                                       published_at=entry.published_at, discovered_at=now, ordinal=top + i))
        return len(fresh)


async def _fetch_pending(ctx: CheckContext, watch: Watch, watch_id: int, report: CheckReport) -> None:
    assert watch.series is not None
    with Session(ctx.engine, expire_on_commit=False) as session:
        pending = list(session.exec(
            select(SeriesEntryRow).where(SeriesEntryRow.watch_id == watch_id, SeriesEntryRow.status == "new")
            .order_by(col(SeriesEntryRow.ordinal)).limit(watch.series.max_new_per_check)
        ))
    if not pending:
        return

    async def get(entry: SeriesEntryRow) -> tuple[SeriesEntryRow, FetchResult | None, str | None]:
        if not ctx.config.allow_private_networks and await is_private_address(entry.url):
            return entry, None, "refused: the link points at a private or loopback address " \
                                "(set allow_private_networks: true to allow)"
        try:
            async with ctx.hosts.slot(entry.url):
                return entry, await fetch(ctx.http, entry.url,
                                          headers={"User-Agent": watch.user_agent, **watch.headers},
                                          timeout=watch.timeout, max_bytes=watch.max_bytes), None
        except FetchError as exc:
            return entry, None, str(exc)

    fetched = await asyncio.gather(*(get(e) for e in pending))
    ready = []
    for entry, result, error in fetched:
        if result is None:
            # only our own private-network refusal is final; "connection refused" is a fetch error to retry
            _entry_failed(ctx, entry, error or "fetch failed", refused=(error or "").startswith("refused:"))
            report.error = error
            continue
        when = page_date(result.body) or entry.published_at
        ready.append((when or datetime.max.replace(tzinfo=UTC), entry.ordinal, entry, result))
    # The page's own date orders the batch; undated pages keep their discovery order after dated ones.
    ready.sort(key=lambda item: (item[0], item[1]))
    for _when, _ordinal, entry, result in ready:
        try:
            text, figures = await analyse_async(ctx, watch, result)
        except ExtractionError as exc:
            _entry_failed(ctx, entry, f"{entry.url}: {exc}", refused=False)
            report.error = str(exc)
            continue
        page = Page(url=result.url, text=text, html=result.body, meta=result.meta(), fetched_at=ctx.clock(),
                    figures=figures)
        with session_scope(ctx.engine) as session:
            wrow = session.get(WatchRow, watch_id)
            stored = session.get(SeriesEntryRow, entry.id)
            assert wrow is not None and stored is not None
            outcome = record_page(session, watch, wrow, page, now=ctx.clock())
            # A suspect page (it lost the article or every figure) is fetched once more on the next check: the
            # same text then confirms it, as for an article. Later entries wait, so that re-fetch comes first.
            recheck = outcome.suspect and stored.attempts == 0
            stored.status = "new" if recheck else "stored"
            stored.attempts += 1 if recheck else 0
            stored.version_id, stored.error = outcome.version_id, None
            session.add(stored)
        report.results.append(outcome)
        report.alerts_queued += outcome.alerts_queued
        if outcome.outcome == "new_version":
            report.outcome = "new_version"
        if recheck:
            break


def _entry_failed(ctx: CheckContext, entry: SeriesEntryRow, error: str, *, refused: bool) -> None:
    with session_scope(ctx.engine) as session:
        stored = session.get(SeriesEntryRow, entry.id)
        if stored is None:
            return
        stored.attempts += 1
        stored.error = error
        if refused:
            stored.status = "refused"
        elif stored.attempts >= MAX_ENTRY_ATTEMPTS:
            stored.status = "failed"
        session.add(stored)
    log.warning("series entry %s: %s", entry.url, error)
