"""Reusable test parts: a recording HTTP endpoint, a recording SMTP server, pytest fixtures, sample alerts.

Load the fixtures with `pytest_plugins = ["tests.support.fixtures"]` (root conftest.py or a test module).
"""

from __future__ import annotations

from notifiers.message import AlertMessage, FigureMove


def sample_change(
    watch: str = "un-casualty-updates", key: str = "k-change-1", *, n_figures: int = 1, **overrides: object
) -> AlertMessage:
    """A realistic change alert: killed `at least 249 → at least 331 (+82, +32.9%)`, plus extra figures."""
    figures = [
        FigureMove(
            key="killed",
            kind="changed",
            label="civilians killed",
            old="at least 249",
            new="at least 331",
            old_value=249,
            new_value=331,
            delta=82,
            delta_pct=32.9,
            old_sentence="At least 249 civilians have been killed, including 17 children.",
            new_sentence="At least 331 civilians have been killed, including 19 children.",
        )
    ]
    for i in range(1, n_figures):
        figures.append(
            FigureMove(
                key=f"metric {i}",
                kind="changed",
                old=str(i),
                new=str(i + 5),
                old_value=i,
                new_value=i + 5,
                delta=5,
                delta_pct=500 / i,
                new_sentence=f"Sentence number {i} now says {i + 5}.",
            )
        )
    fields: dict[str, object] = {
        "kind": "change",
        "watch": watch,
        "url": "https://www.example-un.org/news/civilian-casualty-update-4",
        "idempotency_key": key,
        "created_at": "2024-03-04T10:00:00+00:00",
        "from_version": 3,
        "to_version": 4,
        "figures": tuple(figures),
        "text_diff": ((0, "At least "), (-1, "249"), (1, "331"), (0, " civilians have been killed")),
    }
    fields.update(overrides)
    return AlertMessage(**fields)  # type: ignore[arg-type]


def sample_error(watch: str = "deconfliction-article", key: str = "k-error-1") -> AlertMessage:
    """A watch that keeps failing."""
    return AlertMessage(
        kind="error",
        watch=watch,
        url="https://www.example-news.com/2022/03/deconfliction-hotline/",
        idempotency_key=key,
        created_at="2024-03-04T11:00:00+00:00",
        error="HTTP 404 Not Found",
        consecutive_failures=3,
    )
