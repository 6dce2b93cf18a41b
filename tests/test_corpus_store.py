"""The tables of a corpus run on disk: what a flush writes, and what the next run finds."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from glossary import Glossary, InputError
from glossary._corpus._rows import Item, Result, annotate, failed, levels_of
from glossary._corpus._store import SCHEMAS, Store, batch_of, read_documents, written

GLOSSARY = Glossary.default()
LEVELS = levels_of(GLOSSARY)


def result(n: int) -> Result:
    text = f"第{n}号\n落实“六稳”“六保”，发展“20+8”产业集群，推行“三个一批”。\n"
    return annotate(Item(f"doc-{n}.txt", f"hash-{n}", text.encode()), GLOSSARY, LEVELS)


def parts(out: Path, table: str) -> list[str]:
    return sorted(p.name for p in (out / table).glob("part-*.parquet"))


def test_a_flush_writes_one_part_of_each_table_with_its_schema(tmp_path: Path) -> None:
    store = Store(tmp_path)
    for n in range(3):
        store.add(batch_of([result(n)]))
    store.add(batch_of([failed(Item("gone.txt"), "no such file")]))
    store.finish()
    for table, schema in SCHEMAS.items():
        [name] = parts(tmp_path, table)
        assert pq.read_schema(tmp_path / table / name).names == schema.names
    documents = read_documents(tmp_path)
    assert [d["path"] for d in documents] == ["doc-0.txt", "doc-1.txt", "doc-2.txt", "gone.txt"]
    assert pq.read_table(tmp_path / "annotations").num_rows == 6
    # The jargon nothing explains, a row per span, counted on each document's row:
    unexplained = pq.read_table(tmp_path / "unexplained").to_pylist()
    assert [(u["path"], u["text"], u["shape"]) for u in unexplained] == [
        (f"doc-{n}.txt", "三个一批", "numbered set") for n in range(3)
    ]
    assert [u["start"] for u in unexplained] == [
        len("第0号\n落实“六稳”“六保”，发展“20+8”产业集群，推行“")
    ] * 3
    assert [d["unexplained"] for d in documents] == [1, 1, 1, None]
    assert (tmp_path / "counts.csv").read_bytes().startswith(b'\xef\xbb\xbf"path","sha256",')
    assert not list(tmp_path.rglob(".*.tmp"))


def test_a_store_flushes_on_its_own_when_it_holds_enough(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("glossary._corpus._store._FLUSH_DOCUMENTS", 2)
    store = Store(tmp_path)
    for n in range(5):
        store.add(batch_of([result(n)]))
    assert len(parts(tmp_path, "documents")) == 2  # the fifth is held
    store.finish()
    assert len(parts(tmp_path, "documents")) == 3


def test_the_next_run_removes_what_an_interrupted_one_left(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add(batch_of([result(1)]))
    store.add(batch_of([failed(Item("gone.txt"), "no such file")]))
    store.finish()
    # A run stopped between writing a part's annotations and its document rows:
    orphan = tmp_path / "annotations" / "part-19990101T000000-1-00000.parquet"
    orphan.write_bytes((tmp_path / "annotations" / parts(tmp_path, "annotations")[0]).read_bytes())
    again = Store(tmp_path)
    assert not orphan.exists()
    # The document that could not be read at all has no content hash: it is tried again,
    # and its old row goes, so that it is not counted twice.
    assert [d["path"] for d in read_documents(tmp_path)] == ["doc-1.txt"]
    assert again.done() == {"hash-1"}


def test_redo_empties_the_tables(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add(batch_of([result(1)]))
    store.finish()
    (tmp_path / "notes.txt").write_text("the analyst's own file")
    Store(tmp_path, redo=True)
    assert [parts(tmp_path, t) for t in SCHEMAS] == [[], [], [], []]
    assert not (tmp_path / "counts.csv").exists()
    assert (tmp_path / "notes.txt").exists()  # only our files go


def test_an_out_that_is_a_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("")
    with pytest.raises(InputError, match="out: cannot write the tables"):
        Store(tmp_path / "out")


def test_tables_of_other_columns_are_refused_until_redo(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add(batch_of([result(1)]))
    store.finish()
    # Tables of a version without the unexplained count: a rerun must not mix them.
    [name] = parts(tmp_path, "documents")
    older = pq.read_table(tmp_path / "documents" / name).drop_columns(["unexplained"])
    pq.write_table(older, tmp_path / "documents" / name)
    with pytest.raises(InputError, match=f"{name}: columns of another version.*--redo"):
        Store(tmp_path)
    assert Store(tmp_path, redo=True).done() == set()


def test_parts_a_worker_writes_are_committed_by_the_documents_rows(tmp_path: Path) -> None:
    store = Store(tmp_path)
    out, name = store.next_part()
    # What a worker sharing the client's disk sends back: its documents' rows alone.
    sent = written(batch_of([result(1), result(2)]), Path(out), name)
    assert (set(sent.tables), sent.parts) == ({"documents"}, (name,))
    assert parts(tmp_path, "documents") == []  # not done until the client records them
    store.add(sent)
    store.add(batch_of([result(3)]))  # a batch whose rows came back to the client
    store.finish()
    [record] = parts(tmp_path, "documents")
    for table in ("annotations", "counts", "unexplained"):
        assert parts(tmp_path, table) == sorted([record, name])
    commits = pq.read_schema(tmp_path / "documents" / record).metadata[b"glossary.commits"]
    assert sorted(json.loads(commits)) == sorted([record, name])
    paths = [r["path"] for r in pq.read_table(tmp_path / "annotations").to_pylist()]
    assert sorted(set(paths)) == ["doc-1.txt", "doc-2.txt", "doc-3.txt"]
    assert Store(tmp_path).done() == {"hash-1", "hash-2", "hash-3"}
    assert parts(tmp_path, "annotations") == sorted([record, name])  # the rerun kept them


def test_parts_of_a_worker_whose_batch_was_never_recorded_are_removed(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add(written(batch_of([result(1)]), tmp_path, store.next_part()[1]))
    store.finish()
    kept = parts(tmp_path, "annotations")
    # The run stopped after a worker wrote its parts, or while it wrote one:
    _, orphan = store.next_part()
    written(batch_of([result(2)]), tmp_path, orphan)
    (tmp_path / "counts" / f".{orphan}.tmp").write_bytes(b"PAR1 cut short")
    Store(tmp_path)
    assert [parts(tmp_path, t) for t in ("annotations", "counts", "unexplained")] == [kept] * 3
    assert not list(tmp_path.rglob("*.tmp"))
    assert [d["path"] for d in read_documents(tmp_path)] == ["doc-1.txt"]


def test_a_part_a_worker_cannot_write_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "annotations").write_text("a file where the folder should be")
    with pytest.raises(InputError, match=r"annotations/part-x\.parquet: cannot write"):
        written(batch_of([result(1)]), tmp_path, "part-x.parquet")


def test_dropping_unread_rows_keeps_the_record_of_a_workers_parts(tmp_path: Path) -> None:
    # One flush records a worker's batch and a file that could not be read. The next run
    # drops the unread row and rewrites the documents part: the list of the parts it
    # commits must survive the rewrite, or the run after would delete the worker's rows.
    store = Store(tmp_path)
    _, name = store.next_part()
    store.add(written(batch_of([result(1)]), tmp_path, name))
    store.add(batch_of([failed(Item("gone.txt"), "no such file")]))
    store.finish()
    for _ in range(2):
        Store(tmp_path)
    assert name in parts(tmp_path, "annotations")
    assert [d["path"] for d in read_documents(tmp_path)] == ["doc-1.txt"]
    assert pq.read_table(tmp_path / "annotations").num_rows == 2
