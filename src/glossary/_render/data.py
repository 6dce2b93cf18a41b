"""The ``json`` style: the text and every annotation (not only first occurrences) as data.

Keys keep the order written here, so output is stable and diffs stay readable.
Offsets count Python characters (code points) of ``text``. Prose fields (expansion,
definition, source document and issuer) are in the text's script, like the other
styles; identifiers (``id``, ``term``), the English ``gloss`` and the engine's
``reason`` are as stored. New fields go last, so that the order of the others holds
(``gloss`` ends an annotation and each of its ``other_senses``).
"""

from __future__ import annotations

import json
from typing import Any

from glossary._annotations.explanation import Annotated
from glossary._model.annotation import Annotation
from glossary._model.entries import Sense
from glossary._model.errors import InputError
from glossary._normalise.script import Script, to_script
from glossary._render.notes import first_occurrences
from glossary._render.styles import Lang


def render_json(explanation: Annotated, lang: Lang = "zh") -> str:
    """Serialise the explanation as indented JSON with non-ASCII characters kept.

    Data for programs holds every language: each sense gives its English ``gloss`` beside
    expansion and definition, so ``lang`` changes nothing here.

    >>> print(render_json(Annotated("无", (), region="深圳市")))
    {
      "text": "无",
      "region": "深圳市",
      "script": "simplified",
      "annotations": [],
      "definitions": [],
      "unexplained": []
    }
    """
    first_occurrences(explanation)  # checks the offsets, as every style does
    document = {
        "text": explanation.text,
        "region": explanation.region,
        "script": explanation.script,
        "annotations": [_annotation(a, explanation.script) for a in explanation.annotations],
        # The terms the text explains itself, and where: their annotations say "document".
        "definitions": [
            {"term": d.entry.term, "start": d.start, "end": d.end, "id": d.entry.id}
            for d in explanation.definitions
        ],
        # Spans shaped like jargon that nothing explains, and the shape that flags them.
        "unexplained": [
            {"start": c.start, "end": c.end, "text": c.text, "why": c.shape}
            for c in explanation.unexplained
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def strip_json(rendered: str) -> str:
    """Give back the ``text`` of ``render_json``'s output.

    >>> strip_json(render_json(Annotated("a\\nb", ())))
    'a\\nb'
    """
    try:
        document = json.loads(rendered)
    except json.JSONDecodeError as error:
        raise InputError(f"not rendered by glossary: invalid JSON ({error})") from error
    text = document.get("text") if isinstance(document, dict) else None
    if not isinstance(text, str):
        raise InputError('not rendered by glossary: no "text" string in the JSON')
    return text


def _annotation(annotation: Annotation, script: Script) -> dict[str, Any]:
    return {
        "start": annotation.start,
        "end": annotation.end,
        "text": annotation.text,
        "id": annotation.entry.id,
        "term": annotation.entry.term,
        **_sense(annotation.sense, script, with_scope=False),
        "reason": annotation.reason,
        "caveat": annotation.caveat,
        "other_senses": [_sense(s, script, with_scope=True) for s in annotation.other_senses],
        "gloss": annotation.sense.gloss,  # English, as stored; "" when the sense has none
    }


def _sense(sense: Sense, script: Script, *, with_scope: bool) -> dict[str, Any]:
    source = sense.source
    fields: dict[str, Any] = {
        "expansion": to_script(sense.expansion, script),
        "definition": to_script(sense.definition, script),
        "origin": sense.origin,
        "source": None
        if source is None
        else {
            "document": to_script(source.document, script),
            "issuer": to_script(source.issuer, script),
            "date": source.date,
            "item": source.item,
            "url": source.url,
        },
    }
    if with_scope:  # a sense not chosen: say whose usage it is, or it cannot be told apart
        scope = sense.scope
        fields |= {
            "region": None if scope is None else scope.region,
            "level": None if scope is None else scope.level,
            "years": sense.years,
            "gloss": sense.gloss,
        }
    return fields
