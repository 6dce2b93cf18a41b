"""Render an annotated text in one of ``STYLES``, and strip the annotations off again.

Styles (each explains an entry at its first occurrence only, except ``json``):

``inline``
    ``双区驱动（expansion）``: the expansion in full-width brackets after the term.
``footnotes``
    ``双区驱动[1]`` and, after the text, a rule, the heading 名词解释 and numbered notes
    giving expansion, definition and source (document, issuer, date, item; editorial
    senses say so and name the document where the term is used).
``markdown``
    ``双区驱动[^1]`` and footnote definitions ``[^1]: ...`` after the text.
``html``
    a standalone reader page: every use of a term marked, a card with its note on a
    click, a side list of the terms and the notes at the bottom (``page.py``).
``html-fragment``
    the escaped text in ``<pre>``, terms in ``<abbr title=... data-entry=...>``, for
    embedding in a page of one's own.
``json``
    the text and all annotations as data.

Whatever we add (expansion, definition, source, heading) is written in the text's
script (``Explanation.script``); the text itself is never changed.

Languages (``lang``, one of ``LANGS``): ``zh`` adds the Chinese expansion and
definition; ``en`` the English gloss in their place (where a sense has none it says
"no English gloss" and gives the Chinese), with headings, labels and source lines in
English; ``both`` the Chinese followed by the gloss. ``json`` holds both languages as
data whatever ``lang`` says.

How stripping is exact
----------------------
``strip(render(e, style, lang), style) == e.text`` for every text and language,
including texts that already hold ``（…）``, ``[1]``, ``[^1]``, ``<abbr>`` or a 名词解释
heading, and it works from the rendered text alone. Telling added text from original
text by how it looks cannot work, since any text may look like anything, so:

* The plain-text styles (``inline``, ``footnotes``, ``markdown``) put every added run,
  the appended notes included, between two invisible U+2060 WORD JOINER marks, and
  escape the text's own U+2060 by doubling it (``marked``). Stripping reads
  the marks and nothing else; readers see ordinary brackets and footnotes.
* ``html`` embeds the text verbatim as escaped JSON and reads it back (``page.py``).
* ``html-fragment`` escapes the text, so every tag in the output is ours (``html.py``).
* ``json`` keeps the text as a field (``data.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from glossary._annotations.explanation import Annotated
from glossary._render.data import render_json, strip_json
from glossary._render.html import render_html, strip_html
from glossary._render.marked import unmark
from glossary._render.page import render_page, strip_page
from glossary._render.styles import STYLES, Lang, Style
from glossary._render.text import render_footnotes, render_inline, render_markdown
from glossary._render.wording import check_lang

_F = TypeVar("_F")

_RENDER: dict[str, Callable[[Annotated, Lang], str]] = {
    "inline": render_inline,
    "footnotes": render_footnotes,
    "markdown": render_markdown,
    "html": render_page,
    "html-fragment": render_html,
    "json": render_json,
}
_STRIP: dict[str, Callable[[str], str]] = {
    "inline": unmark,
    "footnotes": unmark,
    "markdown": unmark,
    "html": strip_page,
    "html-fragment": strip_html,
    "json": strip_json,
}


def render(explanation: Annotated, style: Style, lang: Lang = "zh") -> str:
    """Render ``explanation`` in ``style`` and ``lang``; ``ValueError`` for an unknown one.

    >>> from glossary import Annotation, Entry, Reading, Scope, Sense, Source
    >>> sense = Sense("粤港澳大湾区和深圳先行示范区", "……", Scope("深圳市龙岗区", "district"),
    ...               (2023,), "official", Source("政府工作报告", "区政府", "2023-01-12", 5))
    >>> entry = Entry("shuang-qu-qu-dong", "双区驱动", "slogan", (sense,))
    >>> text = "抢抓双区驱动机遇"
    >>> reading = Reading(entry, sense, (), "only sense")
    >>> e = Annotated(text, (Annotation(2, 6, "双区驱动", reading),))
    >>> render(e, "inline").replace("\\u2060", "")
    '抢抓双区驱动（粤港澳大湾区和深圳先行示范区）机遇'
    >>> render(e, "inline", "en").replace("\\u2060", "")
    '抢抓双区驱动（no English gloss: 粤港澳大湾区和深圳先行示范区）机遇'
    >>> strip(render(e, "footnotes"), "footnotes") == text
    True
    """
    return _chosen(_RENDER, style)(explanation, check_lang(lang))


def strip(rendered: str, style: Style) -> str:
    """Give back exactly the text that ``render`` was given, from its output alone.

    Raises ``InputError`` when ``rendered`` cannot have been rendered in ``style``.

    >>> strip("a\\u2060（注）\\u2060b", "inline")
    'ab'
    """
    return _chosen(_STRIP, style)(rendered)


def _chosen(table: dict[str, _F], style: str) -> _F:
    try:
        return table[style]
    except KeyError:
        raise ValueError(f"unknown style {style!r}; choose from {', '.join(STYLES)}") from None
