"""`python -m hudhud.cli`, as the old single-file cli.py allowed."""

from hudhud.cli import app

app()
