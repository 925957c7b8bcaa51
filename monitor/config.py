"""config.yaml: loading, `${VAR}` expansion and validation into typed models.

Every problem is reported as one line that names the key to fix, e.g.
`watches[2].intervall: unknown key (did you mean 'interval'?)`, and all problems of a file are collected at once
so `tallywatch validate` can list them together.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from monitor.secrets import MIN_SECRET_LENGTH, redact
from monitor.units import parse_duration, parse_size

DEFAULT_CONFIG_PATH = "config.yaml"
DEFAULT_DATABASE = "sqlite:///tallywatch.db"
USER_AGENT = "tallywatch/0.1 (+https://github.com/tallywatch/tallywatch; report-figure monitor)"

# libyaml's safe loader parses a large config ~5x faster than the pure-Python one; both build only plain data.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


class ConfigError(Exception):
    """A config file that cannot be used; `problems` holds one line per thing to fix."""

    def __init__(self, problems: Sequence[str], path: str | None = None):
        self.problems = list(problems)
        self.path = path
        where = f"{path}: " if path else ""
        first = self.problems[0] if self.problems else "invalid configuration"
        more = f" (and {len(self.problems) - 1} more problem(s); run `tallywatch validate`)" if len(
            self.problems) > 1 else ""
        super().__init__(f"{where}{first}{more}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


Duration = float  # seconds, parsed from "15m" by the validators below


def _duration(value: Any) -> float:
    return parse_duration(value)


class RuleConfig(_Strict):
    """One alert rule: which figure changes are worth an alert."""

    metric: str | list[str] | None = None
    min_change: float | None = Field(default=None, ge=0)
    min_change_pct: float | None = Field(default=None, ge=0)
    direction: Literal["up", "down", "any"] = "any"
    qualifier_changes: bool | None = None
    added: bool = True
    removed: bool = False

    @property
    def metrics(self) -> list[str] | None:
        if self.metric is None:
            return None
        return [self.metric] if isinstance(self.metric, str) else list(self.metric)


class SeriesConfig(_Strict):
    """A listing page or RSS/Atom feed whose new entries are successive versions of one report."""

    index: str
    link_pattern: str = ""
    # Listings and feeds put the newest entry first; undated entries are stored oldest first accordingly.
    listing_order: Literal["newest_first", "oldest_first"] = "newest_first"
    max_new_per_check: int = Field(default=10, ge=1, le=1000)

    @field_validator("link_pattern")
    @classmethod
    def _pattern_compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from None
        return value


_WATCH_SETTINGS = (
    "interval", "cron", "jitter", "timeout", "max_bytes", "headers", "user_agent", "alert_on", "rules",
    "qualifier_changes", "alert_on_first", "notify", "error_threshold", "metrics", "selector", "exclude",
    "enabled",
)


class WatchSettings(_Strict):
    """Settings a watch may set itself or inherit from `defaults`."""

    interval: float | None = None
    cron: str | None = None
    jitter: float | None = None
    timeout: float | None = None
    max_bytes: int | None = None
    headers: dict[str, str] | None = None
    user_agent: str | None = None
    alert_on: Literal["figures", "text", "any"] | None = None
    rules: list[RuleConfig] | None = None
    qualifier_changes: bool | None = None
    alert_on_first: bool | None = None
    notify: list[str] | None = None
    error_threshold: int | None = Field(default=None, ge=1, le=1000)
    metrics: dict[str, list[str]] | None = None
    selector: str | None = None
    exclude: list[str] | None = None
    enabled: bool | None = None

    @field_validator("interval", "jitter", "timeout", mode="before")
    @classmethod
    def _durations(cls, value: Any) -> Any:
        return None if value is None else _duration(value)

    @field_validator("interval")
    @classmethod
    def _interval_floor(cls, value: float | None) -> float | None:
        if value is not None and value < 1:
            raise ValueError("interval must be at least 1s")
        return value

    @field_validator("timeout")
    @classmethod
    def _timeout_floor(cls, value: float | None) -> float | None:
        if value is not None and not 0 < value <= 3600:
            raise ValueError("timeout must be between 0 and 1h")
        return value

    @field_validator("max_bytes", mode="before")
    @classmethod
    def _size(cls, value: Any) -> Any:
        return None if value is None else parse_size(value)

    @field_validator("cron")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(value)
        except ValueError as exc:
            raise ValueError(f"bad cron expression {value!r}: {exc}") from None
        return value

    @field_validator("exclude", "notify", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("metrics", mode="before")
    @classmethod
    def _metric_synonyms(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: ([v] if isinstance(v, str) else v) for k, v in value.items()}
        return value


class WatchConfig(WatchSettings):
    """One watched article (`url`) or report series (`series`)."""

    name: str
    url: str | None = None
    series: SeriesConfig | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", value):
            raise ValueError("use letters, digits, '.', '_' or '-' (at most 100), starting with a letter or digit")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None:
            _check_http_url(value)
        return value

    @model_validator(mode="after")
    def _one_source(self) -> WatchConfig:
        if (self.url is None) == (self.series is None):
            raise ValueError("give exactly one of `url` (an article) or `series` (a listing or feed)")
        if self.series is not None:
            _check_http_url(self.series.index)
        if self.interval is not None and self.cron is not None:
            raise ValueError("give `interval` or `cron`, not both")
        return self


def _check_http_url(value: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {value!r}")


class DaemonConfig(_Strict):
    """How the daemon schedules checks."""

    max_concurrent: int = Field(default=16, ge=1, le=1000)
    per_host: int = Field(default=2, ge=1, le=100)
    grace: float = 20.0
    backoff_max: float = 6 * 3600.0
    dispatch_interval: float = 5.0

    @field_validator("grace", "backoff_max", "dispatch_interval", mode="before")
    @classmethod
    def _durations(cls, value: Any) -> Any:
        return _duration(value)


class FileConfig(_Strict):
    """The document as written in config.yaml."""

    database: str | None = None
    allow_private_networks: bool = False
    defaults: WatchSettings = Field(default_factory=WatchSettings)
    daemon: DaemonConfig = Field(default_factory=DaemonConfig)
    notifiers: dict[str, dict[str, Any]] = Field(default_factory=dict)
    watches: list[WatchConfig] = Field(default_factory=list)


BUILTIN_DEFAULTS = WatchSettings(
    interval=1800.0, jitter=60.0, timeout=20.0, max_bytes=5_000_000, headers={}, user_agent=USER_AGENT,
    alert_on="figures", rules=[], qualifier_changes=True, alert_on_first=False, notify=[], error_threshold=3,
    metrics={}, selector=None, exclude=[], enabled=True,
)


@dataclass(frozen=True)
class Watch:
    """A watch with its defaults applied: what the pipeline and scheduler use."""

    name: str
    url: str | None
    series: SeriesConfig | None
    interval: float
    cron: str | None
    jitter: float
    timeout: float
    max_bytes: int
    headers: Mapping[str, str]
    user_agent: str
    alert_on: str
    rules: tuple[RuleConfig, ...]
    qualifier_changes: bool
    alert_on_first: bool
    notify: tuple[str, ...]
    error_threshold: int
    metrics: Mapping[str, tuple[str, ...]]
    selector: str | None
    exclude: tuple[str, ...]
    enabled: bool

    @property
    def source_url(self) -> str:
        """The URL polled each check: the article, or the series index."""
        if self.url is not None:
            return self.url
        assert self.series is not None
        return self.series.index


@dataclass(frozen=True)
class Config:
    """A validated configuration."""

    path: str | None
    database: str | None
    allow_private_networks: bool
    daemon: DaemonConfig
    watches: tuple[Watch, ...]
    notifiers: Mapping[str, Mapping[str, Any]]  # validated raw dicts, built into notifiers by the outbox
    secrets: frozenset[str] = field(default_factory=frozenset)  # values taken from ${VAR}, to redact

    def watch(self, name: str) -> Watch:
        """The watch called `name`; KeyError names the close matches."""
        for watch in self.watches:
            if watch.name == name:
                return watch
        raise KeyError(unknown_name_message("watch", name, [w.name for w in self.watches]))


def unknown_name_message(kind: str, name: str, known: Iterable[str]) -> str:
    """`unknown watch 'x' (did you mean 'y'?)` — shared by config and CLI errors."""
    known = list(known)
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        hint = f" (did you mean {close[0]!r}?)"
    elif known:
        hint = f" (known: {', '.join(sorted(known)[:8])})"
    else:
        hint = " (none configured)"
    return f"unknown {kind} {name!r}{hint}"


def expand_env(value: Any, env: Mapping[str, str], path: str, problems: list[str], secrets: set[str]) -> Any:
    """Replace `${VAR}` (or `${VAR:-default}`) in every string of a parsed YAML tree.

    Expansion happens after parsing, so a variable's value can never inject YAML structure.
    """
    if isinstance(value, str):
        def substitute(match: re.Match[str]) -> str:
            name, default = match.group(1), match.group(2)
            if name in env:
                if env[name]:
                    secrets.add(env[name])
                return env[name]
            if default is not None:
                return default
            problems.append(f"{path}: environment variable {name} is not set")
            return ""

        return _ENV_REF.sub(substitute, value)
    if isinstance(value, dict):
        return {k: expand_env(v, env, _join(path, k), problems, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [expand_env(v, env, f"{path}[{i}]", problems, secrets) for i, v in enumerate(value)]
    return value


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def format_location(loc: Sequence[Any]) -> str:
    """('watches', 2, 'intervall') → 'watches[2].intervall'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = _printable(part)
            out = f"{out}.{key}" if out else key
    return out or "(top level)"


