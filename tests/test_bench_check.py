"""benchmarks/bench_check.py still runs and prints its figures; timings are never asserted
here (tests/test_check_scaling.py asserts the growth, benchmarks/README.md has figures)."""

from __future__ import annotations

import doctest
import json
import re
from types import ModuleType

import pytest

from scripts import load_script


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/bench_check.py, imported by path (benchmarks/ is not a package)."""
    return load_script("bench_check")


def test_doctests_pass(bench: ModuleType) -> None:
    failed, attempted = doctest.testmod(bench)
    assert (failed, attempted > 0) == (0, True)


def test_the_table_has_each_way_and_size_and_their_ratio(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.main(["--sizes", "1", "2"]) == 0
    table = capsys.readouterr().out
    for way in ("library", "command"):
        for size in (1, 2):
            assert re.search(
                rf"^{way} +{size} MB +[\d.]+ s +[\d.]+ MB/s +\d+ findings$", table, re.M
            )
        assert re.search(rf"^{way} +2 MB / 1 MB +[\d.]+x +\(linear: 2x\)$", table, re.M)


def test_json_has_the_same_figures(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--sizes", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(row["way"], row["mb"]) for row in data["figures"]] == [("library", 1), ("command", 1)]
    assert all(row["findings"] > 50 and row["mb_per_s"] > 0 for row in data["figures"])
    assert data["ratios"] == []
