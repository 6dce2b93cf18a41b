"""One document's rows: what a worker makes of a document's bytes with the glossary.

Rows are plain Python (a dict per document, lists per column for the other tables),
built a column at a time from the explanation; ``_store`` turns a batch of them into
Arrow tables on the worker, and the client writes those.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from glossary._api.explanation import Explanation
from glossary._api.glossary import Glossary
from glossary._corpus._documents import UnreadableError, content_hash, decode, heading, unreadable
from glossary._model.annotation import Reading

#: Columns of the annotations table, in order.
ANNOTATION_COLUMNS = (
    "path",
    "sha256",
    "start",
    "end",
    "surface",
    "entry_id",
    "term",
    "sense_index",
    "origin",
    "reason",
    "region_caveat",
)
#: Columns of the unexplained table: the jargon-shaped spans nothing explains, in order.
UNEXPLAINED_COLUMNS = ("path", "sha256", "start", "end", "text", "shape")
#: Columns of the term-by-document counts table, in order.
COUNT_COLUMNS = ("path", "sha256", "region", "year", "entry_id", "term", "origin", "count")
#: Columns of the documents table, in order.
DOCUMENT_COLUMNS = (
    "path",
    "sha256",
    "bytes",
    "encoding",
    "title",
    "region",
    "level",
    "year",
    "characters",
    "annotations",
    "terms",
    "unexplained",
    "error",
)


class Item(NamedTuple):
    """A document handed to a worker: its path, its content hash and its bytes.

    A named tuple, which pickles in a fraction of a dataclass's time: thousands go out.
    """

    path: str
    sha256: str | None = None
    raw: bytes | None = None  # None in the rows of a document that was never read


@dataclass(slots=True)
class Result:
    """The rows of one document: the document itself, its annotations, its unexplained spans.

    Its counts are the annotations counted, which ``_store`` does for a batch at once.
    """

    document: dict[str, Any]
    annotations: dict[str, list[Any]] = field(
        default_factory=lambda: {c: [] for c in ANNOTATION_COLUMNS}
    )
    unexplained: dict[str, list[Any]] = field(
        default_factory=lambda: {c: [] for c in UNEXPLAINED_COLUMNS}
    )


def levels_of(glossary: Glossary) -> dict[str, str]:
    """The administrative level of each region the glossary's senses are scoped to.

    >>> levels_of(Glossary.default())["深圳市龙岗区"]
    'district'
    """
    seen: dict[str, Counter[str]] = {}
    for entry in glossary:
        for sense in entry.senses:
            if sense.scope is not None:
                seen.setdefault(sense.scope.region, Counter())[sense.scope.level] += 1
    return {region: levels.most_common(1)[0][0] for region, levels in seen.items()}


def failed(item: Item, reason: str) -> Result:
    """The rows of a document that gave no text: a document row with its reason.

    >>> failed(Item("a.txt"), "no such file").document["error"]
    'no such file'
    """
    row = dict.fromkeys(DOCUMENT_COLUMNS)
    row |= {"path": item.path, "sha256": item.sha256, "error": reason}
    row["bytes"] = None if item.raw is None else len(item.raw)
    return Result(row)


def fetch(item: Item) -> Item | Result:
    """The document with its bytes read from its path, hashed anew; a failed row if unreadable.

    For workers that share the client's files: the client sent the path alone. The hash
    is of the bytes read here, which are the bytes annotated, should the file have
    changed since the client hashed it.

    >>> fetch(Item("no/such/file.txt", "0")).document["error"]
    'no such file'
    """
    try:
        raw = Path(item.path).read_bytes()
    except OSError as exc:  # no hash, as when the client cannot read it: the next run retries
        return failed(Item(item.path), unreadable(exc))
    return Item(item.path, content_hash(raw), raw)


def annotate(item: Item, glossary: Glossary, levels: dict[str, str]) -> Result:
    """Decode and explain one document; a document that cannot be read fails, not raises.

    >>> g = Glossary.default()
    >>> r = annotate(Item("a.txt", "0", "落实“六稳”“六保”。".encode()), g, levels_of(g))
    >>> r.document["annotations"], r.document["terms"], r.annotations["term"]
    (1, 1, ['六稳六保'])
    >>> r = annotate(Item("b.txt", "1", "推行“三个一批”。".encode()), g, levels_of(g))
    >>> r.document["unexplained"], r.unexplained["text"], r.unexplained["shape"]
    (1, ['三个一批'], ['numbered set'])
    """
    if item.raw is None:
        return failed(item, "no content")
    try:
        decoded = decode(item.raw)
    except UnreadableError as exc:
        return failed(item, str(exc))
    explanation = glossary.explain(decoded.text)
    title, year = heading(decoded.text)
    region = explanation.region or None
    result = Result(
        {
            "path": item.path,
            "sha256": item.sha256,
            "bytes": len(item.raw),
            "encoding": decoded.encoding,
            "title": title,
            "region": region,
            "level": None if region is None else levels.get(region),
            "year": year,
            "characters": len(decoded.text),
            "annotations": len(explanation),
            "terms": 0,
            "unexplained": len(explanation.unexplained),
            "error": None,
        }
    )
    readings = [a.reading for a in explanation.annotations]
    _fill_annotations(result.annotations, item, explanation, readings)
    result.document["terms"] = len({r.entry.id for r in readings})
    _fill_unexplained(result.unexplained, item, explanation)
    return result


def _fill_annotations(
    columns: dict[str, list[Any]], item: Item, e: Explanation, readings: list[Reading]
) -> None:
    # Column by column: a report has hundreds of annotations, and a row at a time cost
    # a fifth of explain() itself. The annotations of one pattern share a reading.
    annotations = e.annotations
    index: dict[int, int | None] = {}
    for r in readings:
        if id(r) not in index:
            senses = r.entry.senses
            index[id(r)] = senses.index(r.sense) if r.sense in senses else None
    n = len(annotations)
    columns["path"] = [item.path] * n
    columns["sha256"] = [item.sha256] * n
    columns["start"] = [a.start for a in annotations]
    columns["end"] = [a.end for a in annotations]
    columns["surface"] = [a.text for a in annotations]
    columns["entry_id"] = [r.entry.id for r in readings]
    columns["term"] = [r.entry.term for r in readings]
    columns["sense_index"] = [index[id(r)] for r in readings]
    columns["origin"] = [r.sense.origin for r in readings]
    columns["reason"] = [r.reason for r in readings]
    # The engine's word that a sense is another region's than the text's (or the text names none).
    columns["region_caveat"] = [r.caveat or None for r in readings]


def _fill_unexplained(columns: dict[str, list[Any]], item: Item, e: Explanation) -> None:
    spans = e.unexplained
    columns["path"] = [item.path] * len(spans)
    columns["sha256"] = [item.sha256] * len(spans)
    columns["start"] = [c.start for c in spans]
    columns["end"] = [c.end for c in spans]
    columns["text"] = [c.text for c in spans]
    columns["shape"] = [c.shape for c in spans]
