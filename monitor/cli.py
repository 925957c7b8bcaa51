"""The `tallywatch` command line.

User errors (bad config, unknown watch or version, unusable database) print one line on stderr and exit 1; a check
that failed exits 2; nothing a user can type should end in a traceback.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import click
import typer

from monitor import render
from monitor.config import DEFAULT_CONFIG_PATH, Config, ConfigError, load_config, unknown_name_message
from monitor.views import NotFound

EXIT_OK, EXIT_USER, EXIT_FAILED = 0, 1, 2

app = typer.Typer(
    name="tallywatch", add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Watch evolving reports and say which figures moved.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
db_app = typer.Typer(help="Database maintenance: migrations and copying to another database.", no_args_is_help=True)
app.add_typer(db_app, name="db")


class UserError(Exception):
    """Something the user can fix; printed as one line, exit code 1."""


@dataclass
class Globals:
    """Options every command shares."""

    config_path: str
    db: str | None
    _config: Config | None = None

    def config(self, *, required: bool = True) -> Config | None:
        """The loaded config; without `required`, a missing default file is just no config."""
        if self._config is None:
            path = Path(self.config_path)
            if not path.exists() and not required and self.config_path == DEFAULT_CONFIG_PATH:
                return None
            self._config = load_config(path)
        return self._config

    def database_url(self) -> str:
        from storage.db import database_url

        conf = self.config(required=False)
        return database_url(self.db, conf.database if conf else None)

    def engine(self, *, migrate: bool) -> Any:
        from storage.db import open_database

        return open_database(self.database_url(), migrate=migrate)


def _globals(ctx: typer.Context) -> Globals:
    obj = ctx.find_root().obj
    assert isinstance(obj, Globals)
    return obj


@app.callback()
def _main(
    ctx: typer.Context,
    config: Annotated[str | None, typer.Option("--config", "-c", help="Config file (env TALLYWATCH_CONFIG).",
                                               show_default=False)] = None,
    db: Annotated[str | None, typer.Option("--db", help="Database URL or SQLite path (env TALLYWATCH_DB).",
                                           show_default=False)] = None,
) -> None:
    """Watch evolving reports and say which figures moved."""
    ctx.obj = Globals(config_path=config or os.environ.get("TALLYWATCH_CONFIG") or DEFAULT_CONFIG_PATH, db=db)


JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]


# --------------------------------------------------------------------------------------------------- checks


@app.command()
def check(
    ctx: typer.Context,
    names: Annotated[list[str] | None, typer.Argument(help="Watches to check (default: all enabled).",
                                                      show_default=False)] = None,
    as_json: JsonOpt = False,
) -> None:
    """Poll watches now, once, print what changed and send the alerts it caused."""
    g = _globals(ctx)
    config = g.config()
    assert config is not None
    watches = _select_watches(config, names)
    engine = g.engine(migrate=True)
    from monitor.runner import run_once

    reports, dispatch = asyncio.run(run_once(engine, config, watches))
    if as_json:
        render.print_json({"checks": [_report_json(r) for r in reports],
                           "alerts": {"sent": dispatch.sent, "retrying": dispatch.retrying,
                                      "failed": dispatch.failed}})
    else:
        out = render.console()
        for r in reports:
            _print_report(out, r)
        if dispatch.sent or dispatch.retrying or dispatch.failed:
            out.print(f"alerts: {dispatch.sent} sent, {dispatch.retrying} will be retried, {dispatch.failed} failed")
    from sqlmodel import Session

    from monitor.stale_figures import refigure_due

    with Session(engine) as session:
        _print_refigure_notes(refigure_due(session, watches))
    if any(r.outcome == "error" for r in reports):
        raise typer.Exit(EXIT_FAILED)


def _select_watches(config: Config, names: list[str] | None) -> list[Any]:
    if not names:
        return [w for w in config.watches if w.enabled]
    out = []
    for name in names:
        try:
            out.append(config.watch(name))
        except KeyError as exc:
            raise UserError(exc.args[0]) from None
    return out


def _report_json(r: Any) -> dict[str, Any]:
    return {
        "watch": r.watch, "outcome": r.outcome, "http_status": r.http_status, "duration_ms": r.duration_ms,
        "error": r.error, "error_class": r.error_class, "versions": r.versions, "suspect": r.suspect,
        "figure_changes": [c.to_dict() for res in r.results for c in res.changes],
        "alerts_queued": r.alerts_queued,
    }


def _print_report(out: Any, r: Any) -> None:
    from monitor.figures import render_figure

    status = f"HTTP {r.http_status}" if r.http_status else ""
    if r.outcome == "error":
        out.print(f"[red]✗[/red] {r.watch}: {r.error_class}: {r.error}", markup=True)
        return
    versions = f" → version {', '.join(map(str, r.versions))}" if r.versions else ""
    note = " (held as suspect: most of the article or all figures vanished)" if r.suspect else ""
    out.print(f"[green]✓[/green] {r.watch}: {r.outcome}{versions} {status} {r.duration_ms} ms{note}", markup=True)
    for res in r.results:
        for c in res.changes:
            old = render_figure(c.old) if c.old else "—"
            new = render_figure(c.new) if c.new else "—"
            out.print(f"    {c.key}: {old} → {new} {_delta(c.delta, c.delta_pct)}".rstrip(), markup=False)


def _delta(delta: float | None, pct: float | None) -> str:
    if delta is None or delta == 0:
        return ""
    parts = [render.signed(delta)]
    if pct is not None:
        parts.append(f"{pct:+.1f}%")
    return f"({', '.join(parts)})"


@app.command()
def run(
    ctx: typer.Context,
    log_format: Annotated[str, typer.Option("--log-format", help="text or json")] = "text",
    log_level: Annotated[str, typer.Option("--log-level", help="debug, info, warning or error")] = "info",
) -> None:
    """Run the daemon: check every watch on its schedule and send alerts, until SIGTERM or SIGINT."""
    g = _globals(ctx)
    if log_format not in ("text", "json"):
        raise UserError(f"--log-format: expected 'text' or 'json', got {log_format!r}")
    level = getattr(logging, log_level.upper(), None)
    if not isinstance(level, int):
        raise UserError(f"--log-level: expected debug, info, warning or error, got {log_level!r}")
    config = g.config()
    assert config is not None
    from monitor.daemon import run_daemon
    from monitor.logs import setup_logging

    setup_logging(log_format, level, secrets=config.secrets)
    code = run_daemon(config, g.database_url(), config_path=g.config_path)
    raise typer.Exit(code)


# --------------------------------------------------------------------------------------------------- reading


@app.command("list")
def list_watches(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Watches with their last check, versions, last change, next due time and errors."""
    g = _globals(ctx)
    config = g.config(required=False)
    from sqlmodel import Session

    from monitor.stale_figures import refigure_due
    from monitor.views import watch_status

    engine = g.engine(migrate=True)
    with Session(engine) as session:
        rows = watch_status(session, list(config.watches) if config else [])
        due = refigure_due(session, config.watches) if config else []
    stale = {d.watch: d.stale for d in due}
    for r in rows:
        r["refigure_due"] = stale.get(r["name"], 0)
    if as_json:
        render.print_json(rows)
        return
    render.console().print(render.table(None, ["watch", "kind", "versions", "last check", "outcome", "next due",
                                               "errors", "last change"], [
        (r["name"] + ("" if r["configured"] else " (not in config)"), r["kind"], r["versions"],
         render.short_time(r["last_check_at"]), r["last_outcome"] or "-", render.short_time(r["next_due_at"]),
         r["consecutive_errors"] or "", render.short_time(r["last_change_at"]))
        for r in rows
    ]))
    _print_refigure_notes(due)


