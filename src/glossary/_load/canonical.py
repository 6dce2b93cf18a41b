"""The canonical form of glossary files, and ``glossary fmt``'s rewriting into it.

``canonical_document(entries)`` puts plain entry data (as YAML reads it) in the order and
form docs/format.md prescribes; ``dump_document`` writes that as YAML (through
``yamlfile``, the only module that imports yaml). ``format_files(paths)`` computes each
file's canonical text for ``glossary fmt [--check]``: a file with problems, or with
comments the rewrite would lose, is given back unchanged with its problems, and
``FormattedFile.write()`` rewrites a file atomically, only when it is valid and not yet
canonical. One comment is kept: a first line naming the file's JSON Schema for editors
(``# yaml-language-server: $schema=...``), written back first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary._load.files import discover, shown_name, write_atomic
from glossary._load.schema import KEY_ORDER
from glossary._model.errors import Problem

#: What ``glossary fmt`` says at each comment of a file it will not rewrite.
COMMENT_LOST = "comment would be lost; move it into the data or delete it"

#: The first line that tells an editor's YAML support where the file's schema is.
_SCHEMA_LINE = re.compile(r"\ufeff?(# yaml-language-server: \$schema=[^\r\n]*)")

_NESTED = {"senses": "sense", "scope": "scope", "source": "source"}
_SORTED = {"related", "years"}
_OPTIONAL_LISTS = {"variants", "related", "exclude"}


def canonical_document(entries: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Return the data of a canonical file holding ``entries``, ready for the YAML dumper.

    Keys in the order of docs/format.md, entries by the item number of their first
    official sense then by id, ``related`` and ``years`` sorted, empty optional lists
    and nulls dropped, dates as ``YYYY-MM-DD`` strings.

    >>> canonical_document([{"term": "20+8", "id": "shenzhen-20-8", "related": ["b", "a"]}])
    {'entries': [{'id': 'shenzhen-20-8', 'term': '20+8', 'related': ['a', 'b']}]}
    """
    return {"entries": [_canonical(entry, "entry") for entry in sorted(entries, key=_rank)]}


def _rank(entry: Mapping[str, Any]) -> tuple[bool, int, str]:
    """Sort key of an entry: item number of its first official sense (none last), then id."""
    item = None
    for sense in entry.get("senses") or ():
        if isinstance(sense, Mapping) and sense.get("origin") == "official":
            source = sense.get("source")
            item = source.get("item") if isinstance(source, Mapping) else None
            break
    number = item if isinstance(item, int) else 0
    return (not isinstance(item, int), number, str(entry.get("id", "")))


def _canonical(mapping: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """Return ``mapping`` with keys in canonical order and values in canonical form."""
    order = KEY_ORDER[kind]
    keys = [key for key in order if key in mapping] + [key for key in mapping if key not in order]
    result: dict[str, Any] = {}
    for key in keys:
        value = mapping[key]
        if value is None or (key in _OPTIONAL_LISTS and value == []):
            continue
        if key in _NESTED and isinstance(value, list):
            value = [_canonical(v, _NESTED[key]) if isinstance(v, Mapping) else v for v in value]
        elif key in _NESTED and isinstance(value, Mapping):
            value = _canonical(value, _NESTED[key])
        elif key in _SORTED and isinstance(value, list):
            value = sorted(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        result[key] = value
    return result


@dataclass(frozen=True, slots=True)
class FormattedFile:
    """A file and its canonical text; ``new == old`` when it has problems or is canonical."""

    path: Path
    old: str
    new: str
    problems: tuple[Problem, ...] = ()

    @property
    def changed(self) -> bool:
        """True when the file is valid and its text is not canonical yet."""
        return not self.problems and self.new != self.old

    def write(self) -> bool:
        """Replace the file with its canonical text, atomically; return whether it changed."""
        if not self.changed:
            return False
        write_atomic(self.path, self.new.encode("utf-8"))
        return True


def format_files(paths: Iterable[str | Path]) -> tuple[FormattedFile, ...]:
    """Compute the canonical text of each glossary file named by ``paths``.

    Each file is checked on its own (syntax, layout, schema, ids repeated in the file):
    cross-file checks are ``check_layers``'s job, since a file may relate to entries of
    another. A file with problems comes back with ``new == old`` and its problems; so
    does a file with comments, which the canonical text, dumped from the data, would lose.

    >>> [f.problems[0].message for f in format_files(["no/such.yaml"])]
    ['no such file or directory']
    """
    found = discover(paths)
    results = [FormattedFile(Path(p.file), "", "", (p,)) for p in found.problems]
    for path in found.files:
        results.append(_format_file(path))
    return tuple(results)


def _format_file(path: Path) -> FormattedFile:
    from glossary._load.loader import check_alone  # yaml and pydantic: only fmt's users pay

    try:
        raw = path.read_bytes()
    except OSError as error:
        problem = Problem(shown_name(path), 0, "", f"cannot read: {error.strerror or error}")
        return FormattedFile(path, "", "", (problem,))
    alone = check_alone(path, raw)
    old = raw.decode("utf-8", errors="replace")
    schema = _SCHEMA_LINE.match(old)
    lost = [line for line in alone.comment_lines if not (schema and line == 1)]
    problems = [*alone.problems, *(Problem(alone.name, line, "", COMMENT_LOST) for line in lost)]
    if problems or alone.entries is None:
        return FormattedFile(path, old, old, tuple(sorted(problems, key=lambda p: p.line)))
    first = f"{schema[1]}\n" if schema else ""
    return FormattedFile(path, old, first + dump_document(alone.entries))


def dump_document(entries: Sequence[Mapping[str, Any]]) -> str:
    """Return the canonical text of a glossary file holding ``entries``.

    ``canonical_document`` puts them in canonical order and form; YAML writes that in
    block style, two-space indentation, lines never wrapped, final newline.

    >>> print(dump_document([{"term": "20+8", "id": "shenzhen-20-8", "related": ["b", "a"]}]),
    ...       end="")
    entries:
    - id: shenzhen-20-8
      term: 20+8
      related:
      - a
      - b
    """
    from glossary._load.yamlfile import dump_yaml  # yaml: only its users pay

    return dump_yaml(canonical_document(entries))
