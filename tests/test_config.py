"""Config loading: durations, defaults, env expansion, and one-line problems with suggestions."""

from __future__ import annotations

import pytest

from monitor.config import ConfigError, parse_config
from monitor.units import parse_duration, parse_size


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400),
                                               ("1h30m", 5400), (45, 45), ("500ms", 0.5), ("90", 90)])
def test_durations(text: str | int, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["5 minutes", "m", "-3s", "", "1y", True])
def test_bad_durations(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(bad)  # type: ignore[arg-type]


def test_sizes() -> None:
    assert parse_size("5MB") == 5_000_000 and parse_size("1MiB") == 1 << 20 and parse_size(2048) == 2048
    with pytest.raises(ValueError):
        parse_size("lots")


def _problems(text: str, env: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as info:
        parse_config(text, env=env or {})
    return info.value.problems


def test_defaults_apply_and_watch_settings_win() -> None:
    config = parse_config("""
defaults: {interval: 10m, timeout: 5s, notify: [t]}
notifiers: {t: {type: console}}
watches:
  - {name: a, url: "http://127.0.0.1/a"}
  - {name: b, url: "http://127.0.0.1/b", interval: 1h, notify: []}
""", env={})
    a, b = config.watches
    assert (a.interval, a.timeout, a.notify) == (600, 5, ("t",))
    assert (b.interval, b.timeout, b.notify) == (3600, 5, ())
    assert a.jitter == 60 and a.max_bytes == 5_000_000 and a.alert_on == "figures"


def test_unknown_keys_get_suggestions_with_paths() -> None:
    problems = _problems("""
defaults: {intreval: 5m}
daemon: {per_hots: 3}
watches:
  - {name: a, url: "http://127.0.0.1/a"}
  - {name: b, url: "http://127.0.0.1/b"}
  - {name: c, url: "http://127.0.0.1/c", intervall: 5m}
  - name: d
    series: {index: "http://127.0.0.1/i", link_patern: x}
""")
    assert "defaults.intreval: unknown key (did you mean 'interval'?)" in problems
    assert "daemon.per_hots: unknown key (did you mean 'per_host'?)" in problems
    assert "watches[2].intervall: unknown key (did you mean 'interval'?)" in problems
    assert "watches[3].series.link_patern: unknown key (did you mean 'link_pattern'?)" in problems


def test_notifier_problems_are_named() -> None:
    problems = _problems("""
notifiers:
  chat: {type: slack, webhook: "x"}
  mail: {type: emial}
watches:
  - {name: a, url: "http://127.0.0.1/a", notify: [chatt]}
""")
    assert any(p.startswith("notifiers.chat.webhook: unknown key") for p in problems)
    assert any(p.startswith("notifiers.mail.type: unknown notifier type 'emial' (did you mean 'email'?)")
               for p in problems)
    assert any("watches[0].notify: unknown notifier 'chatt' (did you mean 'chat'?)" in p for p in problems)


def test_env_expansion_and_defaults() -> None:
    config = parse_config("""
notifiers: {hook: {type: webhook, url: "${HOOK}", secret: "${SIG:-fallback-secret}"}}
watches: [{name: a, url: "http://127.0.0.1/a", notify: [hook]}]
""", env={"HOOK": "http://127.0.0.1:9/secret-path"})
    assert config.notifiers["hook"]["url"] == "http://127.0.0.1:9/secret-path"
    assert "http://127.0.0.1:9/secret-path" in config.secrets
    assert config.notifiers["hook"]["secret"] == "fallback-secret"
    assert _problems('watches: [{name: a, url: "${NOPE}"}]') [0] == \
        "watches[0].url: environment variable NOPE is not set"


def test_structural_problems() -> None:
    assert _problems("- just\n- a list")[0].startswith("(top level)")
    assert "malformed YAML" in _problems("watches: [")[0]
    assert any("duplicate watch name" in p for p in _problems(
        'watches: [{name: a, url: "http://x.org/"}, {name: a, url: "http://y.org/"}]'))
    assert any("give `interval` or `cron`" in p for p in _problems(
        'watches: [{name: a, url: "http://x.org/", interval: 5m, cron: "* * * * *"}]'))
    assert any("bad cron expression" in p for p in _problems(
        'watches: [{name: a, url: "http://x.org/", cron: "every day"}]'))
    assert any("not a valid regular expression" in p for p in _problems(
        'watches: [{name: a, series: {index: "http://x.org/", link_pattern: "(["}}]'))
