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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from typing import Any

import trafilatura
import trafilatura.core
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction
from lxml import etree
from soupsieve import SelectorSyntaxError
from trafilatura.xml import xmltotxt

from monitor.errors import ExtractionError
from monitor.textnorm import normalize_text

__all__ = ["ExtractionError", "extract_text"]

CELL_SEPARATOR = " | "

# Something that can only be markup: an element tag, closing tag, comment or doctype ("<5 deaths" is not).
_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*[\s/>]|/[A-Za-z]|!--|!doctype)", re.IGNORECASE)


def extract_text(
    html: str,
    *,
    url: str | None = None,
    selector: str | None = None,
    exclude: Sequence[str] = (),
) -> str:
    """Return the normalized text to watch on ``html``.

    Input without any markup (a ``text/plain`` body) is only normalized. Without ``selector``: the article
    body (trafilatura, tables kept), falling back to the main/article element or the page body when
    trafilatura finds nothing. With ``selector``: the text of every element matching the CSS selector, in
    document order, minus elements matching any ``exclude`` selector. ``url`` only helps trafilatura's
    heuristics. Table rows come out as one line each, cells joined by ``" | "``.

    Raises:
        ExtractionError: invalid CSS selector, a selector that matches nothing, or no text at all.
    """
    if isinstance(exclude, str):  # a lone string would otherwise be iterated character by character
        exclude = (exclude,)
    if selector is None and not exclude and _TAG.search(html) is None:
        # text/plain bodies reach us too; an HTML parser would merge their lines into one paragraph
        text = normalize_text(html)
    elif selector is not None:
        text = _extract_selected(html, selector, exclude)
    else:
        if exclude:
            soup = _parse(html)
            _remove_matches(soup, exclude)
            html = str(soup)
        text = _extract_article(html, url)
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


def _extract_article(html: str, url: str | None) -> str:
    if not html.strip():
        return ""
    html = _squeeze_whitespace(html)
    text = ""
    token = _BASELINE_USED.set(False)
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
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
    if baseline_used:
        # prefer our furniture-free, table-aware rendering; keep trafilatura's rescue if ours finds nothing
        return _fallback(html) or text
    return text or _fallback(html)


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
    return _inline("".join(parts))


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


# ----------------------------------------------------------------------------------------------------
# BeautifulSoup rendering: selector path and fallback


# Never visible as text in a browser.
_INVISIBLE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "math",
    "iframe",
    "object",
    "canvas",
)
# Page furniture dropped by the fallback (the selector path keeps whatever the watch selected).
_FURNITURE_TAGS = ("nav", "header", "footer", "aside", "form", "button", "select", "dialog", "menu")
_FURNITURE_ATTR = re.compile(
    r"cookie|consent|gdpr|banner|newsletter|subscribe|share|social|related|breadcrumb|sidebar|advert|promo"
    r"|popup|modal|menu|navbar",
    re.IGNORECASE,
)
_FURNITURE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"}
)

# fmt: off
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "audio", "blockquote", "body", "br", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "option",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "video",
})
# fmt: on

_WS = re.compile(r"\s+")
_SKIPPED_STRINGS = (Comment, CData, ProcessingInstruction, Declaration, Doctype)


def _parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _inline(text: str) -> str:
    # HTML collapses whitespace inside a block, newlines included
    return _WS.sub(" ", text).strip()


def _remove_matches(soup: BeautifulSoup, selectors: Iterable[str]) -> None:
    for sel in selectors:
        for tag in _select(soup, sel):
            tag.decompose()


def _select(soup: BeautifulSoup | Tag, selector: str) -> list[Tag]:
    try:
        return soup.select(selector)
    except (SelectorSyntaxError, ValueError, NotImplementedError) as err:
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ExtractionError(f"invalid CSS selector {selector!r}: {first_line}") from None


def _extract_selected(html: str, selector: str, exclude: Sequence[str]) -> str:
    soup = _parse(html)
    matches = _select(soup, selector)
    # validate every exclude selector even when the main selector matches nothing, so config errors surface
    # early
    excluded = [tag for sel in exclude for tag in _select(soup, sel)]
    if not matches:
        raise ExtractionError(f"CSS selector {selector!r} matched nothing")
    for tag in excluded:
        tag.decompose()
    for tag in soup.find_all(_INVISIBLE_TAGS):
        tag.decompose()
    kept = [tag for tag in matches if not tag.decomposed]
    if not kept:
        raise ExtractionError(f"CSS selector {selector!r} matched only elements removed by exclude")
    # a match inside another match would otherwise be emitted twice
    kept_ids = {id(tag) for tag in kept}
    outermost = [tag for tag in kept if not any(id(parent) in kept_ids for parent in tag.parents)]
    return normalize_text("\n".join(_render(tag) for tag in outermost))


