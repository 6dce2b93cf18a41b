"""The managed 名词解释 section: layout, exact stripping, idempotence, checks and silencing.

Engine tests use the small hand-built glossary of ``entries.py``; file-level tests go
through the hook's own file functions and compare bytes.
"""

from __future__ import annotations

import codecs
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from entries import ENTRIES, entry
from glossary import Entry, Glossary, Scope, Sense, Source
from glossary._hook.annotate import annotate
from glossary._hook.check import OPEN_FENCE, UNKNOWN, check
from glossary._hook.sections import BEGIN, END, TEXT_BEGIN, TEXT_END, strip_annotations
from glossary_cli.drafts import annotate_file, read_draft

OFFICIAL = Sense(
    expansion="1个领导小组 + 1个办公室 + 10个工作专班 + N个成员单位",
    definition="2022年5月，区委区政府建立了区“1+1+10+N”经济运行调度机制。",
    scope=Scope("深圳市龙岗区", "district", "深圳市龙岗区人民政府"),
    years=(2023,),
    origin="official",
    source=Source("龙岗区2023年政府工作报告", "深圳市龙岗区人民政府", "2023-01-12", 1),
)
GLOSSARY = Glossary(
    (
        *(e for e in ENTRIES if e.id != "lg-11010n"),
        Entry("lg-11010n", "1+1+10+N", "numeric-formula", (OFFICIAL,)),
    )
)
DRAFT = "建立“1+1+10+N”机制，发展“20+8”产业。\n抢抓“双区”驱动机遇，坚持“1+1+10+N”。\n"


def section_of(text: str) -> str:
    """The managed section of an annotated text, Markdown or plain."""
    return text[text.index(BEGIN if BEGIN in text else TEXT_BEGIN) :]


def items(text: str) -> list[str]:
    """The item headings of the managed section: number and surface."""
    return re.findall(r"^(\d+\. \S+?)：", section_of(text), re.M)


# ---------------------------------------------------------------------------------------
# Layout


def test_section_lists_terms_numbered_in_order_of_first_use() -> None:
    text = annotate(DRAFT, GLOSSARY, markdown=False)
    assert text.startswith(DRAFT + "\n" + TEXT_BEGIN + "\n名词解释\n")
    assert items(text) == ["1. “1+1+10+N”", "2. “20+8”", "3. “双区”驱动"]
    assert text.endswith(TEXT_END + "\n")


def test_official_item_quotes_expansion_definition_and_numbered_source() -> None:
    text = annotate("建立“1+1+10+N”机制", GLOSSARY, markdown=False)
    assert section_of(text).splitlines()[3:6] == [
        f"1. “1+1+10+N”：{OFFICIAL.expansion}",
        f"   {OFFICIAL.definition}",
        "   来源：《龙岗区2023年政府工作报告》（深圳市龙岗区人民政府，2023-01-12），名词解释第1条",
    ]


def test_editorial_item_says_it_is_editorial() -> None:
    source_line = section_of(annotate("发展“20+8”产业", GLOSSARY, markdown=False)).splitlines()[5]
    assert source_line == "   编者释义，非官方定义；用例见《测试文件》（测试机关，2022-01-01）"


def test_markdown_section_has_a_heading_bold_terms_and_hard_breaks() -> None:
    text = annotate("建立“1+1+10+N”机制", GLOSSARY, markdown=True)
    lines = section_of(text).splitlines()
    assert lines[1] == "## 名词解释"
    assert lines[3] == f"1. **“1+1+10+N”**：{OFFICIAL.expansion}。\\"
    assert lines[4].endswith("\\")
    assert not lines[5].endswith("\\")


def test_markdown_escapes_what_would_turn_into_markup() -> None:
    glossary = Glossary((entry("star", "A*B计划"),))
    text = annotate("推进A*B计划", glossary, markdown=True)
    assert "**A\\*B计划**" in section_of(text)