def _read(ctx: typer.Context) -> tuple[Any, list[str]]:
    g = _globals(ctx)
    config = g.config(required=False)
    return g.engine(migrate=False), [w.name for w in config.watches] if config else []


def _print_refigure_notes(due: Sequence[Any]) -> None:
    """One line on stderr per watch whose stored figures other rules or metrics read (see `tallywatch refigure`)."""
    for d in due:
        print(f"note: {d.message()}", file=sys.stderr)


def _note_refigure_due_for(ctx: typer.Context, session: Any, name: str) -> None:
    """The refigure note for the watch `name`, if it is configured (its metrics are then known)."""
    from monitor.stale_figures import refigure_due

    config = _globals(ctx).config(required=False)
    _print_refigure_notes(refigure_due(session, [w for w in config.watches if w.name == name] if config else []))


@app.command()
def history(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Watch name.")],
            as_json: JsonOpt = False) -> None:
    """Stored versions of a watch: number, time, size, figures moved."""
    from sqlmodel import Session

    from monitor.views import require_watch, version_summary

    engine, configured = _read(ctx)
    with Session(engine) as session:
        rows = version_summary(session, require_watch(session, name, configured))
        _note_refigure_due_for(ctx, session, name)
    if as_json:
        render.print_json(rows)
        return
    render.console().print(render.table(f"{name}: {len(rows)} version(s)",
                                        ["#", "fetched", "chars", "figures", "moved", "words +/-", "url"], [
        (str(r["number"]) + (" (suspect)" if r["suspect"] else ""), render.short_time(r["fetched_at"]), r["chars"],
         r["figures"], r["figures_moved"] or "", f"+{r['words_added']}/-{r['words_removed']}", r["url"])
        for r in rows
    ]))


