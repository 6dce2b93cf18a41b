"""The ``html-fragment`` style: the text in a ``<pre>``, each first occurrence in an ``<abbr>``.

``<pre>`` with ``white-space: pre-wrap`` keeps every line break and space of the text
while long lines still wrap; ``<br>`` would lose runs of spaces and need undoing. A
newline follows the opening tag because HTML parsers drop one newline there, so a
text that starts with a line break keeps it.

Every string is escaped with ``html.escape(quote=True)``: text, titles and attribute
values. The text therefore holds no ``<`` of its own, every ``<`` in the output is one
of our tags, and every ``&`` starts one of the five entities that escaping writes, so
``strip_html`` removes the tags and decodes exactly those five.
"""

from __future__ import annotations

import html
import re

from glossary._annotations.explanation import Annotated
from glossary._model.errors import InputError
from glossary._render.notes import first_occurrences, note
from glossary._render.styles import Lang
from glossary._render.wording import meaning

OPEN = '<pre class="glossary" style="white-space: pre-wrap">\n'
CLOSE = "</pre>"

_TAG = re.compile(r'<abbr title="[^"<>]*" data-entry="[^"<>]*">|</abbr>')
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'"}
_ENTITY = re.compile("|".join(_ENTITIES))
_FOREIGN = re.compile(r"[<>]|&(?!amp;|lt;|gt;|quot;|#x27;)")


def render_html(explanation: Annotated, lang: Lang = "zh") -> str:
    """Escape the text and wrap the first occurrence of each term in ``<abbr>``.

    The ``title`` holds the expansion, the gloss in ``en``, both in ``both``.

    >>> render_html(Annotated("a<b & c", ()))
    '<pre class="glossary" style="white-space: pre-wrap">\\na&lt;b &amp; c</pre>'
    """
    text = explanation.text
    pieces = [OPEN]
    previous = 0
    for annotation in first_occurrences(explanation):
        said = note(annotation, explanation.script, lang)
        title = _escape(meaning(said.expansion, said.gloss, "both"))
        pieces += (
            _escape(text[previous : annotation.start]),
            f'<abbr title="{title}" data-entry="{_escape(annotation.entry.id)}">',
            _escape(annotation.text),
            "</abbr>",
        )
        previous = annotation.end
    pieces += (_escape(text[previous:]), CLOSE)
    return "".join(pieces)


def strip_html(rendered: str) -> str:
    """Give back the text ``render_html`` was given.

    >>> strip_html(render_html(Annotated("a<b & 'c'", ())))
    "a<b & 'c'"
    """
    if not (rendered.startswith(OPEN) and rendered.endswith(CLOSE)):
        raise InputError('not rendered by glossary: no <pre class="glossary"> around the text')
    body = _TAG.sub("", rendered[len(OPEN) : len(rendered) - len(CLOSE)])
    foreign = _FOREIGN.search(body)
    if foreign:
        raise InputError(f"not rendered by glossary: unescaped {foreign[0]!r} in the text")
    return _ENTITY.sub(lambda entity: _ENTITIES[entity[0]], body)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)
