"""Renderers: what each style adds, escaping, scripts, and that stripping gives the text back."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import (
    LANGS,
    STYLES,
    Annotation,
    Entry,
    Explanation,
    InputError,
    Lang,
    Origin,
    Reading,
    Scope,
    Script,
    Sense,
    Source,
    Style,
)
from glossary._normalise.script import to_script
from glossary._render.marked import MARK
from glossary._render.notes import says_nothing
from glossary._render.render import render, strip

SCRIPTS: tuple[Script, ...] = ("simplified", "traditional", "hongkong", "taiwan")
REPORT = Source("龙岗区2023年政府工作报告", "深圳市龙岗区人民政府", "2023-01-12", 5)


DISTRICT = Scope("深圳市龙岗区", "district")


def make_sense(
    expansion: str = "粤港澳大湾区和深圳先行示范区建设驱动",
    definition: str = "指“双区”驱动。",
    origin: Origin = "official",
    source: Source | None = REPORT,
    scope: Scope | None = DISTRICT,
) -> Sense:
    return Sense(expansion, definition, scope, (2023,), origin, source)


SHUANG_QU = Entry("shuang-qu-qu-dong", "双区驱动", "slogan", (make_sense(),))
ERSHI_BA = Entry(
    "shenzhen-20-8",
    "20+8",
    "numeric-formula",
    (
        make_sense(
            "20个战略性新兴产业集群 + 8个未来产业",
            "深圳市发展战略性新兴产业集群和未来产业的布局。",
            "editorial",
            Source("龙岗区2023年政府工作报告", "深圳市龙岗区人民政府", "2023-01-12"),
        ),
    ),
)


def explained(text: str, *found: tuple[str, Entry], script: Script = "simplified") -> Explanation:
    """Annotate every occurrence of each surface with its entry, in text order."""
    annotations = [
        Annotation(m.start(), m.end(), surface, Reading(entry, entry.senses[0], (), "only sense"))
        for surface, entry in found
        for m in re.finditer(re.escape(surface), text)
    ]
    annotations.sort(key=lambda a: a.start)
    return Explanation(text, tuple(annotations), "深圳市龙岗区", script)


def visible(rendered: str) -> str:
    """What a reader sees: the rendered text without the invisible marks."""
    return rendered.replace(MARK, "")


TWICE = explained(
    "抢抓双区驱动机遇，“20+8”产业；再谈双区驱动。", ("双区驱动", SHUANG_QU), ("20+8", ERSHI_BA)
)


def test_inline_expands_first_occurrence_after_closing_quote() -> None:
    assert visible(render(TWICE, "inline")) == (
        "抢抓双区驱动（粤港澳大湾区和深圳先行示范区建设驱动）机遇，"
        "“20+8”（20个战略性新兴产业集群 + 8个未来产业）产业；再谈双区驱动。"
    )


@pytest.mark.parametrize(
    "quoted",
    ["“20+8”", "「20+8」", "〝20+8〞", "＂20+8＂", '"20+8"', "«20+8»"],
    ids=["curly", "corner", "double-prime", "full-width-straight", "straight", "guillemets"],
)
def test_inline_expansion_goes_after_any_closing_quote(quoted: str) -> None:
    rendered = visible(render(explained(f"发展{quoted}产业", ("20+8", ERSHI_BA)), "inline"))
    assert rendered == f"发展{quoted}（20个战略性新兴产业集群 + 8个未来产业）产业"


GUO_GAO = Entry("guo-gao", "国高企业", "abbreviation", (make_sense(expansion="国家高新技术企业"),))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("國高企業(yè)50家", "國高企業(yè)（国家高新技术企业）50家"),
        ("“國高企業(yè)”50家", "“國高企業(yè)”（国家高新技术企业）50家"),
        ("國高企業(ye)50家", "國高企業（国家高新技术企业）(ye)50家"),  # no tone mark: not pinyin
    ],
    ids=["pinyin", "pinyin-quoted", "not-pinyin"],
)
def test_inline_keeps_pinyin_with_its_character(text: str, expected: str) -> None:
    assert visible(render(explained(text, ("國高企業", GUO_GAO)), "inline")) == expected


@pytest.mark.parametrize(
    ("style", "addition", "expected"),
    [
        ("inline", "（粤港澳大湾区和深圳先行示范区建设驱动）", 1),
        ("footnotes", "[1]", 2),  # the marker in the text and the note
        ("footnotes", "[3]", 0),  # two entries, two notes, whatever the occurrences
        ("markdown", "[^1]", 2),  # the reference and the definition
        ("markdown", "[^3]", 0),
        ("html-fragment", "<abbr ", 2),
        ("html", '<li id="n', 2),  # every use is marked, but one note per entry
        ("json", '"id": "shuang-qu-qu-dong"', 2),  # json lists every occurrence
    ],
    ids=[
        "inline",
        "footnotes-marker",
        "footnotes-count",
        "md-ref",
        "md-count",
        "html-fragment",
        "html",
        "json",
    ],
)
def test_entries_explained_once(style: Style, addition: str, expected: int) -> None:
    assert visible(render(TWICE, style)).count(addition) == expected


def test_footnotes_list_expansion_definition_and_source() -> None:
    rendered = visible(render(TWICE, "footnotes"))
    text, _, notes = rendered.partition("\n\n────────────────\n名词解释\n\n")
    assert text == "抢抓双区驱动[1]机遇，“20+8”[2]产业；再谈双区驱动。"
    first, second = notes.split("\n\n")
    assert first.splitlines() == [
        "[1] 双区驱动：粤港澳大湾区和深圳先行示范区建设驱动",
        "    指“双区”驱动。",
        "    来源：《龙岗区2023年政府工作报告》（深圳市龙岗区人民政府，2023-01-12），名词解释第5条",
    ]
    assert second.splitlines()[-1] == (
        "    编者释义，非官方定义；"
        "用例见《龙岗区2023年政府工作报告》（深圳市龙岗区人民政府，2023-01-12）"
    )


def test_sense_defined_by_the_document_says_so() -> None:
    sense = make_sense(origin="document", source=None, scope=None)
    entry = Entry("x", "龙岭模式", "policy-concept", (sense,))
    assert "本文自行定义" in render(explained("龙岭模式", ("龙岭模式", entry)), "footnotes")


def test_source_url_is_given_unconverted() -> None:
    source = Source("报告", "区政府", "2023-01-12", 3, "https://example.org/湾区")
    entry = Entry("x", "双区驱动", "slogan", (make_sense(source=source),))
    found = explained("雙區驅動", ("雙區驅動", entry), script="traditional")
    footnotes, markdown = render(found, "footnotes"), render(found, "markdown")
    assert (
        "來源：《報告》（區政府，2023-01-12），名詞解釋第3條 https://example.org/湾区" in footnotes
    )
    assert markdown.endswith("名詞解釋第3條。 <https://example.org/湾区>" + MARK)


def test_markdown_labels_avoid_the_texts_own_footnotes() -> None:
    rendered = visible(render(explained("见[^1]。双区驱动", ("双区驱动", SHUANG_QU)), "markdown"))
    assert rendered.startswith("见[^1]。双区驱动[^gloss-1]\n\n[^gloss-1]: **双区驱动**：")


def test_markdown_escapes_what_it_adds() -> None:
    entry = Entry("x", "A*B", "other", (make_sense(expansion="a*b_[c]"),))
    rendered = visible(render(explained("A*B", ("A*B", entry)), "markdown"))
    assert rendered == "A*B[^1]\n\n[^1]: **A\\*B**：a\\*b\\_\\[c\\]。指“双区”驱动。" + (
        "来源：《龙岗区2023年政府工作报告》（深圳市龙岗区人民政府，2023-01-12），名词解释第5条。"
    )


# An expansion, and how the markdown note continues after it: a full stop follows unless
# a sentence already ends there; a closing bracket or quote ends one only after its own.
SENTENCE_ENDS = [
    pytest.param(
        "生态廊道（广东“万里碧道”）", "生态廊道（广东“万里碧道”）。指", id="closing-bracket"
    ),
    pytest.param("（一句。）", "（一句。）指", id="full-stop-in-brackets"),
    pytest.param("双区“驱动”", "双区“驱动”。指", id="closing-quote"),
    pytest.param("“好！”", "“好！”指", id="exclamation-in-quotes"),
    pytest.param("规模以上", "规模以上。指", id="plain"),
]


@pytest.mark.parametrize(("expansion", "expected"), SENTENCE_ENDS)
def test_markdown_notes_end_each_sentence_once(expansion: str, expected: str) -> None:
    entry = Entry("x", "碧道", "other", (make_sense(expansion=expansion),))
    rendered = visible(render(explained("推进碧道建设", ("碧道", entry)), "markdown"))
    assert f"**碧道**：{expected}“双区”驱动。" in rendered


def test_markdown_and_the_managed_section_write_a_note_alike() -> None:
    from glossary import Glossary
    from glossary._hook.annotate import annotate

    entry = Entry("x", "碧道", "other", (make_sense(expansion="生态廊道（广东“万里碧道”）"),))
    rendered = visible(render(explained("推进碧道建设", ("碧道", entry)), "markdown"))
    section = annotate("推进碧道建设\n", Glossary([entry]), markdown=True, footnotes=True)
    ours = re.search(r"^\[\^1\]: (.*)$", rendered, re.M)
    theirs = re.search(r"^\[\^gloss-1\]: (.*)$", section, re.M)
    assert ours is not None
    assert theirs is not None
    assert ours[1] == theirs[1]


class _Page(HTMLParser):
    """Collects what a browser shows and the attributes of each ``<abbr>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: list[str] = []
        self.abbrs: list[dict[str, str | None]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "abbr":
            self.abbrs.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def parsed(rendered: str) -> _Page:
    page = _Page()
    page.feed(rendered)
    page.close()
    return page


HOSTILE = [
    '<script>alert("x")</script>',
    "a & b &amp; c &lt;",
    "\"'><img src=x onerror=alert(1)>",
    "</pre><pre>",
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=["script", "ampersands", "attribute", "pre"])
def test_html_escapes_text_titles_and_attributes(hostile: str) -> None:
    entry = Entry(hostile, hostile, "other", (make_sense(expansion=hostile),))
    text = f"{hostile}\n{hostile}"
    page = parsed(render(explained(text, (hostile, entry)), "html-fragment"))
    assert page.tags == ["pre", "abbr"]  # nothing hostile became a tag
    assert page.abbrs == [{"title": hostile, "data-entry": hostile}]
    assert "".join(page.data) == f"\n{text}"  # browsers drop the newline after <pre>


def test_json_lists_every_annotation_in_stable_order() -> None:
    rendered = render(TWICE, "json")
    document = json.loads(rendered)
    assert "双区驱动" in rendered  # ensure_ascii=False
    assert list(document) == [
        "text",
        "region",
        "script",
        "annotations",
        "definitions",
        "unexplained",
    ]
    assert [(a["start"], a["end"], a["id"]) for a in document["annotations"]] == [
        (2, 6, "shuang-qu-qu-dong"),
        (10, 14, "shenzhen-20-8"),
        (20, 24, "shuang-qu-qu-dong"),
    ]
    assert list(document["annotations"][1]) == [
        "start",
        "end",
        "text",
        "id",
        "term",
        "expansion",
        "definition",
        "origin",
        "source",
        "reason",
        "caveat",
        "other_senses",
        "gloss",
    ]
    assert document["annotations"][1]["source"]["item"] is None
    assert document["annotations"][1]["origin"] == "editorial"


def test_json_other_senses_say_whose_they_are() -> None:
    sense = make_sense()
    city = make_sense(expansion="市级用法", scope=Scope("深圳市", "city"))
    other = make_sense(expansion="另一义", origin="document", source=None, scope=None)
    annotation = Annotation(
        0, 4, "双区驱动", Reading(SHUANG_QU, sense, (city, other), "region cue")
    )
    document = json.loads(render(Explanation("双区驱动", (annotation,)), "json"))
    assert [(s["region"], s["level"]) for s in document["annotations"][0]["other_senses"]] == [
        ("深圳市", "city"),
        (None, None),
    ]
    assert document["annotations"][0]["other_senses"][1] == {
        "expansion": "另一义",
        "definition": "指“双区”驱动。",
        "origin": "document",
        "source": None,
        "region": None,
        "level": None,
        "years": [2023],
        "gloss": "",
    }


TRADITIONAL = {
    "traditional": ("粵港澳大灣區", "名詞解釋"),
    "hongkong": ("粵港澳大灣區", "名詞解釋"),
    "taiwan": ("粵港澳大灣區", "名詞解釋"),
}


@pytest.mark.parametrize("script", list(TRADITIONAL), ids=list(TRADITIONAL))
@pytest.mark.parametrize("style", STYLES, ids=list(STYLES))
def test_traditional_text_gets_traditional_annotations(script: Script, style: Style) -> None:
    text = "搶抓雙區驅動機遇"
    rendered = render(explained(text, ("雙區驅動", SHUANG_QU), script=script), style)
    words, heading = TRADITIONAL[script]
    assert words in rendered
    assert "湾区" not in rendered
    assert (f"\n{heading}\n" in rendered) == (style == "footnotes")
    assert "雙區驅動" in rendered  # the text's own surface is never converted


def test_scripts_use_their_own_variant() -> None:
    entry = Entry("x", "产业集群", "other", (make_sense(expansion="产业集群的布局"),))
    hong_kong = render(explained("產業集群", ("產業集群", entry), script="hongkong"), "inline")
    taiwan = render(explained("產業集群", ("產業集群", entry), script="taiwan"), "inline")
    assert visible(hong_kong) == "產業集群（產業集羣的佈局）"
    assert visible(taiwan) == "產業集群（產業集群的佈局）"


LIANG_SHAN = Entry("liang-shan", "两山", "slogan", (make_sense(expansion="绿水青山就是金山银山"),))


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        (
            "“绿水青山就是金山银山”基地；“两山”理念",
            "inline",
            "“绿水青山就是金山银山”基地；“两山”（绿水青山就是金山银山）理念",
        ),
        (
            "“绿水青山就是金山银山”基地；“两山”理念",
            "footnotes",
            "“绿水青山就是金山银山”基地；“两山”[1]理念",
        ),
        ("“绿水青山就是金山银山”基地", "inline", "“绿水青山就是金山银山”基地"),
        ("“绿水青山就是金山银山”基地", "footnotes", "“绿水青山就是金山银山”[1]基地"),
    ],
    ids=["inline-later", "footnotes-later", "inline-only-full", "footnotes-only-full"],
)
def test_occurrence_that_spells_out_the_expansion_is_passed_over(
    text: str, style: Style, expected: str
) -> None:
    found = explained(text, ("绿水青山就是金山银山", LIANG_SHAN), ("两山", LIANG_SHAN))
    assert visible(render(found, style)).partition("\n\n─")[0] == expected


