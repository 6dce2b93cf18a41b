"""Glossaries in any layout: without a heading, under 说明, without colons, across PDF pages,
and as a newspaper's explainers; and what must still not be taken for a glossary.

Synthetic cases show each layout on its own; real snippets (tests/fixtures/extract/snippets,
copied from the corpus reports) show the layouts and the look-alikes as they are published.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary._extract.extract import extract
from glossary._extract.items import Item, lead
from glossary._extract.lines import PAGE_NUMBER, heading_kind, running_headers
from glossary._normalise.text import PINYIN

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = FIXTURES / "reports"
EXPLAINERS = FIXTURES / "explainers"
SNIPPETS = FIXTURES / "extract" / "snippets"
BODY = "各位代表：\n\n现在，我代表区人民政府向大会作工作报告，请予审议。\n\n"

Triple = tuple[int | None, str, str]


def triples(text: str) -> list[Triple]:
    return [(item.number, item.term, item.definition) for item in extract(text)]


def snippet(name: str) -> str:
    return (SNIPPETS / name).read_text(encoding="utf-8")


#: Three items that unmistakably define their terms, as most layouts below give them back.
SHUANG = (1, "双一流", "指世界一流大学和一流学科。")
GEP = (2, "GEP核算", "是指生态系统生产总值核算。")
FORMULA = (3, "1+5+N", "即1个核心区、5个组团和N个产业园区。")
THREE = [SHUANG, GEP, FORMULA]
NO_COLON = [
    (1, "双一流", "是指世界一流大学和一流学科。"),
    (2, "GEP核算", "是指生态系统生产总值核算。"),
    (3, "1+5+N", "即1个核心区、5个组团和N个产业园区。"),
]
THREE_LINES = (
    "1.双一流：指世界一流大学和一流学科。\n"
    "2.GEP核算：是指生态系统生产总值核算。\n"
    "3.1+5+N：即1个核心区、5个组团和N个产业园区。\n"
)

# --- layouts ----------------------------------------------------------------------------

LAYOUTS: dict[str, tuple[str, list[Triple]]] = {
    "no-heading": (BODY + THREE_LINES, THREE),
    "no-heading-after-the-signature": (
        BODY + "各位代表，让我们团结奋斗！\n\n" + THREE_LINES + "\n责任编辑：王五\n",
        THREE,
    ),
    "no-heading-is-a-colon": (
        BODY
        + "1.“双一流”：是世界一流大学和一流学科的简称。\n2.“两重”：是指重大战略。\n"
        + "3.“两新”：是指设备更新和以旧换新。\n",
        [
            (1, "双一流", "是世界一流大学和一流学科的简称。"),
            (2, "两重", "是指重大战略。"),
            (3, "两新", "是指设备更新和以旧换新。"),
        ],
    ),
    "no-heading-no-colon": (
        BODY
        + "1.“双一流”是指世界一流大学和一流学科。\n2.GEP核算是指生态系统生产总值核算。\n"
        + "3.“1+5+N”即1个核心区、5个组团和N个产业园区。\n",
        NO_COLON,
    ),
    "no-heading-bracketed": (
        BODY
        + "［1］双一流是指世界一流大学和一流学科。\n［2］GEP核算是指生态系统生产总值核算。\n"
        + "［3］1+5+N即1个核心区、5个组团和N个产业园区。\n",
        NO_COLON,
    ),
    "no-heading-chinese-numbers": (
        BODY
        + "一、双一流 是指世界一流大学和一流学科。\n二、GEP核算 是指生态系统生产总值核算。\n"
        + "三、1+5+N 即1个核心区、5个组团和N个产业园区。\n",
        [(n, term, d) for n, term, d in NO_COLON],
    ),
    "no-heading-term-alone-on-its-line": (
        BODY + "1.双一流\n指世界一流大学和一流学科。\n2.GEP核算\n是指生态系统生产总值核算。\n"
        "3.1+5+N\n即1个核心区、5个组团和N个产业园区。\n",
        THREE,
    ),
    "no-heading-a-later-item-without-lead": (
        BODY + THREE_LINES + "4.“四上”企业：达到一定规模的法人单位。\n",
        [*THREE, (4, "“四上”企业", "达到一定规模的法人单位。")],
    ),
    "youguan-shuoming": (BODY + "有关说明\n" + THREE_LINES, THREE),
    "zhushi-shuoming": (BODY + "注释说明：\n" + THREE_LINES, THREE),
    "youguan-zhushi-shuoming": (BODY + "有关注释说明\n" + THREE_LINES, THREE),
    "fuzhu": (BODY + "附注\n" + THREE_LINES, THREE),
    "shuoming": (BODY + "说明\n\n" + THREE_LINES, THREE),
    "shuoming-two-items": (
        BODY
        + "说明：\n1.双一流：指世界一流大学和一流学科。\n2.GEP核算：是指生态系统生产总值核算。",
        THREE[:2],
    ),
    "heading-chinese-numbers-no-colon": (
        BODY + "名词解释\n一、双一流 指世界一流大学和一流学科。\n"
        "二、GEP核算是指生态系统生产总值核算。\n",
        [(1, "双一流", "指世界一流大学和一流学科。"), (2, "GEP核算", "是指生态系统生产总值核算。")],
    ),
    "heading-brackets-no-colon": (
        BODY + "注释\n[1]“双一流”是指世界一流大学和一流学科。\n[2]“两新”即设备更新和以旧换新。\n",
        [(1, "双一流", "是指世界一流大学和一流学科。"), (2, "两新", "即设备更新和以旧换新。")],
    ),
    "heading-unnumbered-no-colon": (
        BODY + "名词解释\n“双一流”是指世界一流大学和一流学科。\n“两新”即设备更新和以旧换新。\n",
        [
            (None, "双一流", "是指世界一流大学和一流学科。"),
            (None, "两新", "即设备更新和以旧换新。"),
        ],
    ),
    "no-colon-wrapped-definition": (
        BODY + "名词解释\n1.双一流是指世界一流大学和\n一流学科。\n2.“两新”即设备更新。\n",
        [(1, "双一流", "是指世界一流大学和一流学科。"), (2, "两新", "即设备更新。")],
    ),
    "pdf-pages-and-running-headers": (
        "2026年某区政府工作报告\n\n正文第一页。\n\n— 1 —\n\n2026年某区政府工作报告\n\n"
        + "名词解释\n\n1.双一流：指世界一流大学和一\n\n— 2 —\n\n2026年某区政府工作报告\n\n"
        + "流学科。\n2.GEP核算：是指生态系统生产\n总值核算。\n\n— 3 —\n\n"
        + "2026年某区政府工作报告\n\n3.1+5+N：即1个核心区、5个组团和N个产业园区。\n",
        THREE,
    ),
    "pdf-without-a-heading": (
        "某区人民政府公报 第1期\n\n正文。\n\n— 1 —\n\n某区人民政府公报 第2期\n\n"
        + "1.双一流：指世界一流大学和一\n\n— 2 —\n\n某区人民政府公报 第3期\n\n流学科。\n"
        + "2.GEP核算：是指生态系统生产总值核算。\n3.1+5+N：即1个核心区、5个组团和N个产业园区。\n",
        THREE,
    ),
    "pdf-wrapped-term": (
        BODY + "1.“1+1+10+N”经济运行调\n度机制：指经济运行调度机制。\n"
        "2.双一流：指一流大学。\n3.两新：即设备更新。\n",
        [
            (1, "“1+1+10+N”经济运行调度机制", "指经济运行调度机制。"),
            (2, "双一流", "指一流大学。"),
            (3, "两新", "即设备更新。"),
        ],
    ),
}


@pytest.mark.parametrize(("text", "expected"), LAYOUTS.values(), ids=LAYOUTS.keys())
def test_numbered_layouts(text: str, expected: list[Triple]) -> None:
    assert triples(text) == expected


XINZHI = "新质生产力"
XINZHI_MEANING = "新质生产力是创新起主导作用的先进生产力质态。"
EXPLAINERS_LAYOUTS: dict[str, tuple[str, list[Triple]]] = {
    "labelled": (
        "两会热词\n\n新质生产力\n含义：新质生产力是创新起主导作用的先进生产力质态。\n"
        "背景：2023年9月首次提出。\n【释例】加快发展新质生产力。\n\n"
        "两重\n含义：国家重大战略实施和重点领域安全能力建设。\n背景：2024年提出。\n",
        [
            (None, XINZHI, XINZHI_MEANING),
            (None, "两重", "国家重大战略实施和重点领域安全能力建设。"),
        ],
    ),
    "bracketed-labels": (
        "【热词】新质生产力\n【含义】新质生产力是创新起主导作用的先进生产力质态。\n"
        "【背景】2023年9月首次提出。\n",
        [(None, XINZHI, XINZHI_MEANING)],
    ),
    "meaning-label-alone-on-its-line": (
        "新质生产力\n含义：\n新质生产力是创新起主导作用的\n先进生产力质态。\n释例：\n加快发展。\n",
        [(None, XINZHI, XINZHI_MEANING)],
    ),
    "background-first": (
        "新质生产力\n背景：2023年9月首次提出。\n含义：新质生产力是创新起主导作用的先进生产力质态。\n",
        [(None, XINZHI, XINZHI_MEANING)],
    ),
    "plain-paragraphs": (
        "新质生产力\n\n新质生产力是指创新起主导作用的先进生产力质态。\n\n"
        "“两重”\n\n指国家重大战略实施和重点领域安全能力建设。\n\n（记者 张三）\n",
        [
            (None, XINZHI, "是指创新起主导作用的先进生产力质态。"),
            (None, "两重", "指国家重大战略实施和重点领域安全能力建设。"),
        ],
    ),
    "plain-only-the-first-paragraph": (
        "新质生产力\n“新质生产力”是指先进生产力质态。\n这一概念在2023年首次提出。\n"
        "两重\n即国家重大战略实施。\n",
        [(None, XINZHI, "是指先进生产力质态。"), (None, "两重", "即国家重大战略实施。")],
    ),
    "traditional-with-pinyin": (
        "粵港澳大灣區(qū)\n粵港澳大灣區(qū)是指由香港、澳門和廣東九市組成的城市群。\n"
        "雙區(qū)驅動\n指粵港澳大灣區(qū)和先行示範區(qū)驅動。\n",
        [
            (None, "粵港澳大灣區", "是指由香港、澳門和廣東九市組成的城市群。"),
            (None, "雙區驅動", "指粵港澳大灣區(qū)和先行示範區(qū)驅動。"),
        ],
    ),
    "traditional-labels": (
        "【熱詞】新質生產力\n含義：創新起主導作用的先進生產力質態。\n釋例：加快發展。\n",
        [(None, "新質生產力", "創新起主導作用的先進生產力質態。")],
    ),
}


@pytest.mark.parametrize(
    ("text", "expected"), EXPLAINERS_LAYOUTS.values(), ids=EXPLAINERS_LAYOUTS.keys()
)
def test_newspaper_explainer_layouts(text: str, expected: list[Triple]) -> None:
    assert triples(text) == expected


def test_an_explainer_entry_starts_at_its_term_line() -> None:
    text = EXPLAINERS_LAYOUTS["labelled"][0]
    assert [item.line for item in extract(text)] == [3, 8]


# --- what is no glossary ----------------------------------------------------------------

NOT_GLOSSARIES: dict[str, str] = {
    "two-items-without-heading": BODY
    + "1.双一流：指世界一流大学和一流学科。\n2.GEP核算：是指生态系统生产总值核算。\n",
    "three-items-not-starting-at-1": BODY
    + "2.双一流：指一流大学。\n3.GEP核算：指核算。\n4.两新：指以旧换新。\n",
    "shuoming-over-notes": BODY
    + "说明：\n1.本报告数据：为初步统计数。\n2.增速：按可比价格计算。\n"
    + "3.部分数据：因四舍五入存在误差。\n",
    "shuoming-one-defining-item": BODY + "说明\n1.本报告中的增速：是指按可比价格计算的增速。\n",
    "shuoming-in-a-sentence": BODY + "现将有关情况说明如下：\n1.双一流：指一流大学。\n",
    "numbered-work-plan": BODY
    + "1.稳增长。全年增长5%左右。\n2.促改革。深化综合改革试点。\n3.惠民生。办好十件民生实事。\n",
    "footnote-marks": BODY
    + "认真落实“四个不摘”[1]要求，健全防止返贫监测机制。\n推进“两重”[2]建设和“两新”[3]工作。\n",
    "footnote-marks-wrapped-to-line-start": BODY
    + "认真落实“四个不摘”\n[1]要求，健全防止返贫监测机制。推进“两重”\n[2]建设，“两新”\n"
    + "[3]工作即将全面展开。\n",
    "news-subheadings": "综合整治“内卷式”竞争取得显著成效\n\n"
    "从形成机制看，“内卷式”竞争是多重因素的结果。\n\n"
    "深化零基预算改革的必要性\n\n深化零基预算改革是缓解财政压力的必然要求。\n",
    "one-unlabelled-explainer": "新质生产力\n\n新质生产力是指创新起主导作用的先进生产力质态。\n",
    "a-title-above-a-question": "两会知识点\n“两新一重”指的是什么?\n“两新一重”是指新型基础设施。\n",
}


@pytest.mark.parametrize("text", NOT_GLOSSARIES.values(), ids=NOT_GLOSSARIES.keys())
def test_look_alikes_are_no_glossary(text: str) -> None:
    assert extract(text) == ()


# --- real snippets ----------------------------------------------------------------------


def snippet_index() -> list[dict[str, Any]]:
    data = json.loads((SNIPPETS / "index.json").read_text(encoding="utf-8"))
    return list(data["snippets"])


@pytest.mark.parametrize("entry", snippet_index(), ids=lambda e: e["file"])
def test_a_snippet_is_the_lines_of_its_report(entry: dict[str, Any]) -> None:
    first, last = entry["lines"]
    report = (REPORTS / entry["report"]).read_text(encoding="utf-8").split("\n")
    assert snippet(entry["file"]) == "\n".join(report[first - 1 : last]) + "\n"


@pytest.mark.parametrize(
    "name",
    [
        "hainan-body-footnotes.txt",
        "guizhou-sige-buzhai.txt",
        "guangdong-minsheng.txt",
        "inner-mongolia-minsheng.txt",
    ],
)
@pytest.mark.parametrize("above", ["", "说明\n", "有关说明\n"], ids=["alone", "说明", "有关说明"])
def test_real_look_alikes_are_no_glossary(name: str, above: str) -> None:
    assert extract(above + snippet(name)) == ()


@pytest.mark.parametrize("wrap", ["", "\n"], ids=["one-line", "mark-at-line-start"])
def test_a_real_body_with_a_footnote_mark_is_no_glossary(wrap: str) -> None:
    line = snippet("guizhou-sige-buzhai.txt")
    marked = line.replace("“四个不摘”", f"“四个不摘”{wrap}[1]").replace("“3+1”", f"“3+1”{wrap}[2]")
    assert "[1]" in marked
    assert extract(BODY + marked * 3) == ()


def corpus_expected() -> dict[str, list[dict[str, Any]]]:
    path = FIXTURES / "extract" / "corpus-glossaries-expected.json"
    data: dict[str, list[dict[str, Any]]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_the_guangdong_items_need_no_heading() -> None:
    expected = corpus_expected()["guangdong-2026.txt"]
    items = extract(snippet("guangdong-glossary-items.txt"))
    assert [(i.number, i.term, i.definition) for i in items] == [
        (e["number"], e["term"], e["definition"]) for e in expected
    ]


@pytest.mark.parametrize("heading", ["有关说明", "说明", "注释说明", "附注", "名词解释"])
def test_the_sichuan_items_under_any_heading(heading: str) -> None:
    expected = corpus_expected()["sichuan-2026.txt"]
    items = extract(f"{heading}\n" + snippet("sichuan-glossary-items.txt"))
    assert [(i.number, i.term, i.definition) for i in items] == [
        (e["number"], e["term"], e["definition"]) for e in expected
    ]


def test_the_sichuan_items_alone_are_too_few_unmistakable_ones() -> None:
    # Only items 1 and 2 open with 是指: without a heading that is no glossary.
    assert extract(snippet("sichuan-glossary-items.txt")) == ()


# --- the corpus -------------------------------------------------------------------------

REPORT_FILES = sorted(p.name for p in REPORTS.glob("*.txt"))


@pytest.mark.parametrize("name", REPORT_FILES)
def test_corpus_reports_extract_as_before(name: str) -> None:
    items = extract((REPORTS / name).read_text(encoding="utf-8"))
    assert [dataclasses.asdict(item) for item in items] == corpus_expected().get(name, [])


@pytest.mark.parametrize("name", sorted(p.name for p in EXPLAINERS.glob("*.txt")))
def test_published_explanations_hold_no_glossary(name: str) -> None:
    # They are articles and interviews, one term each, in prose: nothing to extract.
    assert extract((EXPLAINERS / name).read_text(encoding="utf-8")) == ()


# --- the parts --------------------------------------------------------------------------

LEADS = {
    "quoted-is": ("“双一流”是一流大学。", 5),
    "strong": ("双一流是指一流大学。", 3),
    "strong-after-weak-word": ("即时配送是指送达。", 4),
    "zhi-de-shi": ("两新指的是以旧换新。", 2),
    "weak-ji": ("两新即以旧换新。", 2),
    "unquoted-is": ("今年是关键之年。", -1),
    "zhi-in-a-word": ("各项指标良好。", -1),
    "ji-in-a-word": ("工作即将展开。", -1),
    "one-character-term": ("甲即乙。", -1),
    "comma-before": ("稳增长，即稳住经济。", -1),
}


@pytest.mark.parametrize(("text", "start"), LEADS.values(), ids=LEADS.keys())
def test_lead(text: str, start: int) -> None:
    assert lead(text) == start


HEADING_KINDS = {
    "名词解释": "strong",
    "注释": "strong",
    "有关说明": "weak",
    "说明：": "weak",
    "**说 明**": "weak",
    "注释说明": "weak",
    "有關說明": "weak",
    "附注": "weak",
    "附件3 有关说明": "weak",
    "编制说明": None,
    "情况说明如下": None,
    "说明：本报告数据为初步统计数。": None,
}


@pytest.mark.parametrize(("line", "kind"), HEADING_KINDS.items(), ids=HEADING_KINDS.keys())
def test_heading_kind(line: str, kind: str | None) -> None:
    assert heading_kind(line) == kind


def test_a_repeated_line_inside_a_definition_is_no_running_header() -> None:
    lines = ["1.甲：指", "城市平台建设", "发展。", "2.乙：指", "城市平台建设", "推进。"]
    assert running_headers(lines) == frozenset()


# --- a property: extraction never fails, and what it finds is the text's ----------------

PIECES = [
    "1.", "2.", "3.", "［1］", "一、", "二、", "名词解释", "说明", "有关说明", "注释",
    "双一流", "“两新”", "灣區(qū)", "新质生产力", "：", "是指", "指", "即", "是",
    "世界一流大学", "一流学科", "。", "，", "含义：", "背景：", "【释例】", "【热词】",
    "— 3 —", "2026年政府工作报告", "各位代表：", "责任编辑：王五", " ", "“", "”", "[1]",
]  # fmt: skip


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Lines made of the pieces of every layout, in any order."""
    lines = draw(st.lists(st.lists(st.sampled_from(PIECES), max_size=6), max_size=40))
    breaks = draw(st.sampled_from(["\n", "\n\n", "\r\n"]))
    return breaks.join("".join(line) for line in lines)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", PINYIN.sub("", text))


def without_furniture(text: str) -> str:
    """The text without the lines a definition reads through: page numbers, running headers."""
    lines = [line.strip() for line in re.split(r"\r\n|\n", text)]
    headers = running_headers(lines)
    return "\n".join(x for x in lines if not PAGE_NUMBER.fullmatch(x) and x not in headers)


@settings(max_examples=400, deadline=None)
@given(texts())
def test_extraction_never_fails_and_quotes_the_text(text: str) -> None:
    items = extract(text)
    assert all(isinstance(item, Item) for item in items)
    lines = [item.line for item in items]
    assert lines == sorted(set(lines)), "items come out once each, in the order of their lines"
    quoted = without_furniture(text)
    for item in items:
        assert item.term
        assert squeezed(item.term) in squeezed(text)
        assert re.sub(r"\s+", "", item.definition) in re.sub(r"\s+", "", quoted)
