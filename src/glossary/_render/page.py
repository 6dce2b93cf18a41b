"""The ``html`` style: a standalone reader page, every use of a term marked, a card for each.

The page is one file that needs nothing else: inline CSS and script, no fonts, images
or scripts from anywhere (a Content-Security-Policy whose hashes name our own style
and script says so to the browser as well). Without script every term links to its
note in the list at the bottom; the script turns the click into a card.

Every string we did not write is escaped with ``html.escape(quote=True)``, in text and
in attributes, and a source's address becomes a link only when ``linkable`` accepts
it. The text itself is embedded once more, verbatim, as JSON in a
``<script type="application/json">`` whose ``<``, ``>`` and ``&`` are written as
``\\u003c``-style escapes, so no text can close the element; ``strip_page`` reads it
back, which makes stripping exact whatever the text holds (the prose shown drops blank
lines and cannot say which line break a text used).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from glossary._annotations.explanation import Annotated
from glossary._model.annotation import Annotation
from glossary._model.entries import Sense
from glossary._model.errors import InputError
from glossary._normalise.script import Script, to_script
from glossary._render.notes import first_occurrences, linkable, note
from glossary._render.page_assets import CSS, POLICY, SCRIPT
from glossary._render.styles import Lang
from glossary._render.wording import heading, label, meaning, one_line, source_line

#: The ``lang`` of the page for each script of text.
LANGUAGES: dict[Script, str] = {
    "simplified": "zh-Hans",
    "traditional": "zh-Hant",
    "hongkong": "zh-Hant-HK",
    "taiwan": "zh-Hant-TW",
}
DATA_OPEN = '<script type="application/json" id="glossary-text">'

_LEVELS = {"district": "区级", "city": "市级", "province": "省级", "national": "国家级"}
# What str.splitlines() breaks at: a paragraph of the page ends at each.
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_TITLE_LENGTH = 60
_EN = ' lang="en"'


@dataclass
class _Term:
    """One entry of the text: its number, the annotation its note describes, its uses."""

    number: int
    described: Annotation
    uses: list[str] = field(default_factory=list)  # ids of the uses, in text order

    @property
    def id(self) -> str:
        return f"n{self.number}"


def render_page(explanation: Annotated, lang: Lang = "zh") -> str:
    """Write the explanation as a standalone HTML page that a browser opens from a file.

    In every language a note gives the English gloss; ``en`` gives it in place of the
    Chinese expansion and definition and says our labels in English, ``both`` says them
    in both languages.

    >>> page = render_page(Annotated("a<b", ()))
    >>> page.startswith("<!doctype html>"), "a&lt;b" in page, strip_page(page)
    (True, True, 'a<b')
    """
    script = explanation.script
    terms = _terms(explanation)
    return "".join(
        (
            f'<!doctype html>\n<html lang="{LANGUAGES[script]}">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="generator" content="glossary">\n',
            f"<title>{_escape(_title(explanation.text, script, lang))}</title>\n",
            f'<style>{CSS}</style>\n</head>\n<body>\n<div class="layout">\n',
            _article(explanation, terms),
            _side_list(terms, script, lang),
            _notes(terms, script, lang),
            "</div>\n",
            '<dialog id="card"><div class="card-inner">',
            f'<button type="button" class="close" aria-label="{_say("关闭", script, lang)}">',
            "×</button>",
            '<div id="card-content"></div></div></dialog>\n',
            f"{DATA_OPEN}{_json(explanation.text)}</script>\n",
            f"<script>{SCRIPT}</script>\n</body>\n</html>\n",
        )
    )


def strip_page(rendered: str) -> str:
    """Give back the text ``render_page`` was given, from the copy the page embeds.

    >>> strip_page(render_page(Annotated("</script>\\r\\n&amp;", ())))
    '</script>\\r\\n&amp;'
    """
    start = rendered.find(DATA_OPEN)
    end = rendered.find("</script>", start)
    if not rendered.startswith("<!doctype html>") or start < 0 or end < 0:
        raise InputError("not rendered by glossary: no embedded text in the page")
    try:
        text = json.loads(rendered[start + len(DATA_OPEN) : end])
    except json.JSONDecodeError as error:
        raise InputError(f"not rendered by glossary: invalid embedded text ({error})") from error
    if not isinstance(text, str):
        raise InputError("not rendered by glossary: the embedded text is not a string")
    return text


def _terms(explanation: Annotated) -> dict[str, _Term]:
    """Each entry of the text by id, numbered in order of first use, with all its uses."""
    described = {a.entry.id: a for a in first_occurrences(explanation)}  # checks the offsets
    terms: dict[str, _Term] = {}
    for number, annotation in enumerate(explanation.annotations, 1):
        entry_id = annotation.entry.id
        if entry_id not in terms:
            terms[entry_id] = _Term(len(terms) + 1, described[entry_id])
        terms[entry_id].uses.append(f"u{number}")
    return terms


def _article(explanation: Annotated, terms: dict[str, _Term]) -> str:
    """The text as paragraphs, one per line that holds more than white space or a use."""
    text = explanation.text
    paragraphs: list[str] = []
    pieces: list[str] = []  # the current paragraph's HTML
    raw: list[str] = []  # and its text, to tell an empty one
    marked = False  # whether it holds a use, which keeps it

    def add(segment: str, term: _Term | None, use: str) -> None:
        nonlocal marked
        for index, line in enumerate(_LINE_BREAK.split(segment)):
            if index:
                if marked or "".join(raw).strip():
                    paragraphs.append(f"<p>{''.join(pieces)}</p>\n")
                pieces.clear()
                raw.clear()
                marked = False
            raw.append(line)
            if term is None:
                pieces.append(_escape(line))
            elif line or not index:  # a use over a line break: marked on each line, id once
                pieces.append(_term_link(line, term, "" if index else use))
                marked = True

    previous = 0
    for number, annotation in enumerate(explanation.annotations, 1):
        add(text[previous : annotation.start], None, "")
        add(annotation.text, terms[annotation.entry.id], f"u{number}")
        previous = annotation.end
    add(text[previous:] + "\n", None, "")
    return f'<main class="text" id="text">\n{"".join(paragraphs)}</main>\n'


def _term_link(line: str, term: _Term, use: str) -> str:
    """One marked piece of a use: a link to the note, which the script opens as a card.

    The piece that starts a use carries its id, for the side list and the notes to
    link to; print numbers the first use of each term, like a footnote.
    """
    first = " first" if use == term.uses[0] else ""
    anchor = f' id="{use}"' if use else ""
    entry = _escape(term.described.entry.id)
    return (
        f'<a class="term{first}"{anchor} href="#{term.id}" data-note="{term.id}"'
        f' data-n="{term.number}" data-entry="{entry}">{_escape(line)}</a>'
    )


def _side_list(terms: dict[str, _Term], script: Script, lang: Lang) -> str:
    """Every term in order of first use; each link goes to a use, the script cycles them."""
    items = []
    for term in terms.values():
        surface = _escape(one_line(term.described.text))
        items.append(
            f'<li><a class="jump" href="#{term.uses[0]}" data-uses="{" ".join(term.uses)}">'
            f'{surface}</a> <span class="count">{len(term.uses)}</span></li>\n'
        )
    count = f"（{len(terms)}）" if lang == "zh" else f" ({len(terms)})"
    title = _say("术语", script, lang) + count
    return (
        f'<nav class="terms" aria-labelledby="terms-h">\n<h2 id="terms-h">{title}</h2>\n'
        f"<ol>\n{''.join(items)}</ol>\n</nav>\n"
    )


def _notes(terms: dict[str, _Term], script: Script, lang: Lang) -> str:
    """The note of every term, numbered: what the cards show, and what prints."""
    items = "".join(_note(term, script, lang) for term in terms.values())
    return (
        f'<section class="notes" id="notes" aria-labelledby="notes-h">\n'
        f'<h2 id="notes-h">{_escape(heading(script, lang))}</h2>\n<ol>\n{items}</ol>\n</section>\n'
    )


def _note(term: _Term, script: Script, lang: Lang) -> str:
    """One term's note: expansion, definition, gloss, source, other senses, reason, uses."""
    annotation = term.described
    said = note(annotation, script, lang)
    sense = annotation.sense
    glossed = lang == "en" and bool(sense.gloss.strip())  # the gloss is the expansion
    parts = [
        f'<h3 class="note-term">{_escape(said.surface)}</h3>',
        f'<p class="expansion"{_EN if glossed else ""}>{_escape(said.expansion)}</p>',
    ]
    if said.definition:
        parts.append(f'<p class="definition">{_escape(said.definition)}</p>')
    if sense.gloss.strip() and lang != "en":
        parts.append(f'<p class="gloss" lang="en">{_escape(one_line(sense.gloss))}</p>')
    parts.append(f'<p class="source">{_source(sense, script, lang)}</p>')
    if said.caveat:  # another region's sense: the reader must know before anything else
        parts.append(f'<p class="caveat">{_escape(said.caveat)}</p>')
    if annotation.other_senses:
        others = "".join(f"<li>{_other(s, script, lang)}</li>" for s in annotation.other_senses)
        title = _say("其他义项", script, lang)
        parts.append(f'<div class="others"><h4>{title}</h4><ul>{others}</ul></div>')
    if annotation.other_senses and annotation.reason.strip():  # why, where there was a choice
        reason = _escape(one_line(annotation.reason))
        title = _say("选用依据", script, lang)
        parts.append(f'<p class="reason">{title}{_colon(lang)}<span lang="en">{reason}</span></p>')
    uses = " ".join(f'<a href="#{use}">{n}</a>' for n, use in enumerate(term.uses, 1))
    origin, entry = _escape(sense.origin), _escape(annotation.entry.id)
    return (
        f'<li id="{term.id}" class="note origin-{origin}" data-entry="{entry}">'
        f'<div class="card-body">{"".join(parts)}</div>'
        f'<p class="uses">{_say("文中用处", script, lang)}{_colon(lang)}{uses}</p></li>\n'
    )


