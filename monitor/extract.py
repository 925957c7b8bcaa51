"""Extracting the watched text from an HTML page.

Two modes:

* **Default** — the article body, found by trafilatura (``fast=True``: its own main-content heuristics,
  without the slower readability/jusText comparison, which does not improve our corpus score). Reader comments
  are left out: they churn constantly and carry no report figures. When trafilatura finds nothing, or only
  falls back to its "baseline" page dump (which flattens tables and keeps menus — typical of table-only
  pages), a small fallback takes the largest ``<article>``/``<main>``/``[role=main]`` or, failing that, the
  ``<body>``, after dropping page furniture (nav, header, footer, aside, forms, cookie banners, scripts,
  hidden elements).
* **Selector** — the watch's own CSS ``selector`` (BeautifulSoup + soupsieve), minus its ``exclude``
  selectors. ``exclude`` alone (no ``selector``) removes those elements before the default article extraction.

Either way the result is normalized with :func:`monitor.textnorm.normalize_text`: one paragraph, heading, list
item or table row per line. Table rows are rendered as their cells joined by ``" | "`` (so a figure can be
labelled by its column header), never as Markdown with ``|---|`` separator lines.

Stability is a design goal: only words and the block structure reach the output, so attribute or class
changes, wrapper elements, indentation, inline ``<span>``s, comments and script/style contents do not change
the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

import trafilatura
import trafilatura.core
from lxml import etree
from trafilatura.xml import xmltotxt

from monitor.errors import ExtractionError
from monitor.textnorm import CELL_SEPARATOR, inline_text, normalize_text

__all__ = ["ExtractionError", "extract_text"]

# Something that can only be markup: an element tag, closing tag, comment or doctype ("<5 deaths" is not).
_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*[\s/>]|/[A-Za-z]|!--|!doctype)", re.IGNORECASE)


def extract_text(
    html: str,
    *,
    selector: str | None = None,
    exclude: Sequence[str] = (),
) -> str:
    """Return the normalized text to watch on ``html``.

    Input without any markup (a ``text/plain`` body) is only normalized. Without ``selector``: the article
    body (trafilatura, tables kept), falling back to the main/article element or the page body when
    trafilatura finds nothing. With ``selector``: the text of every element matching the CSS selector, in
    document order, minus elements matching any ``exclude`` selector. Table rows come out as one line each,
    cells joined by ``" | "``.

    Raises:
        ExtractionError: invalid CSS selector, a selector that matches nothing, or no text at all.
    """
    if isinstance(exclude, str):  # a lone string would otherwise be iterated character by character
        exclude = (exclude,)
    if selector is None and not exclude and _TAG.search(html) is None:
        # text/plain bodies reach us too; an HTML parser would merge their lines into one paragraph
        text = normalize_text(html)
    elif selector is not None:
        from monitor import soup

        text = soup.extract_selected(html, selector, exclude)
    else:
        if exclude:
            from monitor import soup

            page = soup.parse(html)
            soup.remove_matches(page, exclude)
            html = str(page)
        text = _extract_article(html)
    if not text:
        raise ExtractionError("no article text found")
    return text


# ----------------------------------------------------------------------------------------------------
# default path: trafilatura


# trafilatura ends its cascade with a "baseline" rescue when its extractors find under ~250 characters:
# JSON-LD articleBody, <article> or <p> text, else every string of the page, navigation included, one per
# line. On pages that are mostly a data table (casualty tables, dashboards) that dump loses the table
# structure and keeps the menus, so we need to know when it happened and use our own fallback instead.
# trafilatura does not report it, hence this probe: a transparent wrapper around the module-level function its
# pipeline calls, which only sets a context-local flag. If a future trafilatura stops calling it, we merely
# lose the detection.
_BASELINE_USED: ContextVar[bool] = ContextVar("tallywatch_trafilatura_baseline_used", default=False)


def _install_baseline_probe() -> None:
    original: Callable[..., Any] | None = getattr(trafilatura.core, "baseline", None)
    if original is None or getattr(original, "_tallywatch_probe", False):
        return

    @functools.wraps(original)
    def probe(*args: Any, **kwargs: Any) -> Any:
        _BASELINE_USED.set(True)
        return original(*args, **kwargs)

    probe._tallywatch_probe = True  # type: ignore[attr-defined]
    trafilatura.core.baseline = probe  # type: ignore[attr-defined]


_install_baseline_probe()


def _extract_article(html: str) -> str:
    if not html.strip():
        return ""
    html = _squeeze_whitespace(html)
    text = ""
    token = _BASELINE_USED.set(False)
    try:
        # No url: trafilatura would only use it to make every link's target absolute (~15% of its time on a
        # typical news page, for targets we discard with the links) and in log messages.
        document = trafilatura.bare_extraction(
            html,
            fast=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            # links are kept only to measure link density below, then unwrapped
            include_links=True,
            include_formatting=False,
            # no cross-document state: with deduplicate=True the output would depend on earlier pages
            deduplicate=False,
            # "txt" stops bare_extraction from rendering a text we would discard; we render document.body
            output_format="txt",
        )
    except Exception:  # trafilatura occasionally trips on broken markup; the fallback still has a chance
        document = None
    finally:
        baseline_used = _BASELINE_USED.get()
        _BASELINE_USED.reset(token)
    body = getattr(document, "body", None)
    if body is not None:
        _drop_link_blocks(body)
        etree.strip_tags(body, "ref")
        _flatten_tables(body)
        text = normalize_text(xmltotxt(body, include_formatting=False))
    if baseline_used or not text:
        # Imported here: BeautifulSoup is only needed on this path (see monitor.soup).
        from monitor.soup import fallback_text

        # prefer our furniture-free, table-aware rendering; keep trafilatura's rescue if ours finds nothing
        return fallback_text(html) or text
    return text


# Whitespace handling before trafilatura. Browsers ignore whitespace next to block boundaries and render any
# other run of spaces/newlines as one space; trafilatura does neither consistently: a newline in the tail of an
# inline element becomes a line break in its output, and whitespace-only text nodes between blocks can flip its
# main-content decision (seen on real pages when only the indentation of the template changed). Normalizing the
# source the way a browser reads it makes re-indented or re-minified markup give the same text.
_PRESERVED = re.compile(r"<(pre|textarea|listing|xmp|plaintext)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# fmt: off
_BLOCK_BOUNDARY_TAGS = frozenset({
    "address", "article", "aside", "base", "blockquote", "body", "br", "caption", "center", "col", "colgroup",
    "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li",
    "link", "main", "menu", "meta", "nav", "ol", "optgroup", "option", "p", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
})
# fmt: on
# After collapsing, every whitespace run is one space; these find the spaces right after / right before a tag.
# (Checking the tag name in Python is several times faster than a regex alternation of the block names.)
_SPACE_AFTER_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*> ")
_SPACE_BEFORE_TAG = re.compile(r" (?=</?([A-Za-z][A-Za-z0-9]*))")


def _collapse(html: str) -> str:
    # str.split() is the fastest whitespace collapse in CPython by far (Python-level regexes over a 1 MB page
    # cost 10-200 ms). It also folds Unicode spaces such as U+00A0, which normalize_text does anyway.
    return " ".join(html.split())


def _squeeze_whitespace(html: str) -> str:
    """Collapse whitespace the way a browser renders it, before trafilatura parses the page."""
    if "<!--" in html:
        html = _HTML_COMMENT.sub("", html)
    if _PRESERVED.search(html) is None:
        html = _collapse(html)
    else:  # rare: keep <pre>/<textarea> content verbatim, squeeze the rest
        parts: list[str] = []
        last = 0
        for match in _PRESERVED.finditer(html):
            parts.append(_collapse(html[last : match.start()]))
            parts.append(match.group(0))
            last = match.end()
        parts.append(_collapse(html[last:]))
        html = " ".join(parts)
    html = _SPACE_AFTER_TAG.sub(_space_after_tag, html)
    return _SPACE_BEFORE_TAG.sub(_space_before_tag, html)


def _space_after_tag(match: re.Match[str]) -> str:
    return match.group(0)[:-1] if match.group(2).lower() in _BLOCK_BOUNDARY_TAGS else match.group(0)


def _space_before_tag(match: re.Match[str]) -> str:
    return "" if match.group(1).lower() in _BLOCK_BOUNDARY_TAGS else " "


# A top-level block whose text is mostly link text with only a few words of its own ("Read more: <link>", "SEE
# ALSO: <link>", a list of related links) is a teaser, not article prose. trafilatura already drops most of them,
# but inconsistently (its link-density test depends on the surrounding wrapper elements), so a wrapper div added
# around paragraphs could make them reappear. A prose paragraph with a long inline link keeps enough words of its
# own to stay.
_LINK_SHARE_LIMIT = 0.5
_OWN_TEXT_MIN_CHARS = 40


def _drop_link_blocks(body: etree._Element) -> None:
    for block in list(body):
        if block.tag == "table" or (block.tail and block.tail.strip()):
            continue
        text_length = len("".join(block.itertext()).strip())
        if not text_length:
            continue
        link_length = sum(len("".join(ref.itertext()).strip()) for ref in block.iter("ref"))
        if link_length > _LINK_SHARE_LIMIT * text_length and text_length - link_length < _OWN_TEXT_MIN_CHARS:
            body.remove(block)


# Inline elements of trafilatura's output XML; everything else inside a cell is a block and needs a separator.
_XML_INLINE = frozenset({"hi", "ref", "del", "span", "sub", "sup"})


def _xml_cell_text(cell: etree._Element) -> str:
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            if not isinstance(child.tag, str):  # comment or processing instruction
                pass
            else:
                block = child.tag not in _XML_INLINE
                if block:
                    parts.append(" ")
                walk(child)
                if block:
                    parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    walk(cell)
    return inline_text("".join(parts))


def _flatten_tables(body: etree._Element) -> None:
    """Replace each ``<table>`` of trafilatura's output by one ``<p>`` per row with cells joined by ``" | "``.

    trafilatura's own text output draws Markdown tables (leading/trailing pipes, ``|---|`` rules, ``\\|``
    escapes); rewriting the XML instead gives the project's row format without parsing Markdown back.
    """
    for table in list(body.iter("table")):
        parent = table.getparent()
        if parent is None or any(a.tag in ("table", "cell") for a in table.iterancestors()):
            continue  # nested table: already flattened into its enclosing cell's text
        lines: list[str] = []
        for row in table.iter("row"):
            if any(a.tag == "cell" for a in row.iterancestors() if a is not table):
                continue  # row of a nested table
            cells = [_xml_cell_text(cell) for cell in row if cell.tag == "cell"]
            if any(cells):
                lines.append(CELL_SEPARATOR.join(cells))
        index = parent.index(table)
        paragraphs = []
        for line in lines:
            p = etree.Element("p")
            p.text = line
            paragraphs.append(p)
        if paragraphs:
            paragraphs[-1].tail = table.tail
        parent.remove(table)  # lxml moves the tail along with the element, hence the copy above
        for offset, p in enumerate(paragraphs):
            parent.insert(index + offset, p)
