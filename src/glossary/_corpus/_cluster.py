"""The Dask side of a corpus run: the cluster, the glossary on each worker, the batches.

The one module of ours that imports dask and distributed. The glossary travels once per
worker, inside a worker plugin: a ``Glossary`` pickles as its entries, and the plugin
compiles it when the worker takes it on, so every task on that worker reuses one
automaton (docs/design.md, "Corpus runs").
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from glossary._api.glossary import Glossary
from glossary._api.pipeline import collector_paused
from glossary._corpus._rows import Item, Result, annotate, failed, fetch, levels_of
from glossary._corpus._store import Batch, batch_of, written
from glossary._model.errors import InputError

_CONNECT_TIMEOUT = "10s"
# A local cluster's background work, which takes the cores from the engine: set for a
# batch job that shows no dashboard (docs/design.md, "Corpus runs").
_LOCAL_CONFIG = {
    # The workers' sampling profiler interrupts pure-Python work every 10 ms: 10% of
    # a run's time, for a dashboard nobody is shown.
    "distributed.worker.profile.enabled": False,
    # Each server's check that its event loop is not blocked runs every 20 ms, and
    # takes the GIL from the engine in the worker's task thread as often.
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    # Tasks wait on the scheduler until a worker is free (its queue): none to steal.
    "distributed.scheduler.work-stealing": False,
}
# glibc's malloc thresholds for the workers, as glibc itself settles on them for the
# engine's arrays when nothing is set: see _malloc_environment.
_MALLOC = {"MALLOC_MMAP_THRESHOLD_": str(32 << 20), "MALLOC_TRIM_THRESHOLD_": str(64 << 20)}


@contextmanager
def _malloc_environment() -> Iterator[None]:
    """The workers' malloc thresholds set for the engine while a local cluster starts.

    Dask starts workers with a trim threshold of 64 kB, so that freed memory goes back to
    the system at once, and leaves it in this process's environment, where it overrides
    its own config for every later worker. Any such setting also stops glibc from raising
    its mmap threshold, so that every array the engine makes (8 bytes a character of each
    document) is mapped afresh and faulted in page by page: 17 times the page faults, and
    8% of the loop's time when set in its process. Workers are started with the
    thresholds glibc raises itself to by default; the environment is given back after.
    """
    saved = {name: os.environ.get(name) for name in _MALLOC}
    os.environ.update(_MALLOC)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class GlossaryPlugin(WorkerPlugin):
    """A glossary for every task of one worker, compiled once when the worker starts it."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.levels: dict[str, str] = {}
        # What the worker did with it, for tests and the curious (client.run):
        self.setups = 0  # times the worker took the plugin on: once
        self.tasks = 0
        self.documents = 0
        self.compiled: set[int] = set()  # ids of the compiled glossaries tasks used: one

    def setup(self, worker: object) -> None:
        """Compile the glossary before the worker's first task needs it."""
        assert self.glossary.compiled is not None
        self.levels = levels_of(self.glossary)
        self.setups += 1


class Parcel:
    """The documents of one task, sealed: Dask walks into a task's lists and tuples (to
    find futures in them), which for thousands of documents cost more than the task."""

    __slots__ = ("items",)

    def __init__(self, items: list[Item]) -> None:
        self.items = items

    def __reduce__(self) -> tuple[type[Parcel], tuple[list[Item]]]:
        return Parcel, (self.items,)


def annotate_batch(
    parcel: Parcel, plugin: str, read: bool = False, part: tuple[str, str] | None = None
) -> Batch:
    """Annotate a batch of documents on a worker with the glossary of plugin ``plugin``.

    With ``read`` the items carry paths alone, and the worker reads the files: its
    machine is the client's. A document that makes the engine fail becomes an error
    row, like an unreadable one. The rows go back as Arrow tables; with ``part``, an
    ``--out`` folder and a part's name, all but the documents' rows are written there.
    """
    state = get_worker().plugins[plugin]
    assert isinstance(state, GlossaryPlugin)
    items = parcel.items
    # The collector paused for the batch, as explain() pauses it: a batch makes hundreds
    # of thousands of objects and no cycles, and each pass after a document's explain()
    # visited all the annotations it had made (3% of a worker's time).
    with collector_paused():
        results = [_annotate(item, state, read) for item in items]
    state.tasks += 1
    state.documents += len(items)
    state.compiled.add(id(state.glossary.compiled))
    if part is None:
        return batch_of(results)
    out, name = part
    return written(batch_of(results), Path(out), name)