def test_footnotes_mark_the_first_use_only_after_the_closing_quote() -> None:
    text = annotate(DRAFT, GLOSSARY, markdown=True, footnotes=True)
    body = text[: text.index(BEGIN)]
    assert body.count("[^gloss-1]") == 1
    assert "建立“1+1+10+N”[^gloss-1]机制" in body
    assert "“双区”驱动[^gloss-3]机遇" in body
    assert re.findall(r"^\[\^gloss-\d+\]", section_of(text), re.M) == [
        "[^gloss-1]",
        "[^gloss-2]",
        "[^gloss-3]",
    ]


def test_footnote_labels_avoid_the_drafts_own() -> None:
    draft = "引用[^gloss-1]。发展“20+8”产业。\n\n[^gloss-1]: 作者自己的脚注。\n"
    text = annotate(draft, GLOSSARY, markdown=True, footnotes=True)
    assert "“20+8”[^gloss1-1]产业" in text
    assert strip_annotations(text) == draft


def test_footnotes_need_markdown() -> None:
    with pytest.raises(ValueError, match="Markdown"):
        annotate(DRAFT, GLOSSARY, markdown=False, footnotes=True)


def test_traditional_draft_gets_a_traditional_section() -> None:
    text = annotate("搶抓「雙區」驅動機遇，落實六穩六保。", GLOSSARY, markdown=True)
    section = section_of(text)
    assert "## 名詞解釋" in section
    assert "編者釋義" in section
    assert "名词解释" not in section


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("a\r\nb “20+8”\r\n", "a\r\nb “20+8”\r\n\r\n" + TEXT_BEGIN + "\r\n"),
        ("“20+8”", "“20+8”\n\n" + TEXT_BEGIN + "\n"),
        ("“20+8”\n", "“20+8”\n\n" + TEXT_BEGIN + "\n"),
        ("“20+8”\r", "“20+8”\r\r" + TEXT_BEGIN + "\r"),
        ("a\rb “20+8”", "a\rb “20+8”\r\r" + TEXT_BEGIN + "\r"),
    ],
    ids=["crlf", "no-final-newline", "final-newline", "cr", "cr-no-final"],
)
def test_section_follows_the_drafts_line_breaks(draft: str, expected: str) -> None:
    text = annotate(draft, GLOSSARY, markdown=False)
    assert text.startswith(expected)
    final = next((nl for nl in ("\r\n", "\n", "\r") if draft.endswith(nl)), "")
    assert text.endswith(TEXT_END + final)
    if "\r\n" in draft:
        assert "\n" not in text.replace("\r\n", "")
    if "\r" in draft and "\n" not in draft:  # lone CRs (classic Mac): the section too
        assert "\n" not in text
    assert annotate(text, GLOSSARY, markdown=False) == text
    assert strip_annotations(text) == draft


def test_no_terms_no_section_and_a_stale_section_goes() -> None:
    assert annotate("没有术语的段落。\n", GLOSSARY, markdown=False) == "没有术语的段落。\n"
    stale = annotate("发展“20+8”产业。\n", GLOSSARY, markdown=False)
    edited = stale.replace("发展“20+8”产业", "发展新兴产业")
    assert annotate(edited, GLOSSARY, markdown=False) == "发展新兴产业。\n"


def test_terms_only_in_the_section_are_not_explained() -> None:
    # The definition of 双减 mentions 湾区: the section must not start explaining itself.
    glossary = Glossary((entry("shuangjian", "双减"), entry("wanqu", "湾区")))
    once = annotate("落实双减。\n", glossary, markdown=False)
    assert "湾区" not in once
    mentions = once.replace("shuangjian exp", "湾区")
    assert "湾区" in mentions
    assert items(annotate(mentions, glossary, markdown=False)) == ["1. 双减"]


def test_quoted_markers_in_a_draft_are_kept() -> None:
    draft = f"配置示例：\n{BEGIN}\n{END}\n说明结束，发展“20+8”产业。\n"
    text = annotate(draft, GLOSSARY, markdown=False)
    assert text.startswith(draft)
    assert strip_annotations(text) == draft


