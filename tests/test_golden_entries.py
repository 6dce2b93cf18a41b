"""Golden sets of entries found in each seed document, reviewed by hand.

Regenerate with ``pytest tests/test_golden_entries.py --regen-golden`` and review the diff:
every added or removed line is a change in what readers of that report are told.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import read_seeds
from glossary import Glossary

GOLDEN = Path(__file__).parent / "golden" / "entries"


def found(text: str) -> str:
    """One line per entry found: id, then the surfaces as written, in order of first use."""
    surfaces: dict[str, list[str]] = {}
    for annotation in Glossary.default().explain(text):
        seen = surfaces.setdefault(annotation.entry.id, [])
        if annotation.text not in seen:
            seen.append(annotation.text)
    lines = (f"{i}\t{' | '.join(s).replace(chr(10), '⏎')}\n" for i, s in surfaces.items())
    return "".join(lines)


@pytest.mark.parametrize("name", sorted(read_seeds()))
def test_entries_found_in_seed(name: str, request: pytest.FixtureRequest) -> None:
    actual = found(read_seeds()[name])
    golden = GOLDEN / f"{name}.tsv"
    if request.config.getoption("--regen-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
