"""Generate ``_load/glossary.schema.json``: the glossary file format as a JSON Schema.

Editors that read JSON Schema (VS Code's YAML extension, any client of
yaml-language-server) check a team's glossary files as they are typed when the file's
first line names the schema (docs/format.md). The schema is made from the pydantic
models of ``schema.py``, so it cannot drift from what ``glossary validate`` checks field by
field; a test fails when the shipped file differs from a fresh generation. After changing
the models, regenerate with ``python -m glossary._load.gen_schema``.

What a schema cannot say (a rule relating fields, or entries, or files) is left to
``glossary validate``; docs/format.md lists those rules.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from glossary._load.schema import EntryModel

#: The schema shipped in the package, beside this module.
SCHEMA = Path(__file__).with_name("glossary.schema.json")

#: Draft-07: the dialect editors' YAML support reads best. The schema uses no keyword
#: that draft-07 and 2020-12 read differently (``$defs`` is only where ``$ref`` points).
DIALECT = "http://json-schema.org/draft-07/schema#"

#: The pydantic models' names, and what a reader of the schema calls them.
_NAMES = {
    "EntryModel": "entry",
    "SenseModel": "sense",
    "ScopeModel": "scope",
    "SourceModel": "source",
}


def file_schema() -> dict[str, Any]:
    """The JSON Schema of a glossary file: a mapping whose one key, ``entries``, lists entries.

    >>> schema = file_schema()
    >>> schema["required"], sorted(schema["$defs"])
    (['entries'], ['entry', 'scope', 'sense', 'source'])
    """
    entry = EntryModel.model_json_schema(ref_template="#/$defs/{model}")
    definitions = {**entry.pop("$defs"), "EntryModel": entry}
    return {
        "$schema": DIALECT,
        "title": "glossary file",
        "description": "A file of glossary entries for `glossary` (docs/format.md). "
        "`glossary validate` also checks what relates fields, entries and files.",
        "type": "object",
        "additionalProperties": False,
        "required": ["entries"],
        "properties": {"entries": {"type": "array", "items": {"$ref": "#/$defs/entry"}}},
        "$defs": {_NAMES[model]: _renamed(body) for model, body in definitions.items()},
    }


def _renamed(node: Any) -> Any:
    """``node`` with the models called as a reader calls them, and plain-text descriptions.

    >>> _renamed({"$ref": "#/$defs/SenseModel", "description": "One of ``senses``."})
    {'$ref': '#/$defs/sense', 'description': 'One of `senses`.'}
    """
    if isinstance(node, list):
        return [_renamed(item) for item in node]
    if not isinstance(node, dict):
        return node
    renamed = {key: _renamed(value) for key, value in node.items()}
    if isinstance(ref := renamed.get("$ref"), str) and ref.startswith("#/$defs/"):
        renamed["$ref"] = "#/$defs/" + _NAMES[ref.removeprefix("#/$defs/")]
    if renamed.get("title") in _NAMES:
        renamed["title"] = _NAMES[renamed["title"]]
    if isinstance(description := renamed.get("description"), str):
        renamed["description"] = description.replace("``", "`")  # reStructuredText markup
    return renamed


def render() -> str:
    """The text of ``_load/glossary.schema.json`` for the models as they are now."""
    return json.dumps(file_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA.write_text(render(), encoding="utf-8")