def test_without_annotations_text_is_unchanged() -> None:
    plain = Explanation("名词解释\n[^1] （一）", ())
    assert [render(plain, s) for s in ("inline", "footnotes", "markdown")] == [plain.text] * 3


@pytest.mark.parametrize(
    ("annotations", "problem"),
    [
        ([(2, 6), (4, 8)], "overlap"),
        ([(4, 8), (0, 4)], "order"),
        ([(0, 0)], "empty"),
        ([(6, 12)], "past the end"),
    ],
    ids=["overlap", "order", "empty", "past-end"],
)
def test_misfitting_annotations_are_refused(
    annotations: list[tuple[int, int]], problem: str
) -> None:
    text = "抢抓双区驱动双区驱动"
    found = tuple(
        Annotation(s, e, text[s:e], Reading(SHUANG_QU, SHUANG_QU.senses[0], (), problem))
        for s, e in annotations
    )
    with pytest.raises(ValueError, match="does not fit"):
        render(Explanation(text, found), "inline")


@pytest.mark.parametrize(
    ("rendered", "style"),
    [
        (f"a{MARK}（注）", "inline"),
        ("a < b", "html-fragment"),
        ('<pre class="glossary" style="white-space: pre-wrap">\na < b</pre>', "html-fragment"),
        ('<pre class="glossary" style="white-space: pre-wrap">\nAT&T</pre>', "html-fragment"),
        ("{", "json"),
        ('{"text": 1}', "json"),
    ],
    ids=["unclosed-mark", "html-no-pre", "html-raw-lt", "html-raw-amp", "json-bad", "json-no-text"],
)
def test_strip_refuses_what_we_did_not_render(rendered: str, style: Style) -> None:
    with pytest.raises(InputError, match="not rendered by glossary"):
        strip(rendered, style)


