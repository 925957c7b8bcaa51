"""Report series: index parsing (HTML and feeds), ordering, and suspect entries confirmed by a re-fetch."""

from __future__ import annotations

from monitor.series import page_date, parse_index
from tests.conftest import Workspace
from tests.support.articles import BASE_PARAGRAPHS, article
from tests.support.pages import PageServer

FEED = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Updates</title>
<item><title>Update 2</title><link>https://example.org/u/update-2</link>
<pubDate>Tue, 08 Mar 2022 10:00:00 GMT</pubDate></item>
<item><title>Update 1</title><link>https://example.org/u/update-1</link>
<pubDate>Mon, 07 Mar 2022 10:00:00 GMT</pubDate></item>
<item><title>Unrelated</title><link>https://example.org/jobs/1</link></item>
</channel></rss>"""


def test_feed_entries_with_dates_and_pattern() -> None:
    entries = parse_index(FEED, "application/rss+xml", "https://example.org/feed", "update-")
    assert [e.url for e in entries] == ["https://example.org/u/update-2", "https://example.org/u/update-1"]
    assert entries[1].published_at is not None and entries[1].published_at.day == 7


def test_listing_links_are_absolute_unique_and_filtered() -> None:
    html = b"""<html><body><a href="/u/update-3#top">three</a> <a href="update-2">two</a>
    <a href="/u/update-3">three again</a> <a href="mailto:x@example.org">mail</a>
    <a href="/about">about</a></body></html>"""
    entries = parse_index(html, "text/html", "https://example.org/u/", r"update-\d+$")
    assert [e.url for e in entries] == ["https://example.org/u/update-3", "https://example.org/u/update-2"]


def test_page_date_from_meta_or_time() -> None:
    assert page_date(b'<html><head><meta property="article:published_time" content="2022-03-07T10:00:00Z">'
                     b"</head></html>").day == 7  # type: ignore[union-attr]
    assert page_date(b'<html><body><time datetime="2022-03-09">9 March</time></body></html>').day == 9  # type: ignore[union-attr]
    assert page_date(b"<html><body>no date</body></html>") is None


def _listing_config(ws: Workspace, site: PageServer) -> None:
    """One series watch `s` over the listing at /u/ (entries: links containing "update-")."""
    ws.write_config(f"""
        allow_private_networks: true
        watches:
          - name: s
            series: {{index: "{site.url('/u/')}", link_pattern: "update-"}}
    """)


def test_a_suspect_entry_is_fetched_again_and_confirmed(ws: Workspace, site: PageServer) -> None:
    site.set("/u/update-1", article())
    wall = ("<html><body><main><p>Before you continue, please accept our use of cookies and similar "
            "technologies.</p><button>Accept</button></main></body></html>")
    site.set("/u/update-2", wall)
    site.set("/u/", '<html><body><a href="/u/update-2">2</a> <a href="/u/update-1">1</a></body></html>')
    _listing_config(ws, site)
    assert ws.cli("check").code == 0
    history = ws.cli("history", "s", "--json").json()
    assert [(v["number"], v["suspect"]) for v in history] == [(1, False), (2, True)]
    assert ws.cli("check").code == 0
    assert site.hits("/u/update-2") == 2 and site.hits("/u/update-1") == 1
    history = ws.cli("history", "s", "--json").json()
    assert [(v["number"], v["suspect"]) for v in history] == [(1, False), (2, False)]
    ws.cli("check")
    assert site.hits("/u/update-2") == 2


def test_undated_listing_entries_are_stored_oldest_first(ws: Workspace, site: PageServer) -> None:
    for n, toll in ((1, "at least 249"), (2, "at least 331"), (3, "at least 402")):
        site.set(f"/u/update-{n}", article([p.replace("at least 249", toll) for p in BASE_PARAGRAPHS]))
    site.set("/u/", "<html><body>" + "".join(f'<a href="/u/update-{n}">{n}</a>' for n in (3, 2, 1))
             + "</body></html>")
    _listing_config(ws, site)
    assert ws.cli("check").code == 0
    rows = ws.cli("figures", "s", "--metric", "killed", "--json").json()
    assert [r["value"] for r in rows] == [249, 331, 402]
