"""The text's own explanations, what it leaves unexplained, and lookup as people type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entries import small_glossary
from glossary import Glossary, explain, lookup, search

REPORTS = Path(__file__).parent / "fixtures" / "reports"


@pytest.mark.parametrize(
    ("text", "term", "expansion"),
    [
        ("粤港澳大湾区和深圳先行示范区（以下简称“双区”）", "双区", "粤港澳大湾区和深圳先行示范区"),
        (
            "实施“三个一批”（谋划一批、开工一批、投产一批）。",
            "三个一批",
            "谋划一批、开工一批、投产一批",
        ),
        (
            "推进“两新”，即大规模设备更新和消费品以旧换新。",
            "两新",
            "大规模设备更新和消费品以旧换新",
        ),
        ("“四个不摘”是指摘帽不摘责任、摘帽不摘政策。", "四个不摘", "摘帽不摘责任、摘帽不摘政策"),
        ("“九个某某”指的是九项某某工作；", "九个某某", "九项某某工作"),
        ("构建1+6+N，即1个中心、6个专班和N个单位。", "1+6+N", "1个中心、6个专班和N个单位"),
        (
            "實施“三個一批”（謀劃一批、開工一批、投產一批）。",
            "三個一批",
            "謀劃一批、開工一批、投產一批",
        ),
    ],
    ids=["short-form", "enumeration", "ji", "shi-zhi", "zhi-de-shi", "formula", "traditional"],
)
def test_the_text_explains_its_own_term(text: str, term: str, expansion: str) -> None:
    explanation = explain(text)
    (definition,) = explanation.definitions
    assert (definition.entry.term, definition.entry.senses[0].expansion) == (term, expansion)
    assert definition.entry.senses[0].origin == "document"
    assert text[definition.start : definition.end] == definition.entry.senses[0].usage
    own = [a for a in explanation if a.entry.id == definition.entry.id]
    assert own
    assert own[0].reason == "defined in this document"


@pytest.mark.parametrize(
    "text",
    [
        "办好2026年全国“村BA”（南部赛区）等活动",  # a qualifier, not an explanation
        "荣获深圳“市长质量奖”(文化类)银奖",
        "实施“一杯奶”（牵头单位：教育厅）",  # a label and its value
        "“1”是指省疾控中心",  # a part of a formula being spelt out
        "即将召开会议，是指日可待的事",  # no quoted term, no formula
    ],
)
def test_an_aside_is_not_an_explanation(text: str) -> None:
    assert explain(text).definitions == ()


def test_the_corpus_reports_explain_their_own_terms() -> None:
    found = {
        d.entry.term
        for path in sorted(REPORTS.glob("*.txt"))
        for d in explain(path.read_text(encoding="utf-8")).definitions
    }
    assert {"供应链改造", "产业链改造", "《纲要草案》", "《建议》"} <= found


def test_the_documents_sense_wins_in_that_document_only() -> None:
    glossary = small_glossary()
    defined = glossary.explain("某区实施“六稳六保”（稳就业、保民生）。落实六稳六保。")
    assert {a.entry.id for a in defined} == {"document-1"}
    assert [a.entry.id for a in glossary.explain("落实六稳六保")] == ["lwlb"]


TERMS = st.text(alphabet="三五七九项大件事城区乡村", min_size=2, max_size=5)


@settings(max_examples=150, deadline=None)
@given(TERMS, st.text(alphabet="谋划开工投产一批", min_size=2, max_size=8), TERMS)
def test_a_documents_own_sense_never_leaks_into_another_call(
    term: str, meaning: str, other: str
) -> None:
    glossary = small_glossary()
    first = glossary.explain(f"实施“{term}”（{meaning}、{meaning}）。")
    assert any(a.sense.origin == "document" for a in first)
    later = glossary.explain(f"推进“{term}”和“{other}”，落实六稳六保。")
    assert all(a.sense.origin != "document" for a in later)
    assert later.definitions == ()


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("坚持“1+6+N”和“九个某某”，落实“六稳六保”", ["1+6+N", "九个某某"]),
        ("实施“数字人民币+”行动", ["数字人民币+"]),
        ("办好“一件事”，做好“好”文章", []),  # allowed, and a quoted word of no jargon shape
        ("一加一等于2，3+4等于7", []),  # sums
        ("实施“三个一批”（谋划一批、开工一批、投产一批）", []),  # explained by the text
    ],
)
def test_unexplained_jargon(text: str, left: list[str]) -> None:
    explanation = explain(text)
    assert [c.text for c in explanation.unexplained] == left
    for candidate in explanation.unexplained:
        assert text[candidate.start : candidate.end] == candidate.text
    document = json.loads(explanation.render("json"))
    assert [u["text"] for u in document["unexplained"]] == left


def test_a_glossary_of_ones_own_allows_nothing() -> None:
    assert [c.text for c in Glossary(()).explain("办好“一件事”").unexplained] == ["一件事"]


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("二十加八", "20+8"),
        ("一加一加十加N", "1+1+10+N"),
        ("1+1+10+n", "1+1+10+N"),  # letters match in either case
        ("bim模型", "BIM模型"),
        ("sqqd", "双区驱动"),
        ("ShuangQuQuDong", "双区驱动"),
        ("lwlb", "六稳六保"),
        ("理解中国", "“理解中国”课程"),  # a quoted part of a term
    ],
)
def test_lookup_as_people_type(query: str, term: str) -> None:
    assert term in [e.term for e in lookup(query)]


def test_search_finds_by_the_beginning_of_the_pinyin() -> None:
    hits = search("liuwen", limit=3)
    assert hits
    assert hits[0].entry.term == "六稳六保"
    assert hits[0].field == "pinyin"


def test_case_folding_keeps_formula_boundaries() -> None:
    assert [a.entry.term for a in explain("建立1+1+10+n机制，1+1+10+nx不是")] == ["1+1+10+N"]
