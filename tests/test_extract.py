"""Tests of the glossary-section extractor (glossary._extract.extract)."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary._extract.curate import items_to_entries, split_compound
from glossary._extract.extract import extract
from glossary._extract.items import Item
from glossary._load.canonical import dump_document, format_files
from glossary._load.loader import load_layers
from glossary._model.errors import InputError
from glossary._normalise.normalise import normalise_term

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
EXTRACT = FIXTURES / "extract"
LONGGANG = SEEDS / "longgang-2023-work-report.txt"

BODY = (
    "各位代表：\n\n现在，我代表区人民政府向大会作工作报告，本报告附有注释，请予审议。\n\n"
    "1. 今年要做好以下工作：稳增长、促改革。\n\n"
)
ITEMS = (
    ("“双一流”", "双一流", "指世界一流大学和一流学科。"),
    ("GEP核算", "GEP核算", "指生态系统生产总值核算：包括物质产品、调节服务和文化服务价值。"),
    ("1+5+N", "1+5+N", "指1个核心区、5个组团和N个产业园区。"),
)


Marker = Callable[[int], str]


def render(
    marker: Marker = lambda n: f"{n}.",
    items: Sequence[tuple[str, str, str]] = ITEMS,
    sep: str = "\n\n",
) -> str:
    """The items of a glossary section, one per paragraph, numbered by ``marker``."""
    return sep.join(f"{marker(n)}{raw}：{d}" for n, (raw, _, d) in enumerate(items, 1))


def document(heading: str, section: str | None = None, after: str = "\n\n责任编辑：李四\n") -> str:
    return f"{BODY}{heading}\n\n{section if section is not None else render()}{after}"


def as_triples(items: tuple[Item, ...]) -> list[tuple[int | None, str, str]]:
    return [(i.number, i.term, i.definition) for i in items]


EXPECTED = [(n, term, d) for n, (_, term, d) in enumerate(ITEMS, 1)]


# --- the Longgang report ----------------------------------------------------------------


def test_longgang_report_gives_its_18_items() -> None:
    expected = json.loads((EXTRACT / "longgang-2023-expected.json").read_text(encoding="utf-8"))
    items = extract(LONGGANG.read_text(encoding="utf-8"))
    assert [dataclasses.asdict(item) for item in items] == expected
    assert [item.number for item in items] == list(range(1, 19))


def test_longgang_items_are_quoted_from_their_lines() -> None:
    lines = LONGGANG.read_text(encoding="utf-8").split("\n")
    for item in extract(LONGGANG.read_text(encoding="utf-8")):
        line = lines[item.line - 1]
        assert line.startswith(f"{item.number}. ")
        assert item.term in line
        assert line.endswith(item.definition)


@pytest.mark.parametrize(
    "seed",
    [
        "baoan-2023-party-congress-hant",
        "longgang-2022-plenary-news",
        "luohu-2021-report-news-hant-pinyin",
        "luohu-2022-report-forum",
    ],
    ids=["baoan", "longgang-2022", "luohu-2021", "luohu-2022"],
)
def test_documents_without_a_glossary_give_nothing(seed: str) -> None:
    assert extract((SEEDS / f"{seed}.txt").read_text(encoding="utf-8")) == ()


# --- headings ---------------------------------------------------------------------------

HEADINGS = {
    "youguan": "有关名词解释",
    "mingci-jieshi": "名词解释",
    "mingci-zhushi": "名词注释",
    "youguan-neirong": "有关内容名词注释",
    "zhushi": "注释",
    "annex-same-line": "附件2 名词解释",
    "annex-colon": "附件二：有关名词解释",
    "annex-next-line": "附件2\n\n名词解释",
    "traditional": "名詞解釋",
    "traditional-annex": "附件3\n有關名詞解釋",
    "spaces": "  　有关名词解释  ",
    "bold": "**有关名词解释**",
    "trailing-colon": "有关名词解释：",
    "bold-colon": "** 名词解释: **",
    "brackets": "【名词解释】",
    "letter-spaced": "名 词 解 释",
    "html": "<strong>名词解释</strong>",
    "titled": "2024年政府工作报告名词解释",
    "fu": "附：有关名词解释",
}


@pytest.mark.parametrize("heading", HEADINGS.values(), ids=HEADINGS.keys())
def test_every_heading_form_opens_the_section(heading: str) -> None:
    assert as_triples(extract(document(heading))) == EXPECTED


NOT_HEADINGS = {
    "zhushi-in-sentence": "请对照注释阅读本报告，以下为具体内容：",
    "zhushi-with-more": "有关注释说明",
    "jieshi-in-sentence": "加强对政策名词解释工作的宣传。",
    "plain-annex": "附件2",
    "other-annex": "附件1 2024年十件民生实事",
}


#: Items that do not open with a lead word (是指, 指, 即): only a heading makes them a glossary.
PLAIN = [(raw, term, d.removeprefix("指")) for raw, term, d in ITEMS]


@pytest.mark.parametrize("line", NOT_HEADINGS.values(), ids=NOT_HEADINGS.keys())
def test_a_word_inside_a_sentence_is_no_heading(line: str) -> None:
    assert extract(document(line, render(items=PLAIN))) == ()


def test_an_annex_before_the_glossary_is_not_read() -> None:
    items = extract((EXTRACT / "annex-before.txt").read_text(encoding="utf-8"))
    assert as_triples(items) == [
        (1, "“20+8”产业集群", "指深圳市谋划布局的20个战略性新兴产业集群和8个未来产业。"),
        (2, "专精特新", "指中小企业具备专业化、精细化、特色化、新颖化的特征。"),
        (
            3,
            "民生七有",
            "指幼有所育、学有所教、劳有所得、病有所医、老有所养、住有所居、弱有所扶。",
        ),
    ]
    assert [item.line for item in items] == [17, 19, 21]


def test_the_heading_followed_by_items_wins_over_an_earlier_mention() -> None:
    text = "目录\n名词解释\n\n正文开始。各位代表：\n\n" + document("有关名词解释")
    assert as_triples(extract(text)) == EXPECTED


# --- numbering --------------------------------------------------------------------------


def circled(n: int) -> str:
    """①…⑳, ㉑…㉟, ㊱…㊿."""
    return chr(0x245F + n) if n <= 20 else chr(0x3250 + n - 20) if n <= 35 else chr(0x32B0 + n - 35)


def chinese(n: int) -> str:
    """一 … 九十九."""
    tens, units = divmod(n, 10)
    digits = "一二三四五六七八九"
    return (
        (digits[tens - 1] if tens > 1 else "")
        + ("十" if tens else "")
        + (digits[units - 1] if units else "")
    )


MARKERS: dict[str, Marker] = {
    "dot": lambda n: f"{n}.",
    "dot-space": lambda n: f"{n}. ",
    "fullwidth-dot": lambda n: f"{n}．",
    "ideographic-comma": lambda n: f"{n}、",
    "fullwidth-paren": lambda n: f"（{n}）",
    "paren": lambda n: f"({n})",
    "fullwidth-bracket": lambda n: f"［{n}］",
    "bracket": lambda n: f"[{n}]",
    "lenticular": lambda n: f"【{n}】",
    "circled": lambda n: circled(n),
    "rparen": lambda n: f"{n})",
    "fullwidth-rparen": lambda n: f"{n}）",
    "bare-space": lambda n: f"{n} ",
    "chinese": lambda n: chinese(n) + "、",
    "chinese-paren": lambda n: f"（{chinese(n)}）",
    "fullwidth-digits": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)) + "．",
}


@pytest.mark.parametrize("marker", MARKERS.values(), ids=MARKERS.keys())
def test_every_numbering_style_gives_the_items(marker: Marker) -> None:
    assert as_triples(extract(document("名词解释", render(marker)))) == EXPECTED


def test_an_unnumbered_section_gives_term_colon_definition_paragraphs() -> None:
    section = render(lambda n: "")
    assert as_triples(extract(document("名词解释", section))) == [
        (None, term, d) for _, term, d in EXPECTED
    ]


def test_an_unnumbered_section_with_intro_and_continuations() -> None:
    items = extract((EXTRACT / "unnumbered.txt").read_text(encoding="utf-8"))
    assert as_triples(items) == [
        (None, "双碳", "指碳达峰与碳中和。"),
        (None, "GEP核算", "指生态系统生产总值核算。其中：调节服务价值占比最高。"),
        (None, "1+5+N", "指1个核心区、5个组团和N个产业园区。"),
        (
            None,
            "城市管家",
            "指一种城市管理模式，通过“专业服务+智慧平台+行政力量”相融合的方式，"
            "对城市公共空间实行全流程管理。",
        ),
    ]
    assert [item.line for item in items] == [7, 9, 12, 14]


def test_an_unnumbered_introduction_with_a_colon_is_no_item() -> None:
    section = (
        "本报告涉及的名词：\n双碳：指碳达峰与碳中和。\n"
        "GEP核算：指核算，分两类，其中：\n调节服务：占比最高。"
    )
    assert as_triples(extract(document("名词解释", section))) == [
        (None, "双碳", "指碳达峰与碳中和。"),
        (None, "GEP核算", "指核算，分两类，其中：调节服务：占比最高。"),
    ]


@pytest.mark.parametrize(
    "bullet", ["• ", "●", "- ", "— ", "■ "], ids=["dot", "disc", "hyphen", "dash", "square"]
)
def test_bullets_of_an_unnumbered_list_are_not_part_of_the_term(bullet: str) -> None:
    section = render(lambda n: bullet)
    assert as_triples(extract(document("名词解释", section))) == [
        (None, term, d) for _, term, d in EXPECTED
    ]


FILLER = [(f"术语{n}", f"术语{n}", f"指第{n}项。") for n in range(1, 20)]
RUN_ON = [
    *FILLER,
    ("2026年10件民生实事", "2026年10件民生实事", "指2026年要办好的10件民生实事。"),
    ("5+2就业之家", "5+2就业之家", "指5个就业服务站和2个零工市场。"),
]


@pytest.mark.parametrize(
    "marker",
    [lambda n: f"{n}.", lambda n: f"{n}．", lambda n: f"{n}、"],
    ids=["dot", "fullwidth-dot", "ideographic-comma"],
)
def test_a_number_running_into_the_digits_of_a_term(marker: Marker) -> None:
    items = extract(document("名词解释", render(marker, RUN_ON)))
    assert [item.number for item in items] == list(range(1, 22))
    assert (items[19].number, items[19].term) == (20, "2026年10件民生实事")
    assert (items[20].number, items[20].term) == (21, "5+2就业之家")


def test_a_number_inside_a_wrapped_definition_opens_no_item() -> None:
    section = (
        "1.光伏项目：指全年发电量\n2.8亿度以上，新增装机300兆瓦的项目。\n2.城市管家：指一种模式。"
    )
    assert as_triples(extract(document("名词解释", section))) == [
        (1, "光伏项目", "指全年发电量2.8亿度以上，新增装机300兆瓦的项目。"),
        (2, "城市管家", "指一种模式。"),
    ]


def test_a_missing_number_is_tolerated_when_a_colon_confirms_the_item() -> None:
    section = "1.甲：指甲。\n2.乙：指乙。\n4.丁：指丁。"
    assert [i.number for i in extract(document("名词解释", section))] == [1, 2, 4]


# --- terms, colons, line breaks ---------------------------------------------------------

TERMS = {
    "fully-quoted": ("“双一流”", "双一流"),
    "corner-quoted": ("「雙一流」", "雙一流"),
    "ascii-quoted": ('"GEP"', "GEP"),
    "single-quoted": ("‘双碳’", "双碳"),
    "double-prime-quoted": ("〝双碳〞", "双碳"),
    "full-width-straight-quoted": ("＂双碳＂", "双碳"),
    "full-width-apostrophes": ("＇双碳＇", "双碳"),
    "nested-quotes": ("“‘三旧’改造”", "‘三旧’改造"),
    "partly-quoted-after": ("轨道交通“四网融合”", "轨道交通“四网融合”"),
    "partly-quoted-before": ("“四新”产业", "“四新”产业"),
    "several-spans": ("“两重”“两新”", "“两重”“两新”"),
    "unquoted": ("GEP核算", "GEP核算"),
    "formula": ("1+5+N", "1+5+N"),
    "colon-in-quotes": ("“1：1”配套模式", "“1：1”配套模式"),
    "compound": ("“双区”驱动、“双改”示范", "“双区”驱动、“双改”示范"),
}


@pytest.mark.parametrize(("raw", "term"), TERMS.values(), ids=TERMS.keys())
def test_only_quotes_around_the_whole_term_are_removed(raw: str, term: str) -> None:
    section = f"1.{raw}：指某个概念。\n2.乙：指乙。"
    [first, _] = extract(document("名词解释", section))
    assert (first.term, first.definition) == (term, "指某个概念。")


COLONS = {
    "fullwidth": ("1.甲：指甲。", "甲", "指甲。"),
    "ascii": ("1.甲:指甲。", "甲", "指甲。"),
    "ascii-space": ("1. 甲: 指甲。", "甲", "指甲。"),
    "ratio-look-alike": ("1. 甲∶指甲。", "甲", "指甲。"),
    "colons-in-definition": ("1.甲：分两类：一是A；二是B。", "甲", "分两类：一是A；二是B。"),
    "next-line": ("1.“双一流”：\n指一流大学。", "双一流", "指一流大学。"),
    "next-paragraph": ("1.“双一流”：\n\n指一流大学。", "双一流", "指一流大学。"),
    "colon-on-next-line": ("1.“双一流”\n：指一流大学。", "双一流", "指一流大学。"),
    "marker-alone-on-its-line": ("1.\n“双一流”：指一流大学。", "双一流", "指一流大学。"),
    "term-line-without-colon": (
        "1.双一流\n指一流大学：世界一流。",
        "双一流",
        "指一流大学：世界一流。",
    ),
    "term-wrapped": (
        "1.“1+1+10+N”经济运\n行调度机制：指机制。",
        "“1+1+10+N”经济运行调度机制",
        "指机制。",
    ),
    "break-in-quoted-word": ("1.甲：指“一张\n票”制度。", "甲", "指“一张票”制度。"),
    "break-between-latin-words": (
        "1.甲：指(City Information\nModeling)平台。",
        "甲",
        "指(City Information Modeling)平台。",
    ),
    "break-in-number": ("1.甲：指增长3\n5%。", "甲", "指增长35%。"),
}


@pytest.mark.parametrize(("section", "term", "definition"), COLONS.values(), ids=COLONS.keys())
def test_the_term_ends_at_the_first_colon_and_breaks_are_joined(
    section: str, term: str, definition: str
) -> None:
    [item] = extract(document("名词解释", section))
    assert (item.number, item.term, item.definition) == (1, term, definition)


def test_a_pdf_layout_with_hard_breaks_and_page_numbers() -> None:
    items = extract((EXTRACT / "pdf-hard-breaks.txt").read_text(encoding="utf-8"))
    assert as_triples(items) == [
        (1, "双一流", "指世界一流大学和一流学科，是国家层面推进高等教育内涵式发展的重大战略部署。"),
        (
            2,
            "CIM基础平台",
            "指城市信息模型(City Information Modeling)平台，是城市的基础性和关键性信息基础设施。",
        ),
        (
            3,
            "轨道交通“四网融合”",
            "指干线铁路、城际铁路、市域（郊）铁路和城市轨道交通的融合发展，"
            "以“一张网、一张票、一串城”为目标。",
        ),
        (
            4,
            "1+5+N",
            "区域协同格局。其中：(1) “1”指一个核心区；(2) “5”指五个组团；(3) “N”指若干产业园区。",
        ),
        (
            5,
            "“两重”“两新”",
            "指国家重大战略实施和重点领域安全能力建设，以及推动新一轮大规模设备更新和消费品以旧换新。",
        ),
        (
            6,
            "GEP核算",
            "指生态系统生产总值核算，即一定区域内生态系统为人类福祉和经济社会可持续发展"
            "提供的各种最终产品与服务价值的总和。\nGEP核算结果已纳入全区高质量发展综合绩效评价。",
        ),
        (
            7,
            "“四新”产业",
            "指以新技术、新产业、新业态、新模式为核心的产业。年发电量2.8亿度以上的光伏项目计入其中。",
        ),
    ]
    assert [item.line for item in items] == [6, 9, 12, 15, 19, 22, 26]


def test_a_traditional_report_and_its_footer() -> None:
    items = extract((EXTRACT / "traditional.txt").read_text(encoding="utf-8"))
    assert as_triples(items) == [
        (
            1,
            "「雙區」驅動、「雙改」示範",
            "指粵港澳大灣區和深圳中國特色社會主義先行示範區驅動；深圳綜合改革試點和全面深化前海合作區改革開放示範。",
        ),
        (2, "雙一流", "指世界一流大學和一流學科。"),
        (3, "軌道交通「四網融合」", "指幹線鐵路、城際鐵路、市域（郊）鐵路、城市軌道交通融合發展。"),
    ]


# --- the end of the section -------------------------------------------------------------

FURNITURE = {
    "editor": "责任编辑：王五",
    "editor-bracketed": "（责任编辑：王五）",
    "source": "来源：深圳新闻网",
    "related": "相关报道",
    "related-with-list": "相关报道\n4.某区召开常务会议：部署重点工作。",
    "site-map": "网站地图 | 网站概况 | 版权保护 | 隐私声明",
    "host": "主办单位：深圳市某区人民政府办公室 承办单位：深圳市某区政务服务数据管理局",
    "phone-footer": "网站标识码：4403070005 咨询投诉电话：0755-12345",
    "scan": "扫一扫在手机打开当前页",
    "print": "打印",
    "print-close": "【打印】【关闭】",
    "close-window": "关闭窗口",
    "icp": "粤ICP备05027862号-1",
    "url": "https://www.example.gov.cn/article/1.html",
    "spam": "欧美日韩综合视频一区二区,国产精品一区二区",
    "site-note": "本网站已支持IPv6，建议使用最新版本浏览器进行访问。",
}


@pytest.mark.parametrize("blank", ["\n", "\n\n"], ids=["adjacent", "after-blank-line"])
@pytest.mark.parametrize("furniture", FURNITURE.values(), ids=FURNITURE.keys())
def test_page_furniture_after_the_items_is_not_an_item(furniture: str, blank: str) -> None:
    text = document("名词解释", render(), after=f"{blank}{furniture}\n")
    assert as_triples(extract(text)) == EXPECTED


def test_a_following_annex_ends_the_section() -> None:
    after = "\n\n附件3\n\n2024年重点项目表\n\n4.某项目：总投资10亿元。\n"
    assert as_triples(extract(document("名词解释", render(), after=after))) == EXPECTED


def test_the_last_definition_keeps_its_wrapped_lines_and_prose_paragraph() -> None:
    section = (
        render()
        + "\n其中，5个组团分别位于\n东、西、南、北、中五个方向。"
        + "\n\n该格局由区委全会提出，并写入区第十四个五年规划纲要。"
    )
    [*_, last] = extract(document("名词解释", section))
    assert last.definition == (
        "指1个核心区、5个组团和N个产业园区。其中，5个组团分别位于东、西、南、北、中五个方向。"
        "\n该格局由区委全会提出，并写入区第十四个五年规划纲要。"
    )


# --- a property: rendering then extracting gives the items back -------------------------

TERM_CHARS = "双区驱动改示范产业集群智慧城市平台模型生态核算ABCGIMPT0123456789+"
DEFINITION_CHARS = "城市产业集群平台建设发展推进创新生态服务管理区域0123456789"
Case = tuple[str, list[tuple[int | None, str, str]], list[int]]


@st.composite
def sections(draw: st.DrawFn) -> Case:
    """A glossary section in some numbering style (or none), with its items and lines."""
    marker = draw(st.sampled_from([*MARKERS.values(), None]))
    spacing = draw(st.sampled_from(["\n", "\n\n"]))
    chunks, expected, lines = [], [], []
    line = BODY.count("\n") + 2  # the heading follows BODY, the section the heading
    for n in range(1, draw(st.integers(1, 25)) + 1):
        term = draw(st.text(TERM_CHARS, min_size=1, max_size=12))
        words = draw(st.lists(st.text(DEFINITION_CHARS, min_size=1, max_size=15), min_size=1))
        definition = "指" + "，".join(words) + draw(st.sampled_from(["", "，其中：甲乙"])) + "。"
        cuts = sorted(draw(st.sets(st.integers(1, len(definition) - 1), max_size=3)))
        pieces = [
            definition[a:b] for a, b in zip([0, *cuts], [*cuts, len(definition)], strict=True)
        ]
        # A line of bare digits reads as a PDF page number: wrapping never leaves one alone.
        if any(piece.isdigit() for piece in pieces):
            pieces = [definition]
        opening = draw(st.sampled_from(["", "\n"]))
        colon = draw(st.sampled_from(["：", ":", ": "]))
        shown = f"“{term}”" if draw(st.booleans()) else term
        wrapped = "\n".join(pieces)
        # A marker may stand alone on its line, unless it is bare digits (a page number).
        alone = marker is not None and marker(1) != "1 " and draw(st.booleans())
        prefix = (marker(n) + ("\n" if alone else "")) if marker else ""
        chunk = f"{prefix}{shown}{colon}{opening}{wrapped}"
        chunks.append(chunk)
        expected.append((n if marker else None, term, definition))
        lines.append(line)
        line += chunk.count("\n") + spacing.count("\n")
    return spacing.join(chunks), expected, lines


@settings(max_examples=300, deadline=None)
@given(sections())
def test_rendered_items_extract_back(case: Case) -> None:
    section, expected, lines = case
    items = extract(f"{BODY}名词解释\n{section}\n\n责任编辑：李四\n")
    assert as_triples(items) == expected
    assert [item.line for item in items] == lines


# --- compound items ---------------------------------------------------------------------


def test_the_compound_longgang_item_splits_into_two_quoted_halves() -> None:
    item = extract(LONGGANG.read_text(encoding="utf-8"))[10]
    pairs = split_compound(item)
    assert pairs == (
        ("“双区”驱动", "粤港澳大湾区和深圳中国特色社会主义先行示范区驱动"),
        ("“双改”示范", "深圳综合改革试点和全面深化前海合作区改革开放示范"),
    )
    assert all(definition in item.definition for _, definition in pairs)


COMPOUNDS = {
    "simple": (
        Item(1, "双一流", "指一流大学；一流学科。", 1),
        (("双一流", "指一流大学；一流学科。"),),
    ),
    "quoted-in-term": (Item(1, "“两重”“两新”", "指甲；乙。", 1), (("“两重”“两新”", "指甲；乙。"),)),
    "parts-mismatch": (
        Item(1, "“六稳”、“六保”", "指稳就业等六个方面。", 1),
        (("六稳", "指稳就业等六个方面。"), ("六保", "指稳就业等六个方面。")),
    ),
    "three-parts": (
        Item(1, "甲、乙、丙", "即一;二;三。", 1),
        (("甲", "一"), ("乙", "二"), ("丙", "三")),
    ),
    "each-part-has-lead": (
        Item(1, "甲、乙", "指一；指二。", 1),
        (("甲", "指一"), ("乙", "指二")),
    ),
    "separator-in-quotes": (
        Item(1, "“甲、乙”模式", "指一；二。", 1),
        (("“甲、乙”模式", "指一；二。"),),
    ),
}


@pytest.mark.parametrize(("item", "pairs"), COMPOUNDS.values(), ids=COMPOUNDS.keys())
def test_split_compound(item: Item, pairs: tuple[tuple[str, str], ...]) -> None:
    assert split_compound(item) == pairs


# --- entries ----------------------------------------------------------------------------

META = {
    "title": "龙岗区2023年政府工作报告",
    "issuer": "深圳市龙岗区人民政府",
    "region": "深圳市龙岗区",
    "level": "district",
    "date": "2023-01-12",
}


def test_items_to_entries_gives_official_entries_with_stable_ids() -> None:
    items = extract(LONGGANG.read_text(encoding="utf-8"))
    entries: list[Any] = items_to_entries(items, **META, url="https://example.org/report")
    assert len(entries) == 19
    ids = [entry["id"] for entry in entries]
    assert len(set(ids)) == 19
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(i)) for i in ids)
    assert ids == [entry["id"] for entry in items_to_entries(items, **META, url=None)]
    other = items_to_entries(items, **{**META, "title": "罗湖区2023年政府工作报告"})
    assert not set(ids) & {entry["id"] for entry in other}
    first, eleventh, twelfth = entries[0], entries[10], entries[11]
    assert str(eleventh["id"]).endswith("-11-1")
    assert str(twelfth["id"]).endswith("-11-2")
    assert (eleventh["term"], twelfth["term"]) == ("“双区”驱动", "“双改”示范")
    assert first["kind"] == "numeric-formula"
    assert entries[3]["kind"] == "other"
    [sense] = first["senses"]
    assert sense["origin"] == "official"
    assert sense["definition"] == items[0].definition
    assert sense["gloss"] == items[0].term
    assert sense["expansion"]
    assert "\n" not in sense["expansion"]
    assert sense["years"] == [2023]
    assert sense["scope"] == {
        "region": "深圳市龙岗区",
        "level": "district",
        "issuer": "深圳市龙岗区人民政府",
    }
    assert sense["source"] == {
        "document": "龙岗区2023年政府工作报告",
        "issuer": "深圳市龙岗区人民政府",
        "date": "2023-01-12",
        "item": 1,
        "url": "https://example.org/report",
    }


def test_unnumbered_items_take_their_position_as_item_number() -> None:
    items = (Item(None, "甲", "指甲。", 3), Item(None, "乙", "指乙。", 5))
    entries: list[Any] = items_to_entries(items, **META)
    assert [e["senses"][0]["source"]["item"] for e in entries] == [1, 2]


@pytest.mark.parametrize(
    ("field", "value"),
    [("level", "county"), ("date", "2023-1-12"), ("date", "2023-02-30"), ("date", "12/01/2023")],
    ids=["bad-level", "short-date", "impossible-date", "us-date"],
)
def test_items_to_entries_refuses_bad_metadata(field: str, value: str) -> None:
    with pytest.raises(InputError, match=field):
        items_to_entries((Item(1, "甲", "指甲。", 1),), **{**META, field: value})


def test_the_extractors_yaml_for_longgang_loads_cleanly(tmp_path: Path) -> None:
    items = extract(LONGGANG.read_text(encoding="utf-8"))
    path = tmp_path / "longgang.yaml"
    path.write_text(dump_document(items_to_entries(items, **META)), encoding="utf-8")
    entries = load_layers([[path]])
    assert len(entries) == 19
    assert sorted(e.senses[0].source.item for e in entries if e.senses[0].source) == sorted(
        [*range(1, 19), 11]
    )


# --- the curated Longgang file ----------------------------------------------------------

CURATED = Path(__file__).parent.parent / "terms" / "longgang" / "2023-government-work-report.yaml"
#: The ids of the 19 entries, by item number. Other files relate to them: they are stable.
CURATED_IDS = {
    1: ["longgang-1-1-10-n"],
    2: ["shenzhen-20-8"],
    3: ["longgang-3-4"],
    4: ["zhuan-jing-te-xin-xiao-ju-ren"],
    5: ["pct-guo-ji-zhuan-li"],
    6: ["longgang-long-i-qi"],
    7: ["cim-ji-chu-ping-tai"],
    8: ["bim-mo-xing"],
    9: ["longgang-qu-yu-kong-jian-sheng-tai-huan-jing-ping-jia"],
    10: ["longgang-da-yun-shen-gang-ke-ji-chan-ye-he-zuo-qu"],
    11: ["shuang-gai-shi-fan", "shuang-qu-qu-dong"],
    12: ["longgang-11-2"],
    13: ["longgang-it-di-tan-zhi-hui-yuan-qu"],
    14: ["longgang-cheng-shi-guan-jia"],
    15: ["longgang-long-ling-mo-shi"],
    16: ["longgang-xiang-mu-shen-pi-1-n"],
    17: ["longgang-yun-duan-xue-xiao"],
    18: ["longgang-1-11-111-n"],
}
CJK = re.compile(r"[\u3400-\u9fff]")


def curated_entries() -> list[Any]:
    """The curated file's entries, loaded with the rest of the bundled glossary."""
    everything = load_layers([[CURATED.parent.parent]])
    return [e for e in everything if Path(e.origin_file).name == CURATED.name]


