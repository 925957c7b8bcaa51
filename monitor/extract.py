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

from monitor.textnorm import normalize_text

__all__ = ["ExtractionError", "extract_text"]

CELL_SEPARATOR = " | "

# Something that can only be markup: an element tag, closing tag, comment or doctype ("<5 deaths" is not).
_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*[\s/>]|/[A-Za-z]|!--|!doctype)", re.IGNORECASE)


class ExtractionError(ValueError):
    """The page has no extractable text, or a watch's selector is invalid or matches nothing."""


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
    text = ""
    if html.strip():
        token = _BASELINE_USED.set(False)
        try:
            document = trafilatura.bare_extraction(
                html,
                url=url,
                fast=True,
                include_comments=False,
                include_tables=True,
                include_images=False,
                include_links=False,
                include_formatting=False,
                # "txt" keeps bare_extraction from rendering text we do not use; we render document.body
                # ourselves
                output_format="txt",
            )
        except Exception:  # trafilatura occasionally trips on broken markup; the fallback still has a chance
            document = None
        finally:
            baseline_used = _BASELINE_USED.get()
            _BASELINE_USED.reset(token)
        body = getattr(document, "body", None)
        if body is not None:
            _flatten_tables(body)
            text = normalize_text(xmltotxt(body, include_formatting=False))
        if baseline_used:
            # prefer our furniture-free, table-aware rendering; keep trafilatura's rescue if ours finds
            # nothing
            return _fallback(html) or text
    return text or _fallback(html)


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
    r"|popup|modal",
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
    return normalize_text(_render(root))


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
        cells = [
            _inline(_render(cell).replace("\n", " "))
            for cell in row.children
            if isinstance(cell, Tag) and cell.name in ("td", "th")
        ]
        if any(cells):
            lines.append(CELL_SEPARATOR.join(cells))
    return lines
