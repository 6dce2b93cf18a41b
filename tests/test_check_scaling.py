"""``glossary check`` grows linearly with a realistic draft, megabytes of it (issue 21, item 3).

tests/test_hook_scaling.py times adversarial shapes of a few hundred kilobytes; this
times the seeds' prose at 0.5, 2 and 8 MB, as benchmarks/bench_check.py does at 1, 10
and 100 MB (whose figures are in benchmarks/README.md). Each size is four times the
one before: linear time takes four times as long, and eight is allowed for a busy
machine, against sixteen for a quadratic step (which took 2.9 / 5.8 / 11.5 MB drafts
6 / 27 / 90 s before).
"""

from __future__ import annotations

import io
import itertools
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from glossary import Glossary
from glossary._hook.check import check
from glossary_cli.main import main

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
NAMES = ("longgang-2022-plenary-news", "longgang-2023-work-report", "luohu-2022-report-forum")
MB = 1_000_000
SIZES = (MB // 2, 2 * MB, 8 * MB)
ALLOWED = 8


def prose() -> str:
    """The Simplified seeds' prose, without the report's own 名词解释 (it would explain
    the terms used after it)."""
    texts = [(SEEDS / f"{name}.txt").read_text(encoding="utf-8") for name in NAMES]
    return "\n\n".join(text.split("有关名词解释")[0] for text in texts)


def draft(size: int) -> str:
    text = prose()
    return (text * (size // len(text.encode()) + 1)).encode()[:size].decode("utf-8", "ignore")


def best_time(run: Callable[[], object], repeat: int = 2) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.fixture(scope="module")
def drafts() -> list[str]:
    return [draft(size) for size in SIZES]


def test_check_grows_linearly_with_the_draft(drafts: list[str]) -> None:
    glossary = Glossary.default()
    findings = check(drafts[0], glossary, markdown=True)
    assert len(findings) > 50  # the seeds' jargon, each term once
    times = [best_time(lambda text=text: check(text, glossary, markdown=True)) for text in drafts]
    steps = [large / small for small, large in itertools.pairwise(times)]
    assert all(step < ALLOWED for step in steps), (times, steps)


def test_the_command_grows_linearly_with_the_draft(drafts: list[str], tmp_path: Path) -> None:
    paths = []
    for size, text in zip(SIZES, drafts, strict=True):
        path = tmp_path / f"draft-{size}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)

    def run(path: Path) -> None:
        out = io.StringIO()
        assert main(["check", str(path)], stdout=out, stderr=io.StringIO()) == 1
        assert out.getvalue().startswith(f"{path}:")

    run(paths[0])  # warm up: the glossary and its automaton are loaded once
    times = [best_time(lambda path=path: run(path)) for path in paths]
    steps = [large / small for small, large in itertools.pairwise(times)]
    assert all(step < ALLOWED for step in steps), (times, steps)
