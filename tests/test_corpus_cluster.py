"""``glossary corpus`` end to end on a real Dask ``LocalCluster`` of two worker processes.

The cluster is started once for the module; the runs reach it with ``--scheduler``, as
they would a cluster of many machines. One test lets the command start its own.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from glossary import Glossary
from glossary._corpus import Progress, run_corpus
from glossary._corpus._cluster import Cluster, GlossaryPlugin
from glossary._corpus._documents import content_hash
from glossary._corpus._rows import Item
from glossary_cli.exit_codes import Exit
from glossary_cli.main import main

REPORTS = Path(__file__).parent / "fixtures" / "reports"
LONGGANG = Path(__file__).parent / "fixtures" / "seeds" / "longgang-2023-work-report.txt"
MALLOC = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
UTF8_PART = len("发展“20+8”产业集群。".encode())
UNDECODABLE = "发展“20+8”产业集群。".encode() + b"\x80\xff\x80"
# Files of the collection that are not plain UTF-8, by name: their encoding, or None for
# the files that must become error rows.
SPECIAL: dict[str, str | None] = {
    "legacy/hebei-gb18030.txt": "gb18030",
    "legacy/longgang-utf16.txt": "utf-16",
    "legacy/longgang-bom.md": "utf-8-sig",
    "scan.txt": None,
    "mangled.txt": None,
}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Client]:
    """Two single-threaded worker processes, as small as a worker can be."""
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            memory_limit="1GiB",
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        ) as local,
        Client(local) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 23 reports, a few in other encodings, a binary file and an undecodable one."""
    top = tmp_path_factory.mktemp("collection")
    shutil.copytree(REPORTS, top / "reports")
    (top / "legacy").mkdir()
    hebei = (REPORTS / "hebei-2026.txt").read_text(encoding="utf-8")[:3000]
    longgang = LONGGANG.read_text(encoding="utf-8")[:3000]
    (top / "legacy" / "hebei-gb18030.txt").write_bytes(hebei.encode("gb18030"))
    (top / "legacy" / "longgang-utf16.txt").write_bytes(longgang.encode("utf-16"))
    (top / "legacy" / "longgang-bom.md").write_bytes(longgang[:1000].encode("utf-8-sig"))
    (top / "scan.txt").write_bytes(BINARY)
    (top / "mangled.txt").write_bytes(UNDECODABLE)
    return top


def corpus(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["corpus", *argv], stdin=io.StringIO(), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def rows(out: Path, table: str) -> list[dict[str, Any]]:
    return pq.read_table(out / table).to_pylist()  # the folder, as any reader takes it


def explained(files: list[Path], *options: str) -> dict[str, dict[str, Any]]:
    """``glossary explain --format jsonl`` of ``files`` in this process, by path."""
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["explain", "--format", "jsonl", *options, *map(str, files)], stdout=out, stderr=err
    )
    assert (code, err.getvalue()) == (Exit.OK, "")
    return {d["path"]: d for d in map(json.loads, out.getvalue().splitlines())}


