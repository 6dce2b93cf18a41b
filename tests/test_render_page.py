"""The reader page (``html``): its parts, escaping, hostile addresses and exact stripping.

The page is read back with ``html.parser`` the way a browser tokenises it, so that a
string which escaped its escaping would show up as an element or attribute of its own.
tests/test_page_browser.py opens it in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import (
    Annotation,
    Entry,
    Explanation,
    InputError,
    Origin,
    Reading,
    Scope,
    Script,
    Sense,
    Source,
)
from glossary._normalise.script import to_script
from glossary._render.notes import linkable
from glossary._render.page import DATA_OPEN, LANGUAGES, render_page, strip_page
from glossary._render.render import render, strip

SCRIPTS: tuple[Script, ...] = ("simplified", "traditional", "hongkong", "taiwan")
DISTRICT = Scope("深圳市龙岗区", "district")
REPORT = Source("龙岗区2023年政府工作报告", "深圳市龙岗区人民政府", "2023-01-12", 11)
#: Every element the page may hold; anything else came out of the data.
OUR_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "main", "p", "a", "nav", "h2",
    "ol", "li", "span", "section", "h3", "h4", "ul", "br", "small", "dialog", "button", "script",
}  # fmt: skip
VOID = {"meta", "br"}


@dataclass
class Element:
    """One element of the parsed page, with the text directly and deeply inside it."""

    tag: str
    attrs: dict[str, str]
    parents: tuple[Element, ...]
    text: list[str] = field(default_factory=list)

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    def inside(self, tag: str, class_: str = "") -> bool:
        return any(p.tag == tag and (not class_ or p.has_class(class_)) for p in self.parents)


class Page(HTMLParser):
    """Tokenises a page as a browser would, keeping every element and its text."""

    def __init__(self, rendered: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.doctype = ""
        self._open: list[Element] = []
        self.feed(rendered)
        self.close()

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, tuple(self._open))
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self._open, f"</{tag}> closes nothing"
        assert self._open[-1].tag == tag, f"</{tag}> closes <{self._open[-1].tag}>"
        self._open.pop()

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text.append(data)

    def all(self, tag: str, class_: str = "") -> list[Element]:
        return [e for e in self.elements if e.tag == tag and (not class_ or e.has_class(class_))]

    def one(self, tag: str, class_: str = "") -> Element:
        found = self.all(tag, class_)
        assert len(found) == 1, f"{len(found)} <{tag} class={class_!r}>"
        return found[0]

    def by_id(self) -> dict[str, Element]:
        ids = [e.attrs["id"] for e in self.elements if "id" in e.attrs]
        assert len(ids) == len(set(ids)), "ids repeat"
        return {e.attrs["id"]: e for e in self.elements if "id" in e.attrs}


def text_of(element: Element) -> str:
    return "".join(element.text)


def sense(
    expansion: str = "粤港澳大湾区 + 深圳先行示范区驱动",
    definition: str = "粤港澳大湾区和深圳先行示范区驱动",
    origin: Origin = "official",
    source: Source | None = REPORT,
    scope: Scope | None = DISTRICT,
    gloss: str = "driven by the two zones",
) -> Sense:
    return Sense(expansion, definition, scope, (2023,), origin, source, None, gloss)


SHUANG_QU = Entry("shuang-qu-qu-dong", "双区驱动", "slogan", (sense(),))
OTHER = sense(
    "罗湖的另一义", "罗湖区的用法。", "editorial", REPORT, Scope("深圳市罗湖区", "district")
)
ERSHI_BA = Entry(
    "shenzhen-20-8",
    "20+8",
    "numeric-formula",
    (sense("20个产业集群 + 8个未来产业", "深圳的产业布局。", "published",
           Source("深圳发布", "深圳市人民政府", "2022-06", url="https://www.sz.gov.cn/a.html")),),
)  # fmt: skip


def explained(
    text: str, *found: tuple[str, Entry], script: Script = "simplified", reason: str = "only sense"
) -> Explanation:
    """Annotate every occurrence of each surface with its entry, in text order."""
    annotations = [
        Annotation(m.start(), m.end(), surface, Reading(entry, entry.senses[0], (), reason))
        for surface, entry in found
        for m in re.finditer(re.escape(surface), text)
    ]
    annotations.sort(key=lambda a: a.start)
    return Explanation(text, tuple(annotations), "", script)


REPORT_TEXT = "龙岗区2023年政府工作报告\n\n抢抓双区驱动机遇，发展“20+8”产业；\n再谈双区驱动。\n"
PAGE = render_page(explained(REPORT_TEXT, ("双区驱动", SHUANG_QU), ("20+8", ERSHI_BA)))


def test_the_page_is_a_document_with_charset_viewport_and_language() -> None:
    page = Page(PAGE)
    assert page.doctype == "doctype html"
    assert page.one("html").attrs == {"lang": "zh-Hans"}
    head = [e for e in page.elements if e.inside("head")]
    assert head[0].attrs == {"charset": "utf-8"}  # first, within the first 1024 bytes
    viewport = [e.attrs for e in page.all("meta") if e.attrs.get("name") == "viewport"]
    assert viewport == [{"name": "viewport", "content": "width=device-width, initial-scale=1"}]
    assert text_of(page.one("title")) == "龙岗区2023年政府工作报告"


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_language_and_our_labels_follow_the_script(script: Script) -> None:
    page = Page(render_page(explained("雙區驅動", ("雙區驅動", SHUANG_QU), script=script)))
    assert page.one("html").attrs["lang"] == LANGUAGES[script]
    headings = [text_of(h) for h in page.all("h2")]
    assert headings == [to_script("术语（1）", script), to_script("名词解释", script)]
    assert text_of(page.one("p", "expansion")) == to_script(SHUANG_QU.senses[0].expansion, script)


def test_nothing_is_fetched_and_only_our_style_and_script_are_allowed() -> None:
    page = Page(PAGE)
    assert not [e for e in page.elements if {"src", "srcset", "poster"} & set(e.attrs)]
    assert not page.all("link")
    assert not page.all("img")
    assert not page.all("iframe")
    style, script = text_of(page.one("style")), text_of(page.all("script")[-1])
    assert "url(" not in style
    assert "@import" not in style
    assert "@font-face" not in style
    policy = next(e.attrs["content"] for e in page.all("meta") if "http-equiv" in e.attrs)
    assert "default-src 'none'" in policy
    for source, kind in ((style, "style-src"), (script, "script-src")):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"{kind} 'sha256-{digest}'" in policy  # else the browser blocks our own


def test_every_use_is_marked_and_links_to_its_note() -> None:
    page = Page(PAGE)
    ids = page.by_id()
    uses = page.all("a", "term")
    assert [(u.attrs["id"], text_of(u), u.attrs["href"]) for u in uses] == [
        ("u1", "双区驱动", "#n1"),
        ("u2", "20+8", "#n2"),
        ("u3", "双区驱动", "#n1"),
    ]
    assert [u.has_class("first") for u in uses] == [True, True, False]  # print numbers these
    assert all(ids[u.attrs["href"][1:]].has_class("note") for u in uses)
    paragraphs = [text_of(p) for p in page.all("p") if p.inside("main")]
    assert paragraphs == REPORT_TEXT.strip().replace("\n\n", "\n").split("\n")  # no blank one


def test_the_side_list_gives_every_term_in_order_of_first_use_with_its_uses() -> None:
    page = Page(PAGE)
    jumps = page.all("a", "jump")
    assert [(text_of(a), a.attrs["href"], a.attrs["data-uses"]) for a in jumps] == [
        ("双区驱动", "#u1", "u1 u3"),
        ("20+8", "#u2", "u2"),
    ]
    assert [text_of(c) for c in page.all("span", "count")] == ["2", "1"]


def test_a_note_holds_expansion_definition_gloss_source_other_senses_and_reason() -> None:
    text = "抢抓双区驱动机遇"
    reading = Reading(SHUANG_QU, SHUANG_QU.senses[0], (OTHER,), "the text names 龙岗 2 times")
    page = Page(render_page(Explanation(text, (Annotation(2, 6, "双区驱动", reading),))))
    note = page.one("li", "note")
    inside = [e for e in page.elements if e.inside("li", "note") and "class" in e.attrs]
    parts = {e.attrs["class"]: text_of(e) for e in inside}
    assert parts["note-term"] == "双区驱动"
    assert parts["expansion"] == "粤港澳大湾区 + 深圳先行示范区驱动"
    assert parts["definition"] == "粤港澳大湾区和深圳先行示范区驱动"
    assert parts["gloss"] == "driven by the two zones"
    assert parts["source"] == (
        "来源：《龙岗区2023年政府工作报告》（深圳市龙岗区人民政府，2023-01-12），名词解释第11条"
    )
    assert parts["reason"] == "选用依据：the text names 龙岗 2 times"
    others = text_of(page.one("div", "others"))
    assert "罗湖的另一义（深圳市罗湖区，区级，2023）" in others
    assert "编者释义，非官方定义" in others  # an editorial sense says so
    assert note.attrs["data-entry"] == "shuang-qu-qu-dong"
    assert note.has_class("origin-official")


def test_the_reason_is_given_only_where_there_was_a_choice() -> None:
    assert Page(PAGE).all("p", "reason") == []  # "only sense" says nothing to a reader


@pytest.mark.parametrize(
    ("origin", "words"),
    [
        ("official", "名词解释第11条"),
        ("published", "释义依据已发表的解读"),
        ("editorial", "编者释义，非官方定义"),
        ("document", "本文自行定义"),
    ],
)
def test_the_source_says_plainly_where_a_sense_comes_from(origin: Origin, words: str) -> None:
    entry = Entry("x", "双区驱动", "slogan", (sense(origin=origin),))
    page = Page(render_page(explained("双区驱动", ("双区驱动", entry))))
    assert words in text_of(page.one("p", "source"))


def test_a_source_with_an_address_links_it() -> None:
    page = Page(PAGE)
    links = page.all("a", "url")
    assert [(a.attrs["href"], text_of(a), a.attrs["rel"]) for a in links] == [
        ("https://www.sz.gov.cn/a.html", "https://www.sz.gov.cn/a.html", "noreferrer")
    ]


HOSTILE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "https://a.cn/\njavascript:alert(1)",
    'https://a.cn/"><img src=x onerror=alert(1)>',
    "https://a.cn/<img onerror>",
    " https://a.cn/",
    "https://a.cn/\u2028x",
    "https://a.cn/\u202egnp.exe",  # right-to-left override: shows a different address
    "https://a.cn/\x00",
    "https://a.cn/\t",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "ftp://a.cn/file",
    "//a.cn/protocol-relative",
    "/relative/path",
    "https:a.cn",
    "https://",
    "https:///path",
    "https://user:pw@a.cn/",
    "https://a.cn:99999/",
    "https://[::1/",
    "https://a.cn\\@evil.cn/",
    "HTTPS://A.CN/",
    "",
]
GOOD_URLS = [
    "https://www.lg.gov.cn/xxgk/a.html",
    "http://www.sz.gov.cn/a?b=1&c=2#d",
    "https://mp.weixin.qq.com/s/QcXH7xv4aKdIlDxcxZy3XQ",
    "https://深圳.中国/路径/%E4%B8%AD",
    "https://a.cn:8443/",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_linkable_refuses_what_is_not_a_plain_web_address(url: str) -> None:
    assert not linkable(url)


@pytest.mark.parametrize("url", GOOD_URLS)
def test_linkable_accepts_web_addresses(url: str) -> None:
    assert linkable(url)


@pytest.mark.parametrize("url", [u for u in HOSTILE_URLS if u.strip()])
def test_a_hostile_address_is_shown_as_text_never_as_a_link(url: str) -> None:
    source = Source("文件", "发文机关", "2023-01-12", url=url)
    entry = Entry("x", "双区驱动", "slogan", (sense(source=source, origin="published"),))
    rendered = render_page(explained("双区驱动", ("双区驱动", entry)))
    page = Page(rendered)
    hrefs = [e.attrs["href"] for e in page.all("a")]
    assert all(href.startswith("#") for href in hrefs)
    assert text_of(page.one("span", "url")) == " ".join(url.split())
    assert set(e.tag for e in page.elements) <= OUR_TAGS
    assert not [name for e in page.elements for name in e.attrs if name.startswith("on")]


HOSTILE = [
    '<script>alert("x")</script>',
    "</script><script>alert(1)</script>",
    "<!--<script>",
    "a & b &amp; c &lt;",
    "\"'><img src=x onerror=alert(1)>",
    "</p></main><main>",
    "\u2028\u2029",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_every_string_is_escaped_in_text_and_attributes(hostile: str) -> None:
    source = Source(hostile, hostile, hostile, 1, "https://a.cn/")
    bad = Sense(hostile, hostile, Scope(hostile, "city"), (), "official", source, None, hostile)
    entry = Entry(hostile, hostile, "other", (bad,))
    explanation = explained(f"{hostile}\n{hostile}", (hostile, entry), reason=hostile)
    rendered = render_page(Explanation(
        explanation.text,
        tuple(a._replace(reading=a.reading._replace(other_senses=(bad,))) for a in explanation),
    ))  # fmt: skip
    page = Page(rendered)
    assert {e.tag for e in page.elements} <= OUR_TAGS
    assert len(page.all("script")) == 2
    assert len(page.all("style")) == 1
    assert not [name for e in page.elements for name in e.attrs if name.startswith("on")]
    assert {u.attrs["data-entry"] for u in page.all("a", "term")} == {hostile}
    assert page.one("li", "note").attrs["data-entry"] == hostile
    assert strip(rendered, "html") == explanation.text


def test_a_term_inside_script_like_text_is_marked_and_the_text_comes_back() -> None:
    text = '<script>var s = "双区驱动";</script><!-- 双区驱动 --></script>'
    rendered = render_page(explained(text, ("双区驱动", SHUANG_QU)))
    page = Page(rendered)
    assert [text_of(u) for u in page.all("a", "term")] == ["双区驱动", "双区驱动"]
    assert text_of(page.one("main")) == f"\n{text}\n"
    data = rendered.split(DATA_OPEN, 1)[1].split("</script>", 1)[0]
    assert "<" not in data
    assert ">" not in data
    assert "&" not in data
    assert strip_page(rendered) == text


def test_a_use_over_a_line_break_is_marked_on_both_lines_with_one_id() -> None:
    text = "抢抓双区\n驱动机遇"
    annotation = Annotation(2, 7, "双区\n驱动", Reading(SHUANG_QU, SHUANG_QU.senses[0], (), ""))
    page = Page(render_page(Explanation(text, (annotation,))))
    pieces = [(text_of(u), u.attrs.get("id")) for u in page.all("a", "term")]
    assert pieces == [("双区", "u1"), ("驱动", None)]
    assert [text_of(p) for p in page.all("p") if p.inside("main")] == ["抢抓双区", "驱动机遇"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("\n \n  标题 <b>\r\n正文", "标题 <b>"),
        ("长" * 80, "长" * 59 + "…"),
        (" \n\t", "名词解释"),
    ],
    ids=["first-line-with-words", "shortened", "blank"],
)
def test_the_title_is_the_first_line_with_words(text: str, title: str) -> None:
    assert text_of(Page(render_page(Explanation(text, ()))).one("title")) == title


def test_a_text_without_terms_is_still_a_page() -> None:
    page = Page(render_page(Explanation("", ())))
    assert page.all("a") == []
    assert text_of(page.one("title")) == "名词解释"
    assert strip_page(render_page(Explanation("", ()))) == ""


@pytest.mark.parametrize(
    "rendered",
    [
        "a < b",
        '<pre class="glossary" style="white-space: pre-wrap">\nab</pre>',
        "<!doctype html>\n<p>no data</p>",
        f"<!doctype html>\n{DATA_OPEN}not json</script>",
        f"<!doctype html>\n{DATA_OPEN}[1]</script>",
        f'<!doctype html>\n{DATA_OPEN}"unclosed',
    ],
    ids=["text", "fragment", "no-data", "bad-json", "not-a-string", "unclosed"],
)
def test_strip_refuses_what_is_not_our_page(rendered: str) -> None:
    with pytest.raises(InputError, match="not rendered by glossary"):
        strip_page(rendered)


# --- properties ---------------------------------------------------------------------------

LOOKALIKES = [
    "</script>", "<script>", "<!--", "-->", DATA_OPEN, "<p>", "</p>", "&amp;", "&", "<",
    '"', "\r\n", "\r", "\n", "\n\n", "\u2028", "\x0c", "  ", "u1", "#n1",
]  # fmt: skip
fragments = st.one_of(st.text(max_size=6), st.sampled_from(LOOKALIKES))
texts = st.lists(fragments, max_size=12).map("".join)
strings = st.one_of(st.text(max_size=12), st.sampled_from(LOOKALIKES))
urls = st.one_of(st.none(), st.sampled_from(HOSTILE_URLS + GOOD_URLS), st.text(max_size=12))


@st.composite
def senses(draw: st.DrawFn) -> Sense:
    origin: Origin = draw(st.sampled_from(["official", "published", "editorial", "document"]))
    if origin == "document":
        return Sense(draw(strings), draw(strings), None, (), origin, None)
    source = Source(draw(strings), draw(strings), draw(strings), draw(st.none() | st.integers()),
                    draw(urls))  # fmt: skip
    scope = Scope(
        draw(strings), draw(st.sampled_from(["district", "city", "province", "national"]))
    )
    years = tuple(draw(st.lists(st.integers(1949, 2100), max_size=2)))
    return Sense(draw(strings), draw(strings), scope, years, origin, source, None, draw(strings))


@st.composite
def explanations(draw: st.DrawFn) -> Explanation:
    """Any text with any non-overlapping annotations over it, entries repeating."""
    text = draw(texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), unique=True, max_size=12)))
    pool = [Entry(draw(strings), draw(strings), "other", (draw(senses()),)) for _ in range(3)]
    annotations = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        entry = draw(st.sampled_from(pool))
        others = tuple(draw(st.lists(senses(), max_size=2)))
        reading = Reading(entry, entry.senses[0], others, draw(strings))
        annotations.append(Annotation(start, end, text[start:end], reading))
    return Explanation(text, tuple(annotations), "", draw(st.sampled_from(SCRIPTS)))


@settings(max_examples=300)
@given(explanations())
def test_any_page_holds_only_our_markup_and_strips_back(explanation: Explanation) -> None:
    rendered = render(explanation, "html")
    page = Page(rendered)
    assert {e.tag for e in page.elements} <= OUR_TAGS
    assert len(page.all("script")) == 2
    assert not [name for e in page.elements for name in e.attrs if name.startswith("on")]
    assert strip(rendered, "html") == explanation.text


@settings(max_examples=300)
@given(explanations())
def test_every_use_has_one_anchor_and_every_term_one_side_entry(explanation: Explanation) -> None:
    page = Page(render_page(explanation))
    ids = page.by_id()  # unique
    anchored = [u.attrs["id"] for u in page.all("a", "term") if "id" in u.attrs]
    assert anchored == [f"u{n}" for n in range(1, len(explanation) + 1)]
    distinct = list(dict.fromkeys(a.entry.id for a in explanation))
    jumps = page.all("a", "jump")
    assert len(jumps) == len(distinct) == len(page.all("li", "note"))
    listed = [uses for a in jumps for uses in a.attrs["data-uses"].split()]
    assert sorted(listed, key=lambda u: int(u[1:])) == anchored  # each use under one term
    targets = [e.attrs["href"][1:] for e in page.all("a") if e.attrs["href"].startswith("#")]
    assert all(target in ids for target in targets)
    for link in page.all("a"):
        if not link.attrs["href"].startswith("#"):
            assert link.has_class("url")
            assert linkable(link.attrs["href"])


@settings(max_examples=200)
@given(explanations())
def test_the_prose_shows_every_line_that_has_words(explanation: Explanation) -> None:
    page = Page(render_page(explanation))
    shown = [text_of(p) for p in page.all("p") if p.inside("main")]
    lines = [line for line in explanation.text.splitlines() if line.strip()]
    assert [line for line in shown if line.strip()] == lines
