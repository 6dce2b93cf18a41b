"""The corpus benchmark still runs: on a few dozen documents it measures the loop and both
corpus runs and prints every figure. Timings themselves are never asserted (see
benchmarks/README.md)."""

from __future__ import annotations

import doctest
import json
from pathlib import Path
from types import ModuleType

import pytest

from glossary._corpus._documents import content_hash
from scripts import load_script


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/bench_corpus.py, imported by path (benchmarks/ is not a package)."""
    return load_script("bench_corpus")


def test_doctests_pass(bench: ModuleType) -> None:
    failed, attempted = doctest.testmod(bench)
    assert (failed, attempted > 0) == (0, True)


def test_the_collection_repeats_the_reports_with_distinct_contents(
    bench: ModuleType, tmp_path: Path
) -> None:
    size = bench.make_collection(tmp_path, 50)
    files = sorted(tmp_path.rglob("*.txt"))
    assert len(files) == 50
    assert size == sum(f.stat().st_size for f in files)
    assert len({content_hash(f.read_bytes()) for f in files}) == 50
    reports = sorted(bench.REPORTS.glob("*.txt"))
    assert (
        files[23]
        .read_text(encoding="utf-8")
        .startswith(reports[0].read_text(encoding="utf-8").rstrip())
    )


def test_quick_mode_is_500_documents(bench: ModuleType) -> None:
    assert bench.QUICK == 500
    assert bench.count_of(["--quick"]) == 500
    assert bench.count_of([]) == 10_000
    assert bench.count_of(["--documents", "30"]) == 30


def test_a_small_run_prints_every_figure(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.main(["--documents", "30", "--json", "--scratch", str(tmp_path)]) == 0
    report = json.loads(capsys.readouterr().out)
    figures = {f["label"]: f for f in report["figures"]}
    assert "load at the start" in report["meta"]
    assert "load at the end" in report["meta"]
    for label in (
        "loop over explain()",
        "corpus, 1 worker",
        "corpus, 2 workers",
        "peak RSS, client, 2 workers",
        "peak RSS, largest worker, 2 workers",
        "CPU over the loop, 1 worker (all processes)",
    ):
        assert label in figures, label
    loops = ("loop over explain()", "loop over explain(), the tables' work too")
    for label in (*loops, "corpus, 1 worker", "corpus, 2 workers"):
        assert figures[label]["value"] > 0
        assert "MB/s" in figures[label]["note"]
    for against in ("loop", "loop doing the tables' work"):
        target = figures[f"corpus, 2 workers / {against}"]
        assert target["target"] == ">= 1.7x"
        assert isinstance(target["met"], bool)
        assert figures[f"bound on 2 idle cores / {against}"]["value"] > 0
    # The twin loop's own CPU figure, which the bound against it is made from.
    assert figures["loop, the tables' work too: CPU a document"]["value"] > 0
    assert figures["peak RSS, largest worker, 2 workers"]["value"] > 50  # a real process
    assert not list(tmp_path.iterdir())  # the collection and the tables are gone