def test_a_plain_text_draft_gets_plain_markers() -> None:
    text = annotate(DRAFT, GLOSSARY, markdown=False)
    section = section_of(text)
    assert section.startswith(TEXT_BEGIN + "\n")
    assert section.endswith(TEXT_END + "\n")
    assert "<!--" not in text
    assert strip_annotations(text) == DRAFT


def test_an_old_html_section_in_a_plain_text_draft_is_upgraded() -> None:
    new = annotate(DRAFT, GLOSSARY, markdown=False)
    old = new.replace(TEXT_BEGIN, BEGIN).replace(TEXT_END, END)  # what 0.x releases wrote
    assert strip_annotations(old) == DRAFT
    assert check(old, GLOSSARY) == ()  # its items still count as explained
    assert annotate(old, GLOSSARY, markdown=False) == new


def test_markdown_keeps_html_markers_and_leaves_plain_ones_alone() -> None:
    text = annotate(DRAFT, GLOSSARY, markdown=True)
    assert section_of(text).startswith(BEGIN)
    assert text.endswith(END + "\n")
    quoted = f"纯文本的样子：\n{TEXT_BEGIN}\n名词解释\n{TEXT_END}\n"
    assert strip_annotations(quoted, markdown=True) == quoted


def test_quoted_plain_markers_in_a_plain_draft_are_kept() -> None:
    draft = f"配置示例：\n{TEXT_BEGIN}\n{TEXT_END}\n说明结束，发展“20+8”产业。\n"
    text = annotate(draft, GLOSSARY, markdown=False)
    assert text.startswith(draft)
    assert strip_annotations(text) == draft


def test_trailing_blank_lines_after_the_section_are_tolerated() -> None:
    text = annotate("发展“20+8”产业。\n", GLOSSARY, markdown=False) + "\n\n"
    assert annotate(text, GLOSSARY, markdown=False).count(TEXT_BEGIN) == 1


def test_drafts_own_glossary_counts_as_explained() -> None:
    draft = "发展“20+8”产业，抢抓“双区”驱动。\n\n有关名词解释\n\n1. “20+8”：二十加八。\n"
    assert items(annotate(draft, GLOSSARY, markdown=False)) == ["1. “双区”驱动"]
    assert [f.term for f in check(draft, GLOSSARY)] == ["“双区”驱动"]


# ---------------------------------------------------------------------------------------
# Checking


def test_check_reports_each_unexplained_term_once_at_first_use() -> None:
    findings = check(DRAFT, GLOSSARY)
    assert [(f.line, f.col, f.term, f.entry_id) for f in findings] == [
        (1, 3, "“1+1+10+N”", "lg-11010n"),
        (1, 18, "“20+8”", "sz-208"),
        (2, 3, "“双区”驱动", "sqqd"),
    ]
    # The draft names no region: the finding says whose sense it gives, on one line.
    assert findings[0].message == f"{OFFICIAL.expansion} (sense of 深圳市龙岗区)"


def test_a_finding_names_the_senses_region_only_when_the_draft_is_elsewhere() -> None:
    about_longgang = "龙岗区" + DRAFT
    [first, *_] = check(about_longgang, GLOSSARY)
    assert first.message == OFFICIAL.expansion  # Longgang's sense in a Longgang draft
    [first, *_] = check("福田区" + DRAFT, GLOSSARY)
    assert first.message == f"{OFFICIAL.expansion} (sense of 深圳市龙岗区)"


def test_unknown_only_reports_unknown_jargon_alone() -> None:
    draft = DRAFT + "坚持“1+6+N”，增强“四个意识”。\n"
    every = check(draft, GLOSSARY)
    unknown = check(draft, GLOSSARY, unknown_only=True)
    assert [f.term for f in unknown] == ["“1+6+N”", "“四个意识”"]  # this glossary lacks both
    assert unknown == tuple(f for f in every if f.message == UNKNOWN)
    assert check("```\n坚持“20+8”", GLOSSARY, markdown=True, unknown_only=True) == ()


