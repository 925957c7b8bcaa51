"""Security: secrets stay out of logs, `validate` and alert bodies; hostile page text is escaped end to end; links
discovered in a series index may not reach private networks unless allowed; size caps; no code execution on
fetched data.
"""

from __future__ import annotations

import ast
import io
import json
import logging
from pathlib import Path

import pytest

from monitor.daemon import log_check
from monitor.logs import setup_logging
from monitor.pipeline import CheckReport
from tests.conftest import ROOT, Workspace
from tests.support.articles import BASE_PARAGRAPHS, article
from tests.support.faults import FaultServer
from tests.support.http_endpoint import HttpEndpoint
from tests.support.pages import PageServer
from tests.support.smtp import SMTP_PASSWORD, SMTP_USER, SmtpServer

TOKEN = "tok-9f8e7d6c5b4a"  # a secret that reaches the config through ${TW_SEC_TOKEN}


@pytest.fixture
def sq(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.delenv("TALLYWATCH_DB", raising=False)
    monkeypatch.delenv("TALLYWATCH_CONFIG", raising=False)
    monkeypatch.setenv("TW_SEC_TOKEN", TOKEN)
    return Workspace(tmp_path, capsys)


# ----------------------------------------------------------------------------------------------- secrets


def test_validate_never_prints_a_secret(sq: Workspace) -> None:
    sq.write_config("""
        notifiers:
          hook: {type: webhook, url: "http://127.0.0.1:9/hook/${TW_SEC_TOKEN}", secret: "${TW_SEC_TOKEN}"}
        watches:
          - name: report
            url: "http://127.0.0.1:9/report"
            notify: [hook]
    """)
    for args in (("validate",), ("validate", "--json")):
        result = sq.cli(*args)
        assert result.code == 0 and TOKEN not in result.out + result.err


def test_a_problem_about_a_secret_value_does_not_print_it(sq: Workspace) -> None:
    """A ${VAR} whose value is not valid where it is used: the problem names the key, never the value."""
    sq.write_config("""
        watches:
          - name: report
            url: "${TW_SEC_TOKEN}"
            headers: {Authorization: "Bearer ${TW_SEC_TOKEN}"}
    """)
    result = sq.cli("validate")
    assert result.code == 1 and "watches[0].url" in result.err
    assert TOKEN not in result.out + result.err
    result = sq.cli("check")
    assert result.code == 1 and TOKEN not in result.out + result.err


def test_logs_redact_secrets_in_messages_and_json_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    setup_logging("json", logging.INFO, secrets=[TOKEN])
    try:
        report = CheckReport(watch="report", outcome="error", http_status=500, error_class="http",
                             error=f"HTTP 500 Internal Server Error from http://127.0.0.1:9/r?key={TOKEN}")
        log_check(report)
        logging.getLogger("tallywatch.test").warning("plain message with %s", TOKEN)
    finally:
        logging.getLogger().handlers.clear()
    text = stream.getvalue()
    assert text.count("\n") == 2 and "[redacted]" in text
    assert TOKEN not in text


def test_failed_deliveries_store_and_log_no_secret(sq: Workspace, site: PageServer,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    """The webhook URL carries the token; the endpoint is down: the stored error and the log line hide it."""
    site.set("/report", article())
    dead = HttpEndpoint().start()
    dead_url = dead.url(f"/hook/{TOKEN}")
    dead.stop()
    sq.write_config(f"""
        allow_private_networks: true
        notifiers:
          hook: {{type: webhook, url: "{dead_url.replace(TOKEN, '${TW_SEC_TOKEN}')}"}}
        watches:
          - name: report
            url: {site.url('/report')}
            notify: [hook]
            alert_on_first: true
    """)
    with caplog.at_level(logging.WARNING):
        result = sq.cli("check", "--json")
    assert TOKEN not in result.out + result.err + caplog.text
    errors = sq.sql("SELECT last_error FROM alerts")
    assert errors and all(e[0] and TOKEN not in e[0] for e in errors)


def test_a_secret_in_a_watch_url_never_reaches_a_notifier(sq: Workspace, site: PageServer) -> None:
    """An API key in the watched URL: the change alert's link and the error alert's reason go out without it."""
    site.set("/report", article())
    hook = HttpEndpoint().start()
    try:
        sq.write_config(f"""
            allow_private_networks: true
            notifiers:
              hook: {{type: webhook, url: "{hook.url('/hook')}"}}
            watches:
              - name: report
                url: "{site.url('/report')}?apikey=${{TW_SEC_TOKEN}}"
                notify: [hook]
                alert_on_first: true
                error_threshold: 1
        """)
        assert sq.cli("check").code == 0
        site.fail("/report", 500)
        assert sq.cli("check").code == 2
        sent = hook.wait_for(2)
        assert len(sent) == 2
        bodies = [request.text for request in sent]
        assert all(TOKEN not in body for body in bodies), bodies
        change, error = (request.json() for request in sent)
        assert change["url"].endswith("?apikey=[redacted]")
        assert error["kind"] == "error" and "[redacted]" in error["error"]["message"]
    finally:
        hook.stop()


# ----------------------------------------------------------------------------------------------- escaping


def test_hostile_page_text_is_escaped_in_slack_and_email(sq: Workspace, site: PageServer,
                                                         http_endpoint: HttpEndpoint, smtp_server: SmtpServer,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Page text that looks like markup reaches Slack as escaped mrkdwn and email as escaped HTML."""
    monkeypatch.setenv("TW_SMTP_PASSWORD", SMTP_PASSWORD)
    hostile = ("Officials said <!channel> <script>alert(1)</script> <https://evil.example|click> that at least "
               "{n} people had been killed, including 17 children, and 553 injured since the shelling began.")
    site.set("/report", article([hostile.format(n=249), *BASE_PARAGRAPHS[1:]]))
    sq.write_config(f"""
        allow_private_networks: true
        notifiers:
          chat: {{type: slack, webhook_url: "{http_endpoint.url('/services/T0/B0/x')}"}}
          desk:
            type: email
            host: 127.0.0.1
            port: {smtp_server.port}
            username: {SMTP_USER}
            password: "${{TW_SMTP_PASSWORD}}"
            from: alerts@example.org
            to: [desk@example.org]
        watches:
          - name: report
            url: {site.url('/report')}
            notify: [chat, desk]
    """)
    assert sq.cli("check").code == 0
    site.set("/report", article([hostile.format(n=331), *BASE_PARAGRAPHS[1:]]))
    assert sq.cli("check").code == 0
    assert len(http_endpoint.requests) == 1 and len(smtp_server.messages) == 1
    slack = http_endpoint.requests[0].text
    assert "331" in slack
    for raw in ("<!channel>", "<script>", "<https://evil.example|click>"):
        assert raw not in slack
    assert "&lt;!channel&gt;" in json.loads(slack)["blocks"].__repr__() or "&lt;!channel&gt;" in slack
    mail = smtp_server.messages[0]
    html = next(part.get_content() for part in mail.message.walk() if part.get_content_type() == "text/html")
    assert "<script>" not in html and "&lt;script&gt;" in html


# ----------------------------------------------------------------------------------------------- private networks


def _series(sq: Workspace, site: PageServer, *, allow: bool) -> None:
    links = ["http://127.0.0.1:{port}/updates/toll-update-1", "http://10.0.0.7/updates/toll-update-2",
             "http://169.254.169.254/latest/meta-data/toll-update-3", "http://localhost:{port}/updates/toll-update-4",
             "http://[::1]:{port}/updates/toll-update-5"]
    items = "".join(f'<li><a href="{u.format(port=site.port)}">Update</a></li>' for u in links)
    site.set("/updates", f"<html><body><main><h1>Updates</h1><ul>{items}</ul></main></body></html>")
    site.set("/updates/toll-update-1", article(title="Update 1"))
    sq.write_config(f"""
        allow_private_networks: {str(allow).lower()}
        watches:
          - name: tolls
            timeout: 2s
            series: {{index: "{site.url('/updates')}", link_pattern: "toll-update-"}}
    """)


def test_series_links_to_private_networks_are_refused(sq: Workspace, site: PageServer) -> None:
    """The configured index on 127.0.0.1 is the user's choice and is read; the links it hands out to loopback,
    private, link-local (cloud metadata) and localhost addresses are refused, and nothing is fetched from them."""
    _series(sq, site, allow=False)
    sq.cli("check")
    statuses = dict(sq.sql("SELECT url, status FROM series_entries"))
    assert len(statuses) == 5 and set(statuses.values()) == {"refused"}, statuses
    assert site.hits("/updates") == 1 and site.hits("/updates/toll-update-1") == 0
    assert sq.sql("SELECT count(*) FROM versions") == [(0,)]


def test_allow_private_networks_lets_series_links_through(sq: Workspace, site: PageServer) -> None:
    _series(sq, site, allow=True)
    sq.cli("check")
    statuses = dict(sq.sql("SELECT url, status FROM series_entries"))
    assert statuses[site.url("/updates/toll-update-1")] == "stored"
    assert site.hits("/updates/toll-update-1") == 1
    assert "refused" not in statuses.values()  # [::1] is unreachable here: a fetch error to retry, not a refusal


def test_configured_private_urls_are_the_users_choice(sq: Workspace, site: PageServer) -> None:
    site.set("/report", article())
    sq.write_config(f"""
        watches:
          - name: report
            url: {site.url('/report')}
    """)
    result = sq.cli("check", "--json")
    assert result.code == 0 and result.json()["checks"][0]["outcome"] == "new_version"


# ----------------------------------------------------------------------------------------------- caps


def test_a_configured_size_cap_applies_before_and_after_decompression(sq: Workspace) -> None:
    with FaultServer() as faults:
        faults.page("/report", article())
        faults.fault("/bomb", "gzip_bomb", size=64 * 2**20)
        sq.write_config(f"""
            watches:
              - {{name: small, url: "{faults.url('/report')}", max_bytes: 1KB}}
              - {{name: bomb, url: "{faults.url('/bomb')}", max_bytes: 1MB}}
        """)
        result = sq.cli("check", "--json")
    classes = {c["watch"]: c["error_class"] for c in result.json()["checks"]}
    assert classes == {"small": "too_large", "bomb": "too_large"}
    assert faults.sent_bytes("/bomb") < 64 * 2**20 // 100  # the server sent ~1/1000 compressed, and not all of it


# ----------------------------------------------------------------------------------------------- no code execution


def _source_files() -> list[Path]:
    return sorted(p for pkg in ("monitor", "storage", "notifiers") for p in (ROOT / pkg).rglob("*.py"))


def _safe_loader_given(call: ast.Call) -> bool:
    """`yaml.load(text, Loader=…)` is safe only with a safe loader: a *SafeLoader attribute or config's constant."""
    for kw in call.keywords:
        if kw.arg == "Loader":
            value = kw.value
            if isinstance(value, ast.Attribute) and value.attr in ("SafeLoader", "CSafeLoader"):
                return True
            if isinstance(value, ast.Name) and value.id == "_YAML_LOADER":
                return True
    return False


def test_the_config_yaml_loader_is_a_safe_one() -> None:
    import yaml

    from monitor import config

    assert config._YAML_LOADER in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    with pytest.raises(config.ConfigError):
        config.parse_config("!!python/object/apply:os.system ['true']", env={})


def test_no_shell_eval_exec_or_pickle_in_the_codebase() -> None:
    """Nothing fetched or configured can become code: no shell, eval/exec, pickle/marshal, or unsafe YAML."""
    problems = []
    for path in _source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
                if name in ("eval", "exec", "compile") and owner in ("", "builtins"):
                    problems.append(f"{where}: {name}()")
                if owner in ("pickle", "marshal", "shelve", "dill", "cloudpickle"):
                    problems.append(f"{where}: {owner}.{name}()")
                if owner == "os" and name in ("system", "popen", "execv", "execve", "execvp", "spawnl"):
                    problems.append(f"{where}: os.{name}()")
                if owner == "yaml" and name in ("load", "load_all", "unsafe_load", "full_load") \
                        and not _safe_loader_given(node):
                    problems.append(f"{where}: yaml.{name}() (use safe_load or a safe Loader=)")
                for kw in node.keywords:
                    if kw.arg == "shell" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                        problems.append(f"{where}: shell=")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
                if any(n and n.split(".")[0] in ("pickle", "marshal", "shelve", "dill") for n in names):
                    problems.append(f"{where}: imports {names}")
    assert problems == []
    assert len(_source_files()) > 20  # the scan did look at the code
