"""Which responses the fetcher reads as text (`monitor.fetch.is_text_type`, `looks_binary`)."""

from __future__ import annotations

import pytest

from monitor.fetch import is_text_type, looks_binary


@pytest.mark.parametrize("content_type", [
    "text/html", "text/html; charset=utf-8", "TEXT/HTML", "text/plain; charset=us-ascii", "text/csv", "text/xml",
    "application/xhtml+xml", "application/xml", "application/rss+xml", "application/atom+xml",
    "application/vnd.example+xml", "application/json", "application/ld+json",
])
def test_markup_text_and_json_are_read(content_type: str) -> None:
    assert is_text_type(content_type)


@pytest.mark.parametrize("content_type", [
    "application/pdf", "image/png", "application/octet-stream", "application/zip", "video/mp4",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
])
def test_binary_types_are_refused(content_type: str) -> None:
    assert not is_text_type(content_type)


def test_a_missing_header_is_given_the_benefit_of_the_doubt() -> None:
    assert is_text_type(None) and is_text_type("")


def test_binary_bodies_are_recognised_whatever_the_header_says() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "text/html")
    assert looks_binary(b"abc\x00\x01\x02", None)
    assert not looks_binary(b"<html><body>ok</body></html>", "text/html")
    # UTF-16 text is full of NULs but announces itself with a BOM or its declared charset
    assert not looks_binary("<p>ok</p>".encode("utf-16"), None)
    assert not looks_binary("<p>ok</p>".encode("utf-16-le"), "text/html; charset=UTF-16LE")
    assert not looks_binary(b"", "text/html")
