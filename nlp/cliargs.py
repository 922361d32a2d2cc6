"""Argument types shared by the subcommands (`nlp extract`, `nlp batch`, `nlp show`)."""
from __future__ import annotations

import argparse
import datetime as dt


def published_date(value: str) -> str:
    """A `--published` value, normalised to YYYY-MM-DD; argparse prints the message otherwise."""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None
