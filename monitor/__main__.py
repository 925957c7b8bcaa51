"""`python -m monitor` and the `tallywatch` console script.

The CLI is imported inside `main`, so importing this module (as tools that inspect entry points do) loads nothing.
"""

from __future__ import annotations


def main() -> None:
    """Run the tallywatch CLI."""
    from monitor.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
