"""The tables of a corpus run: Arrow batches made on the workers, Parquet files in
``--out``, and counts.csv.

The one module of ours that imports pyarrow. A worker turns its documents' rows into
Arrow tables (``batch_of``), which travel to the client as buffers rather than millions
of Python objects; the client only joins and writes them. Each table is a folder of part files
(``documents/part-*.parquet``...), a Parquet dataset any reader takes whole. A flush
writes the annotations, counts and unexplained spans of a set of documents first and
their document rows last, each file under a temporary name renamed into place: a
document is done once its row is on disk, and parts left without one by an interrupted
run are removed by the next.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
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
#: Tables in the order a flush writes them: the documents last, as the record of what is done.
TABLES = ("annotations", "counts", "unexplained", "documents")
_BUILT = ("annotations", "unexplained", "documents")  # from rows; counts from the annotations
COUNTS_CSV = "counts.csv"
_FLUSH_ANNOTATIONS = 100_000  # rows held before a flush: bounds the client's memory
_FLUSH_DOCUMENTS = 1_000


@dataclass(frozen=True, slots=True)
class Batch:
    """The rows of some documents as Arrow tables, one per table of ``TABLES``."""

    tables: dict[str, pa.Table]

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
    """
    columns: dict[str, dict[str, list[Any]]] = {
        table: {c: [] for c in SCHEMAS[table].names} for table in _BUILT
    }
    for result in results:
        built = (("annotations", result.annotations), ("unexplained", result.unexplained))
        for table, rows in built:
            for name, values in rows.items():
                columns[table][name].extend(values)
        for name, value in result.document.items():
            columns["documents"][name].append(value)
    tables = {t: pa.table(columns[t], schema=SCHEMAS[t]) for t in _BUILT}
    tables["counts"] = counts_of(tables["annotations"], tables["documents"])
    return Batch({t: tables[t] for t in TABLES})


def counts_of(annotations: pa.Table, documents: pa.Table) -> pa.Table:
    """The counts table of some documents: their annotations counted by entry and origin.

    Counted by Arrow, for a batch at once: in Python, a document at a time, it took a
    fifth of a document's overhead on a worker. Each document's rows in order of entry,
    term and origin; the documents in order of path.

    >>> from glossary import Glossary
    >>> from glossary._corpus._rows import Item, annotate, levels_of
    >>> g = Glossary.default()
    >>> text = "落实“六稳”“六保”，发展“20+8”产业集群，再落实“六稳”“六保”。"
    >>> batch = batch_of([annotate(Item("a.txt", "0", text.encode()), g, levels_of(g))])
    >>> [(c["entry_id"], c["count"]) for c in batch.tables["counts"].to_pylist()]
    [('liu-wen-liu-bao', 2), ('shenzhen-20-8', 1)]
    """
    keys = ["path", "sha256", "entry_id", "term", "origin"]
    counted = annotations.group_by(keys, use_threads=False).aggregate([("start", "count")])
    where = documents.select(["path", "sha256", "region", "year"])
    joined = counted.join(where, ["path", "sha256"], use_threads=False)
    ordered = joined.sort_by([(key, "ascending") for key in ("path", *keys[2:])])
    ordered = ordered.rename_columns({"start_count": "count"})
    return ordered.select(list(COUNT_COLUMNS)).cast(SCHEMAS["counts"])


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

    def add(self, batch: Batch) -> None:
        """Hold a batch of documents' rows; write them out once enough are held."""
        self._held.append(batch)
        annotations = sum(b.tables["annotations"].num_rows for b in self._held)
        documents = sum(b.tables["documents"].num_rows for b in self._held)
        if annotations >= _FLUSH_ANNOTATIONS or documents >= _FLUSH_DOCUMENTS:
            self.flush()

    def flush(self) -> None:
        """Write what is held as one part of each table."""
        if not self._held:
            return
        name = f"part-{self._run}-{self._parts:05d}.parquet"
        for table in TABLES:
            self._write(table, name, pa.concat_tables([b.tables[table] for b in self._held]))
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
            temporary.unlink(missing_ok=True)
            raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None

    def _write(self, table: str, name: str, data: pa.Table) -> None:
        target = self.out / table / name
        temporary = target.with_name(f".{name}.tmp")
        try:
            pq.write_table(data, temporary)
            os.replace(temporary, target)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None

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
        done = {p.name for p in _parts(self.out, "documents")}
        for table in TABLES[:-1]:
            for part in _parts(self.out, table):
                if part.name not in done:  # written by a run that stopped before its record
                    part.unlink()
        for part in _parts(self.out, "documents"):
            rows = pq.read_table(part)
            keep = rows.filter(pc.is_valid(rows["sha256"]))
            if keep.num_rows == rows.num_rows:
                continue
            if keep.num_rows:
                self._write("documents", part.name, keep)
            else:
                part.unlink()
                for table in TABLES[:-1]:
                    (self.out / table / part.name).unlink(missing_ok=True)


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
