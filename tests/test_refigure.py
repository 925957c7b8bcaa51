"""`tallywatch refigure`: stored versions read again with the current extractor and the config's metrics."""

from __future__ import annotations

from tests.conftest import Workspace
from tests.support.articles import BASE_PARAGRAPHS, article
from tests.support.pages import PageServer

# The same report three times: the toll rises, then the count of hospitals over capacity.
STEPS = [("at least 249", "12 hospitals"), ("at least 331", "12 hospitals"), ("at least 331", "14 hospitals")]


def _config(site: PageServer, metrics: str = "") -> str:
    return f"""
        notifiers:
          log: {{type: console, stream: stderr}}
        watches:
          - name: report
            url: {site.url('/report')}
            notify: [log]
            alert_on_first: false
            {metrics}
    """


def _record_three_versions(ws: Workspace, site: PageServer) -> None:
    ws.write_config(_config(site))
    for toll, hospitals in STEPS:
        site.set("/report", article([p.replace("at least 249", toll).replace("12 hospitals", hospitals)
                                     for p in BASE_PARAGRAPHS]))
        assert ws.cli("check").code == 0


def _keys(ws: Workspace) -> list[str]:
    return sorted({r["key"] for r in ws.cli("figures", "report", "--json").json()})


def test_new_metrics_reach_the_versions_stored_before_them(ws: Workspace, site: PageServer) -> None:
    _record_three_versions(ws, site)
    assert "hospitals" in _keys(ws)
    alerts_before = ws.sql("SELECT id, payload FROM alerts ORDER BY id")
    assert alerts_before  # the toll and the hospitals moved: two changes alerted

    ws.write_config(_config(site, "metrics: {overwhelmed hospitals: [hospitals]}"))
    result = ws.cli("refigure")
    assert result.code == 0, result.err
    assert "report: 3 version(s) re-read, 3 read differently" in result.out
    # 1 → 2 moved the toll only, which keeps its key; 2 → 3 moved the hospitals, whose key is new.
    assert "1 of 2 change(s) changed (2 → 2 figure changes), stored" in result.out

    keys = _keys(ws)
    assert "overwhelmed hospitals" in keys and "hospitals" not in keys
    timeline = ws.cli("figures", "report", "--metric", "overwhelmed hospitals", "--json").json()
    assert [(r["version"], r["value"]) for r in timeline] == [(1, 12), (2, 12), (3, 14)]
    head = ws.cli("diff", "report").out.partition("\n\n")[0]
    assert "overwhelmed hospitals: 12 → 14 (+2, +16.7%)" in head
    stored = ws.sql("SELECT DISTINCT fc.key FROM figure_changes fc ORDER BY fc.key")
    assert stored == [("killed",), ("overwhelmed hospitals",)]
    # What was sent stays what was sent.
    assert ws.sql("SELECT id, payload FROM alerts ORDER BY id") == alerts_before


def test_a_second_run_finds_nothing_and_writes_nothing(ws: Workspace, site: PageServer) -> None:
    _record_three_versions(ws, site)
    ws.write_config(_config(site, "metrics: {overwhelmed hospitals: [hospitals]}"))
    assert ws.cli("refigure").code == 0
    digest = ws.db_digest()
    again = ws.cli("refigure", "report", "--json").json()
    assert again["watches"][0]["versions_changed"] == 0 and again["watches"][0]["changes_changed"] == 0
    assert again["watches"][0]["written"] is False
    assert ws.db_digest() == digest


def test_dry_run_reports_and_keeps_the_stored_figures(ws: Workspace, site: PageServer) -> None:
    _record_three_versions(ws, site)
    ws.write_config(_config(site, "metrics: {overwhelmed hospitals: [hospitals]}"))
    digest = ws.db_digest()
    result = ws.cli("refigure", "--dry-run")
    assert result.code == 0 and "3 read differently" in result.out and "would change" in result.out
    assert ws.db_digest() == digest
    assert "hospitals" in _keys(ws)


def test_a_stale_stored_reading_is_replaced_and_the_change_rediffed(ws: Workspace, site: PageServer) -> None:
    # What an older release might have stored: it read version 2's "331" as a count of people, so its diff from
    # version 1 said the killed figure was removed and a people figure added.
    _record_three_versions(ws, site)
    ws.sql("UPDATE figures SET key = 'people', label = 'people' WHERE key = 'killed' AND version_id = "
           "(SELECT id FROM versions WHERE number = 2)")
    change, new_figure = ws.sql("SELECT fc.change_id, fc.new_figure_id FROM figure_changes fc JOIN changes c "
                                "ON c.id = fc.change_id JOIN versions v ON v.id = c.to_version_id "
                                "WHERE v.number = 2 AND fc.key = 'killed'")[0]
    ws.sql("UPDATE figure_changes SET kind = 'removed', new_figure_id = NULL, delta = NULL, delta_pct = NULL "
           "WHERE change_id = :c", c=change)
    ws.sql("INSERT INTO figure_changes (change_id, kind, key, new_figure_id, qualifier_only) "
           "VALUES (:c, 'added', 'people', :f, false)", c=change, f=new_figure)
    ws.sql("UPDATE changes SET figures_changed = 2 WHERE id = :c", c=change)
    assert [r["figures_moved"] for r in ws.cli("history", "report", "--json").json()] == [0, 2, 1]

    data = ws.cli("refigure", "--json").json()["watches"][0]
    assert (data["versions_changed"], data["changes_changed"], data["written"]) == (1, 1, True)
    moved = ws.sql("SELECT v.number, fc.kind, fc.key, fc.delta FROM figure_changes fc "
                   "JOIN changes c ON c.id = fc.change_id JOIN versions v ON v.id = c.to_version_id "
                   "WHERE v.number = 2")
    assert moved == [(2, "changed", "killed", 82.0)]
    assert [r["figures_moved"] for r in ws.cli("history", "report", "--json").json()] == [0, 1, 1]
    assert ws.sql("SELECT count(*) FROM figures WHERE key = 'people'") == [(0,)]


