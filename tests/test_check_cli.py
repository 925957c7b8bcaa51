"""The foundation end to end: a real page server, a real SQLite file, the real CLI."""

from __future__ import annotations

import hashlib

from tests.conftest import Workspace
from tests.support.articles import BASE_PARAGRAPHS, article
from tests.support.pages import PageServer


def _config(ws: Workspace, site: PageServer, extra: str = "") -> None:
    ws.write_config(f"""
        watches:
          - name: report
            url: {site.url('/report')}
        {extra}
    """)


def test_versions_only_when_words_change(ws: Workspace, site: PageServer) -> None:
    paragraphs = list(BASE_PARAGRAPHS)
    site.set("/report", article(paragraphs))
    _config(ws, site)
    assert ws.cli("check").code == 0

    # 1: a word change
    paragraphs[0] = paragraphs[0].replace("at least 249", "at least 331")
    site.set("/report", article(paragraphs))
    assert ws.cli("check").code == 0
    # 2: another word change
    paragraphs[1] = paragraphs[1].replace("three districts", "four districts")
    site.set("/report", article(paragraphs))
    assert ws.cli("check").code == 0
    # 3: markup only
    site.set("/report", article(paragraphs, variant=3))
    result = ws.cli("check", "--json")
    assert result.code == 0
    assert result.json()["checks"][0]["outcome"] == "unchanged"
    # 4: identical re-serve: the server answers 304 to our validators
    result = ws.cli("check", "--json")
    assert result.json()["checks"][0]["outcome"] == "not_modified"
    assert result.json()["checks"][0]["http_status"] == 304

    history = ws.cli("history", "report", "--json")
    assert history.code == 0
    assert [v["number"] for v in history.json()] == [1, 2, 3]

    diff = ws.cli("diff", "report", "1", "2")
    assert diff.code == 0
    assert "[-249-]{+331+}" in diff.out
    assert "killed: at least 249 → at least 331 (+82" in diff.out

    last = ws.cli("diff", "report", "--json").json()
    assert (last["from"], last["to"]) == (2, 3)
    assert any(op == -1 and "three" in text for op, text in last["ops"])
    assert any(op == 1 and "four" in text for op, text in last["ops"])


def test_304_records_a_check_and_no_version(ws: Workspace, site: PageServer) -> None:
    site.set("/report", article())
    _config(ws, site)
    ws.cli("check")
    ws.cli("check")
    outcomes = [r[0] for r in ws.sql("SELECT outcome FROM checks ORDER BY id")]
    versions = ws.sql("SELECT count(*) FROM versions")[0][0]
    assert outcomes == ["new_version", "not_modified"]
    assert versions == 1
    assert site.requests[-1][1].get("If-None-Match")


def test_a_quiet_check_after_a_failure_resets_the_watch_state(ws: Workspace, site: PageServer) -> None:
    """304s and identical bodies take a short write path; it must leave the watch exactly as a full write would."""
    site.set("/report", article())
    _config(ws, site, "    error_threshold: 3")
    assert ws.cli("check").code == 0
    state = "SELECT consecutive_failures, error_alerted, last_error, last_outcome, etag FROM watches"
    etag = ws.sql(state)[0][4]
    assert etag

    site.fail("/report", 503)
    assert ws.cli("check").code == 2
    failures, alerted, error, outcome, _ = ws.sql(state)[0]
    assert (failures, alerted, outcome) == (1, False, "error") and error and "503" in error

    site.set("/report", article())  # the same page again: a 304 to our validators
    assert ws.cli("check", "--json").json()["checks"][0]["outcome"] == "not_modified"
    assert ws.sql(state) == [(0, False, None, "not_modified", etag)]

    site.fail("/report", 503)
    ws.cli("check")
    site.set("/report", article(variant=3))  # new markup, same words: a new ETag, an unchanged text
    assert ws.cli("check", "--json").json()["checks"][0]["outcome"] == "unchanged"
    failures, alerted, error, outcome, new_etag = ws.sql(state)[0]
    assert (failures, alerted, error, outcome) == (0, False, None, "unchanged") and new_etag != etag
    checks = ws.sql("SELECT outcome, url, http_status, error, version_id FROM checks ORDER BY id")
    assert [c[0] for c in checks] == ["new_version", "error", "not_modified", "error", "unchanged"]
    assert checks[2] == ("not_modified", site.url("/report"), 304, None, None)
    assert checks[4] == ("unchanged", site.url("/report"), 200, None, None)
    assert ws.sql("SELECT count(*) FROM versions") == [(1,)]
    assert ws.sql("SELECT count(*) FROM alerts") == [(0,)]  # two failures in a row never reached the threshold


def test_show_and_figures_of_a_version(ws: Workspace, site: PageServer) -> None:
    site.set("/report", article())
    _config(ws, site)
    ws.cli("check")
    shown = ws.cli("show", "report", "--json").json()
    assert shown["number"] == 1
    assert "Rescue teams were still searching" in shown["text"]
    assert "cookies" not in shown["text"] and "Football" not in shown["text"]
    keys = {f["key"] for f in shown["figures"]}
    assert {"killed", "injured"} <= keys


