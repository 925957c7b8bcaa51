"""`tallywatch db copy`: a SQLite history moved into another database (PostgreSQL or SQLite), verified."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from storage.copy import copy_database, database_digests, table_digest
from storage.db import StorageError, create_db_engine, open_database
from storage.models import SeriesEntryRow, VersionRow, WatchRow, utcnow
from tests.conftest import Workspace
from tests.support.articles import BASE_PARAGRAPHS, article
from tests.support.http_endpoint import HttpEndpoint
from tests.support.pages import PageServer

READ_COMMANDS = [
    ("list", "--json"),
    ("history", "report", "--json"),
    ("show", "report", "--json"),
    ("show", "report", "1", "--json"),
    ("diff", "report", "1", "3", "--json"),
    ("figures", "report", "--json"),
    ("alerts", "--json"),
]


def _revise(site: PageServer, *pairs: tuple[str, str]) -> None:
    paragraphs = list(BASE_PARAGRAPHS)
    for old, new in pairs:
        paragraphs = [p.replace(old, new) for p in paragraphs]
    site.set("/report", article(paragraphs))


@pytest.fixture
def source(tmp_path: Path, capsys: pytest.CaptureFixture[str], site: PageServer,
           http_endpoint: HttpEndpoint) -> Workspace:
    """A SQLite history made by the real pipeline: 3 versions, figures, changes, a sent and a pending alert."""
    src = Workspace(tmp_path / "src", capsys)
    src.path.mkdir()
    src.write_config(f"""
        notifiers:
          hook: {{type: webhook, url: "{http_endpoint.url('/hook')}"}}
        watches:
          - name: report
            url: {site.url('/report')}
            notify: [hook]
          - name: broken
            url: {site.url('/missing')}
    """)
    site.set("/report", article())
    site.fail("/missing", 503)
    src.cli("check")
    _revise(site, ("at least 249", "at least 331"))
    assert src.cli("check", "report").code == 0
    http_endpoint.script(500)  # this one stays pending, with an error recorded
    _revise(site, ("at least 249", "at least 402"), ("three districts", "four districts"))
    assert src.cli("check", "report").code == 0
    engine = open_database(src.db_url)
    with Session(engine) as s:  # the pipeline makes series entries only for series watches
        watch = s.exec(sa.select(WatchRow).where(WatchRow.name == "report")).scalars().one()  # type: ignore[call-overload]
        version = s.exec(sa.select(VersionRow).where(VersionRow.number == 2)).scalars().one()  # type: ignore[call-overload]
        s.add(SeriesEntryRow(watch_id=watch.id, url="https://example.org/u/1", title="Update 1",
                             published_at=utcnow(), discovered_at=utcnow(), status="stored", version_id=version.id))
        s.commit()
    engine.dispose()
    return src


def test_copy_moves_everything_and_reads_the_same(source: Workspace, db_url: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str], site: PageServer) -> None:
    target = Workspace(tmp_path, capsys, db_url)
    target.config.write_text(source.config.read_text())

    result = source.cli("db", "copy", "--to", db_url)
    assert result.code == 0, result.err
    assert "copied" in result.out and "versions: 3 row(s) copied and verified" in result.out

    src_engine, dst_engine = create_db_engine(source.db_url), create_db_engine(db_url)
    try:
        src_digests, dst_digests = database_digests(src_engine), database_digests(dst_engine)
    finally:
        src_engine.dispose()
        dst_engine.dispose()
    assert src_digests == dst_digests
    counts = {name: n for name, (n, _) in src_digests.items()}
    assert counts["watches"] == 2 and counts["versions"] == 3 and counts["changes"] == 3
    assert counts["figures"] >= 6 and counts["figure_changes"] >= 2
    assert counts["alerts"] == 2 and counts["checks"] == 4 and counts["series_entries"] == 1

    for args in READ_COMMANDS:
        src_out, dst_out = source.cli(*args), target.cli(*args)
        assert (dst_out.code, dst_out.json()) == (src_out.code, src_out.json()), args
    assert [v["number"] for v in target.cli("history", "report", "--json").json()] == [1, 2, 3]

    # Sequences moved past the copied ids: the target takes new history without key collisions.
    _revise(site, ("at least 249", "at least 500"))
    assert target.cli("check", "report").code == 0
    assert [v["number"] for v in target.cli("history", "report", "--json").json()] == [1, 2, 3, 4]
    assert target.sql("SELECT max(id) FROM versions") == [(4,)]


def test_copy_refuses_a_non_empty_target(source: Workspace, db_url: str) -> None:
    assert copy_database(source.db_url, db_url)["versions"] == 3
    with pytest.raises(StorageError, match=r"is not empty \(watches: 2 row\(s\)\)"):
        copy_database(source.db_url, db_url)
    result = source.cli("db", "copy", "--to", db_url)
    assert result.code == 1
    assert result.err.count("\n") == 1 and "copy needs an empty database" in result.err


def test_copy_into_an_upgraded_empty_target_is_fine(source: Workspace, db_url: str) -> None:
    """`db upgrade` on the target first (as the README suggests) leaves it empty, so the copy goes ahead."""
    open_database(db_url).dispose()
    assert copy_database(source.db_url, db_url)["alerts"] == 2


def test_copy_needs_a_source(tmp_path: Path, db_url: str) -> None:
    with pytest.raises(StorageError, match="no tallywatch database"):
        copy_database(f"sqlite:///{tmp_path / 'nothing.db'}", db_url)


def test_row_hash_is_backend_independent(source: Workspace, db_url: str) -> None:
    """The per-table hash sees through backend representations (tz, JSON text, bytes) but not through edits."""
    copy_database(source.db_url, db_url)
    src, dst = create_db_engine(source.db_url), create_db_engine(db_url)
    table = VersionRow.__table__  # type: ignore[attr-defined]
    try:
        with src.connect() as a, dst.connect() as b:
            assert table_digest(a, table) == table_digest(b, table)
        with dst.begin() as conn:
            conn.execute(sa.text("UPDATE versions SET http_meta = :m WHERE number = 2"), {"m": '{"changed": 1}'})
        with src.connect() as a, dst.connect() as b:
            assert table_digest(a, table) != table_digest(b, table)
    finally:
        src.dispose()
        dst.dispose()


def test_copy_back_from_the_target_to_a_new_sqlite_file(source: Workspace, db_url: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """The way back (PostgreSQL to SQLite, with the postgres backend): the round trip changes no row."""
    copy_database(source.db_url, db_url)
    back = Workspace(tmp_path / "back", capsys)
    back.path.mkdir()
    back.config.write_text(source.config.read_text())
    counts = copy_database(db_url, back.db_url)
    assert counts["versions"] == 3 and counts["alerts"] == 2

    engines = [create_db_engine(url) for url in (source.db_url, db_url, back.db_url)]
    try:
        original, middle, returned = (database_digests(e) for e in engines)
    finally:
        for engine in engines:
            engine.dispose()
    assert original == middle == returned
    for args in READ_COMMANDS:
        src_out, back_out = source.cli(*args), back.cli(*args)
        assert (back_out.code, back_out.json()) == (src_out.code, src_out.json()), args
