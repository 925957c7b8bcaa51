"""Tests for monitor.extract: own fixture pages; the real-page corpus only in the optional eval test."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from monitor.extract import ExtractionError, extract_text

PARAGRAPHS = [
    "The number of people killed by flooding in the river valley has risen to 214, the regional emergency "
    "office said on Wednesday, up from 187 a day earlier.",
    "At least 1,350 people were injured and around 48,000 have been forced from their homes, the office "
    "said, adding that rescue crews were still searching villages cut off by the water.",
    "Officials warned that the figures were likely to rise as teams reached the remote upper valley, where "
    "communications had been down since the weekend storms.",
    "The government has released emergency funds of 12.5 million dollars and asked neighbouring provinces to "
    "send boats, helicopters and medical staff to the worst-hit districts.",
]
TABLE_LINES = [
    "District | Killed | Injured | Displaced",
    "North bank | 120 | 700 | 25,000",
    "South bank | 94 | 650 | 23,000",
]
HEADLINE = "Flood death toll climbs in river valley"

FURNITURE = [
    "We use cookies",
    "Accept all cookies",
    "Example News Home",
    "Weather",
    "Related stories",
    "emergency kit",
    "All rights reserved",
    "Privacy policy",
    "hidden script text",
    "hidden style text",
    "Subscribe to our newsletter",
]

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Flood update | Example News</title>
<style>body {{ font-family: serif; }} .x::after {{ content: "hidden style text"; }}</style>
<script>var tracking = "hidden script text"; window.dataLayer = [];</script>
</head>
<body>
<div id="cookie-banner" class="cookie-banner">We use cookies to improve your experience.
 <button>Accept all cookies</button></div>
<header class="site-header"><a href="/">Example News Home</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav></header>
<main>
<article>
<h1>{headline}</h1>
<p>{p0}</p>
<p>{p1}</p>
<table>
<thead><tr><th>District</th><th>Killed</th><th>Injured</th><th>Displaced</th></tr></thead>
<tbody>
<tr><td>North bank</td><td>120</td><td>700</td><td>25,000</td></tr>
<tr><td>South bank</td><td>94</td><td>650</td><td>23,000</td></tr>
</tbody>
</table>
<p>{p2}</p>
<p>{p3}</p>
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Storm season forecast to be
severe</a></li> <li><a href="/b">How to prepare an emergency kit</a></li></ul></aside>
</main>
<form class="signup" action="/subscribe"><p>Subscribe to our newsletter</p><input name="email"></form>
<footer class="site-footer"><p>Copyright 2024 Example News. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
<script>document.write("more hidden script text");</script>
</body></html>
"""


def render(template: str = PAGE, **overrides: str) -> str:
    values = {"headline": HEADLINE, **{f"p{i}": p for i, p in enumerate(PARAGRAPHS)}, **overrides}
    return template.format(**values)


BASE_HTML = render()


# ----------------------------------------------------------------------------------------------------
# default extraction


def test_default_keeps_article_and_table_in_order() -> None:
    text = extract_text(BASE_HTML)
    lines = text.split("\n")
    expected = [*PARAGRAPHS[:2], *TABLE_LINES, *PARAGRAPHS[2:]]
    body = [line for line in lines if line != HEADLINE]
    assert body == expected


@pytest.mark.parametrize("noise", FURNITURE)
def test_default_drops_furniture(noise: str) -> None:
    assert noise not in extract_text(BASE_HTML)


def test_default_output_is_normalized() -> None:
    text = extract_text(BASE_HTML)
    assert "\n\n" not in text
    assert text == text.strip()
    assert all(line == line.strip() and "  " not in line for line in text.split("\n"))


def test_default_table_without_thead_uses_first_row_as_header() -> None:
    html = render(PAGE.replace("<thead>", "").replace("</thead>", "").replace("<tbody>", "").replace("</tbody>", ""))
    assert "\n".join(TABLE_LINES) in extract_text(html)


def test_table_only_page_keeps_rows_and_drops_menus() -> None:
    rows = "".join(f"<tr><td>Region {i}</td><td>{i * 13}</td><td>{i * 101}</td></tr>" for i in range(1, 6))
    html = (
        "<html><body><header><nav><a href='/'>Home</a> <a href='/about'>About us</a></nav></header>"
        "<main><p>Figures as of 3 May.</p>"
        f"<table><thead><tr><th>Region</th><th>Killed</th><th>Injured</th></tr></thead><tbody>{rows}</tbody></table>"
        "</main><footer>Contact the office</footer></body></html>"
    )
    text = extract_text(html)
    assert text.split("\n") == [
        "Figures as of 3 May.",
        "Region | Killed | Injured",
        *(f"Region {i} | {i * 13} | {i * 101}" for i in range(1, 6)),
    ]


