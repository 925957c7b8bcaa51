"""Tests for monitor.charset.decode_body: BOM, header, meta, detection."""

from __future__ import annotations

import codecs

import pytest

from monitor.charset import decode_body

RUSSIAN = (
    "Число погибших в результате наводнения в долине реки выросло до 214 человек, сообщили в региональном "
    "управлении по чрезвычайным ситуациям. Более 1350 человек получили ранения, около 48 тысяч жителей "
    "покинули свои дома."
)
FRENCH = (
    "Le bilan des inondations dans la vallée s'élève désormais à 214 morts, a indiqué la préfecture. Plus "
    "de 1 350 blessés ont été recensés et les équipes de secours poursuivent leurs recherches près de la "
    "rivière."
)


def page(text: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><p>{text}</p></body></html>"


# ----------------------------------------------------------------------------------------------------
# declared charsets


def test_charset_from_header() -> None:
    body = page(RUSSIAN).encode("cp1251")
    assert RUSSIAN in decode_body(body, "text/html; charset=windows-1251")


@pytest.mark.parametrize(
    "content_type",
    ['text/html; charset="KOI8-R"', "text/html;charset=koi8-r", "text/html; Charset = 'koi8-r'; q=1"],
)
def test_header_parameter_spellings(content_type: str) -> None:
    assert RUSSIAN in decode_body(page(RUSSIAN).encode("koi8-r"), content_type)


def test_header_wins_over_meta() -> None:
    body = page(RUSSIAN, '<meta charset="utf-8">').encode("cp1251")
    assert RUSSIAN in decode_body(body, "text/html; charset=cp1251")


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1251">',
        "<meta charset=windows-1251>",
        '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251">',
        "<meta content='text/html; charset=windows-1251' http-equiv='content-type'>",
    ],
)
def test_charset_from_meta(meta: str) -> None:
    body = page(RUSSIAN, meta).encode("cp1251")
    assert RUSSIAN in decode_body(body, "text/html")
    assert RUSSIAN in decode_body(body, None)


def test_meta_beyond_sniff_window_is_ignored_but_detection_still_works() -> None:
    body = page(RUSSIAN, "<!--" + "x" * 5000 + '--><meta charset="koi8-r">').encode("cp1251")
    assert RUSSIAN in decode_body(body, None)


def test_xml_declaration() -> None:
    feed = f'<?xml version="1.0" encoding="ISO-8859-15"?><rss><item><title>{FRENCH} 5 €</title></item></rss>'
    assert f"{FRENCH} 5 €" in decode_body(feed.encode("iso-8859-15"), "application/rss+xml")


def test_latin1_label_means_windows_1252() -> None:
    # curly quotes and the euro sign live at 0x80-0x9f in windows-1252; strict latin-1 would give C1 controls
    body = "<p>\u201cDeaths rose\u201d \u2013 cost \u20ac5m</p>".encode("cp1252")
    assert decode_body(body, "text/html; charset=ISO-8859-1") == "<p>\u201cDeaths rose\u201d \u2013 cost \u20ac5m</p>"


# ----------------------------------------------------------------------------------------------------
# byte-order marks


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_bom(codec: str) -> None:
    html = page(RUSSIAN)
    body = html.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):  # these codecs do not write a BOM themselves
        body = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + body
    assert decode_body(body, None) == html


def test_bom_beats_a_wrong_header() -> None:
    html = page(FRENCH)
    assert decode_body(codecs.BOM_UTF8 + html.encode("utf-8"), "text/html; charset=iso-8859-1") == html


# ----------------------------------------------------------------------------------------------------
# undeclared: UTF-8, detection, fallback


def test_undeclared_utf8() -> None:
    html = page(RUSSIAN + " " + FRENCH + " 死者は214人")
    assert decode_body(html.encode("utf-8"), None) == html


def test_detects_cp1251_without_declaration() -> None:
    assert RUSSIAN in decode_body(page(RUSSIAN).encode("cp1251"), "text/html")


def test_detects_latin1_without_declaration() -> None:
    assert FRENCH in decode_body(page(FRENCH).encode("latin-1"), None)


def test_short_ambiguous_single_byte_prefers_windows_1252() -> None:
    assert decode_body(b"<p>caf\xe9 5 \x80</p>", None) == "<p>caf\u00e9 5 \u20ac</p>"


@pytest.mark.parametrize(
    "content_type",
    [
        "text/html; charset=bogus-charset-xyz",
        "text/html; charset=",
        "text/html; charset=base64",  # a real codec, but bytes-to-bytes
        "text/html; charset=undefined",  # a real codec that refuses to decode
    ],
)
def test_bogus_declared_charset_falls_back_to_detection(content_type: str) -> None:
    assert FRENCH in decode_body(page(FRENCH).encode("latin-1"), content_type)
    assert RUSSIAN in decode_body(page(RUSSIAN).encode("utf-8"), content_type)


def test_bogus_meta_charset_falls_back() -> None:
    body = page(RUSSIAN, '<meta charset="no-such-thing">').encode("utf-8")
    assert RUSSIAN in decode_body(body, None)


def test_meta_claiming_utf16_is_read_as_utf8() -> None:
    body = page(FRENCH, '<meta charset="utf-16">').encode("utf-8")
    assert FRENCH in decode_body(body, None)


def test_invalid_bytes_in_declared_charset_are_replaced_not_raised() -> None:
    assert decode_body(b"<p>ok \xff\xfe bad</p>", "text/html; charset=utf-8") == "<p>ok \ufffd\ufffd bad</p>"


def test_empty_body() -> None:
    assert decode_body(b"", "text/html; charset=utf-8") == ""
