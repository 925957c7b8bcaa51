"""Exceptions raised in one module and caught in another whose dependencies it should not pull in.

`ExtractionError` lives here rather than in `monitor.extract` so the check pipeline can catch it without importing
the extraction stack (trafilatura, BeautifulSoup), which only the analysis worker processes need.
"""

from __future__ import annotations

__all__ = ["ExtractionError"]


class ExtractionError(ValueError):
    """The page has no extractable text, or a watch's selector is invalid or matches nothing."""
