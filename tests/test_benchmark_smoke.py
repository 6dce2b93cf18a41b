"""The benchmark script still runs: its measurements, on tiny inputs, return the figures
its table is made of. Timings themselves are never asserted (see benchmarks/README.md)."""

from __future__ import annotations

import doctest
import json
import math
import re
from types import ModuleType

import pytest

import glossary
from glossary import Glossary
from scripts import load_script


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/bench_explain.py, imported by path (benchmarks/ is not a package)."""
    return load_script("bench_explain")


@pytest.fixture(scope="module")
def tiny(bench: ModuleType) -> str:
    """Three kilobytes of the Simplified seeds, as the benchmark builds its texts."""
    text: str = bench.build_text(bench.seed_text(bench.SIMPLIFIED_SEEDS), 3000)
    return text


def test_doctests_pass(bench: ModuleType) -> None:
    failed, attempted = doctest.testmod(bench)
    assert (failed, attempted > 0) == (0, True)


@pytest.mark.parametrize("size", [1, 10, 1000, 12_345], ids=["1B", "10B", "1kB", "12kB"])
def test_build_text_is_the_seed_repeated_to_size(bench: ModuleType, size: int) -> None:
    seed = "双区驱动，1+1+10+N。\n"
    text = bench.build_text(seed, size)
    assert size - 3 <= len(text.encode()) <= size
    assert (seed * (size // len(seed) + 1)).startswith(text)


def test_synthetic_terms_are_deterministic_and_plausible(bench: ModuleType) -> None:
    source = "双区驱动六稳六保专精特新"
    terms = bench.synthetic_terms(300, source)
    assert terms == bench.synthetic_terms(300, source)
    formulas = [t for t in terms if "+" in t]
    words = [t for t in terms if "+" not in t]
    assert formulas
    assert all(re.fullmatch(r"\d+(\+\d+){1,2}\+N", t) for t in formulas)
    assert all(2 <= len(t) <= 8 and set(t) <= set(source) for t in words)


def test_synthetic_entries_compile_and_match(bench: ModuleType) -> None:
    entries = bench.synthetic_entries(["双区驱动", "1+2+N"])
    g = Glossary(entries)
    found = [a.entry.term for a in glossary.explain("抢抓双区驱动，建立1+2+N机制", glossary=g)]
    assert found == ["双区驱动", "1+2+N"]


def test_measure_explain_reports_rates_and_the_annotation_count(
    bench: ModuleType, tiny: str
) -> None:
    g = Glossary.default()
    result = bench.measure_explain(g, tiny, repeat=2)
    assert set(result) == {"mb_per_s", "median_mb_per_s", "best_s", "matches"}
    assert result["matches"] == len(glossary.explain(tiny, glossary=g))
    assert result["mb_per_s"] >= result["median_mb_per_s"] > 0


@pytest.mark.parametrize("script_too", [False, True], ids=["explain-alone", "with-script"])
def test_measure_pair_times_explain_and_the_floor(
    bench: ModuleType, tiny: str, script_too: bool
) -> None:
    explained, floor, detected = bench.measure_pair(Glossary.default(), tiny, 1, script_too)
    assert explained["matches"] > 0
    assert floor["matches"] > 0
    assert explained["best_s"] > 0
    assert floor["best_s"] > 0
    assert (detected is not None) == script_too
    if detected is not None:
        assert detected["matches"] == explained["matches"]
        assert detected["best_s"] > 0


def test_flashtext_finds_the_same_simplified_terms(bench: ModuleType) -> None:
    result = bench.measure_flashtext(["双区驱动", "六稳"], "抢抓双区驱动，做好六稳", repeat=1)
    assert result["matches"] == 2


def test_build_figures_split_normalisation_from_the_automaton(bench: ModuleType) -> None:
    entries = bench.synthetic_entries(bench.synthetic_terms(200, "双区驱动六稳六保专精特新"))
    figures = bench.build_figures(entries, repeat=1)
    by_label = {f.label.split(":")[0]: f.value for f in figures}
    assert [f.section for f in figures] == ["build"] * 4
    assert math.isclose(
        figures[-1].value, by_label["compile"] + by_label["automaton"], rel_tol=1e-9
    )
    assert figures[-1].met is None  # the 1.5 s target is for 100k terms only


def test_per_call_figures_carry_the_target(bench: ModuleType) -> None:
    texts = {
        "simplified": bench.seed_text(bench.SIMPLIFIED_SEEDS),
        "traditional": bench.seed_text(bench.TRADITIONAL_SEEDS),
    }
    figures = bench.per_call_figures(Glossary.default(), texts, calls=5)
    targeted = [f for f in figures if f.target]
    assert [(f.unit, f.target) for f in targeted] == [("ms", "< 0.2 ms")] * 2
    assert all(isinstance(f.met, bool) and f.value > 0 for f in targeted)
    # Each script also shows what reading .script adds, without a target of its own.
    shown = [f for f in figures if ".script" in f.label]
    assert len(shown) == 2
    assert all(f.met is None and f.value > 0 for f in shown)


def test_tracemalloc_peak_is_a_positive_multiple(bench: ModuleType, tiny: str) -> None:
    result = bench.measure_tracemalloc(Glossary.default(), tiny)
    assert result["peak_mb"] > 0
    assert math.isclose(result["multiple"], result["peak_mb"] / result["input_mb"])


@pytest.mark.parametrize(
    ("target", "value", "met"),
    [
        (">= 0.7x", 0.7, True),
        (">= 1x", 0.99, False),
        ("< 1.5 s", 1.5, False),
        ("<= 3x", 3.0, True),
        ("< 300 ms", 299.0, True),
        ("< 8x", 8.1, False),
    ],
    ids=["ge-equal", "ge-below", "lt-equal", "le-equal", "lt-ms", "lt-above"],
)
def test_targets_are_read_from_their_text(
    bench: ModuleType, target: str, value: float, met: bool
) -> None:
    assert bench._met(value, target) is met


def test_table_and_json_report_every_verdict(bench: ModuleType) -> None:
    figure = bench.Figure
    figures = [
        figure("per call", "fast enough", 0.1, "ms", "< 0.2 ms", True),
        figure("explain", "rate", 12.5, "MB/s"),
        figure("per call", "too slow", 0.3, "ms", "< 0.2 ms", False),
        figure("start-up", "not there", float("nan"), "ms", "< 300 ms", None, "missing: x"),
    ]
    table = bench.format_table(figures, {"mode": "test"})
    assert table.index("== explain") < table.index("== per call") < table.index("== start-up")
    assert re.search(r"fast enough .* yes", table)
    assert re.search(r"too slow .* NO", table)
    assert re.search(r"not there .* n/a .* missing: x", table)
    assert "targets: 1 met, 1 missed, 1 not measured" in table
    parsed = json.loads(bench.to_json(figures, {"mode": "test"}))
    assert [row["value"] for row in parsed["figures"]] == [12.5, 0.1, 0.3, None]
    assert parsed["figures"][2]["met"] is False