def _fallback(html: str) -> str:
    """Text of the biggest article/main region, else of the body, after removing page furniture."""
    if not html.strip():
        return ""
    soup = _parse(html)
    for tag in soup.find_all(_INVISIBLE_TAGS + _FURNITURE_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_furniture):
        if not tag.decomposed:
            tag.decompose()
    candidates = soup.select("article, main, [role=main]")
    rendered = [text for tag in candidates if (text := normalize_text(_render(tag)))]
    if rendered:
        return max(rendered, key=len)
    root = soup.body or soup
    densest = _densest_block(root)
    if densest is not None and (text := normalize_text(_render(densest))):
        return text
    return normalize_text(_render(root))


_PROSE_MIN_CHARS = 25  # shorter strings are labels, menu items or table cells, not prose


def _densest_block(root: Tag) -> Tag | None:
    """The block holding the most prose (readability-style: a string scores for its block and half for the
    block's parent), or ``None`` when the page has no prose at all, e.g. a bare data table."""
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for string in root.find_all(string=True):
        if isinstance(string, _SKIPPED_STRINGS) or len(text := string.strip()) < _PROSE_MIN_CHARS:
            continue
        block = None
        for parent in string.parents:
            if parent.name == "a":
                break  # link text is navigation, not prose
            if parent.name in _BLOCK_TAGS:
                block = parent
                break
        if block is None:
            continue
        for tag, weight in ((block, 1.0), (block.parent, 0.5)):
            if isinstance(tag, Tag):
                scores[id(tag)] = scores.get(id(tag), 0.0) + weight * len(text)
                tags[id(tag)] = tag
    if not scores:
        return None
    return tags[max(scores, key=scores.__getitem__)]


def _is_furniture(tag: Tag) -> bool:
    if tag.name in ("html", "body", "main", "article"):
        return False
    if tag.get("role") in _FURNITURE_ROLES or tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    attrs = " ".join([str(tag.get("id") or ""), *(tag.get("class") or [])])
    return bool(attrs.strip()) and _FURNITURE_ATTR.search(attrs) is not None


def _render(root: Tag) -> str:
    """Text of ``root`` with one line per block element; table rows as cells joined by ``" | "``."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _inline("".join(current))
        if line:
            lines.append(line)
        current.clear()

    def walk(node: Any) -> None:
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIPPED_STRINGS):
                current.append(str(node))
            return
        if not isinstance(node, Tag) or node.name in _INVISIBLE_TAGS:
            return
        if node.name == "table":
            flush()
            lines.extend(_table_lines(node))
            return
        if node.name == "pre":
            flush()
            lines.extend(line for line in node.get_text().splitlines())
            return
        block = node.name in _BLOCK_TAGS
        if block:
            flush()
        for child in node.children:
            walk(child)
        if block:
            flush()

    walk(root)
    flush()
    return "\n".join(lines)


def _table_rows(table: Tag) -> Iterator[Tag]:
    """Rows of ``table`` itself (not of nested tables), header rows first."""
    head: list[Tag] = []
    rest: list[Tag] = []
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            rest.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows = [tr for tr in child.children if isinstance(tr, Tag) and tr.name == "tr"]
            (head if child.name == "thead" else rest).extend(rows)
    yield from head
    yield from rest


def _table_lines(table: Tag) -> list[str]:
    lines: list[str] = []
    caption = table.find("caption", recursive=False)
    if caption is not None and (text := _inline(_render(caption))):
        lines.append(text)
    for row in _table_rows(table):
        cells: list[str] = []
        for cell in row.children:
            if isinstance(cell, Tag) and cell.name in ("td", "th"):
                cells.append(_inline(_render(cell).replace("\n", " ")))
                # pad spanned columns like trafilatura does, so values stay under their column headers
                cells.extend([""] * (_colspan(cell) - 1))
        if any(cells):
            lines.append(CELL_SEPARATOR.join(cells))
    return lines


def _colspan(cell: Tag) -> int:
    try:
        span = int(str(cell.get("colspan", "1")).strip())
    except ValueError:
        return 1
    return min(max(span, 1), 100)  # bounded: a hostile colspan="100000" must not explode the text