def test_short_page_still_extracted() -> None:
    assert extract_text("<html><body><p>Deaths: 5</p></body></html>") == "Deaths: 5"


def test_plain_text_body_is_only_normalized() -> None:
    text = "Situation update 3\n\n  Killed: 1,204 (up from 1,150)\n\nInjured: <5 in the north\n"
    assert extract_text(text) == "Situation update 3\nKilled: 1,204 (up from 1,150)\nInjured: <5 in the north"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        "<html><body></body></html>",
        "<html><head><script>var a = 'text';</script></head><body><style>p{}</style></body></html>",
        "<html><body><!-- only a comment --></body></html>",
    ],
)
def test_no_text_raises(html: str) -> None:
    with pytest.raises(ExtractionError, match="no article text found"):
        extract_text(html)


def test_link_teasers_dropped_but_prose_with_long_link_kept() -> None:
    prose = (
        "The regional assembly had shelved the inquiry in 2021 but it was "
        '<a href="/x">re-opened earlier this year after the second flood in the valley</a>.'
    )
    teaser = 'Read more: <a href="/y">Flood victims describe the night the river burst its banks</a>'
    html = render(p1=PARAGRAPHS[1] + f"</p><p>{prose}</p><p>{teaser}")
    text = extract_text(html)
    assert "re-opened earlier this year after the second flood in the valley." in text
    assert "Read more" not in text and "burst its banks" not in text
    # the same page with every paragraph wrapped in its own div gives the same text
    wrapped = re.sub(r"<p>(.*?)</p>", r'<div class="para-wrap"><p>\1</p></div>', html)
    assert extract_text(wrapped) == text


def test_exclude_without_selector_applies_to_default_extraction() -> None:
    text = extract_text(BASE_HTML, exclude=["table"])
    assert "District" not in text
    assert PARAGRAPHS[0] in text and PARAGRAPHS[3] in text


# ----------------------------------------------------------------------------------------------------
# selector / exclude


def test_selector_returns_matches_only() -> None:
    text = extract_text(BASE_HTML, selector="article p")
    assert text.split("\n") == PARAGRAPHS


def test_selector_with_exclude() -> None:
    text = extract_text(BASE_HTML, selector="article", exclude=["table", "h1"])
    assert text.split("\n") == PARAGRAPHS


def test_selector_exclude_accepts_single_string() -> None:
    assert extract_text(BASE_HTML, selector="article", exclude="table").split("\n") == [HEADLINE, *PARAGRAPHS]


def test_selector_renders_table_rows() -> None:
    assert extract_text(BASE_HTML, selector="table").split("\n") == TABLE_LINES


def test_selector_table_header_row_first_and_caption() -> None:
    html = (
        "<table><caption>Casualties by district</caption>"
        "<tbody><tr><td>North</td><td>1</td></tr></tbody>"
        "<thead><tr><th>District</th><th>Killed</th></tr></thead>"
        "<tfoot><tr><td>Total</td><td>1</td></tr></tfoot></table>"
    )
    assert extract_text(html, selector="table").split("\n") == [
        "Casualties by district",
        "District | Killed",
        "North | 1",
        "Total | 1",
    ]


def test_selector_table_cells_with_blocks_and_empty_cells() -> None:
    html = (
        "<table><tr><th>Area</th><th>Note</th><th>Deaths</th></tr>"
        "<tr><td><p>East</p><p>zone</p></td><td></td><td><span>1,</span>204</td></tr></table>"
    )
    assert extract_text(html, selector="table").split("\n") == ["Area | Note | Deaths", "East zone | | 1,204"]


SPANNED_TABLE = (
    "<table><tr><th>Area</th><th colspan=2>Casualties</th></tr>"
    "<tr><th></th><th>Killed</th><th>Injured</th></tr>"
    "<tr><td>North</td><td>120</td><td>700</td></tr>"
    '<tr><td colspan="2">Total killed: 120</td><td>700</td></tr></table>'
)
SPANNED_LINES = ["Area | Casualties |", "| Killed | Injured", "North | 120 | 700", "Total killed: 120 | | 700"]


def test_colspan_padded_identically_on_both_paths() -> None:
    html = render(PAGE.replace("<table>", SPANNED_TABLE + "<table>"))
    assert extract_text(html, selector="table:first-of-type").split("\n") == SPANNED_LINES
    assert "\n".join(SPANNED_LINES) in extract_text(html)