def test_unknown_style_is_named() -> None:
    with pytest.raises(ValueError, match="unknown style 'rtf'"):
        render(TWICE, "rtf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown style 'rtf'"):
        strip("", "rtf")  # type: ignore[arg-type]


# Fragments that look like what the renderers add, so that generated texts collide with it.
LOOKALIKES = [
    MARK,
    MARK * 2,
    "（注）",
    "（",
    "）",
    "“",
    "”",
    "[1]",
    "[^1]",
    "[^gloss-1]: x",
    "\n\n────────────────\n名词解释\n\n",
    "名詞解釋",
    '<abbr title="x" data-entry="y">',
    "</abbr>",
    '<pre class="glossary" style="white-space: pre-wrap">\n',
    "</pre>",
    "&amp;",
    "&#x27;",
    "&",
    "<",
    "\r\n",
    "\n",
]
fragments = st.one_of(st.text(max_size=8), st.sampled_from(LOOKALIKES))
texts = st.lists(fragments, max_size=12).map("".join)
strings = st.one_of(st.text(max_size=20), st.sampled_from(LOOKALIKES))


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    origin: Origin = draw(st.sampled_from(["official", "editorial", "document"]))
    if origin == "document":  # defined by the text itself: no source, no scope
        sense = make_sense(draw(strings), draw(strings), origin, None, None)
    else:
        url = draw(st.none() | strings | st.just("https://a.cn/x"))
        number = draw(st.none() | st.integers())
        source = Source(draw(strings), draw(strings), "2023-01-12", number, url)
        sense = make_sense(draw(strings), draw(strings), origin, source)
    sense = dataclasses.replace(sense, gloss=draw(strings))  # English, or anything at all
    return Entry(draw(strings), draw(strings), "other", (sense,))