@pytest.fixture(scope="module", params=["scheduler", "local"])
def first_run(
    request: pytest.FixtureRequest,
    cluster: Client,
    collection: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """The tables of a run on a scheduler's cluster (its workers send their rows back) or
    on a local cluster the command starts (its workers write their parts themselves)."""
    out = tmp_path_factory.mktemp("tables")
    where = ["--scheduler", cluster.scheduler.address]
    if request.param == "local":
        where = ["--workers", "2"]
    code, stdout, stderr = corpus(str(collection), "--out", str(out), *where)
    assert code == Exit.OK
    # Who wrote the annotations: the client (parts named as the documents' own) or the workers.
    documents = {p.name for p in (out / "documents").glob("part-*.parquet")}
    annotations = {p.name for p in (out / "annotations").glob("part-*.parquet")}
    if request.param == "local":
        assert len(annotations) > 2
        assert annotations.isdisjoint(documents)
    else:
        assert annotations == documents
    assert stdout.splitlines()[0] == "28 documents: 26 annotated, 0 already done, 2 unreadable"
    assert sorted(stderr.splitlines()) == [
        f"glossary: {collection}/mangled.txt: not UTF-8 (byte 0x80 at offset {UTF8_PART}), "
        "UTF-16 with a byte-order mark, or GB18030",
        f"glossary: {collection}/scan.txt: binary file (NUL byte at offset 8)",
    ]
    return out


@pytest.fixture(scope="module")
def expected(collection: Path) -> dict[str, dict[str, Any]]:
    """What ``explain`` makes of each readable file of the collection in one process."""
    found = explained(sorted((collection / "reports").glob("*.txt")))
    for name, encoding in SPECIAL.items():
        if encoding is not None:
            found |= explained([collection / name], "--encoding", encoding)
    return found


def test_the_annotations_equal_explain_run_on_each_file(
    first_run: Path, expected: dict[str, dict[str, Any]]
) -> None:
    got: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows(first_run, "annotations"):
        fields = ("start", "end", "surface", "entry_id", "term", "origin", "reason")
        got.setdefault(row["path"], []).append(tuple(row[f] for f in fields))
    assert set(got) == set(expected)
    for path, document in expected.items():
        want = [
            (a["start"], a["end"], a["text"], a["id"], a["term"], a["origin"], a["reason"])
            for a in document["annotations"]
        ]
        assert sorted(got[path]) == want, path


def test_the_unexplained_spans_equal_explain_run_on_each_file(
    first_run: Path, collection: Path, expected: dict[str, dict[str, Any]]
) -> None:
    got: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows(first_run, "unexplained"):
        got.setdefault(row["path"], []).append(
            (row["start"], row["end"], row["text"], row["shape"])
        )
    want = {
        path: [(u["start"], u["end"], u["text"], u["why"]) for u in document["unexplained"]]
        for path, document in expected.items()
        if document["unexplained"]
    }
    assert {path: sorted(spans) for path, spans in got.items()} == want
    # Not vacuous: Longgang's report names programmes the glossary does not explain.
    utf16 = f"{collection}/legacy/longgang-utf16.txt"
    assert [span[2] for span in want[utf16]] == ["十强", "万名干部助企行", "统战+经济"]
    documents = {row["path"]: row for row in rows(first_run, "documents")}
    for path, document in expected.items():
        assert documents[path]["unexplained"] == len(document["unexplained"]), path
        # The region is explain()'s: from the document's opening, else the place it names most.
        assert documents[path]["region"] == (document["region"] or None), path


def test_each_document_has_its_row(first_run: Path, collection: Path) -> None:
    documents = {row["path"]: row for row in rows(first_run, "documents")}
    assert len(documents) == 28
    guangdong = documents[f"{collection}/reports/guangdong-2026.txt"]
    assert guangdong["title"] == "政府工作报告"
    assert (guangdong["region"], guangdong["level"], guangdong["year"]) == (
        "广东省",
        "province",
        2026,
    )
    assert guangdong["error"] is None
    anhui = documents[f"{collection}/reports/anhui-2026.txt"]
    assert (anhui["title"], anhui["year"]) == ("2026年安徽省政府工作报告", 2026)
    legacy = documents[f"{collection}/legacy/hebei-gb18030.txt"]
    assert (legacy["encoding"], legacy["title"], legacy["year"]) == (
        "gb18030",
        "2026年河北省政府工作报告",
        2026,
    )
    utf16 = documents[f"{collection}/legacy/longgang-utf16.txt"]
    assert (utf16["encoding"], utf16["region"], utf16["level"]) == (
        "utf-16",
        "深圳市龙岗区",
        "district",
    )
    assert utf16["year"] == 2023
    scan = documents[f"{collection}/scan.txt"]
    assert scan["error"] == "binary file (NUL byte at offset 8)"
    assert (scan["bytes"], scan["annotations"], len(scan["sha256"])) == (len(BINARY), None, 64)
    annotations = Counter(row["path"] for row in rows(first_run, "annotations"))
    for path, row in documents.items():
        assert row["annotations"] == (annotations[path] if row["error"] is None else None), path


def test_counts_are_the_annotations_counted_and_the_csv_holds_them(first_run: Path) -> None:
    counted = Counter((r["path"], r["entry_id"]) for r in rows(first_run, "annotations"))
    counts = rows(first_run, "counts")
    assert {(r["path"], r["entry_id"]): r["count"] for r in counts} == counted
    with (first_run / "counts.csv").open(encoding="utf-8-sig", newline="") as stream:
        sheet = list(csv.DictReader(stream))
    assert len(sheet) == len(counts)
    assert {(r["path"], r["term"], int(r["count"])) for r in sheet} == {
        (r["path"], r["term"], r["count"]) for r in counts
    }


def test_a_rerun_skips_what_is_done_and_redo_starts_again(
    cluster: Client, collection: Path, first_run: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tables"
    shutil.copytree(first_run, out)
    address = cluster.scheduler.address
    annotations = len(rows(out, "annotations"))
    code, stdout, _ = corpus(str(collection), "--out", str(out), "--scheduler", address)
    assert (code, stdout) == (Exit.OK, "28 documents: 0 annotated, 28 already done, 0 unreadable\n")
    assert len(rows(out, "annotations")) == annotations
    # A changed document is new content: only it is annotated.
    changed = collection / "legacy" / "longgang-bom.md"
    original = changed.read_bytes()
    try:
        changed.write_bytes(original + "实施“十四五”规划。\n".encode())
        code, stdout, _ = corpus(str(collection), "--out", str(out), "--scheduler", address)
        assert stdout.splitlines()[0] == "28 documents: 1 annotated, 27 already done, 0 unreadable"
    finally:
        changed.write_bytes(original)
    code, stdout, _ = corpus(str(collection), "--out", str(out), "--scheduler", address, "--redo")
    assert stdout.splitlines()[0] == "28 documents: 26 annotated, 0 already done, 2 unreadable"
    assert len(rows(out, "annotations")) == annotations
    assert len(rows(out, "documents")) == 28


def test_each_worker_compiles_the_glossary_once(
    cluster: Client, collection: Path, tmp_path: Path
) -> None:
    seen: list[dict[str, Any]] = []

    def inspect(dask_worker: Any) -> dict[str, Any]:
        state = [p for p in dask_worker.plugins.values() if isinstance(p, GlossaryPlugin)]
        return {"setups": state[0].setups, "tasks": state[0].tasks, "compiled": state[0].compiled}

    def progress(p: Progress) -> None:
        if p.done == p.total:  # the plugin is still there: the run has not ended
            seen.extend(cluster.run(inspect).values())

    reports = collection / "reports"
    summary = run_corpus(
        [reports], tmp_path, scheduler=cluster.scheduler.address, progress=progress
    )
    assert summary.annotated == 23
    assert sum(w["tasks"] for w in seen) > len(seen) == 2  # more tasks than workers...
    assert all(w["setups"] == 1 and len(w["compiled"]) == 1 for w in seen)  # ...one glossary


def test_batches_are_taken_only_as_results_come_back(cluster: Client) -> None:
    taken: list[int] = []

    def batches() -> Iterator[list[Item]]:
        for n in range(30):
            taken.append(n)
            yield [Item(f"{n}.txt", str(n), f"第{n}号：发展“20+8”产业集群。".encode())]

    with Cluster(Glossary.default(), scheduler=cluster.scheduler.address) as dask:
        returned = 0
        for batch in dask.map(batches(), window=3):
            assert len(taken) - returned <= 3  # never more than the window in flight
            returned += len(batch.documents())
    assert returned == 30
    # A shared cluster is left as it was found: the glossary's plugin goes with the run.
    left = cluster.run(lambda dask_worker: [n for n in dask_worker.plugins if "corpus" in n])
    assert list(left.values()) == [[], []]


def test_the_command_starts_a_local_cluster_of_its_own(tmp_path: Path) -> None:
    for name in ("anhui-2026.txt", "tibet-2026.txt"):
        shutil.copy(REPORTS / name, tmp_path / name)
    (tmp_path / "notes.json").write_text("{}")  # not a text file: left alone
    code, stdout, stderr = corpus(str(tmp_path), "--out", str(tmp_path / "out"), "--workers", "2")
    assert (code, stderr) == (Exit.OK, "")
    lines = stdout.splitlines()
    assert lines[0] == "2 documents: 2 annotated, 0 already done, 0 unreadable"
    assert lines[1].endswith(f"on 2 workers; tables in {tmp_path / 'out'}")


def _worker_settings(dask_worker: Any) -> tuple[str | None, str | None, bool]:
    import dask as config

    return (
        os.environ.get("MALLOC_MMAP_THRESHOLD_"),
        os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        config.config.get("distributed.worker.profile.enabled"),
    )


def test_a_local_clusters_workers_read_the_files_themselves(tmp_path: Path) -> None:
    # The client hashed the file, then it changed: the rows are of what the worker read.
    changed, gone = tmp_path / "changed.txt", tmp_path / "gone.txt"
    changed.write_text("落实“六稳”“六保”。", encoding="utf-8")
    sent = [
        Item(str(changed), "hash-the-client-saw", "实施“十四五”规划。".encode()),
        Item(str(gone), "hash-of-a-file-since-deleted", b"x"),
    ]
    before = {name: os.environ.get(name) for name in MALLOC}
    with Cluster(Glossary.default(), workers=1) as dask:
        assert dask.shared_files
        [batch] = list(dask.map(iter([sent]), window=1))
        # Set for a batch job: glibc's own malloc thresholds, no sampling profiler.
        assert dask.client is not None
        settings = dask.client.run(_worker_settings)
    assert list(settings.values()) == [(str(32 << 20), str(64 << 20), False)]
    assert {name: os.environ.get(name) for name in MALLOC} == before  # given back
    first, second = batch.documents()
    assert first["sha256"] == content_hash(changed.read_bytes())
    assert batch.tables["annotations"].column("term").to_pylist() == ["六稳六保"]
    assert (second["path"], second["error"]) == (str(gone), "no such file")
    assert second["sha256"] is None  # as if the client could not read it: retried next run


def test_workers_without_glossary_are_named_as_the_problem(tmp_path: Path) -> None:
    with LocalCluster(
        n_workers=0,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    ) as bare:
        # A worker of a machine where glossary is not installed.
        worker = (
            "import sys; sys.modules['glossary'] = None\n"
            "from distributed.cli.dask_worker import main\n"
            f"sys.argv = ['dask-worker', {bare.scheduler_address!r}, '--nthreads', '1', "
            "'--no-nanny', '--no-dashboard']\n"
            "main()\n"
        )
        process = subprocess.Popen([sys.executable, "-c", worker], stderr=subprocess.DEVNULL)
        try:
            with Client(bare) as client:
                client.wait_for_workers(1, timeout=30)
            (tmp_path / "a.txt").write_text("落实“六稳”“六保”。", encoding="utf-8")
            code, out, err = corpus(
                str(tmp_path / "a.txt"),
                "--out",
                str(tmp_path / "t"),
                "--scheduler",
                bare.scheduler_address,
            )
        finally:
            process.terminate()
            process.wait()
    assert (code, out, err.count("\n")) == (Exit.INPUT, "", 1)
    assert err.startswith("glossary: the Dask workers cannot take the glossary (")
    assert err.endswith("install glossary[corpus], the version of this client, on every worker\n")
