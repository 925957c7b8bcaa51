"""The BeautifulSoup side of extraction: a watch's CSS ``selector``/``exclude``, and the fallback rendering used
when trafilatura finds no article (see :mod:`monitor.extract`).

A module of its own so that BeautifulSoup and soupsieve are imported only when a page needs them: most watches
take the trafilatura path, and each analysis worker process is a few megabytes smaller without them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction
from soupsieve import SelectorSyntaxError

from monitor.errors import ExtractionError
from monitor.textnorm import CELL_SEPARATOR, inline_text, normalize_text

__all__ = ["extract_selected", "fallback_text", "parse", "remove_matches"]

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

_SKIPPED_STRINGS = (Comment, CData, ProcessingInstruction, Declaration, Doctype)


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def remove_matches(soup: BeautifulSoup, selectors: Iterable[str]) -> None:
    for sel in selectors:
        for tag in _select(soup, sel):
            tag.decompose()


def _select(soup: BeautifulSoup | Tag, selector: str) -> list[Tag]:
    try:
        return soup.select(selector)
    except (SelectorSyntaxError, ValueError, NotImplementedError) as err:
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ExtractionError(f"invalid CSS selector {selector!r}: {first_line}") from None


def extract_selected(html: str, selector: str, exclude: Sequence[str]) -> str:
    soup = parse(html)
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


def fallback_text(html: str) -> str:
    """Text of the biggest article/main region, else of the body, after removing page furniture."""
    if not html.strip():
        return ""
    soup = parse(html)
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
        line = inline_text("".join(current))
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
    if caption is not None and (text := inline_text(_render(caption))):
        lines.append(text)
    for row in _table_rows(table):
        cells: list[str] = []
        for cell in row.children:
            if isinstance(cell, Tag) and cell.name in ("td", "th"):
                cells.append(inline_text(_render(cell).replace("\n", " ")))
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
