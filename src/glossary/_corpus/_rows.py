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


#: What an annotation's reading comes to in its row: entry_id, term, sense_index, origin,
#: reason and region_caveat, the columns after its span and surface.
ReadingRow = tuple[str, str, int | None, str, str, str | None]


@dataclass(slots=True)
class Result:
    """The rows of one document: the document itself, its annotations, its unexplained spans.

    The annotations stay as columns of their spans and surfaces, with each one's reading
    as an index (``codes``) into the document's distinct readings (a report has hundreds
    of annotations and some dozens of readings): ``_store`` spreads the readings over a
    batch's rows in Arrow, and counts them, in one pass for the batch.
    """

    document: dict[str, Any]
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    surfaces: tuple[str, ...] = ()
    readings: list[ReadingRow] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)  # each annotation's index into readings
    unexplained: dict[str, list[Any]] = field(
        default_factory=lambda: {c: [] for c in UNEXPLAINED_COLUMNS}
    )

    @property
    def annotations(self) -> dict[str, list[Any]]:
        """The annotations table's columns for this document, in Python (for a reader's eye).

        >>> r = failed(Item("a.txt"), "no such file")
        >>> r.annotations["surface"], list(r.annotations) == list(ANNOTATION_COLUMNS)
        ([], True)
        """
        n = len(self.codes)
        spread = list(zip(*map(self.readings.__getitem__, self.codes), strict=True)) or [()] * 6
        columns = [[self.document["path"]] * n, [self.document["sha256"]] * n]
        columns += [list(self.starts), list(self.ends), list(self.surfaces)]
        columns += [list(values) for values in spread]
        return dict(zip(ANNOTATION_COLUMNS, columns, strict=True))


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
    _fill_annotations(result, explanation)
    result.document["terms"] = len({reading[0] for reading in result.readings})
    _fill_unexplained(result.unexplained, item, explanation)
    return result


def _fill_annotations(result: Result, e: Explanation) -> None:
    # In C loops (zip, map, dict): a report has hundreds of annotations, and a Python loop
    # over them, a row or a column at a time, cost a fifth of explain() itself.
    if not e.annotations:
        return
    result.starts, result.ends, result.surfaces, readings = zip(*e.annotations, strict=True)
    # The annotations of one pattern share a Reading object: one row of readings per object.
    ids = list(map(id, readings))
    distinct = dict(zip(ids, readings, strict=True))
    code = {key: n for n, key in enumerate(distinct)}
    result.codes = list(map(code.__getitem__, ids))
    result.readings = [_row(r) for r in distinct.values()]


def _row(r: Reading) -> ReadingRow:
    senses = r.entry.senses
    index = senses.index(r.sense) if r.sense in senses else None
    # caveat: the engine's word that a sense is another region's than the text's (or the
    # text names none); "" when it has none, a null in the table.
    return (r.entry.id, r.entry.term, index, r.sense.origin, r.reason, r.caveat or None)


def _fill_unexplained(columns: dict[str, list[Any]], item: Item, e: Explanation) -> None:
    spans = e.unexplained
    columns["path"] = [item.path] * len(spans)
    columns["sha256"] = [item.sha256] * len(spans)
    columns["start"] = [c.start for c in spans]
    columns["end"] = [c.end for c in spans]
    columns["text"] = [c.text for c in spans]
    columns["shape"] = [c.shape for c in spans]
