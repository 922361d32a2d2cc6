from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "samples" / "seeds"
RESOURCES = Path(__file__).resolve().parent / "resources"


def seed_path(stem: str) -> Path:
    return SEEDS / f"{stem}.txt"


@pytest.fixture(scope="session")
def seed_records() -> dict[str, dict]:
    """Each seed cleaned and converted (extractors off: these tests are about the text)."""
    from nlp.pipeline import analyze_path
    from nlp.settings import Settings

    settings = Settings(companies=False, metrics=False, monetization=False)
    return {p.stem: analyze_path(str(p), settings=settings) for p in sorted(SEEDS.glob("*.txt"))}