def _printable(key: Any) -> str:
    """A key as written, or its repr when it holds a newline, tab or other control character (or is empty), so
    every problem stays on one line of the terminal."""
    text = str(key)
    return text if text and text.isprintable() else repr(text)


def _model_at(model: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel] | None:
    """The pydantic model that owns the last key of `loc`, to suggest a close field name."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part) if isinstance(current, type) and issubclass(
            current, BaseModel) else None
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def format_validation_errors(exc: ValidationError, model: type[BaseModel], prefix: Sequence[Any] = ()) -> list[str]:
    """Pydantic errors as one line each, with did-you-mean for unknown keys."""
    problems = []
    for err in exc.errors():
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        where = format_location([*prefix, *loc])
        if err["type"] == "extra_forbidden":
            owner = _model_at(model, loc)
            fields = []
            if owner is not None:
                fields = [f.alias or name for name, f in owner.model_fields.items()]
            close = difflib.get_close_matches(str(loc[-1]), fields, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"{where}: unknown key{hint}")
        elif err["type"] == "missing":
            problems.append(f"{where}: required key is missing")
        else:
            msg = str(err["msg"]).removeprefix("Value error, ")
            problems.append(f"{where}: {msg}")
    return problems


def parse_config(text: str, *, path: str | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Validate a config document; raises ConfigError listing every problem."""
    try:
        raw = yaml.load(text, Loader=_YAML_LOADER)
    except RecursionError:  # `[[[[…` thousands deep: the YAML parser recurses per level
        raise ConfigError(["(top level): unusable document (nested too deeply)"], path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError([f"{where}malformed YAML: {problem}"], path) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(["(top level): expected a mapping with `watches:`"], path)
    problems: list[str] = []
    secrets: set[str] = set()
    try:
        raw = expand_env(raw, os.environ if env is None else env, "", problems, secrets)
    except RecursionError:
        raise ConfigError(["(top level): unusable document (nested too deeply)"], path) from None
    try:
        doc = FileConfig.model_validate(raw)
    except ValidationError as exc:
        problems.extend(format_validation_errors(exc, FileConfig))
        raise ConfigError(_hide(problems, secrets), path) from None
    except (RecursionError, OverflowError) as exc:  # pathological documents must still be one line
        raise ConfigError([f"(top level): unusable document ({type(exc).__name__})"], path) from None

    notifiers = _validate_notifiers(doc.notifiers, problems)
    watches = []
    seen: set[str] = set()
    for i, wc in enumerate(doc.watches):
        if wc.name in seen:
            problems.append(f"watches[{i}].name: duplicate watch name {wc.name!r}")
        seen.add(wc.name)
        watch = _apply_defaults(wc, doc.defaults)
        for n in watch.notify:
            if n not in notifiers and n not in doc.notifiers:
                problems.append(f"watches[{i}].notify: {unknown_name_message('notifier', n, doc.notifiers)}")
        watches.append(watch)
    for n in doc.defaults.notify or []:
        if n not in doc.notifiers:
            problems.append(f"defaults.notify: {unknown_name_message('notifier', n, doc.notifiers)}")
    if problems:
        raise ConfigError(_hide(problems, secrets), path)
    return Config(
        path=path, database=doc.database, allow_private_networks=doc.allow_private_networks, daemon=doc.daemon,
        watches=tuple(watches), notifiers=notifiers,
        secrets=frozenset(s for s in secrets if len(s) >= MIN_SECRET_LENGTH),
    )


def _hide(problems: list[str], secrets: set[str]) -> list[str]:
    """Problems quote bad values (`not an http(s) URL: '…'`); a value that came from ${VAR} is not printed."""
    return [redact(p, secrets) for p in problems]


def _validate_notifiers(raw: Mapping[str, Any], problems: list[str]) -> dict[str, dict[str, Any]]:
    from notifiers.registry import channel_types, config_model_for

    valid: dict[str, dict[str, Any]] = {}
    for name, conf in raw.items():
        where = format_location(("notifiers", name))
        if not isinstance(conf, dict):
            problems.append(f"{where}: expected a mapping with a `type`")
            continue
        kind = conf.get("type")
        if not isinstance(kind, str):
            problems.append(f"{where}.type: required key is missing (one of {', '.join(channel_types())})")
            continue
        try:
            model = config_model_for(kind)
        except KeyError:
            close = difflib.get_close_matches(kind, channel_types(), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"one of {', '.join(channel_types())}"
            problems.append(f"{where}.type: unknown notifier type {kind!r} ({hint})")
            continue
        try:
            model.model_validate(conf)
        except ValidationError as exc:
            problems.extend(format_validation_errors(exc, model, ("notifiers", name)))
            continue
        valid[name] = dict(conf)
    return valid


def _apply_defaults(wc: WatchConfig, defaults: WatchSettings) -> Watch:
    merged: dict[str, Any] = {}
    for key in _WATCH_SETTINGS:
        for source in (wc, defaults, BUILTIN_DEFAULTS):
            value = getattr(source, key)
            if value is not None:
                merged[key] = value
                break
    if wc.cron is not None:
        merged["cron"] = wc.cron
    elif wc.interval is not None:
        merged["cron"] = None
    return Watch(
        name=wc.name, url=wc.url, series=wc.series,
        interval=merged["interval"], cron=merged.get("cron"), jitter=merged["jitter"], timeout=merged["timeout"],
        max_bytes=merged["max_bytes"], headers=dict(merged["headers"]), user_agent=merged["user_agent"],
        alert_on=merged["alert_on"], rules=tuple(merged["rules"]), qualifier_changes=merged["qualifier_changes"],
        alert_on_first=merged["alert_on_first"], notify=tuple(merged["notify"]),
        error_threshold=merged["error_threshold"],
        metrics={k: tuple(v) for k, v in merged["metrics"].items()},
        selector=merged.get("selector"), exclude=tuple(merged["exclude"]), enabled=merged["enabled"],
    )


def load_config(path: str | os.PathLike[str], *, env: Mapping[str, str] | None = None) -> Config:
    """Read and validate a config file; raises ConfigError (one line per problem)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(["config file not found (set --config or TALLYWATCH_CONFIG)"], str(p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"cannot read config file: {exc}"], str(p)) from None
    return parse_config(text, path=str(p), env=env)
