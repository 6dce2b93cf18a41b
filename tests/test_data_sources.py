"""The bundled glossary against its sources: reports, published explanations, coverage.

Every claim the data makes about a document is checked against a copy of that
document in tests/fixtures: official definitions stand in the report's glossary,
published senses cite an explanation the fixtures hold, and the 23 provincial reports
of 2026 have no jargon candidate that is neither explained nor allowed.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from glossary import Entry, Glossary, Sense

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = FIXTURES / "reports"
EXPLAINERS = FIXTURES / "explainers"
_SPACE = re.compile(r"\s+")


@cache
def glossary() -> Glossary:
    return Glossary.default()


@cache
def report_index() -> dict[str, dict[str, Any]]:
    """The provincial reports by the document name sources give them."""
    index = json.loads((REPORTS / "index.json").read_text(encoding="utf-8"))
    return {d["document"]: d for d in index["documents"]}


@cache
def report_text(document: str) -> str:
    return (REPORTS / report_index()[document]["file"]).read_text(encoding="utf-8")


@cache
def explainer_index() -> dict[str, dict[str, Any]]:
    """The published explanations of the fixtures by address."""
    index = json.loads((EXPLAINERS / "index.json").read_text(encoding="utf-8"))
    return {d["url"]: d for d in index["documents"]}


def senses(origin: str) -> list[tuple[Entry, int, Sense]]:
    return [(e, i, s) for e in glossary() for i, s in enumerate(e.senses) if s.origin == origin]


def ident(item: tuple[Entry, int, Sense]) -> str:
    return f"{item[0].id}#{item[1]}"


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


@pytest.mark.parametrize(
    "item",
    [x for x in senses("official") if x[2].source and x[2].source.document in report_index()],
    ids=ident,
)
def test_official_definition_is_quoted_from_the_report_it_names(
    item: tuple[Entry, int, Sense],
) -> None:
    _, _, sense = item
    assert sense.source
    report = report_index()[sense.source.document]
    assert (sense.source.issuer, sense.source.date, sense.source.url) == (
        report["issuer"],
        report["date"],
        report["url"],
    )
    # The extractor joins hard-wrapped lines; white space aside, the words are the report's.
    assert squeeze(sense.definition) in squeeze(report_text(sense.source.document))


@pytest.mark.parametrize(
    "document", sorted(d for d, r in report_index().items() if r["glossary_heading"])
)
def test_every_item_of_a_corpus_glossary_is_an_official_sense(document: str) -> None:
    from glossary import extract

    numbers = {item.number for item in extract(report_text(document))}
    cited = {
        s.source.item
        for _, _, s in senses("official")
        if s.source and s.source.document == document
    }
    assert numbers
    assert cited == numbers


@pytest.mark.parametrize("item", senses("published"), ids=ident)
def test_published_sense_cites_an_explanation_the_fixtures_list(
    item: tuple[Entry, int, Sense],
) -> None:
    _, _, sense = item
    assert sense.source
    assert sense.source.url
    explainer = explainer_index().get(sense.source.url)
    assert explainer, f"no explanation at {sense.source.url} in tests/fixtures/explainers"
    assert explainer["date"].startswith(sense.source.date)
    if explainer.get("file"):
        # An excerpt we were given to build from is kept beside the index.
        assert (EXPLAINERS / explainer["file"]).is_file()
    else:
        # A page found in stored public pages is cited, never copied: the index records
        # what it is and which terms it defines, for a reviewer to open.
        assert explainer["notes"]
        assert explainer["defines"]
        assert explainer["issuer"] == sense.source.issuer


@pytest.mark.parametrize("entry", list(glossary()), ids=lambda e: e.id)
def test_every_sense_has_an_english_gloss_and_an_honest_scope(entry: Entry) -> None:
    for sense in entry.senses:
        assert re.search("[A-Za-z]{3}", sense.gloss), f"gloss is not English: {sense.gloss!r}"
        assert sense.gloss != entry.term
        assert sense.scope
        if sense.scope.level == "national":
            assert sense.scope.region == "中国"
        else:
            # A sense below national level names its region, never the country.
            assert sense.scope.region != "中国"
            assert re.search("(?:省|市|区|县|自治区|自治州|特别行政区)$", sense.scope.region)


def test_every_listed_page_is_cited_by_a_sense() -> None:
    # A page listed but cited by nothing is a stale row: its sense was removed or moved.
    cited = {s.source.url for e in glossary() for s in e.senses if s.source and s.source.url}
    listed = {url for url, d in explainer_index().items() if not d.get("file")}
    assert sorted(listed - cited) == []
