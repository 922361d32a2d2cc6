"""Load the cleaning rules users may read and extend (nlp/data/*.toml, *.txt), once per process."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class LineRules:
    short_max: int
    short: re.Pattern[str]
    timestamps: re.Pattern[str]
    tail_markers: re.Pattern[str]
    bylines: re.Pattern[str]
    anywhere: re.Pattern[str]
    end_markers: re.Pattern[str]
    medium_max: int
    medium: re.Pattern[str]
    inline: re.Pattern[str] | None


def _data(name: str) -> str:
    return resources.files("nlp.data").joinpath(name).read_text(encoding="utf-8")


def _union(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@cache
def line_rules() -> LineRules:
    d = tomllib.loads(_data("boilerplate.toml"))
    return LineRules(
        short_max=int(d.get("short_max", 40)),
        short=_union(d["short"]),
        timestamps=_union(d["timestamps"]),
        tail_markers=_union(d["tail_markers"]),
        bylines=_union(d["bylines"]),
        anywhere=_union(d["anywhere"]),
        end_markers=_union(d["end_markers"]),
        medium_max=int(d.get("medium_max", 80)),
        medium=_union(d["medium"]),
        inline=_union(d["inline"]) if d.get("inline") else None,
    )


@cache
def spam_keywords() -> tuple[str, ...]:
    words = [w.strip() for w in _data("spam_keywords.txt").splitlines()]
    return tuple(w for w in words if w and not w.startswith("#"))
