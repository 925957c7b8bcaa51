"""`python -m monitor` runs the tallywatch CLI."""

from monitor.cli import main

if __name__ == "__main__":
    main()