def test_selector_nested_matches_not_duplicated() -> None:
    html = "<div class='a'><div class='a'><p>Only once, 42 people.</p></div></div>"
    assert extract_text(html, selector=".a") == "Only once, 42 people."


def test_selector_drops_script_style_and_comments() -> None:
    html = "<div id='x'><script>var s = 'hidden';</script><style>p{}</style><!-- note --><p>Visible 7</p></div>"
    assert extract_text(html, selector="#x") == "Visible 7"


def test_selector_block_and_inline_structure() -> None:
    html = (
        "<div id='x'><h2>Update</h2><p>Deaths rose to <b>1,2</b>34<br>Injured: 5 000</p>"
        "<ul><li>North: 3</li><li>South: 4</li></ul></div>"
    )
    assert extract_text(html, selector="#x").split("\n") == [
        "Update",
        "Deaths rose to 1,234",
        "Injured: 5 000",
        "North: 3",
        "South: 4",
    ]


@pytest.mark.parametrize("selector", ["div[", "p >", "::nonsense", "a:has("])
def test_invalid_selector_raises(selector: str) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_text(BASE_HTML, selector=selector)
    message = str(info.value)
    assert "\n" not in message
    assert repr(selector) in message
    assert "invalid CSS selector" in message


def test_invalid_exclude_raises() -> None:
    with pytest.raises(ExtractionError, match=r"invalid CSS selector '\]bad'"):
        extract_text(BASE_HTML, selector="article", exclude=["]bad"])
    with pytest.raises(ExtractionError, match=r"invalid CSS selector"):
        extract_text(BASE_HTML, exclude=["]bad"])


def test_selector_matching_nothing_raises() -> None:
    with pytest.raises(ExtractionError, match=r"CSS selector '#missing' matched nothing"):
        extract_text(BASE_HTML, selector="#missing")


def test_selector_matching_only_excluded_raises() -> None:
    with pytest.raises(ExtractionError, match="removed by exclude"):
        extract_text(BASE_HTML, selector="table td", exclude=["table"])


def test_selector_matching_empty_element_raises_no_text() -> None:
    with pytest.raises(ExtractionError, match="no article text found"):
        extract_text("<div id='x'>  </div>", selector="#x")


# ----------------------------------------------------------------------------------------------------
# markup-only changes must not change the text


def _variant_attributes(html: str) -> str:
    html = html.replace('class="site-header"', 'class="hdr2 layout-top" data-track="1"')
    html = html.replace("<article>", '<article class="story-body__inner" id="story-77" data-v="3">')
    html = html.replace("<p>", '<p class="para" style="margin:0">').replace("<table>", '<table class="data-t">')
    return html.replace("<td>", '<td align="right">')


def _variant_wrappers(html: str) -> str:
    html = html.replace("<article>", '<div class="outer"><div class="inner"><article><div class="content">')
    html = html.replace("</article>", "</div></article></div></div>")
    html = re.sub(r"<p>(.*?)</p>", r'<div class="row"><div class="col"><p>\1</p></div></div>', html)
    return html.replace("<table>", "<div class='scroll'><table>").replace("</table>", "</table></div>")


def _variant_whitespace(html: str) -> str:
    # re-indent everything and hard-wrap the prose inside the paragraphs, as a different templating engine
    # would
    html = html.replace("><", ">\n    <").replace(", ", ",\n        ").replace(" the ", "  \t the ")
    return html.replace("\n", "\r\n")


def _variant_inline(html: str) -> str:
    html = html.replace("214", '<span class="num">214</span>').replace("1,350", "<strong>1,350</strong>")
    html = html.replace("emergency office", '<a href="/office">emergency office</a>')
    html = html.replace("remote upper valley", "<em>remote</em> <i>upper</i> valley")
    return html.replace("<td>120</td>", "<td><span><b>120</b></span></td>")


def _variant_scripts_styles_comments(html: str) -> str:
    html = html.replace("hidden script text", "a completely different script payload 99")
    html = html.replace("</p>", "</p><!-- paragraph end --><script>track(42);</script>", 2)
    html = html.replace("<table>", "<style>.t td { color: red }</style><table><!-- data -->")
    return html.replace("<h1>", "<!-- headline --><h1>")


def _variant_ads(html: str) -> str:
    ad = (
        '<div class="ad-slot" id="div-gpt-ad-1234">'
        '<script>googletag.display("div-gpt-ad-1234");</script></div>'
        '<ins class="adsbygoogle" data-ad-slot="555"></ins>'
    )
    return html.replace("</p>", "</p>" + ad, 3).replace("<main>", "<main>" + ad)