@pytest.mark.parametrize("footnotes", [False, True], ids=["section", "footnotes"])
def test_annotated_draft_passes_until_a_new_term_is_used(footnotes: bool) -> None:
    text = annotate(DRAFT, GLOSSARY, markdown=True, footnotes=footnotes)
    assert check(text, GLOSSARY) == ()
    edited = text.replace("坚持", "落实六稳六保，坚持", 1)
    findings = check(edited, GLOSSARY)
    assert [(f.line, f.term) for f in findings] == [(2, "六稳六保")]
    line = edited.split("\n")[findings[0].line - 1]
    assert line[findings[0].col - 1 :].startswith("六稳六保")


def test_column_counts_the_footnote_references_before_it() -> None:
    text = annotate("发展“20+8”产业。\n", GLOSSARY, markdown=True, footnotes=True)
    edited = text.replace("产业。", "产业，落实六稳六保。", 1)
    (finding,) = check(edited, GLOSSARY)
    assert edited.split("\n")[0][finding.col - 1 :].startswith("六稳六保")


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("坚持“1+6+N”工作体系", "“1+6+N”"),
        ("构建“１＋３＋Ｎ”格局", "“１＋３＋Ｎ”"),
        ('推进"2+1"改革', '"2+1"'),
        ("增强“四个意识”", "“四个意识”"),
        ("做到“两个维护”", "“两个维护”"),
        ("抢抓“双区”机遇", "“双区”"),
        ("落实「三線一單」", "「三線一單」"),
        ("实施“一芯两核多支点”战略", "“一芯两核多支点”"),
        ("坚持1+6+N体系", "1+6+N"),  # a formula stands out unquoted too
        ("推进“人工智能+”行动", "“人工智能+”"),  # a programme name
    ],
    ids=[
        "formula",
        "full-width",
        "ascii-quotes",
        "counted",
        "two",
        "double",
        "hant",
        "slogan",
        "unquoted-formula",
        "programme",
    ],
)
def test_unknown_formula_shaped_jargon_is_reported(sentence: str, term: str) -> None:
    (finding,) = check(sentence, GLOSSARY)
    assert (finding.term, finding.message, finding.entry_id) == (term, UNKNOWN, "")
    assert sentence[finding.col - 1 :].startswith(term)


@pytest.mark.parametrize(
    "sentence",
    [
        "坚持“疫情要防住”",  # a quoted phrase, not a formula
        "在“2023”年",  # a number is not a formula
        "推进“IT+BT”融合",  # letters only: not numeric
        "建设“双区”驱动，发展“20+8”产业。\n\n有关名词解释\n\n“双区”：略。“20+8”：略。",
        "一加一等于2，3+4等于7",  # a sum: digits alone, as plain arithmetic writes them
    ],
    ids=["phrase", "year", "letters", "own-glossary", "sum"],
)
def test_not_unknown_jargon(sentence: str) -> None:
    assert [f for f in check(sentence, GLOSSARY) if f.message == UNKNOWN] == []


def test_allowed_words_are_not_unknown() -> None:
    """The bundled allow-list says why “一件事” is not jargon: check does not report it."""
    assert [f.term for f in check("办好“一件事”，推进“九个某某”", Glossary.default())] == [
        "“九个某某”"
    ]


def test_known_surfaces_are_not_unknown() -> None:
    findings = check("抢抓“双区”驱动，发展“20+8”", GLOSSARY)
    assert all(f.message != UNKNOWN for f in findings)


def test_repeated_unknown_jargon_is_reported_once() -> None:
    findings = check("“1+6+N”体系。\n再说“1+6+N”。", GLOSSARY)
    assert [(f.line, f.col) for f in findings] == [(1, 1)]


# ---------------------------------------------------------------------------------------
# Silencing


