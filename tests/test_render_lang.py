"""Bilingual output: ``render(style, lang=...)`` in Chinese, English or both, in every style."""

from __future__ import annotations

import json
import re

import pytest

from glossary import (
    LANGS,
    STYLES,
    Annotation,
    Entry,
    Explanation,
    Glossary,
    Lang,
    Reading,
    Scope,
    Sense,
    Source,
    Style,
    explain,
)
from glossary._hook.annotate import annotate
from glossary._hook.check import check
from glossary._render.marked import MARK
from glossary._render.render import render, strip

REPORT = Source("龙岗区2023年政府工作报告", "深圳市龙岗区人民政府", "2023-01-12", 11)
GLOSSED = Sense(
    "粤港澳大湾区 + 深圳先行示范区驱动",
    "粤港澳大湾区和深圳先行示范区驱动。",
    Scope("深圳市", "city"),
    (2023,),
    "official",
    REPORT,
    gloss="driven by the two zones",
)
BARE = Sense(
    "20个产业集群 + 8个未来产业",
    "深圳的产业布局。",
    Scope("深圳市", "city"),
    (2022,),
    "editorial",
    Source("深圳发布", "深圳市人民政府", "2022-06"),
)
SHUANG_QU = Entry("shuang-qu", "双区驱动", "slogan", (GLOSSED,))
ERSHI_BA = Entry("ershi-ba", "20+8", "numeric-formula", (BARE,))
GLOSSARY = Glossary([SHUANG_QU, ERSHI_BA])
TEXT = "抢抓双区驱动机遇，发展20+8产业。\n"
EXPLAINED = GLOSSARY.explain(TEXT)


def visible(rendered: str) -> str:
    return rendered.replace(MARK, "")


@pytest.mark.parametrize("style", STYLES)
def test_zh_is_the_default_and_json_is_the_same_in_every_language(style: Style) -> None:
    assert render(EXPLAINED, style, "zh") == render(EXPLAINED, style)
    assert EXPLAINED.render(style, lang="zh") == EXPLAINED.render(style)
    if style == "json":
        assert render(EXPLAINED, style, "en") == render(EXPLAINED, style, "both")


def test_an_unknown_language_is_named_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown language 'fr'; choose from zh, en, both"):
        render(EXPLAINED, "inline", "fr")  # type: ignore[arg-type]


def test_inline_gives_the_gloss_or_says_there_is_none() -> None:
    assert visible(render(EXPLAINED, "inline", "en")) == (
        "抢抓双区驱动（driven by the two zones）机遇，"
        "发展20+8（no English gloss: 20个产业集群 + 8个未来产业）产业。\n"
    )
    assert visible(render(EXPLAINED, "inline", "both")) == (
        "抢抓双区驱动（粤港澳大湾区 + 深圳先行示范区驱动; driven by the two zones）机遇，"
        "发展20+8（20个产业集群 + 8个未来产业）产业。\n"
    )


def test_a_gloss_is_given_where_the_expansion_only_repeats_the_term() -> None:
    sense = Sense("绿水青山就是金山银山", "", None, (), "document", None, gloss="the two mountains")
    entry = Entry("liang-shan", "两山", "slogan", (sense,))
    text = "绿水青山就是金山银山"
    found = Explanation(text, (Annotation(0, len(text), text, Reading(entry, sense, (), "")),))
    assert visible(render(found, "inline", "zh")) == text
    assert visible(render(found, "inline", "en")) == f"{text}（the two mountains）"
    assert visible(render(found, "inline", "both")) == f"{text}（the two mountains）"


def test_english_footnotes_say_everything_of_ours_in_english() -> None:
    rendered = visible(render(EXPLAINED, "footnotes", "en"))
    text, _, notes = rendered.partition("\n\n────────────────\nTerms explained\n\n")
    assert text == "抢抓双区驱动[1]机遇，发展20+8[2]产业。"
    first, second = notes.split("\n\n")
    assert first.splitlines() == [
        "[1] 双区驱动：driven by the two zones",  # the gloss stands for expansion and definition
        "    Source: 《龙岗区2023年政府工作报告》 (深圳市龙岗区人民政府, 2023-01-12), "
        "glossary item 11",
    ]
    assert second.splitlines() == [
        "[2] 20+8：no English gloss: 20个产业集群 + 8个未来产业",
        "    深圳的产业布局。",  # no gloss: the Chinese definition stays
        "    Editorial explanation, not an official definition; "
        "used in 《深圳发布》 (深圳市人民政府, 2022-06)",
    ]
    assert rendered.endswith("2022-06)\n")


def test_bilingual_footnotes_add_the_gloss_to_the_chinese() -> None:
    rendered = visible(render(EXPLAINED, "footnotes", "both"))
    assert "\n名词解释 / Terms explained\n" in rendered
    assert rendered.split("\n\n")[-2].splitlines() == [
        "[1] 双区驱动：粤港澳大湾区 + 深圳先行示范区驱动",
        "    粤港澳大湾区和深圳先行示范区驱动。",
        "    English: driven by the two zones",
        "    来源：《龙岗区2023年政府工作报告》（深圳市龙岗区人民政府，2023-01-12），"
        "名词解释第11条",
    ]
    assert "English:" not in rendered.split("\n\n")[-1]  # no gloss, nothing said


def test_traditional_text_keeps_its_script_in_english_source_lines() -> None:
    text = "抢抓雙區驅動機遇"
    reading = Reading(SHUANG_QU, GLOSSED, (), "")
    found = Explanation(text, (Annotation(2, 6, "雙區驅動", reading),), "", "traditional")
    assert "Source: 《龍崗區2023年政府工作報告》 (深圳市龍崗區人民政府, 2023-01-12)" in (
        render(found, "footnotes", "en")
    )