def _variant_entities(html: str) -> str:
    # same characters, different spelling in the source; also typographic spaces and quotes
    return html.replace("said on", "said&nbsp;on").replace("valley", "vall&#101;y").replace("km", "&#107;m")


VARIANTS = {
    "attributes": _variant_attributes,
    "wrappers": _variant_wrappers,
    "whitespace": _variant_whitespace,
    "inline": _variant_inline,
    "scripts_styles_comments": _variant_scripts_styles_comments,
    "ads": _variant_ads,
    "entities": _variant_entities,
    "all_combined": lambda h: _variant_ads(
        _variant_scripts_styles_comments(_variant_inline(_variant_wrappers(_variant_attributes(h))))
    ),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_markup_only_variant_gives_identical_default_text(name: str) -> None:
    variant = VARIANTS[name](BASE_HTML)
    assert variant != BASE_HTML
    assert extract_text(variant) == extract_text(BASE_HTML)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_markup_only_variant_gives_identical_selector_text(name: str) -> None:
    variant = VARIANTS[name](BASE_HTML)
    assert extract_text(variant, selector="article") == extract_text(BASE_HTML, selector="article")


# A brief whose text sits directly in a div between empty "spacer" divs, with no <p>, <article> or <main>:
# trafilatura's decision on such pages used to flip with the indentation of the template.
_MENU = "".join(f'<li class="menu-item"><a href="/s{i}">Section {i}</a></li>' for i in range(25))
_SIDEBAR = "".join(f'<li><a href="/r{i}">Other headline number {i}</a></li>' for i in range(8))
BRIEF_SENTENCES = [
    "Nine people were killed and 23 injured when a road bridge collapsed during the evening rush hour, the "
    "city fire service said on Monday.",
    "Rescuers pulled 14 survivors from the river overnight, and two people are still missing, officials added.",
]
BRIEF = (
    "<!DOCTYPE html><html><head><title>Brief</title></head><body>"
    f'<div class="top"><ul class="menu">{_MENU}</ul></div>'
    '<div class="wrap"><div class="main-col"><h1 class="headline">Bridge collapse kills 9</h1>'
    f'<div class="byline">By Staff</div><div class="brief-body">{BRIEF_SENTENCES[0]}'
    f'<div class="spacer"></div>{BRIEF_SENTENCES[1]}<br><div class="spacer"></div></div></div>'
    f'<div class="side-col"><ul>{_SIDEBAR}</ul></div></div>'
    '<div class="bottom">Copyright Example</div></body></html>'
)


def _indent_blocks(html: str) -> str:
    return re.sub(r"(</?(?:div|ul|li|h1|body|head|html|title)\b[^>]*>)(?=<)", "\\1\n        ", html)


@pytest.mark.parametrize(
    "variant",
    [
        lambda h: h,
        _indent_blocks,
        lambda h: h.replace("></div>", "> </div>"),
        lambda h: h.replace("<div", "\n\t<div").replace("</li>", "</li>\n"),
    ],
    ids=["minified", "indented", "space_in_empty_divs", "newlines_and_tabs"],
)
def test_bare_text_brief_is_stable_and_free_of_menus(variant) -> None:  # type: ignore[no-untyped-def]
    text = extract_text(variant(BRIEF))
    assert all(sentence in text for sentence in BRIEF_SENTENCES)
    assert "Section 3" not in text and "Other headline" not in text and "Copyright" not in text
    assert text == extract_text(BRIEF)


def test_typographic_variant_gives_identical_text() -> None:
    curly = render(p3=PARAGRAPHS[3].replace("worst-hit", "worst\u2011hit") + " \u201cWe need boats,\u201d he said.")
    straight = render(p3=PARAGRAPHS[3] + ' "We need boats," he said.')
    assert extract_text(curly) == extract_text(straight)


def test_word_change_does_change_text() -> None:
    changed = render(p0=PARAGRAPHS[0].replace("214", "231"))
    assert extract_text(changed) != extract_text(BASE_HTML)
    assert "231" in extract_text(changed)


# ----------------------------------------------------------------------------------------------------
# the real-page corpus (optional): scripts/eval_extraction.py must reach the project's bar

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/html is not available")
def test_corpus_mean_f1_at_least_097() -> None:
    script = Path(__file__).resolve().parents[1] / "scripts" / "eval_extraction.py"
    spec = importlib.util.spec_from_file_location("eval_extraction", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    mean_f1, _median_ms = module.evaluate(CORPUS, verbose=False)
    assert mean_f1 >= 0.97