@st.composite
def explanations(draw: st.DrawFn) -> Explanation:
    """Any text with any non-overlapping annotations over it, entries repeating."""
    text = draw(texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), unique=True, max_size=12)))
    pool = draw(st.lists(entries(), min_size=1, max_size=3))
    annotations = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        entry = draw(st.sampled_from(pool))
        annotations.append(
            Annotation(
                start, end, text[start:end], Reading(entry, entry.senses[0], (), draw(strings))
            )
        )
    return Explanation(text, tuple(annotations), draw(strings), draw(st.sampled_from(SCRIPTS)))


@settings(max_examples=300)
@given(explanations(), st.sampled_from(STYLES), st.sampled_from(LANGS))
def test_strip_gives_back_the_text(explanation: Explanation, style: Style, lang: Lang) -> None:
    assert strip(render(explanation, style, lang), style) == explanation.text


@settings(max_examples=200)
@given(explanations(), st.sampled_from(("footnotes", "markdown")), st.sampled_from(LANGS))
def test_appended_notes_never_leave_a_line_of_marks_alone(
    explanation: Explanation, style: Style, lang: Lang
) -> None:
    rendered = render(explanation, style, lang)
    alone = [line for line in rendered.splitlines() if line and not line.strip(MARK)]
    own = [line for line in explanation.text.splitlines() if line and not line.strip(MARK)]
    assert len(alone) <= len(own)  # only lines of the text's own marks (a term may join one)