@app.command()
def show(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Watch name.")],
         version: Annotated[int | None, typer.Argument(help="Version number (default: latest; -2 = the one "
                                                            "before).", show_default=False)] = None,
         as_json: JsonOpt = False) -> None:
    """A stored version's text and figures."""
    from sqlmodel import Session

    from monitor.views import require_watch, show_version

    engine, configured = _read(ctx)
    with Session(engine) as session:
        data = show_version(session, require_watch(session, name, configured), version)
        _note_refigure_due_for(ctx, session, name)
    if as_json:
        render.print_json(data)
        return
    out = render.console()
    out.print(f"{name} version {data['number']} — {render.short_time(data['fetched_at'])} — {data['url']}",
              markup=False)
    out.print(data["text"], markup=False)
    if data["figures"]:
        out.print(render.table("figures", ["key", "figure", "label", "role", "sentence"], [
            (f["key"], f["display"], f["label"], f["role"], _clip(f["sentence"], 90)) for f in data["figures"]
        ]))


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@app.command()
def diff(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Watch name.")],
         a: Annotated[int | None, typer.Argument(help="Older version (default: second to last).",
                                                 show_default=False)] = None,
         b: Annotated[int | None, typer.Argument(help="Newer version (default: latest).", show_default=False)] = None,
         full: Annotated[bool, typer.Option("--full", help="Show the whole text, not just context.")] = False,
         as_json: JsonOpt = False) -> None:
    """Figures old → new, then the word-level diff between two versions (default: the last two)."""
    from sqlmodel import Session

    from monitor.views import diff_versions, require_watch

    engine, configured = _read(ctx)
    if a is not None and b is None:
        b = -1
    with Session(engine) as session:
        data = diff_versions(session, require_watch(session, name, configured), a, b)
        _note_refigure_due_for(ctx, session, name)
    if as_json:
        render.print_json(data)
        return
    out = render.console()
    out.print(f"{name}: version {data['from']} → {data['to']}  (+{data['words_added']} / -{data['words_removed']} "
              f"words, {len(data['figure_changes'])} figure change(s))", markup=False)
    for c in data["figure_changes"]:
        out.print(f"  {c['key']}: {c['old_display'] or '—'} → {c['new_display'] or '—'} "
                  f"{_delta(c['delta'], c['delta_pct'])}".rstrip(), markup=False)
    out.print()
    out.print(render.diff_text(data["ops"], color=out.is_terminal, context_words=None if full else 20))


@app.command()
def figures(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Watch name.")],
            metric: Annotated[str | None, typer.Option("--metric", "-m", help="Only this key.")] = None,
            as_json: JsonOpt = False) -> None:
    """Each figure's timeline across versions, with a small chart."""
    from sqlmodel import Session

    from monitor.views import figure_timeline, group_timeline, require_watch

    engine, configured = _read(ctx)
    with Session(engine) as session:
        rows = figure_timeline(session, require_watch(session, name, configured), metric)
        _note_refigure_due_for(ctx, session, name)
    if as_json:
        render.print_json([{k: r[k] for k in ("version", "fetched_at", "key", "label", "value", "low", "high",
                                              "qualifier", "unit", "sentence")} for r in rows])
        return
    if metric and not rows:
        raise UserError(f"watch {name!r} has no figure with key {metric!r} (see `tallywatch figures {name}`)")
    out = render.console()
    for key, items in group_timeline(rows).items():
        chart = render.sparkline([r["value"] if r["value"] is not None else r["low"] for r in items])
        out.print(f"[bold]{key}[/bold]  {chart}", markup=True)
        out.print(render.table(None, ["version", "fetched", "figure", "change", "label"], [
            (r["version"], render.short_time(r["fetched_at"]), r["display"], render.signed(r["delta"]),
             r["label"]) for r in items
        ]))