def test_ignore_comment_silences_its_own_line() -> None:
    draft = "发展“20+8”产业 <!-- glossary: ignore -->\n坚持“1+6+N”体系\n"
    assert [f.line for f in check(draft, GLOSSARY)] == [2]


def test_ignore_comment_alone_silences_the_paragraph_below() -> None:
    draft = "<!-- glossary: ignore -->\n发展“20+8”产业\n坚持“1+6+N”体系\n\n增强“四个意识”\n"
    assert [f.term for f in check(draft, GLOSSARY)] == ["“四个意识”"]


def test_ignore_comment_followed_by_a_blank_line_silences_nothing_below() -> None:
    draft = "<!-- glossary: ignore -->\n\n发展“20+8”产业\n"
    assert [f.term for f in check(draft, GLOSSARY)] == ["“20+8”"]


def test_ignore_comment_with_terms_silences_only_those() -> None:
    draft = (
        "<!-- glossary: ignore 20+8，四个意识 -->\n发展“20+8”产业，增强“四个意识”，坚持“1+6+N”\n"
    )
    assert [f.term for f in check(draft, GLOSSARY)] == ["“1+6+N”"]


def test_ignore_list_silences_everywhere_and_annotate_skips_it() -> None:
    ignore = ["“20+8”", "1+6+N", "sqqd"]
    assert [f.term for f in check(DRAFT + "坚持“1+6+N”", GLOSSARY, ignore=ignore)] == ["“1+1+10+N”"]
    assert items(annotate(DRAFT, GLOSSARY, markdown=False, ignore=ignore)) == ["1. “1+1+10+N”"]


def test_annotate_explains_the_first_use_that_is_not_silenced() -> None:
    draft = "发展“20+8”产业 <!-- glossary: ignore -->\n再次发展“20+8”产业\n"
    text = annotate(draft, GLOSSARY, markdown=True, footnotes=True)
    assert text.splitlines()[:2] == [
        "发展“20+8”产业 <!-- glossary: ignore -->",
        "再次发展“20+8”[^gloss-1]产业",
    ]


@pytest.mark.parametrize(
    "code",
    ["`“20+8”`", "``“20+8”``", "\n```\n发展“20+8”产业\n```\n", "\n~~~\n“20+8”\n~~~\n"],
    ids=["inline", "double-backticks", "fenced", "tildes"],
)
def test_markdown_code_is_not_prose(code: str) -> None:
    """A term used only in code is neither listed nor reported; in plain text it is."""
    draft = f"配置项{code}保持不变。\n"
    assert annotate(draft, GLOSSARY, markdown=True) == draft
    assert check(draft, GLOSSARY, markdown=True) == ()
    assert [f.term for f in check(draft, GLOSSARY)] == ["“20+8”"]
    assert items(annotate(draft, GLOSSARY, markdown=False)) == ["1. “20+8”"]


@pytest.mark.parametrize(
    "quoted",
    ["```\n<!-- glossary: ignore -->\n```\n", "模板：\n```\n## 名词解释\n```\n"],
    ids=["ignore-comment", "own-heading"],
)
def test_markup_quoted_in_code_does_not_act(quoted: str) -> None:
    """An ignore comment or a 名词解释 heading shown in a code block is an example, not
    an instruction: the term below it is still reported."""
    draft = quoted + "发展“20+8”产业。\n"
    assert [f.term for f in check(draft, GLOSSARY, markdown=True)] == ["“20+8”"]