@given(explanations())
def test_json_text_is_the_text(explanation: Explanation) -> None:
    assert json.loads(render(explanation, "json"))["text"] == explanation.text


@given(explanations())
def test_html_shows_the_text_and_only_our_tags(explanation: Explanation) -> None:
    page = parsed(render(explanation, "html-fragment"))
    assert "".join(page.data) == "\n" + explanation.text
    assert set(page.tags) <= {"pre", "abbr"}
    assert len(page.abbrs) == len({a.entry.id for a in explanation})


@given(explanations())
def test_inline_adds_only_bracketed_expansions(explanation: Explanation) -> None:
    rendered = render(explanation, "inline")
    tokens = re.findall(f"{MARK}{MARK}|{MARK}([^{MARK}]+){MARK}", rendered)
    added = [run for run in tokens if run]
    # one expansion per entry, unless wherever the entry occurs it spells its expansion out
    assert len(added) == len({a.entry.id for a in explanation if not says_nothing(a)})
    assert all(run.startswith("（") and run.endswith("）") for run in added)


def test_to_script_is_applied_to_additions_only() -> None:
    expansion = to_script("粤港澳大湾区和深圳先行示范区建设驱动", "taiwan")
    rendered = render(explained("雙區驅動", ("雙區驅動", SHUANG_QU), script="taiwan"), "inline")
    assert visible(rendered) == f"雙區驅動（{expansion}）"
