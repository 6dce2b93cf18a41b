"""The piped chat is linear in the length of a line (issue 21, item 8).

Times are compared with each other, never with a clock: a line ten times longer may
take about ten times as long, and a quadratic step (a 1 MB line took 3.6 s to lay out,
a 5 MB one 97 s; a long run of punctuation did not finish at all) makes it a hundred.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable

import pytest

from glossary import Glossary
from glossary_cli.chat import ChatState
from glossary_cli.commands.chat import answer_lines
from glossary_cli.io import IO

#: Linear work gives about 10 between the two sizes, quadratic work 60 and more. Below
#: 5 ms a time is mostly noise, and stands for 5 ms.
MOST = 30

Shape = Callable[[int], str]
SHAPES: dict[str, tuple[Shape, int]] = {
    # A pasted passage: annotated, then laid out as one long row.
    "prose": (lambda n: "推动双区驱动发展，" * (n // 27), 100_000),
    "latin-words": (lambda n: "the 20+8 plan " * (n // 14), 100_000),
    # Lines that ask nothing known: peeled of question frames, then searched.
    "punctuation-run": (lambda n: "x" + "，" * (n // 3) + "x", 20_000),
    "stacked-endings": (lambda n: "什么是" + "呢" * (n // 3), 20_000),
    "long-question": (lambda n: "的" * (n // 3) + "是什么？", 20_000),
    "blank-run": (lambda n: "x" + " " * n + "means", 20_000),
}


@pytest.fixture(scope="module")
def state() -> ChatState:
    warm = ChatState(Glossary.default())
    answer(warm, "双区驱动")  # indexes built once, outside the timings
    return warm


def answer(state: ChatState, line: str) -> float:
    """Seconds the piped chat takes to answer ``line``."""
    streams = IO(io.StringIO(line + "\n"), io.StringIO(), io.StringIO())
    start = time.perf_counter()
    answer_lines(streams, state, colour=False)
    elapsed = time.perf_counter() - start
    assert streams.stdout.getvalue()
    return elapsed


@pytest.mark.parametrize("name", SHAPES)
def test_a_line_ten_times_longer_takes_about_ten_times_as_long(state: ChatState, name: str) -> None:
    shape, size = SHAPES[name]
    short = min(answer(state, shape(size)) for _ in range(3))
    long = min(answer(state, shape(size * 10)) for _ in range(2))
    assert long < MOST * max(short, 0.005), f"{name}: {short:.3f}s, then {long:.3f}s"