@app.command()
def export(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Watch name.")],
           fmt: Annotated[str, typer.Option("--format", "-f", help="csv or json")] = "csv",
           metric: Annotated[str | None, typer.Option("--metric", "-m", help="Only this key.")] = None,
           output: Annotated[str | None, typer.Option("--output", "-o", help="File (default: stdout).")] = None,
           ) -> None:
    """Write a watch's figure timeline as CSV or JSON."""
    from sqlmodel import Session

    from monitor.views import figure_timeline, require_watch

    if fmt not in ("csv", "json"):
        raise UserError(f"--format: expected 'csv' or 'json', got {fmt!r}")
    engine, configured = _read(ctx)
    with Session(engine) as session:
        rows = figure_timeline(session, require_watch(session, name, configured), metric)
        _note_refigure_due_for(ctx, session, name)
    fields = ["version", "fetched_at", "key", "label", "value", "low", "high", "qualifier", "unit", "delta",
              "sentence", "url"]
    if fmt == "json":
        body = json.dumps([{k: r[k] for k in fields} for r in rows], indent=2, ensure_ascii=False) + "\n"
    else:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        body = buf.getvalue()
    if output:
        try:
            Path(output).write_text(body, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"--output: cannot write {output}: {exc.strerror}") from None
        print(f"wrote {len(rows)} row(s) to {output}", file=sys.stderr)
    else:
        sys.stdout.write(body)


