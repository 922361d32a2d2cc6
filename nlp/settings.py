"""One frozen Settings object passed whole through the pipeline (no kwargs copied around)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True, slots=True)
class Settings:
    """What a run may change. Hashable, so a worker process builds one pipeline per Settings."""

    kb_paths: tuple[str, ...] = field(default_factory=tuple)  # user KB files added to the default
    published: Optional[str] = None  # default publication date when a page shows none
    companies: bool = True
    metrics: bool = True
    monetization: bool = True

