"""Lint of the bundled glossary in terms/: valid, canonical, and laid out as documented.

The documented layout is read from docs/format.md itself, so the doc and the data
cannot drift apart silently: a new file in terms/ needs a line in the doc's tree.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from glossary._load.canonical import dump_document, format_files
from glossary._load.loader import check_layers, glossary_files
from glossary._load.paths import bundled_terms_dir

TERMS = bundled_terms_dir()
FORMAT_DOC = Path(__file__).parent.parent / "docs" / "format.md"
WORK_REPORT = "longgang/2023-government-work-report.yaml"
WORK_REPORT_ITEMS = 18  # "the 18 official items of the report's 有关名词解释"


def documented_files() -> tuple[str, ...]:
    """The files of the tree in docs/format.md, relative to terms/ (``longgang/editorial.yaml``)."""
    text = FORMAT_DOC.read_text(encoding="utf-8")
    tree = re.search(r"```\nterms/\n(.*?)```", text, re.DOTALL)
    assert tree, "docs/format.md lost its tree of terms/"
    return tuple(re.findall(r"^\s+(\S+\.(?:ya?ml|txt))\b", tree.group(1), re.MULTILINE))


def files_on_disk() -> tuple[str, ...]:
    """Every file under terms/, hidden ones included, relative to terms/."""
    return tuple(sorted(p.relative_to(TERMS).as_posix() for p in TERMS.rglob("*") if p.is_file()))


def yaml_on_disk() -> tuple[str, ...]:
    return tuple(f for f in files_on_disk() if f.endswith((".yaml", ".yml")))


# Whatever is there, and whatever should be there: a documented file that is missing
# fails below rather than shrinking the list.
LINTED = sorted(set(yaml_on_disk()) | {f for f in documented_files() if f.endswith(".yaml")})


def test_the_doc_documents_the_bundled_files() -> None:
    assert WORK_REPORT in documented_files()
    assert len(documented_files()) == len(set(documented_files())) >= 6


@pytest.mark.parametrize("name", documented_files())
def test_documented_file_exists(name: str) -> None:
    assert (TERMS / name).is_file(), f"docs/format.md lists terms/{name}, which is missing"


def test_no_file_outside_the_documented_layout() -> None:
    undocumented = sorted(set(files_on_disk()) - set(documented_files()))
    assert undocumented == [], (
        f"files in terms/ that docs/format.md does not list: {undocumented}; "
        "add them to the doc's tree or move their entries into a documented file"
    )


def test_every_yaml_file_is_picked_up_by_glossary_files() -> None:
    found = {p.relative_to(TERMS).as_posix() for p in glossary_files([TERMS])}
    assert found == set(yaml_on_disk())


@pytest.mark.parametrize("name", LINTED)
def test_file_is_valid_on_its_own(name: str) -> None:
    (result,) = format_files([TERMS / name])
    assert [str(p) for p in result.problems] == []


@pytest.mark.parametrize("name", LINTED)
def test_file_is_in_canonical_form(name: str) -> None:
    text = (TERMS / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert dump_document(data["entries"]) == text, f"run: glossary fmt terms/{name}"


def test_the_bundled_glossary_loads_with_zero_problems() -> None:
    assert [str(p) for p in check_layers([[TERMS]])] == []


def test_no_id_is_defined_twice_across_files() -> None:
    ids = Counter(
        entry["id"]
        for name in yaml_on_disk()
        for entry in yaml.safe_load((TERMS / name).read_text(encoding="utf-8"))["entries"]
    )
    assert [entry_id for entry_id, count in ids.items() if count > 1] == []


def _entries(name: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load((TERMS / name).read_text(encoding="utf-8"))[
        "entries"
    ]
    return entries


def test_the_work_report_holds_all_its_official_items_and_only_those() -> None:
    # One item may define several terms (item 11: “双区”驱动、“双改”示范), each its own entry.
    items = {
        sense["source"]["item"]
        for entry in _entries(WORK_REPORT)
        for sense in entry["senses"]
        if sense["origin"] == "official"
    }
    assert items == set(range(1, WORK_REPORT_ITEMS + 1))


def test_every_work_report_entry_is_official() -> None:
    # The file is the report's 名词解释 section: an entry without a sense quoted from it
    # belongs in an editorial file.
    unofficial = [
        entry["id"]
        for entry in _entries(WORK_REPORT)
        if not any(sense["origin"] == "official" for sense in entry["senses"])
    ]
    assert unofficial == []


@pytest.mark.parametrize("name", [n for n in LINTED if Path(n).name == "editorial.yaml"])
def test_editorial_files_hold_no_official_sense(name: str) -> None:
    # An official sense is quoted from a document, so it lives in that document's file.
    official = [
        entry["id"]
        for entry in _entries(name)
        for sense in entry["senses"]
        if sense["origin"] == "official"
    ]
    assert official == []


def test_allow_list_gives_a_reason_on_every_line_and_is_sorted() -> None:
    from glossary._load.allow import Allowed

    text = (TERMS / "allow.txt").read_text(encoding="utf-8")
    allowed = Allowed.parse(text, "allow.txt")  # raises, naming the line, on a bare term
    terms = [line.partition("  # ")[0] for line in text.splitlines() if line and line[0] != "#"]
    assert len(allowed.reasons) == len(terms) > 0
    assert terms == sorted(terms), "keep terms/allow.txt sorted, so that merges stay clean"


def test_no_surface_is_a_short_bare_number() -> None:
    # A bare number of up to four digits (416, 885, 2026) is a count, a code or a year in
    # any report far more often than a programme: such a programme is matched by its
    # longer names (416科技创新布局). Five digits and more (12345, 33618) are rare enough.
    from glossary import Glossary
    from glossary._normalise.normalise import normalise_term

    short = sorted(
        f"{entry.id}: {surface}"
        for entry in Glossary.default()
        for surface in entry.surfaces
        if re.fullmatch(r"[0-9]{1,4}", normalise_term(surface))
    )
    assert short == []
