"""Coverage of the 23 provincial reports of 2026: every jargon candidate explained or allowed.

This is the glossary's promise to a reader of any of these reports, and the curator's
work list: ``glossary coverage tests/fixtures/reports/*.txt --missing`` shows what fails.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from glossary import Glossary
from glossary._coverage.coverage import coverage
from glossary._load.allow import Allowed
from glossary._load.paths import bundled_allow_list
from glossary._normalise.normalise import normalise_term

REPORTS = Path(__file__).parent / "fixtures" / "reports"


@cache
def glossary() -> Glossary:
    return Glossary.default()


@cache
def reports() -> dict[str, str]:
    """The reports' texts by file name."""
    index = json.loads((REPORTS / "index.json").read_text(encoding="utf-8"))
    return {
        d["file"]: (REPORTS / d["file"]).read_text(encoding="utf-8") for d in index["documents"]
    }


@cache
def allowed() -> Allowed:
    return Allowed.load([bundled_allow_list()])


@pytest.mark.parametrize("name", sorted(reports()))
def test_corpus_report_has_no_missing_jargon(name: str) -> None:
    findings = coverage(glossary().explain(reports()[name]), allowed())
    missing = sorted({f.candidate.text for f in findings if f.status == "missing"})
    assert missing == [], f"{len(missing)} candidates neither explained nor allowed"


def test_allow_list_allows_nothing_the_glossary_explains() -> None:
    # A term both explained and allowed means one of the two is stale.
    # A surface of the glossary, as matching finds it (not lookup, which also reads pinyin).
    claimants = glossary().compiled.claimants
    both = [words for words in allowed().reasons if claimants(normalise_term(words))]
    assert both == []