@pytest.mark.parametrize(
    "tail",
    [
        f"```\n{BEGIN}\n我自己的一行\n{END}\n",
        f"~~~ text\n{BEGIN}\n我自己的一行\n{END}",
        f"{BEGIN}\n```\n我自己的一行\n{END}\n",
    ],
    ids=["markers-in-an-open-fence", "open-tilde-fence", "end-marker-in-an-open-fence"],
)
def test_markers_inside_code_are_never_the_section(tail: str) -> None:
    """Markers the draft shows in a fence left open at its end are the draft's own text:
    nothing of it is cut, and no section is written into code."""
    draft = "发展“20+8”产业。\n\n" + tail
    assert strip_annotations(draft, markdown=True) == draft
    assert annotate(draft, GLOSSARY, markdown=True) == draft
    assert annotate(draft, GLOSSARY, markdown=True, footnotes=True) == draft
    findings = check(draft, GLOSSARY, markdown=True)
    assert (findings[0].line, findings[0].term) == (1, "“20+8”")
    assert findings[-1].message == OPEN_FENCE
    assert findings[-1].term in ("```", "~~~ text")


def test_a_draft_ending_in_an_open_fence_gets_no_section_until_it_is_closed() -> None:
    draft = "发展“20+8”产业。\n\n```\nmake\n"
    assert annotate(draft, GLOSSARY, markdown=True) == draft
    (_, fence) = check(draft, GLOSSARY, markdown=True)
    assert (fence.line, fence.col, fence.term, fence.message) == (3, 1, "```", OPEN_FENCE)
    closed = annotate(draft + "```\n", GLOSSARY, markdown=True)
    assert items(closed) == ["1. **“20+8”**"]
    assert check(closed, GLOSSARY, markdown=True) == ()
    # Plain text has no code: the section goes after the backticks, and is found again.
    plain = annotate(draft, GLOSSARY, markdown=False)
    assert strip_annotations(plain) == draft
    assert check(plain, GLOSSARY) == ()


def test_a_fence_open_in_a_list_item_ends_with_the_item() -> None:
    """A line at the margin ends the item and its fence: the section is prose there."""
    draft = "- 发展“20+8”产业：\n\n  ```\n  make\n"
    text = annotate(draft, GLOSSARY, markdown=True)
    assert items(text) == ["1. **“20+8”**"]
    assert strip_annotations(text, markdown=True) == draft
    assert annotate(text, GLOSSARY, markdown=True) == text
    assert check(text, GLOSSARY, markdown=True) == ()


def test_footnote_goes_to_the_first_use_outside_code() -> None:
    draft = "命令`发展“20+8”`。\n```\n“20+8”\n```\n发展“20+8”产业。\n"
    text = annotate(draft, GLOSSARY, markdown=True, footnotes=True)
    assert text.splitlines()[:5] == [
        "命令`发展“20+8”`。",
        "```",
        "“20+8”",
        "```",
        "发展“20+8”[^gloss-1]产业。",
    ]
    assert strip_annotations(text) == draft


# ---------------------------------------------------------------------------------------
# Properties

SURFACES = sorted({s for e in GLOSSARY.entries for s in e.surfaces})
PIECES = [
    *list("的是在发展建设推进城区，。、：（）《》 0123456789ABN+#*_`"),
    *["“", "”", "「", "」", '"', "\n", "\r\n", "\r", "\n\n", "\ufeff", "\u2060"],
    *["[^", "gloss-", "gloss1-", "1]", "]: ", "<!-- ", " -->", "名词解释\n", "雙區驅動"],
    *["<!-- glossary: ignore -->", "<!-- glossary:begin x -->\n", END, "\n" + END],
    *["==== glossary:begin x ====\n", TEXT_END, "\n" + TEXT_END, "====", "==== "],
    *["“1+6+N”", "“四个意识”", "有关名词解释\n", "```\n", "  ~~~\n", "- "],
]
drafts = st.lists(st.sampled_from(SURFACES + PIECES), max_size=30).map("".join)
modes = st.sampled_from([(False, False), (True, False), (True, True)])


@settings(max_examples=400, deadline=None)
@given(drafts, modes)
def test_stripping_gives_back_the_draft_exactly(draft: str, mode: tuple[bool, bool]) -> None:
    markdown, footnotes = mode
    assume(strip_annotations(draft, markdown=markdown) == draft)  # not already annotated
    text = annotate(draft, GLOSSARY, markdown=markdown, footnotes=footnotes)
    assert strip_annotations(text, markdown=markdown) == draft
    if not footnotes:
        assert text.startswith(draft)