def _source(sense: Sense, script: Script, lang: Lang) -> str:
    """Where a sense comes from in words, and its address: a link only when ``linkable``."""
    words = _escape(source_line(sense, script, lang))
    url = (sense.source.url or "") if sense.source else ""
    if not url:
        return words
    if linkable(url):
        return (
            f'{words}<br><a class="url" href="{_escape(url)}" rel="noreferrer">{_escape(url)}</a>'
        )
    return f'{words}<br><span class="url">{_escape(one_line(url))}</span>'


def _other(sense: Sense, script: Script, lang: Lang) -> str:
    """A sense not chosen, said with whose usage it is, so that it can be told apart."""
    scope = sense.scope
    region = "" if scope is None else _escape(one_line(to_script(scope.region, script)))
    level = "" if scope is None else _say(_LEVELS[scope.level], script, lang)
    years = ("、" if lang == "zh" else ", ").join(map(str, sense.years))
    said = ("，" if lang == "zh" else ", ").join(w for w in (region, level, years) if w)
    scope_html = f'<span class="scope">（{said}）</span>' if said else ""
    meant = meaning(one_line(to_script(sense.expansion, script)), one_line(sense.gloss), lang)
    source = _source(sense, script, lang)
    return f"{_escape(meant)}{scope_html}<br><small>{source}</small>"


def _title(text: str, script: Script, lang: Lang) -> str:
    """The first line that holds words, shortened, else the heading 名词解释."""
    start = text.lstrip()[: _TITLE_LENGTH * 2]  # not all of a long text
    line = one_line(_LINE_BREAK.split(start, maxsplit=1)[0])
    if len(line) > _TITLE_LENGTH:
        line = line[: _TITLE_LENGTH - 1] + "…"
    return line or heading(script, lang)


def _say(simplified: str, script: Script, lang: Lang) -> str:
    """A label of ours, in the text's script and in ``lang``, escaped."""
    return _escape(label(simplified, script, lang))


def _colon(lang: Lang) -> str:
    """What follows a label: a full-width colon after Chinese, ": " after English."""
    return ": " if lang == "en" else "："


def _json(text: str) -> str:
    """``text`` as a JSON string that cannot end the ``<script>`` it stands in."""
    return (
        json.dumps(text, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def _escape(text: str) -> str:
    return html.escape(text, quote=True)