def test_failures_are_recorded_and_do_not_stop_others(ws: Workspace, site: PageServer) -> None:
    site.set("/ok", article())
    site.fail("/missing", 404)
    site.set("/slow", article())
    site.delay("/slow", 3.0)
    site.set("/huge", "<html><body><article>" + "<p>word</p>" * 20000 + "</article></body></html>")
    ws.write_config(f"""
        watches:
          - {{name: ok, url: "{site.url('/ok')}"}}
          - {{name: missing, url: "{site.url('/missing')}"}}
          - {{name: slow, url: "{site.url('/slow')}", timeout: 1s}}
          - {{name: huge, url: "{site.url('/huge')}", max_bytes: 50KB}}
          - {{name: unreachable, url: "http://127.0.0.1:9/report"}}
          - {{name: nodns, url: "http://no-such-host.invalid/report"}}
    """)
    result = ws.cli("check", "--json")
    assert result.code == 2
    by_name = {c["watch"]: c for c in result.json()["checks"]}
    assert by_name["ok"]["outcome"] == "new_version"
    assert by_name["missing"]["error_class"] == "http" and "404" in by_name["missing"]["error"]
    assert by_name["slow"]["error_class"] == "timeout"
    assert by_name["huge"]["error_class"] == "too_large"
    assert by_name["unreachable"]["error_class"] == "network"
    assert "connection refused" in by_name["unreachable"]["error"]
    # RFC 2606 reserves .invalid: it never resolves, with or without a network.
    assert by_name["nodns"]["error_class"] == "network"
    assert "host name not found (DNS)" in by_name["nodns"]["error"]
    listing = {w["name"]: w for w in ws.cli("list", "--json").json()}
    assert listing["missing"]["consecutive_errors"] == 1
    assert listing["ok"]["versions"] == 1


def _db_digest(ws: Workspace) -> str | None:
    """The database's logical content (a WAL checkpoint may rewrite the file's bytes without changing data)."""
    import sqlite3

    if ws.backend != "sqlite":
        return ws.db_digest()  # PostgreSQL: row counts and hashes of every table
    if not ws.db.exists():
        return None
    with sqlite3.connect(ws.db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def test_bad_input_is_one_line_and_leaves_the_database_alone(ws: Workspace, site: PageServer) -> None:
    site.set("/report", article())
    _config(ws, site)
    assert ws.cli("check").code == 0
    before = _db_digest(ws)

    cases = {
        "malformed": "watches: [\n  - name: x\n    url: [",
        "unknown key": f"watches:\n  - name: report\n    url: {site.url('/report')}\n    intervall: 5m\n",
        "bad duration": f"watches:\n  - name: report\n    url: {site.url('/report')}\n    interval: 5 minutes\n",
        "missing url": "watches:\n  - name: report\n",
    }
    expected = {
        "malformed": "malformed YAML",
        "unknown key": "watches[0].intervall: unknown key (did you mean 'interval'?)",
        "bad duration": "watches[0].interval: bad duration '5 minutes'",
        "missing url": "watches[0]: give exactly one of `url`",
    }
    for name, text in cases.items():
        ws.config.write_text(text)
        for args in (("check",), ("validate",)):
            result = ws.cli(*args)
            assert result.code == 1, (name, args, result)
            lines = result.err.strip().splitlines()
            assert len(lines) == 1, (name, args, result.err)
            assert expected[name] in lines[0], (name, lines[0])
            assert "Traceback" not in result.err
    _config(ws, site)
    for args, needle in ((("history", "reprot"), "unknown watch 'reprot' (did you mean 'report'?)"),
                         (("show", "report", "7"), "has no version 7"),
                         (("diff", "report", "1", "9"), "has no version 9"),
                         (("check", "nope"), "unknown watch 'nope'")):
        result = ws.cli(*args)
        assert result.code == 1, args
        assert result.err.count("\n") == 1 and needle in result.err, result.err
    assert _db_digest(ws) == before


def test_validate_lists_every_problem(ws: Workspace) -> None:
    ws.write_config("""
        defaults: {interval: 10x}
        notifiers:
          desk: {type: slak, url: "http://127.0.0.1:1/"}
        watches:
          - {name: a, url: "http://127.0.0.1:1/a", notify: [newsroom]}
          - {name: a, url: "ftp://example.org/b"}
          - {name: c, url: "http://127.0.0.1:1/c", timeuot: 5s}
    """)
    result = ws.cli("validate")
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert any("defaults.interval" in line for line in lines)
    assert any("watches[2].timeuot: unknown key (did you mean 'timeout'?)" in line for line in lines)
    assert any("watches[1].url: not an http(s) URL" in line for line in lines)


def test_env_vars_are_expanded_and_missing_ones_named(ws: Workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TW_TEST_HOOK", raising=False)
    ws.write_config("""
        notifiers:
          chat: {type: webhook, url: "${TW_TEST_HOOK}"}
        watches:
          - {name: a, url: "http://127.0.0.1:1/a", notify: [chat]}
    """)
    result = ws.cli("validate")
    assert result.code == 1
    assert "notifiers.chat.url: environment variable TW_TEST_HOOK is not set" in result.err
    monkeypatch.setenv("TW_TEST_HOOK", "http://127.0.0.1:1/hook-secret-path")
    result = ws.cli("validate")
    assert result.code == 0, result.err
    assert "hook-secret-path" not in result.out + result.err