@settings(max_examples=400, deadline=None)
@given(drafts, modes)
def test_annotating_twice_is_annotating_once(draft: str, mode: tuple[bool, bool]) -> None:
    markdown, footnotes = mode
    once = annotate(draft, GLOSSARY, markdown=markdown, footnotes=footnotes)
    assert annotate(once, GLOSSARY, markdown=markdown, footnotes=footnotes) == once


@settings(max_examples=300, deadline=None)
@given(drafts, modes)
def test_an_annotated_draft_has_no_unexplained_terms(draft: str, mode: tuple[bool, bool]) -> None:
    markdown, footnotes = mode
    text = annotate(draft, GLOSSARY, markdown=markdown, footnotes=footnotes)
    findings = check(text, GLOSSARY, markdown=markdown)
    if any(f.message == OPEN_FENCE for f in findings):  # annotate cannot help; check says why
        assert markdown
        assert text == strip_annotations(draft, markdown=True)
    else:
        assert [f for f in findings if f.entry_id] == []


@settings(max_examples=300, deadline=None)
@given(drafts)
def test_findings_point_at_their_terms(draft: str) -> None:
    lines = draft.split("\n" if "\n" in draft else "\r")  # lone CRs break lines too
    for finding in check(draft, GLOSSARY):
        assume("\n" not in finding.term and "\r" not in finding.term)
        assert lines[finding.line - 1][finding.col - 1 :].startswith(finding.term)


# ---------------------------------------------------------------------------------------
# Bytes: BOM, CRLF and the final line break survive the hook's file functions

BOMS = {"no-bom": b"", "bom": codecs.BOM_UTF8}
BREAKS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


@pytest.mark.parametrize("bom", list(BOMS.values()), ids=list(BOMS))
@pytest.mark.parametrize("newline", list(BREAKS.values()), ids=list(BREAKS))
@pytest.mark.parametrize("final", [True, False], ids=["final-newline", "no-final-newline"])
@pytest.mark.parametrize("suffix", [".md", ".txt", ".rst"], ids=["md", "txt", "other"])
def test_file_bytes_outside_the_section_survive(
    tmp_path: Path, bom: bytes, newline: str, final: bool, suffix: str
) -> None:
    draft = newline.join(["# 草稿", "", "发展“20+8”产业。", "抢抓“双区”驱动机遇。"])
    original = bom + (draft + (newline if final else "")).encode()
    path = tmp_path / f"draft{suffix}"
    path.write_bytes(original)
    assert annotate_file(path, GLOSSARY) is True
    written = path.read_bytes()
    assert written.startswith(original)
    end = END if suffix == ".md" else TEXT_END
    assert written.endswith(end.encode() + (newline.encode() if final else b""))
    assert (b"\r\n" in written[len(original) :]) == (newline == "\r\n")
    assert (b"\n" in written) == (newline != "\r")
    assert (
        bom + strip_annotations(read_draft(path).text, markdown=suffix == ".md").encode()
        == original
    )
    assert annotate_file(path, GLOSSARY) is False
    assert path.read_bytes() == written


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drafts, st.sampled_from(list(BOMS.values())), st.booleans())
def test_any_draft_file_round_trips_at_the_byte_level(draft: str, bom: bytes, crlf: bool) -> None:
    assume(strip_annotations(draft, markdown=True) == draft and not draft.startswith("\ufeff"))
    original = bom + (draft.replace("\n", "\r\n") if crlf else draft).encode()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory, "draft.md")
        path.write_bytes(original)
        changed = annotate_file(path, GLOSSARY, footnotes=True)
        written = path.read_bytes()
        assert changed == (written != original)
        assert bom + strip_annotations(read_draft(path).text, markdown=True).encode() == original
        assert annotate_file(path, GLOSSARY, footnotes=True) is False
