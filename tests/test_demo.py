"""`tallywatch demo`: the replay content moves the way it should, the replay server, and the demo end to end."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import yaml

from monitor.demo import scenario
from monitor.demo.run import run_demo
from monitor.demo.server import ReplayServer, etag_matches

ROOT = Path(__file__).resolve().parent.parent
CORPUS_SEQUENCES = ROOT.parent / "shared" / "corpus" / "sequences"


def _figures_api() -> Any:
    """monitor.figures, or a skip when its extractor has not landed yet."""
    try:
        import monitor.figures as figures

        figures.extract_figures  # noqa: B018 - the attribute is what the tests need
    except (ImportError, AttributeError) as exc:
        pytest.skip(f"monitor.figures.extract_figures is not importable yet: {exc}")
    return figures


def _current(html: str, metrics: Mapping[str, Sequence[str]] | None = None) -> tuple[dict[str, str], list[Any]]:
    """Figures of a page as the daemon sees them (same extraction path), as key → rendered figure."""
    figures = _figures_api()
    from monitor.analysis import analyse

    _text, found = analyse(html.encode("utf-8"), "text/html; charset=utf-8", None, (),
                           {k: tuple(v) for k, v in (metrics or {}).items()})
    current = [f for f in found if f.role == "current"]
    return {f.key: figures.render_figure(f) for f in current}, found


# ----------------------------------------------------------------------------------------------------- scenario


@pytest.mark.parametrize("number", range(len(scenario.ARTICLE_REVISIONS)))
def test_article_revision_states_the_intended_figures(number: int) -> None:
    revision = scenario.ARTICLE_REVISIONS[number]
    shown, _ = _current(scenario.article_html(revision))
    assert shown == dict(revision.expected)


@pytest.mark.parametrize("number", range(len(scenario.SERIES_UPDATES)))
def test_series_update_states_the_intended_figures(number: int) -> None:
    update = scenario.SERIES_UPDATES[number]
    shown, _ = _current(scenario.update_html(update), scenario.SERIES_METRICS)
    assert shown == dict(update.expected)


def test_article_figures_move_as_narrated() -> None:
    figures = _figures_api()
    pages = [_current(scenario.article_html(r))[1] for r in scenario.ARTICLE_REVISIONS]
    moves = [figures.diff_figures(old, new) for old, new in itertools.pairwise(pages)]
    by_key = [{c.key: c for c in changes} for changes in moves]

    # 1 → 2: the toll rises, the children are a new figure, and the injured move by qualifier and value.
    assert by_key[0]["killed"].delta == 26
    assert by_key[0]["children killed"].kind == "added"
    injured = by_key[0]["injured"]
    assert (injured.old.qualifier, injured.new.qualifier) == ("almost", "more_than")
    assert (figures.render_figure(injured.old), figures.render_figure(injured.new)) == ("almost 500",
                                                                                         "more than 480")
    # 2 → 3: the reworded lead sentence moves nothing, so it must alert nobody.
    assert moves[1] == []
    assert not scenario.ARTICLE_REVISIONS[2].alert
    # 3 → 4: everything rises and the missing appear; 4 → 5: the toll becomes exact and the missing fall.
    assert {k: c.kind for k, c in by_key[2].items()} == {"killed": "changed", "children killed": "changed",
                                                         "injured": "changed", "missing": "added"}
    assert by_key[3]["killed"].new.qualifier == "exact" and by_key[3]["killed"].delta == 46
    assert by_key[3]["missing"].delta == -15
    assert all(r.alert for i, r in enumerate(scenario.ARTICLE_REVISIONS) if i != 2)


def test_series_figures_rise_page_after_page() -> None:
    figures = _figures_api()
    pages = [_current(scenario.update_html(u), scenario.SERIES_METRICS)[1] for u in scenario.SERIES_UPDATES]
    for old, new in itertools.pairwise(pages):
        changes = {c.key: c for c in figures.diff_figures(old, new)}
        assert {"killed", "injured"} <= set(changes)
        assert changes["killed"].delta > 0 and changes["injured"].delta > 0


def test_series_numbers_follow_the_ocha_sitreps() -> None:
    # Casualties and killed as quoted in the OCHA situation reports; injured is their difference.
    real = {"2022-02-26": (240, 64), "2022-03-06": (1207, 406), "2022-03-17": (2149, 816),
            "2022-03-20": (2421, 925), "2022-03-22": (2571, 977)}
    for update in scenario.SERIES_UPDATES:
        casualties, killed = real[update.as_of.isoformat()]
        numbers = {k: int(re.sub(r"\D", "", v)) for k, v in update.expected.items()}
        assert numbers == {"civilian casualties": casualties, "killed": killed, "injured": casualties - killed}


def _shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_no_prose_is_copied_from_the_corpus() -> None:
    if not CORPUS_SEQUENCES.is_dir():
        pytest.skip(f"corpus not found at {CORPUS_SEQUENCES}")
    corpus: set[tuple[str, ...]] = set()
    for path in CORPUS_SEQUENCES.rglob("*.txt"):
        corpus |= _shingles(path.read_text(encoding="utf-8"))
    ours = [p for r in scenario.ARTICLE_REVISIONS for p in r.paragraphs]
    ours += [p for u in scenario.SERIES_UPDATES for p in u.paragraphs]
    for paragraph in ours:
        shared = _shingles(paragraph) & corpus
        assert not shared, f"eight words in a row shared with the corpus: {' '.join(next(iter(shared)))!r}"


def test_steps_alternate_and_each_adds_one_version() -> None:
    steps = scenario.STEPS
    assert steps[0].expected_versions == {scenario.ARTICLE: 1, scenario.SERIES: 1}
    assert steps[-1].expected_versions == {scenario.ARTICLE: len(scenario.ARTICLE_REVISIONS),
                                           scenario.SERIES: len(scenario.SERIES_UPDATES)}
    for before, after in itertools.pairwise(steps):
        grown = {k: after.expected_versions[k] - before.expected_versions[k] for k in before.expected_versions}
        assert sorted(grown.values()) == [0, 1]
        assert after.note


def test_index_lists_newest_first_and_matches_the_pattern() -> None:
    _figures_api()  # monitor.series imports the pipeline, which needs the extractor
    from monitor.series import parse_index

    body = scenario.index_html(scenario.SERIES_UPDATES[:3]).encode()
    entries = parse_index(body, "text/html", "http://127.0.0.1:8000/updates/", scenario.SERIES_LINK_PATTERN)
    assert [urlsplit(e.url).path for e in entries] == [u.path for u in reversed(scenario.SERIES_UPDATES[:3])]


# ----------------------------------------------------------------------------------------------------- server


def test_server_answers_304_until_the_page_changes() -> None:
    before = {t.ident for t in threading.enumerate()}
    with ReplayServer() as server, httpx.Client() as client:
        server.publish("/page", "<p>one</p>")
        first = client.get(server.url("/page"))
        assert first.status_code == 200 and first.text == "<p>one</p>"
        again = client.get(server.url("/page"), headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.content == b""
        server.publish("/page", "<p>two</p>")
        changed = client.get(server.url("/page"), headers={"If-None-Match": first.headers["ETag"]})
        assert changed.status_code == 200 and changed.headers["ETag"] != first.headers["ETag"]
        assert client.get(server.url("/missing")).status_code == 404
        assert (server.stats.ok, server.stats.not_modified) == (2, 1)
    # The serving thread is gone once the server is stopped.
    assert not [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]


def test_etag_matching() -> None:
    assert etag_matches('"a", "b"', '"b"')
    assert etag_matches('W/"b"', '"b"')
    assert etag_matches("*", '"b"')
    assert not etag_matches(None, '"b"')
    assert not etag_matches('"a"', '"b"')


def test_bad_speed_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_demo(None, step_seconds=0) == 1
    assert "--speed" in capsys.readouterr().err


# ----------------------------------------------------------------------------------------------------- end to end

# Loaded into the demo's interpreter via PYTHONPATH: any connection or name lookup beyond loopback fails loudly,
# so the run proves the demo needs no network.
_NO_NETWORK = textwrap.dedent("""
    import socket

    _LOCAL = {"127.0.0.1", "::1", "localhost"}
    _connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def _check(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOCAL:
            raise OSError(f"test_demo: network access to {address!r} is not allowed")

    def connect(self, address):
        _check(self, address)
        return _connect(self, address)

    def connect_ex(self, address):
        _check(self, address)
        return _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in _LOCAL and host is not None:
            raise OSError(f"test_demo: name lookup of {host!r} is not allowed")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
""")


@pytest.mark.slow
def test_demo_end_to_end(tmp_path: Path) -> None:
    _figures_api()
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(_NO_NETWORK, encoding="utf-8")
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TALLYWATCH_")}
    env.update(PYTHONPATH=os.pathsep.join([str(guard), str(ROOT)]), NO_COLOR="1", COLUMNS="160")
    done = subprocess.run([sys.executable, "-m", "monitor", "demo", "--speed", "0.5", "--data-dir", str(data)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=90)
    out = done.stdout
    assert done.returncode == 0, f"exit {done.returncode}\nstdout:\n{out}\nstderr:\n{done.stderr}"
    assert "Traceback" not in done.stderr, done.stderr

    # Alerts, printed by the console notifier as they happened.
    assert "[tallywatch] varnesse-quake-article v1→v2" in out
    assert "injured: almost 500 → more than 480" in out
    assert re.search(r"killed: at least 112 → at least 157 \(\+45", out)
    assert re.search(r"killed: at least 64 → 406 \(\+342", out)
    assert "no figure moved, no alert (as intended)" in out
    assert "varnesse-quake-article v2→v3" not in out  # the reworded revision alerted nobody
    # The timelines and the last diff, printed with the CLI's own commands.
    assert "$ tallywatch figures varnesse-quake-article" in out
    assert "$ tallywatch figures ukraine-casualty-updates" in out
    timeline = out.split("$ tallywatch figures ukraine-casualty-updates", 1)[1]
    for value in ("1,207", "2,149", "2,421", "2,571"):
        assert value in timeline
    assert "$ tallywatch diff varnesse-quake-article 4 5" in out
    assert "killed: at least 157 → 203 (+46" in out
    assert "304 Not Modified" in out
    assert f"Data folder: {data.resolve()}" in out

    # Everything the config names is on this machine.
    config = yaml.safe_load((data / "config.yaml").read_text(encoding="utf-8"))
    urls = [w.get("url") or w["series"]["index"] for w in config["watches"]]
    assert len(urls) == 2 and all(urlsplit(u).hostname == "127.0.0.1" for u in urls)
    assert (data / "demo.db").exists()
