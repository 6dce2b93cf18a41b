"""Rough edges of the renderers: the text's last line break, and hostile source addresses."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from glossary import STYLES, Entry, Glossary, Scope, Sense, Source, Style
from glossary._render.marked import MARK
from glossary._render.render import render, strip

SENSE = Sense(
    "粤港澳大湾区和深圳先行示范区",
    "指“双区”驱动。",
    Scope("深圳市", "city"),
    (2023,),
    "official",
    Source("政府工作报告", "区政府", "2023-01-12", 2),
    gloss="the two zones",
)
GLOSSARY = Glossary([Entry("shuang-qu", "双区驱动", "slogan", (SENSE,))])
APPENDING: tuple[Style, ...] = ("footnotes", "markdown")
#: Texts ending in various ways; the last two end in white space after the last line break.
ENDINGS = [
    "抢抓双区驱动机遇\n",
    "抢抓双区驱动机遇",
    "双区驱动\n",
    "抢抓双区驱动。\n\n",
    "双区驱动\r\n",
    "双区驱动\n  ",
]


@pytest.mark.parametrize("style", APPENDING)
@pytest.mark.parametrize("text", ENDINGS)
def test_appended_notes_keep_the_texts_ending_and_no_line_is_only_marks(
    style: Style, text: str
) -> None:
    rendered = render(GLOSSARY.explain(text), style)
    trailing = text[len(text.rstrip()) :]
    assert rendered.endswith(trailing)
    assert rendered[: len(rendered) - len(trailing)].endswith(MARK)  # the notes end it
    assert not [line for line in rendered.splitlines() if line and not line.strip(MARK)]
    assert strip(rendered, style) == text


def test_footnotes_end_with_the_last_note_and_the_texts_newline() -> None:
    rendered = render(GLOSSARY.explain("抢抓双区驱动机遇\n"), "footnotes")
    assert rendered.endswith(f"名词解释第2条{MARK}\n")
    assert rendered.startswith(f"抢抓双区驱动{MARK}[1]{MARK}机遇{MARK}\n\n")


# --- source addresses ------------------------------------------------------------------

HOSTILE_URLS = [
    "https://a.cn/\n<img src=x onerror=alert(1)>",
    "https://a.cn/ <img src=x onerror=alert(1)>",
    'https://a.cn/"><script>alert(1)</script>',
    "https://a.cn/>[x](javascript:alert(1))",
    "javascript:alert(1)",
    "https://a.cn/\u202eexe.txt",
]


def _hostile(url: str) -> Glossary:
    source = Source("政府工作报告", "区政府", "2023-01-12", 2, url)
    sense = Sense("粤港澳大湾区", "定义。", Scope("深圳市", "city"), (), "official", source)
    return Glossary([Entry("shuang-qu", "双区驱动", "slogan", (sense,))])


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        self.hrefs += [value or "" for name, value in attrs if name == "href"]


@pytest.mark.parametrize("url", HOSTILE_URLS)
@pytest.mark.parametrize("style", [s for s in STYLES if s != "json"])
def test_a_hostile_source_address_never_becomes_markup(url: str, style: Style) -> None:
    rendered = render(_hostile(url).explain("抢抓双区驱动机遇\n"), style)
    assert "<img" not in rendered
    assert "<script>alert" not in rendered
    if style in ("html", "html-fragment"):  # the page may show the address, escaped, as text
        parser = _Tags()
        parser.feed(rendered)
        assert "img" not in parser.tags
        assert not [name for name in parser.attributes if name.startswith("on")]
        assert not [h for h in parser.hrefs if not h.startswith(("#", "https://www."))]
    else:
        assert url not in rendered
        assert "javascript:" not in rendered


@pytest.mark.parametrize("style", APPENDING)
def test_a_hostile_address_adds_no_line_and_no_link(style: Style) -> None:
    url = HOSTILE_URLS[0]
    rendered = render(_hostile(url).explain("抢抓双区驱动机遇"), style)
    clean = render(_hostile("").explain("抢抓双区驱动机遇"), style)
    assert rendered == clean  # the address is left out of plain text and Markdown


@pytest.mark.parametrize("style", APPENDING)
def test_a_plain_address_is_still_given(style: Style) -> None:
    rendered = render(_hostile("https://www.lg.gov.cn/a.html").explain("抢抓双区驱动机遇"), style)
    assert "https://www.lg.gov.cn/a.html" in rendered


def test_json_keeps_the_address_as_data() -> None:
    import json

    rendered = render(_hostile(HOSTILE_URLS[0]).explain("抢抓双区驱动"), "json")
    assert json.loads(rendered)["annotations"][0]["source"]["url"] == HOSTILE_URLS[0]
