"""`python -m monitor` and the `tallywatch` console script.

This module imports nothing at the top on purpose. A spawned worker process (the analysis pool in
`monitor.runner`) first re-imports its parent's main module, which is this file or the console script that imports
`main` from it; importing the CLI here would load typer, the ORM and the HTTP client into every worker for nothing.
"""

from __future__ import annotations


def main() -> None:
    """Run the tallywatch CLI."""
    from monitor.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