def _annotate(item: Item, state: GlossaryPlugin, read: bool) -> Result:
    """One document's rows; a document that makes the engine fail becomes an error row."""
    try:
        fetched = fetch(item) if read else item
        if isinstance(fetched, Result):  # gone or unreadable since the client read it
            return fetched
        return annotate(fetched, state.glossary, state.levels)
    except Exception as exc:  # one bad document must not take its batch down
        return failed(item, f"internal error: {type(exc).__name__}: {exc}")


def default_workers() -> int:
    """One worker per core this process may run on.

    >>> default_workers() >= 1
    True
    """
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


class Cluster:
    """A Dask client with the glossary on every worker, as a context manager.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``); without
    it a ``LocalCluster`` of ``workers`` single-threaded processes is started and closed.
    The workers of a local cluster are sent paths and read the files; those of a
    scheduler's cluster, which may not see the client's disk, are sent the bytes.
    """

    def __init__(
        self, glossary: Glossary, *, workers: int | None = None, scheduler: str | None = None
    ) -> None:
        self._glossary = glossary
        self._workers = workers
        self._scheduler = scheduler
        self._stack = ExitStack()
        self.client: Client | None = None
        # Named after the glossary: two runs with different glossaries on one shared
        # cluster must not take each other's.
        digest = hashlib.sha256(pickle.dumps(glossary)).hexdigest()[:16]
        self.plugin = f"glossary-corpus-{digest}"
        #: Whether the workers see the client's files: those of a local cluster do.
        self.shared_files = scheduler is None

    def __enter__(self) -> Cluster:
        try:
            self.client = self._stack.enter_context(self._connect())
            self._register(self.client)
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if self.client is not None and self._scheduler is not None:
                self.client.unregister_worker_plugin(self.plugin)  # type: ignore[no-untyped-call]
        finally:
            self._stack.close()

    def _register(self, client: Client) -> None:
        """Hand the glossary to every worker, or say why the workers cannot take it."""
        try:
            client.register_plugin(GlossaryPlugin(self._glossary), name=self.plugin)
        except Exception as exc:  # distributed re-raises a worker's error as Exception
            raise InputError(
                f"the Dask workers cannot take the glossary ({exc}): install "
                "glossary[corpus], the version of this client, on every worker"
            ) from None

    def _connect(self) -> Client:
        if self._scheduler is not None:
            try:
                return Client(self._scheduler, timeout=_CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
            except (OSError, ValueError) as exc:
                raise InputError(
                    f"cannot reach the Dask scheduler at {self._scheduler}: {exc}"
                ) from None
        # Workers take the config and the environment they start with.
        with dask.config.set(_LOCAL_CONFIG), _malloc_environment():
            local = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=self._workers or default_workers(),
                threads_per_worker=1,  # the engine holds the GIL: one process per core
                processes=True,
                dashboard_address=None,
                # The scheduler serves HTTP (health, metrics) even without a dashboard, on
                # 8787 unless told: any free port of this machine's own, not everyone's.
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.ERROR,
            )
        self._stack.callback(local.close)
        return Client(local)  # type: ignore[no-untyped-call]

    @property
    def workers(self) -> int:
        """How many workers the cluster has now."""
        assert self.client is not None
        return len(self.client.scheduler_info(n_workers=-1)["workers"])

    def map(
        self,
        batches: Iterable[list[Item]],
        window: int,
        parts: Callable[[], tuple[str, str]] | None = None,
    ) -> Iterator[Batch]:
        """The results of every batch, as they complete, with at most ``window`` in flight.

        Batches are taken from ``batches`` only as room frees up, so that the documents
        of a collection never sit in memory all at once. A batch lost with its worker
        comes back as error rows. Workers that share the client's files are given, when
        ``parts`` is, a part to write of each batch (an ``--out`` folder and a name).
        """
        assert self.client is not None
        pending: Any = as_completed()  # type: ignore[no-untyped-call]
        names: dict[Any, list[Item]] = {}
        for batch in batches:
            named = [Item(i.path, i.sha256) for i in batch]
            # A local cluster's workers read the files themselves: the bytes then pass
            # through neither the scheduler nor two more pickles.
            sent = named if self.shared_files else batch
            part = parts() if parts is not None and self.shared_files else None
            future = self.client.submit(
                annotate_batch, Parcel(sent), self.plugin, self.shared_files, part, pure=False
            )
            names[future] = named
            pending.add(future)
            while pending.count() >= window:
                yield self._collect(next(pending), names)
        for future in pending:
            yield self._collect(future, names)

    @staticmethod
    def _collect(future: Any, names: dict[Any, list[Item]]) -> Batch:
        items = names.pop(future)
        try:
            batch: Batch = future.result()
        except InputError:  # a part its worker could not write: as if the client could not
            raise
        except Exception as exc:
            reason = f"lost with its worker: {type(exc).__name__}: {exc}"
            return batch_of([failed(item, reason) for item in items])
        finally:
            future.release()
        return batch