def test_markdown_ends_english_sentences_with_a_full_stop_and_a_space() -> None:
    notes = visible(render(EXPLAINED, "markdown", "en")).split("\n\n", 1)[1].splitlines()
    assert notes[0] == (
        "[^1]: **双区驱动**：driven by the two zones. Source: 《龙岗区2023年政府工作报告》 "
        "(深圳市龙岗区人民政府, 2023-01-12), glossary item 11."
    )
    both = visible(render(EXPLAINED, "markdown", "both")).split("\n\n", 1)[1].splitlines()
    assert both[0] == (
        "[^1]: **双区驱动**：粤港澳大湾区 + 深圳先行示范区驱动。粤港澳大湾区和深圳先行示范区驱动。"
        "English: driven by the two zones. "
        "来源：《龙岗区2023年政府工作报告》（深圳市龙岗区人民政府，2023-01-12），名词解释第11条。"
    )


def test_the_fragment_title_follows_the_language() -> None:
    titles = {
        lang: re.findall(r'title="([^"]*)"', render(EXPLAINED, "html-fragment", lang))
        for lang in LANGS
    }
    assert titles["zh"] == ["粤港澳大湾区 + 深圳先行示范区驱动", "20个产业集群 + 8个未来产业"]
    assert titles["en"] == [
        "driven by the two zones",
        "no English gloss: 20个产业集群 + 8个未来产业",
    ]
    assert titles["both"][0] == "粤港澳大湾区 + 深圳先行示范区驱动; driven by the two zones"


def test_the_english_page_labels_and_notes_are_english() -> None:
    page = render(EXPLAINED, "html", "en")
    assert '<h2 id="notes-h">Terms explained</h2>' in page
    assert '<h2 id="terms-h">Terms (2)</h2>' in page
    assert 'aria-label="Close"' in page
    assert '<p class="expansion" lang="en">driven by the two zones</p>' in page
    assert '<p class="gloss"' not in page  # the gloss is the expansion already
    assert "Uses in the text: " in page
    assert '<p class="expansion">no English gloss: 20个产业集群 + 8个未来产业</p>' in page
    assert '<p class="definition">深圳的产业布局。</p>' in page
    assert "名词解释" not in page.split("<body>")[1].split('<script type="application/json"')[0]


def test_the_bilingual_page_says_labels_in_both_and_keeps_the_chinese_note() -> None:
    page = render(EXPLAINED, "html", "both")
    assert '<h2 id="notes-h">名词解释 / Terms explained</h2>' in page
    assert '<h2 id="terms-h">术语 / Terms (2)</h2>' in page
    assert '<p class="expansion">粤港澳大湾区 + 深圳先行示范区驱动</p>' in page
    assert '<p class="gloss" lang="en">driven by the two zones</p>' in page


def test_the_page_says_other_senses_in_the_language() -> None:
    city = Sense("市级用法", "", Scope("深圳市", "city"), (2022, 2023), "editorial", REPORT)
    reading = Reading(SHUANG_QU, GLOSSED, (city,), "region cue")
    found = Explanation("双区驱动", (Annotation(0, 4, "双区驱动", reading),))
    assert "<h4>Other senses</h4>" in render(found, "html", "en")
    assert "（深圳市, city, 2022, 2023）" in render(found, "html", "en")
    assert "no English gloss: 市级用法" in render(found, "html", "en")
    assert "（深圳市，市级，2022、2023）" in render(found, "html", "zh")
    assert "Why this sense: " in render(found, "html", "en")


def test_json_gives_the_gloss_of_the_chosen_and_the_other_senses() -> None:
    city = Sense("市级用法", "", Scope("深圳市", "city"), (), "editorial", REPORT, None, "city use")
    reading = Reading(SHUANG_QU, GLOSSED, (city,), "region cue")
    document = json.loads(
        render(Explanation("双区驱动", (Annotation(0, 4, "双区驱动", reading),)), "json")
    )
    annotation = document["annotations"][0]
    assert annotation["gloss"] == "driven by the two zones"
    assert annotation["other_senses"][0]["gloss"] == "city use"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("style", STYLES)
def test_every_style_and_language_strips_back(style: Style, lang: Lang) -> None:
    assert strip(render(EXPLAINED, style, lang), style) == TEXT


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
def test_a_section_in_any_language_counts_as_explaining_its_terms(
    lang: Lang, markdown: bool
) -> None:
    annotated = annotate(TEXT, GLOSSARY, markdown=markdown, lang=lang)
    assert check(annotated, GLOSSARY, markdown=markdown) == ()
    assert annotate(annotated, GLOSSARY, markdown=markdown, lang=lang) == annotated
    assert check(TEXT, GLOSSARY, markdown=markdown) != ()


def test_the_english_section_is_in_english() -> None:
    section = annotate(TEXT, GLOSSARY, markdown=True, lang="en").split("<!-- glossary:begin")[1]
    assert "\n## Terms explained\n" in section
    assert "1. **双区驱动**：driven by the two zones.\\\n" in section
    both = annotate(TEXT, GLOSSARY, markdown=False, lang="both")
    assert "   English: driven by the two zones\n" in both


def test_the_bundled_glossary_glosses_every_sense_so_en_never_falls_back() -> None:
    rendered = explain("抢抓“双区”驱动机遇，落实“六稳六保”").render("footnotes", lang="en")
    assert "no English gloss" not in rendered
    assert "Terms explained" in rendered
