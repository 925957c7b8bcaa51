"""Turning fetched bytes into text.

Order of evidence, following what browsers do (WHATWG "encoding sniffing") so that we read a page the way its
readers see it:

1. a byte-order mark — it is unambiguous, and browsers let it override even the HTTP header;
2. the ``charset`` parameter of the Content-Type header;
3. ``<meta charset>`` / ``<meta http-equiv="Content-Type">`` or an XML declaration in the first 4 KB;
4. valid UTF-8 (a cheap strict decode: non-UTF-8 text almost never happens to be valid UTF-8);
5. statistical detection with charset-normalizer;
6. UTF-8 with replacement characters.

A declared charset that Python does not know (``charset=foobar``) is ignored and the next source is tried,
never an exception. Like browsers, the labels ``iso-8859-1``/``latin1``/``us-ascii`` are read as windows-1252,
which is what such pages really contain (curly quotes at 0x91-0x94 would otherwise turn into C1 control
characters).
"""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_body"]

_SNIFF_BYTES = 4096

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Labels that browsers (WHATWG Encoding Standard) decode with a superset codec; Python's strict codecs would
# mis-decode real-world pages labelled this way (e.g. curly quotes in "iso-8859-1" pages are really
# windows-1252).
_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gbk",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}
# Text codecs that are not page encodings and would raise or mangle instead of decoding
_NOT_PAGE_ENCODINGS = frozenset(
    {"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "mbcs", "oem"}
)

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)


def _codec_name(label: str | None, *, from_markup: bool = False) -> str | None:
    """Resolve a charset label to a Python codec name, or ``None`` if unknown or unusable."""
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except LookupError:
        return None
    # bytes-to-bytes codecs such as "base64" or "rot13" are flagged as non-text by the codec registry
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_PAGE_ENCODINGS:
        return None
    name = _SUPERSETS.get(info.name, info.name)
    # A <meta> that claims UTF-16 was itself readable as ASCII, so the page cannot be UTF-16 (WHATWG rule).
    if from_markup and name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def _charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return _codec_name(match.group(1)) if match else None


def _charset_from_markup(head: bytes) -> str | None:
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _codec_name(match.group(1).decode("ascii", "replace"), from_markup=True) if match else None


# Tie-break for detection: on short or mostly-ASCII input charset-normalizer often rates many single-byte code
# pages equally (and may then return an exotic one such as cp1006). Among equally rated candidates prefer the
# encodings that legacy web pages actually use, windows-1252 first as browsers do.
_WEB_PREFERENCE = (
    "cp1252",
    "cp1251",
    "cp1250",
    "iso8859-15",
    "cp1253",
    "cp1254",
    "cp1256",
    "cp1257",
    "cp1255",
    "koi8-r",
    "gb18030",
    "gbk",
    "big5",
    "cp932",
    "shift_jis",
    "euc_jp",
    "cp949",
    "euc_kr",
    "cp874",
)


# runs of non-ASCII bytes with the short ASCII gaps (spaces, digits, punctuation) between them
_NON_ASCII_RUNS = re.compile(rb"(?:[\x80-\xff]+[\x00-\x7f]{0,16})+")
_DETECT_BYTES = 65536


def _detect(body: bytes) -> str | None:
    # imported lazily: most pages are declared or valid UTF-8, and the import costs tens of milliseconds
    from charset_normalizer import from_bytes

    # Detect on the non-ASCII text only: real pages carry kilobytes of ASCII markup, script and CSS, which
    # dilute the detector's samples until a single-byte Cyrillic page can come out as KOI8-R.
    sample = b" ".join(_NON_ASCII_RUNS.findall(body))[:_DETECT_BYTES] or body[:_DETECT_BYTES]
    results = list(from_bytes(sample))
    if not results:
        return None
    best = results[0]
    # could_be_from_charset lists the encodings that decode these bytes identically to the match
    tied = {
        _codec_name(name)
        for match in results
        if match.percent_chaos <= best.percent_chaos + 0.5 and match.percent_coherence >= best.percent_coherence - 1
        for name in (match.encoding, *match.could_be_from_charset)
    }
    for preferred in _WEB_PREFERENCE:
        if preferred in tied:
            return preferred
    return _codec_name(best.encoding)


def decode_body(body: bytes, content_type: str | None) -> str:
    """Decode an HTTP response body to ``str``.

    Uses, in order: a byte-order mark, the Content-Type ``charset``, ``<meta>``/XML declaration in the first 4
    KB, a strict UTF-8 attempt, charset-normalizer detection, and finally UTF-8 with replacement characters.
    Unknown or bogus declared charsets are skipped, never raised. Bytes that do not fit the chosen charset
    become U+FFFD.
    """
    if not body:
        return ""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace")

    for codec in (_charset_from_content_type(content_type), _charset_from_markup(body[:_SNIFF_BYTES])):
        if codec == "utf-8" and _mislabelled_utf8(body):
            continue  # a legacy page labelled UTF-8: detection below reads it as its readers' fonts would not
        if codec is not None and (text := _decode(body, codec)) is not None:
            return text

    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = _detect(body)
    if codec is not None and (text := _decode(body, codec)) is not None:
        return text
    return body.decode("utf-8", errors="replace")


def _mislabelled_utf8(body: bytes) -> bool:
    """Does a body declared UTF-8 contradict its label in most of its non-ASCII characters?

    A few broken sequences in a real UTF-8 page stay U+FFFD. But a windows-1252 page served with `charset=utf-8`
    (a misconfigured server, a CMS migration) fails on nearly every accented letter, and decoding it as UTF-8 turns
    "blessés" into "bless\ufffds": words, and the figure labels made of them, change although the page did not.
    """
    try:
        body.decode("utf-8")
        return False
    except UnicodeDecodeError:
        pass
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    return bad >= 8 and bad > good


def _decode(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec, errors="replace")
    except (LookupError, UnicodeError):  # a codec that cannot decode with replacement: try the next source
        return None
