"""The Glossary (skeleton while the engine is written; the signatures are fixed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary._annotation import Explanation
from glossary._model import Entry


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result of ``search()``: an entry and how well it matched (higher is better)."""

    entry: Entry
    score: float
    field: str  # what matched: "term", "variant", "definition", "gloss", "pinyin"


class Glossary:
    """A set of entries compiled for matching."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)

    @classmethod
    def default(cls) -> Glossary:
        raise NotImplementedError

    @classmethod
    def from_paths(cls, *paths: str | Path, bundled: bool = True) -> Glossary:
        raise NotImplementedError

    def explain(self, text: str, *, region: str | None = None) -> Explanation:
        raise NotImplementedError

    def lookup(self, term: str) -> tuple[Entry, ...]:
        raise NotImplementedError

    def search(self, query: str, limit: int = 10) -> tuple[SearchHit, ...]:
        raise NotImplementedError


def explain(text: str, *, region: str | None = None, glossary: Glossary | None = None) -> Explanation:
    raise NotImplementedError


def lookup(term: str, *, glossary: Glossary | None = None) -> tuple[Entry, ...]:
    raise NotImplementedError


def search(query: str, limit: int = 10, *, glossary: Glossary | None = None) -> tuple[SearchHit, ...]:
    raise NotImplementedError