def test_the_curated_file_is_canonical() -> None:
    [formatted] = format_files([CURATED])
    assert formatted.problems == ()
    assert formatted.new == formatted.old


def test_the_curated_file_has_the_chosen_ids_in_item_order() -> None:
    entries = curated_entries()
    assert [e.id for e in entries] == [i for ids in CURATED_IDS.values() for i in ids]
    assert [e.senses[0].source.item for e in entries] == [
        n for n, ids in CURATED_IDS.items() for _ in ids
    ]


def test_curated_definitions_are_the_extractors_quotations_of_the_report() -> None:
    report = LONGGANG.read_text(encoding="utf-8")
    items = {item.number: item for item in extract(report)}
    for entry in curated_entries():
        [sense] = entry.senses
        assert sense.origin == "official"
        assert (sense.source.document, sense.source.issuer, sense.source.date) == (
            "龙岗区2023年政府工作报告",
            "深圳市龙岗区人民政府",
            "2023-01-12",
        )
        pairs = split_compound(items[sense.source.item])
        assert sense.definition in [definition for _, definition in pairs], entry.id
        assert sense.definition in report


def test_curated_entries_are_finished() -> None:
    report = normalise_term(LONGGANG.read_text(encoding="utf-8"))
    for entry in curated_entries():
        [sense] = entry.senses
        assert not CJK.search(sense.gloss), f"{entry.id}: gloss still provisional"
        assert sense.expansion
        assert "\n" not in sense.expansion
        for surface in entry.surfaces:  # variants are forms the report really uses
            assert normalise_term(surface) in report, (entry.id, surface)


@pytest.mark.parametrize(
    "line_break",
    ["\r\n", "\r", "\v", "\u2028", "\u2029"],
    ids=["crlf", "cr", "vertical-tab", "line-separator", "paragraph-separator"],
)
def test_any_line_break_reads_as_lf(line_break: str) -> None:
    """Text pasted from a word processor breaks its lines with U+2029, U+2028 or ``\\v``."""
    text = (EXTRACT / "unnumbered.txt").read_text(encoding="utf-8")
    expected = extract(text)
    assert expected
    assert extract(text.replace("\n", line_break)) == expected
