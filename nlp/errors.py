"""User-facing input errors: one line naming the file and the reason, never a traceback."""
from __future__ import annotations


class InputError(Exception):
    """An input that cannot be turned into an article. `str()` is the one-line message."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelFileError(Exception):
    """A shipped model is missing or corrupt; the message names the file and the rebuild command."""
