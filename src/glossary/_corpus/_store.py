"""The tables of a corpus run: Arrow batches made on the workers, Parquet files in
``--out``, and counts.csv.

The one module of ours that imports pyarrow. A worker turns its documents' rows into
Arrow tables (``batch_of``). A worker that shares the client's disk writes all but the
documents' rows as part files itself (``written``); another's tables travel to the
client as buffers rather than millions of Python objects, and the client joins and
writes them. Each table is a folder of part files (``documents/part-*.parquet``...), a
Parquet dataset any reader takes whole. The annotations, counts and unexplained spans of
a set of documents are written first and their document rows last, each file under a
temporary name renamed into place: a document is done once its row is on disk, and the
documents part lists the parts it commits, so that the parts an interrupted run left
without one are removed by the next.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from glossary._corpus._rows import (
    ANNOTATION_COLUMNS,
    COUNT_COLUMNS,
    DOCUMENT_COLUMNS,
    UNEXPLAINED_COLUMNS,
    ReadingRow,
    Result,
)
from glossary._model.errors import InputError

_TEXT, _INT, _SMALL = pa.string(), pa.int64(), pa.int32()
# The type of each column of every table; the columns' order is the tables' (_rows).
_TYPES = {
    "path": _TEXT,
    "sha256": _TEXT,
    "start": _INT,
    "end": _INT,
    "surface": _TEXT,
    "entry_id": _TEXT,
    "term": _TEXT,
    "sense_index": _SMALL,
    "origin": _TEXT,  # of the chosen sense: official, published, editorial or document
    "reason": _TEXT,
    "region_caveat": _TEXT,
    "region": _TEXT,
    "year": _SMALL,
    "count": _INT,
    "bytes": _INT,
    "encoding": _TEXT,
    "title": _TEXT,
    "level": _TEXT,
    "characters": _INT,
    "annotations": _INT,
    "terms": _INT,
    "unexplained": _INT,  # in the documents table: how many spans; the table is its own
    "text": _TEXT,
    "shape": _TEXT,  # why a span looks like jargon: formula, numbered set, programme +
    "error": _TEXT,
}
SCHEMAS = {
    table: pa.schema([(column, _TYPES[column]) for column in columns])
    for table, columns in (
        ("annotations", ANNOTATION_COLUMNS),
        ("counts", COUNT_COLUMNS),
        ("unexplained", UNEXPLAINED_COLUMNS),
        ("documents", DOCUMENT_COLUMNS),
    )
}
# The columns an annotation's reading gives (``ReadingRow``), and those counts count by.
_READINGS = pa.schema([SCHEMAS["annotations"].field(c) for c in ANNOTATION_COLUMNS[5:]])
_COUNTED = pa.schema([SCHEMAS["counts"].field(c) for c in ("entry_id", "term", "origin")])
#: Tables in the order a flush writes them: the documents last, as the record of what is done.
TABLES = ("annotations", "counts", "unexplained", "documents")
COUNTS_CSV = "counts.csv"
# Key of a documents part's metadata: the parts of the other tables its rows commit.
_COMMITS = "glossary.commits"
_FLUSH_ANNOTATIONS = 100_000  # rows held before a flush: bounds the client's memory
_FLUSH_DOCUMENTS = 1_000


@dataclass(frozen=True, slots=True)
class Batch:
    """The rows of some documents as Arrow tables, one per table of ``TABLES``.

    A batch a worker has written itself (``written``) holds its documents table alone,
    and ``parts`` names the part files of the other tables that its document rows commit.
    """

    tables: dict[str, pa.Table]
    parts: tuple[str, ...] = ()

    def documents(self) -> list[dict[str, Any]]:
        """The documents' rows, for the client's progress and summary."""
        rows: list[dict[str, Any]] = self.tables["documents"].to_pylist()
        return rows


def batch_of(results: Sequence[Result]) -> Batch:
    """The rows of ``results`` as Arrow tables.

    >>> from glossary._corpus._rows import Item, failed
    >>> batch = batch_of([failed(Item("a.txt"), "no such file")])
    >>> batch.documents()[0]["error"], batch.tables["annotations"].num_rows
    ('no such file', 0)

    The counts table counts each document's annotations by entry and origin:

    >>> from glossary import Glossary
    >>> from glossary._corpus._rows import annotate, levels_of
    >>> g = Glossary.default()
    >>> text = "落实“六稳”“六保”，发展“20+8”产业集群，再落实“六稳”“六保”。"
    >>> batch = batch_of([annotate(Item("a.txt", "0", text.encode()), g, levels_of(g))])
    >>> [(c["entry_id"], c["count"]) for c in batch.tables["counts"].to_pylist()]
    [('liu-wen-liu-bao', 2), ('shenzhen-20-8', 1)]
    """
    documents = _table("documents", [r.document for r in results])
    unexplained: dict[str, list[Any]] = {c: [] for c in SCHEMAS["unexplained"].names}
    for result in results:
        for name, values in result.unexplained.items():
            unexplained[name].extend(values)
    spread = _Spread(results)
    annotations = spread.annotations(documents)
    tables = {
        "annotations": annotations,
        "counts": spread.counts(documents),
        "unexplained": pa.table(unexplained, schema=SCHEMAS["unexplained"]),
        "documents": documents,
    }
    return Batch({t: tables[t] for t in TABLES})


def _table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMAS[table])


class _Spread:
    """A batch's annotations as positions into its documents and into its distinct readings.

    The string columns of the annotations and counts tables are then gathered by Arrow
    (``take``) from a small table of the batch's readings, and the counts counted by
    Arrow, for the batch at once: per row in Python, they took a tenth of explain()'s time.
    """

    def __init__(self, results: Sequence[Result]) -> None:
        code: dict[ReadingRow, int] = {}  # the batch's distinct readings, numbered
        codes: list[int] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.surfaces: list[str] = []
        for result in results:
            local = [code.setdefault(row, len(code)) for row in result.readings]
            codes.extend(map(local.__getitem__, result.codes))
            self.starts.extend(result.starts)
            self.ends.extend(result.ends)
            self.surfaces.extend(result.surfaces)
        self.rows = list(code)
        self.codes = pa.array(codes, _INT)
        # Each annotation's document: the parent of each item of the documents' lists.
        offsets = pa.array(accumulate((len(r.codes) for r in results), initial=0), _SMALL)
        self.document = pc.list_parent_indices(pa.ListArray.from_arrays(offsets, self.codes))
        self.paths = [result.document["path"] for result in results]

    def annotations(self, documents: pa.Table) -> pa.Table:
        """The annotations table: a row per annotation, in order of document and position."""
        readings = _columns(self.rows, _READINGS)
        columns = [documents["path"].take(self.document), documents["sha256"].take(self.document)]
        columns += [pa.array(self.starts, _INT), pa.array(self.ends, _INT)]
        columns += [pa.array(self.surfaces, _TEXT)]
        columns += [readings[name].take(self.codes) for name in _READINGS.names]
        return pa.Table.from_arrays(columns, schema=SCHEMAS["annotations"])

    def counts(self, documents: pa.Table) -> pa.Table:
        """The counts table: each document's annotations counted by entry, term and origin.

        Each document's rows in order of entry, term and origin; the documents in order of
        path (unique in a run, so a document's rows keep together).
        """
        keys = sorted({(row[0], row[1], row[3]) for row in self.rows})
        rank = {key: n for n, key in enumerate(keys)}
        key_of = pa.array([rank[(row[0], row[1], row[3])] for row in self.rows], _INT)
        order = sorted(range(len(self.paths)), key=self.paths.__getitem__)
        place = [0] * len(order)
        for n, at in enumerate(order):
            place[at] = n
        # One integer per annotation that sorts as its row of counts must: (document, key).
        width = len(keys) + 1
        by_document = pc.multiply(pa.array(place, _INT).take(self.document), width)
        counted = pc.value_counts(pc.add(by_document, key_of.take(self.codes)))
        ranks = pc.sort_indices(counted.field("values"))
        found, count = counted.field("values").take(ranks), counted.field("counts").take(ranks)
        document = pa.array(order, _INT).take(pc.divide(found, width))
        key = pc.subtract(found, pc.multiply(pc.divide(found, width), width))
        named = _columns(keys, _COUNTED)
        columns = [documents[name].take(document) for name in ("path", "sha256", "region", "year")]
        columns += [named[name].take(key) for name in _COUNTED.names]
        columns += [count.cast(_INT)]
        return pa.Table.from_arrays(columns, schema=SCHEMAS["counts"])


def _columns(rows: Sequence[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    """Rows of tuples as a table of ``schema``."""
    columns = list(zip(*rows, strict=True)) or [()] * len(schema)
    return pa.Table.from_arrays(
        [pa.array(c, f.type) for c, f in zip(columns, schema, strict=True)], schema=schema
    )


class Store:
    """The tables of one ``--out`` folder, opened for a run that adds to them.

    ``redo`` empties them first; otherwise parts an interrupted run left half-written are
    removed, and the rows of documents that could not be read at all (no content hash)
    are dropped so that this run tries them again. Tables of other columns (another
    version's) are an ``InputError``: adding to them would make a dataset no reader takes.
    """

    def __init__(self, out: Path, *, redo: bool = False) -> None:
        self.out = out
        self._run = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        self._parts = 0
        self._given = 0  # names given for the parts workers write
        self._held: list[Batch] = []
        try:
            for table in TABLES:
                (out / table).mkdir(parents=True, exist_ok=True)
            if redo:
                self._empty()
            else:
                self._check_columns()
                self._tidy()
        except OSError as exc:
            raise InputError(f"{out}: cannot write the tables: {exc.strerror or exc}") from None

    def done(self) -> set[str]:
        """Content hashes of the documents the tables already hold."""
        return {h for row in read_documents(self.out, columns=["sha256"]) if (h := row["sha256"])}

    def next_part(self) -> tuple[str, str]:
        """Where a worker writes the parts of one batch (``written``): the folder, a new name."""
        self._given += 1
        return str(self.out.resolve()), f"part-{self._run}-w{self._given:05d}.parquet"

    def add(self, batch: Batch) -> None:
        """Hold a batch of documents' rows; write them out once enough are held."""
        self._held.append(batch)
        held = [b.tables for b in self._held]
        annotations = sum(t["annotations"].num_rows for t in held if "annotations" in t)
        documents = sum(t["documents"].num_rows for t in held)
        if annotations >= _FLUSH_ANNOTATIONS or documents >= _FLUSH_DOCUMENTS:
            self.flush()

    def flush(self) -> None:
        """Write what is held: the other tables' rows as one part each, then the documents.

        The documents part records in its metadata the parts its rows commit: this one's,
        and those the workers wrote of the batches held.
        """
        if not self._held:
            return
        name = f"part-{self._run}-{self._parts:05d}.parquet"
        parts = [part for batch in self._held for part in batch.parts]
        mine = [batch.tables for batch in self._held if not batch.parts]
        if mine:
            for table in TABLES[:-1]:
                self._write(table, name, pa.concat_tables([t[table] for t in mine]))
            parts.append(name)
        documents = pa.concat_tables([batch.tables["documents"] for batch in self._held])
        metadata = {_COMMITS: json.dumps(sorted(parts))}
        self._write("documents", name, documents.replace_schema_metadata(metadata))
        self._parts += 1
        self._held = []

    def finish(self) -> None:
        """Write what is held, then counts.csv from the whole counts table."""
        self.flush()
        target = self.out / COUNTS_CSV
        temporary = target.with_name(f".{target.name}.tmp")
        try:
            with temporary.open("wb") as stream:
                # A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
                stream.write("\ufeff".encode())
                with pcsv.CSVWriter(stream, SCHEMAS["counts"]) as writer:
                    for part in _parts(self.out, "counts"):
                        writer.write_table(pq.read_table(part))
            os.replace(temporary, target)
        except OSError as exc:
            with suppress(OSError):  # nothing was written where nothing can be
                temporary.unlink(missing_ok=True)
            raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None

    def _write(self, table: str, name: str, data: pa.Table) -> None:
        _write_part(self.out / table / name, data)

    def _empty(self) -> None:
        for table in TABLES:
            for part in _parts(self.out, table):
                part.unlink()
        (self.out / COUNTS_CSV).unlink(missing_ok=True)

    def _check_columns(self) -> None:
        for table in TABLES:
            for part in _parts(self.out, table):
                if pq.read_schema(part).names != SCHEMAS[table].names:
                    raise InputError(
                        f"{part}: columns of another version of glossary corpus; "
                        "run with --redo to annotate everything again"
                    )

    def _tidy(self) -> None:
        for table in TABLES:  # files a run was writing when it stopped
            for temporary in (self.out / table).glob(".part-*.tmp"):
                temporary.unlink()
        committed = {name for part in _parts(self.out, "documents") for name in _commits(part)}
        for table in TABLES[:-1]:
            for part in _parts(self.out, table):
                if part.name not in committed:  # written by a run that stopped before its record
                    part.unlink()
        for part in _parts(self.out, "documents"):
            rows = pq.read_table(part)
            keep = rows.filter(pc.is_valid(rows["sha256"]))
            if keep.num_rows == rows.num_rows:
                continue
            if keep.num_rows:
                self._write("documents", part.name, keep)
            else:  # its documents could not be read: the parts it commits hold no rows
                for table in TABLES[:-1]:
                    for name in _commits(part):
                        (self.out / table / name).unlink(missing_ok=True)
                part.unlink()


def written(batch: Batch, out: Path, name: str) -> Batch:
    """Write a batch's rows but its documents as part ``name`` of each table under ``out``.

    What a worker that shares the client's disk does with its batch: the rows need not
    travel to the client, which writes the documents' rows, the record that they are done.
    Raises ``InputError`` when a part cannot be written.
    """
    for table in TABLES[:-1]:
        _write_part(out / table / name, batch.tables[table])
    return Batch({"documents": batch.tables["documents"]}, (name,))


def _write_part(target: Path, data: pa.Table) -> None:
    """Write ``data`` as the Parquet file ``target``, whole or not at all."""
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        pq.write_table(data, temporary)
        os.replace(temporary, target)
    except OSError as exc:
        with suppress(OSError):  # nothing was written where nothing can be
            temporary.unlink(missing_ok=True)
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None


def _commits(part: Path) -> list[str]:
    """The part files of the other tables that a documents part's rows commit.

    A part written before the list was recorded commits the parts of its own name.
    """
    metadata = pq.read_schema(part).metadata or {}
    listed = metadata.get(_COMMITS.encode())
    return [part.name] if listed is None else list(json.loads(listed))


def _parts(out: Path, table: str) -> list[Path]:
    folder = out / table
    return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []


def read_documents(out: Path, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """Every row of the documents table (one per document: small enough to hold)."""
    return list(iter_rows(out, "documents", columns))


def iter_rows(out: Path, table: str, columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """The rows of one table as dicts, a part at a time."""
    for part in _parts(out, table):
        data = pq.read_table(part, columns=columns)
        yield from data.to_pylist()


def has_tables(out: Path) -> bool:
    """Whether ``out`` holds the tables of a corpus run."""
    return bool(_parts(out, "documents"))
