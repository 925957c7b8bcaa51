"""Feed the corpus's evolving reports through the real pipeline and print what moved at each version.

Each folder in ../shared/corpus/sequences/ holds successive versions of one report. This script serves them, one
after the other, from a local HTTP server on 127.0.0.1, runs `tallywatch check` after each, and then prints the
figure changes between consecutive versions, so a person can read the files and judge whether the changes are right.

    python scripts/replay_sequences.py [SEQUENCES_DIR] [--series NAME] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DIR = ROOT.parent / "shared" / "corpus" / "sequences"


class _Current:
    body = b""


def _serve() -> tuple[ThreadingHTTPServer, _Current]:
    current = _Current()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(current.body)))
            self.end_headers()
            self.wfile.write(current.body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, current


def _cli(args: list[str]) -> tuple[int, str]:
    import contextlib
    import io

    from monitor.cli import main

    out = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out):
        try:
            main(args)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue()


def replay(folder: Path, workdir: Path) -> list[tuple[str, list[str]]]:
    """Replay one sequence folder; returns, per new version, the figure changes `diff` reports."""
    index = json.loads((folder / "index.json").read_text())
    files = [folder / v["file"] for v in index["versions"]]
    server, current = _serve()
    report: list[tuple[str, list[str]]] = []
    try:
        config = workdir / f"{folder.name}.yaml"
        db = workdir / f"{folder.name}.db"
        config.write_text(f"watches:\n  - name: {folder.name}\n    url: http://127.0.0.1:{server.server_port}/r\n")
        base = ["--config", str(config), "--db", str(db)]
        for number, path in enumerate(files, start=1):
            current.body = path.read_bytes()
            code, out = _cli([*base, "check", "--json"])
            if code:
                report.append((path.name, [f"check failed: {out.strip()[:200]}"]))
                continue
            if number == 1:
                continue
            code, out = _cli([*base, "diff", folder.name, str(number - 1), str(number), "--json"])
            changes = json.loads(out)["figure_changes"] if code == 0 else []
            report.append((path.name, [_line(c) for c in changes]))
    finally:
        server.shutdown()
    return report


def _line(change: dict[str, Any]) -> str:
    old, new = change.get("old_display") or "—", change.get("new_display") or "—"
    delta = f" ({change['delta']:+,.0f})" if change.get("delta") else ""
    return f"{change['kind']:8} {change['key']}: {old} → {new}{delta}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--series", help="only this sequence")
    parser.add_argument("--keep", help="keep configs and databases in this folder")
    args = parser.parse_args()
    root = Path(args.folder)
    if not root.is_dir():
        print(f"error: no sequences folder at {root}", file=sys.stderr)
        return 1
    folders = sorted(p for p in root.iterdir() if (p / "index.json").exists())
    if args.series:
        folders = [p for p in folders if p.name == args.series]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(args.keep) if args.keep else Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        for folder in folders:
            print(f"\n== {folder.name}")
            for name, lines in replay(folder, workdir):
                print(f"  {name}: {len(lines)} figure change(s)")
                for line in lines:
                    print(f"      {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