@app.command()
def refigure(
    ctx: typer.Context,
    names: Annotated[list[str] | None, typer.Argument(help="Watches to re-read (default: every configured watch "
                                                      "with stored versions).", show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would change; write nothing.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Read stored versions again with this release's extractor and the config's metrics; store what moved."""
    from monitor.lock import DaemonLock, LockError
    from monitor.refigure import refigure_watch
    from storage import queries
    from storage.db import session_scope

    g = _globals(ctx)
    config = g.config()
    assert config is not None
    watches = _select_watches(config, names) if names else list(config.watches)
    engine = g.engine(migrate=not dry_run)
    lock = None
    if not dry_run:
        lock = DaemonLock.for_url(g.database_url())
        try:
            lock.acquire()
        except LockError as exc:
            raise UserError(f"{exc}; stop it before `tallywatch refigure` (--dry-run only reads)") from None
    reports = []
    try:
        for watch in watches:
            with session_scope(engine) as session:
                row = queries.get_watch(session, watch.name)
                if row is None:
                    if names:
                        raise UserError(f"watch {watch.name!r} has no stored versions yet "
                                        f"(run `tallywatch check {watch.name}`)")
                    continue
                reports.append(refigure_watch(session, row, dict(watch.metrics), write=not dry_run))
            if not as_json:
                _print_refigure(reports[-1], dry_run)
    finally:
        if lock is not None:
            lock.release()
    if as_json:
        render.print_json({"dry_run": dry_run, "watches": [r.to_dict() for r in reports]})
    elif not reports:
        print("no configured watch has stored versions yet")


def _print_refigure(r: Any, dry_run: bool) -> None:
    verb = "would change" if dry_run else "changed"
    print(f"{r.watch}: {r.versions} version(s) re-read, {r.versions_changed} read differently "
          f"({r.figures_before} → {r.figures_after} figures); {r.changes_changed} of {r.changes} change(s) {verb} "
          f"({r.figure_changes_before} → {r.figure_changes_after} figure changes)"
          + ("" if dry_run or not r.written else ", stored"))


# --------------------------------------------------------------------------------------------------- config


@app.command()
def validate(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Check the config file and print every problem, one line each."""
    g = _globals(ctx)
    try:
        config = g.config()
    except ConfigError as exc:
        if as_json:
            render.print_json({"ok": False, "path": exc.path, "problems": exc.problems})
        else:
            for problem in exc.problems:
                print(f"{exc.path}: {problem}" if exc.path else problem, file=sys.stderr)
        raise typer.Exit(EXIT_USER) from None
    assert config is not None
    if as_json:
        render.print_json({"ok": True, "path": config.path, "watches": len(config.watches),
                           "notifiers": sorted(config.notifiers)})
    else:
        print(f"{config.path}: ok ({len(config.watches)} watch(es), {len(config.notifiers)} notifier(s))")


# --------------------------------------------------------------------------------------------------- alerts


@app.command("alerts")
def alerts_cmd(ctx: typer.Context,
               status: Annotated[str | None, typer.Option("--status", help="pending, sent or failed")] = None,
               as_json: JsonOpt = False) -> None:
    """The outbox: alerts pending, sent and failed."""
    from sqlmodel import Session

    from storage import queries

    if status not in (None, "pending", "sent", "failed"):
        raise UserError(f"--status: expected pending, sent or failed, got {status!r}")
    engine, _ = _read(ctx)
    with Session(engine) as session:
        names = {w.id: w.name for w in queries.all_watches(session)}
        rows = [{
            "id": a.id, "watch": names.get(a.watch_id), "notifier": a.notifier, "kind": a.kind,
            "status": a.status, "attempts": a.attempts, "created_at": a.created_at.isoformat(),
            "sent_at": a.sent_at.isoformat() if a.sent_at else None, "last_error": a.last_error,
            "headline": _headline(a.payload), "idempotency_key": a.idempotency_key,
        } for a in queries.alerts(session, status)]
    if as_json:
        render.print_json(rows)
        return
    render.console().print(render.table(None, ["id", "watch", "notifier", "status", "tries", "created", "what",
                                               "last error"], [
        (r["id"], r["watch"], r["notifier"], r["status"], r["attempts"], render.short_time(r["created_at"]),
         _clip(r["headline"], 70), _clip(r["last_error"] or "", 60)) for r in rows
    ]))


def _headline(payload: dict[str, Any]) -> str:
    from notifiers.message import AlertMessage

    try:
        return AlertMessage.from_json(payload).headline
    except (TypeError, KeyError, ValueError):
        return "?"


@app.command("notify-test")
def notify_test(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Notifier name from config.")]) -> None:
    """Send a sample alert through one notifier and say exactly what failed, if anything."""
    g = _globals(ctx)
    config = g.config()
    assert config is not None
    if name not in config.notifiers:
        raise UserError(unknown_name_message("notifier", name, config.notifiers))
    from monitor.runner import send_test_alert

    error = asyncio.run(send_test_alert(config, name))
    if error:
        print(f"notify-test {name}: failed: {error}", file=sys.stderr)
        raise typer.Exit(EXIT_FAILED)
    print(f"notify-test {name}: sent")


# --------------------------------------------------------------------------------------------------- demo / db


@app.command()
def demo(
    data_dir: Annotated[str | None, typer.Option("--data-dir", help="Keep the demo database here.")] = None,
    speed: Annotated[float, typer.Option("--speed", help="Seconds between revisions of the replayed report.")] = 2.0,
) -> None:
    """The built-in replay: a local evolving report watched end to end (no network)."""
    from monitor.demo.run import run_demo

    raise typer.Exit(run_demo(data_dir=data_dir, step_seconds=speed))


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Apply pending schema migrations."""
    from storage.db import SCHEMA_VERSION, create_db_engine, redact_url, upgrade

    g = _globals(ctx)
    url = g.database_url()
    applied = upgrade(create_db_engine(url))
    print(f"{redact_url(url)}: schema at version {SCHEMA_VERSION}"
          + (f" (applied {', '.join(map(str, applied))})" if applied else " (already up to date)"))


@db_app.command("copy")
def db_copy(ctx: typer.Context, to: Annotated[str, typer.Option("--to", help="Target database URL (empty).")]) -> None:
    """Copy the whole history into another database (e.g. SQLite → PostgreSQL), verified by counts and hashes."""
    from storage.copy import copy_database
    from storage.db import redact_url

    g = _globals(ctx)
    report = copy_database(g.database_url(), to)
    for table_name, count in report.items():
        print(f"{table_name}: {count} row(s) copied and verified")
    print(f"copied {redact_url(g.database_url())} → {redact_url(to)}")


# --------------------------------------------------------------------------------------------------- entry point


def _fail(message: str, code: int = EXIT_USER) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: run the app and turn every user error into one line and exit code 1."""
    from storage.db import StorageError

    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="tallywatch", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        _fail("aborted", EXIT_USER)
    except click.ClickException as exc:  # usage errors: unknown option, missing argument, bad integer
        _fail(exc.format_message().splitlines()[0], EXIT_USER)
    except ConfigError as exc:
        _fail(str(exc))
    except (UserError, NotFound, StorageError) as exc:
        _fail(str(exc.args[0]) if exc.args else str(exc))
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