def test_refused_while_a_daemon_holds_the_database(ws: Workspace, site: PageServer) -> None:
    from monitor.lock import DaemonLock

    _record_three_versions(ws, site)
    lock = DaemonLock.for_url(ws.db_url)
    lock.acquire()
    try:
        result = ws.cli("refigure")
        assert result.code == 1 and "daemon" in result.err and "--dry-run" in result.err
        assert len(result.err.strip().splitlines()) == 1
        assert ws.cli("refigure", "--dry-run").code == 0
    finally:
        lock.release()


def test_unknown_and_unchecked_watches_are_one_line_errors(ws: Workspace, site: PageServer) -> None:
    ws.write_config(_config(site))
    unchecked = ws.cli("refigure", "report")
    assert unchecked.code == 1 and "no stored versions yet" in unchecked.err
    assert ws.cli("refigure").out.strip() == "no configured watch has stored versions yet"
    unknown = ws.cli("refigure", "repor")
    assert unknown.code == 1 and "repor" in unknown.err and "Traceback" not in unknown.err


def _notes(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("note: ")]


def test_new_metrics_make_a_refigure_due_until_one_runs(ws: Workspace, site: PageServer) -> None:
    _record_three_versions(ws, site)
    assert _notes(ws.cli("figures", "report").err) == []
    assert [r["refigure_due"] for r in ws.cli("list", "--json").json()] == [0]

    ws.write_config(_config(site, "metrics: {overwhelmed hospitals: [hospitals]}"))
    for command in (("figures", "report"), ("history", "report"), ("diff", "report"), ("show", "report"),
                    ("export", "report"), ("list",), ("check",)):
        result = ws.cli(*command)
        assert result.code == 0, (command, result.err)
        notes = _notes(result.err)
        assert len(notes) == 1, command
        assert "3 of 3 stored version(s) of 'report'" in notes[0] and "`tallywatch refigure report`" in notes[0]
    assert [r["refigure_due"] for r in ws.cli("list", "--json").json()] == [3]

    assert ws.cli("refigure").code == 0
    assert _notes(ws.cli("figures", "report").err) == []
    assert [r["refigure_due"] for r in ws.cli("list", "--json").json()] == [0]


def test_versions_read_by_other_rules_are_due_even_when_they_read_the_same(ws: Workspace, site: PageServer) -> None:
    _record_three_versions(ws, site)
    # What an older release leaves: versions stored before readers were recorded, and one read by other rules.
    ws.sql("UPDATE versions SET figures_reader = NULL WHERE number < 3")
    ws.sql("UPDATE versions SET figures_reader = 'another release' WHERE number = 3")
    assert "3 of 3 stored version(s)" in _notes(ws.cli("history", "report").err)[0]
    figures = ws.sql("SELECT * FROM figures ORDER BY id")

    dry = ws.cli("refigure", "--dry-run", "--json").json()["watches"][0]
    assert (dry["stale"], dry["versions_changed"], dry["written"]) == (3, 0, False)
    assert len(_notes(ws.cli("history", "report").err)) == 1

    data = ws.cli("refigure", "--json").json()["watches"][0]
    assert (data["stale"], data["versions_changed"], data["written"]) == (3, 0, True)
    assert ws.sql("SELECT * FROM figures ORDER BY id") == figures  # the same reading: nothing else rewritten
    assert _notes(ws.cli("history", "report").err) == []
    assert ws.cli("refigure", "--json").json()["watches"][0]["stale"] == 0


def test_a_new_version_records_the_rules_that_read_it(ws: Workspace, site: PageServer) -> None:
    _record_three_versions(ws, site)
    readers = ws.sql("SELECT DISTINCT figures_reader FROM versions")
    assert len(readers) == 1 and readers[0][0]
    ws.write_config(_config(site, "metrics: {overwhelmed hospitals: [hospitals]}"))
    site.set("/report", article([p.replace("at least 249", "at least 400") for p in BASE_PARAGRAPHS]))
    assert ws.cli("check").code == 0
    newest = ws.sql("SELECT figures_reader FROM versions WHERE number = 4")[0][0]
    assert newest and newest != readers[0][0]
    # The three older versions are still due; the new one was read with the new metrics.
    assert "3 of 4 stored version(s)" in _notes(ws.cli("history", "report").err)[0]
