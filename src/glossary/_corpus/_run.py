"""A corpus run: walk the documents, skip those done, annotate the rest on Dask, store.

The client reads each document's bytes (it needs them for the content hash that a
rerun skips by), sends them (or, to a local cluster's workers, their paths) in small
batches, a few batches ahead of the workers and no more, and writes the rows as they
come back: the documents' rows alone when the workers wrote the rest themselves.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from glossary._api.glossary import Glossary
from glossary._corpus._documents import content_hash, document_names, unreadable
from glossary._corpus._rows import Item, failed

Status = Literal["annotated", "failed", "skipped"]
_MAX_BATCH = 128  # documents per task: a second of a worker's time, for one task's cost
_MIN_BATCH = 4  # and at least this many, the last ones too
_BATCH_BYTES = 8 << 20  # and no more bytes than this, whatever the documents' size
_BATCHES_PER_WORKER = 4  # at least this many batches each, so that all finish together


@dataclass(frozen=True, slots=True)
class Progress:
    """One document handled: how far the run is, and what became of the document."""

    done: int  # documents handled so far, this one included
    total: int  # documents the paths name
    path: str
    status: Status
    error: str | None = None  # why the document failed


@dataclass(slots=True)
class Summary:
    """What a run did, document by document counted."""

    documents: int = 0
    annotated: int = 0
    skipped: int = 0  # done by an earlier run (or the same content under another path)
    failed: int = 0
    annotations: int = 0
    workers: int = 0
    seconds: float = 0.0


def run_corpus(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    glossary: Glossary | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    redo: bool = False,
    progress: Callable[[Progress], None] | None = None,
) -> Summary:
    """Annotate every document ``paths`` name on Dask and write the tables into ``out``.

    ``workers`` sizes a local cluster (default: one per core); ``scheduler`` is the
    address of a running one instead. Documents whose content the tables already hold
    are skipped unless ``redo``. A document that cannot be read or decoded becomes a
    document row with its reason. ``progress`` is called once per document.
    Raises ``InputError`` when ``out`` cannot be written or the scheduler not reached.
    """
    # Imported here: pyarrow and dask are only paid for by a run.
    from glossary._corpus._cluster import Cluster
    from glossary._corpus._store import Store, batch_of

    started = time.perf_counter()
    named = [Path(p) for p in paths]
    tally = _Tally(sum(1 for _ in document_names(named)), progress)
    store = Store(Path(out), redo=redo)

    def cannot_read(path: str, reason: str) -> None:  # no bytes: nothing for a worker
        batch = batch_of([failed(Item(path), reason)])
        store.add(batch)
        tally.add(batch.documents())

    items = _items(named, store.done(), tally.skipped, cannot_read)
    first = next(items, None)
    if first is not None:  # else nothing is new: no cluster to start
        glossary = glossary or Glossary.default()
        with Cluster(glossary, workers=workers, scheduler=scheduler) as cluster:
            tally.summary.workers = cluster.workers
            split = tally.summary.workers * _BATCHES_PER_WORKER
            batches = _batches(itertools.chain([first], items), tally.summary.documents, split)
            for batch in cluster.map(batches, 2 * tally.summary.workers, store.next_part):
                store.add(batch)
                tally.add(batch.documents())
    store.finish()
    tally.summary.seconds = time.perf_counter() - started
    return tally.summary


class _Tally:
    """The summary of a run, kept as documents come back, and the calls to ``progress``."""

    def __init__(self, total: int, progress: Callable[[Progress], None] | None) -> None:
        self.summary = Summary(documents=total)
        self._progress = progress

    def skipped(self, path: str) -> None:
        """A document done before: its content is in the tables already."""
        self.summary.skipped += 1
        self._report(path, "skipped")

    def add(self, documents: list[dict[str, Any]]) -> None:
        """Documents back from the workers, by their rows of the documents table."""
        for document in documents:
            if document["error"] is None:
                self.summary.annotated += 1
                self.summary.annotations += document["annotations"]
                self._report(document["path"], "annotated")
            else:
                self.summary.failed += 1
                self._report(document["path"], "failed", document["error"])

    def _report(self, path: str, status: Status, error: str | None = None) -> None:
        if self._progress is not None:
            s = self.summary
            handled = s.annotated + s.failed + s.skipped
            self._progress(Progress(handled, s.documents, path, status, error))


def _items(
    paths: list[Path],
    done: set[str],
    skipped: Callable[[str], None],
    cannot_read: Callable[[str, str], None],
) -> Iterator[Item]:
    """The documents to annotate, read one at a time.

    Those ``done`` go to ``skipped``, those that cannot be read to ``cannot_read``.
    """
    for name in document_names(paths):
        try:
            with open(name, "rb") as stream:
                raw = stream.read()
        except OSError as exc:
            cannot_read(name, unreadable(exc))
            continue
        digest = content_hash(raw)
        if digest in done:
            skipped(name)
            continue
        done.add(digest)
        yield Item(name, digest, raw)


def _batches(items: Iterator[Item], total: int, split: int) -> Iterator[list[Item]]:
    """``items`` in lists of a ``split``-th of those left (``_MIN_BATCH`` to ``_MAX_BATCH``),
    fewer when their bytes add up to ``_BATCH_BYTES``.

    Large batches spread a task's cost over many documents; smaller ones towards the end
    let the workers finish together rather than one waiting on another's last batch.
    ``total`` counts the documents named, skipped ones too: an estimate from above.

    >>> [len(b) for b in _batches(iter([Item("a", "", b"x")] * 300), 300, 4)]
    [75, 56, 42, 31, 24, 18, 13, 10, 7, 6, 4, 4, 4, 4, 2]
    """
    batch: list[Item] = []
    held = taken = 0
    size = max(_MIN_BATCH, min(_MAX_BATCH, total // split))
    for item in items:
        batch.append(item)
        held += len(item.raw or b"")
        if len(batch) >= size or held >= _BATCH_BYTES:
            yield batch
            taken += len(batch)
            batch, held = [], 0
            size = max(_MIN_BATCH, min(_MAX_BATCH, (total - taken) // split))
    if batch:
        yield batch
