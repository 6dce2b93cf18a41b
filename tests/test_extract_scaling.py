"""``extract`` stays linear in a line's quotation marks (issue 21, "also seen").

A definition holding many opening quotes that nothing closes (2,000 items of 1,000 “
each took 23 s) made every search for a colon, a lead word or a separator outside
quotes rescan the rest of the line from each quote. Each test times a text and one
with eight times the quotes on each line, best of three, and allows sixteen times the
time: twice what linear work needs, against 64 times for the quadratic search.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable

import pytest

from glossary._extract.curate import split_compound
from glossary._extract.extract import extract
from glossary._extract.items import first_colon, lead, outside_quotes

ALLOWED = 16
ITEMS = 20

Shape = Callable[[int], str]
SHAPES: dict[str, tuple[Shape, int]] = {
    # The definition wraps onto a line of quotes: the line is searched for a colon.
    "wrapped-definition": (
        lambda q: (
            "有关名词解释\n\n"
            + "".join(f"{i}.术语{i}：指定义\n{'“甲' * q}。\n" for i in range(1, ITEMS + 1))
        ),
        ITEMS,
    ),
    # A newspaper's explainer: a term alone on its line, then its meaning.
    "explainer": (
        lambda q: "".join(f"术语{i}\n{'“甲' * q}。\n\n" for i in range(1, ITEMS + 1)),
        0,
    ),
    # Quotes before the colon: the term is searched for its end.
    "before-the-colon": (
        lambda q: (
            "有关名词解释\n\n"
            + "".join(f"{i}.术语{'「乙' * q}：指定义。\n" for i in range(1, ITEMS + 1))
        ),
        ITEMS,
    ),
}


def best_time(run: Callable[[], object], repeat: int = 3) -> float:
    """The best of ``repeat`` timings of ``run``: the least disturbed by other work."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def ratio(run: Callable[[int], object], small: int) -> float:
    """How many times longer ``run(8 * small)`` takes than ``run(small)``."""
    run(small)  # warm up: patterns compiled once
    return best_time(lambda: run(8 * small)) / best_time(lambda: run(small))


@pytest.mark.parametrize("name", SHAPES)
def test_extract_is_linear_in_unclosed_quotes(name: str) -> None:
    make, items = SHAPES[name]
    assert len(extract(make(3))) == items
    assert ratio(lambda q: extract(make(q)), 400) < ALLOWED


def test_splitting_a_compound_item_is_linear_in_unclosed_quotes() -> None:
    from glossary._extract.items import Item

    def run(q: int) -> object:
        item = Item(1, "“甲”、“乙”", "指定义" + "“丙；" * q + "。", 1)
        return split_compound(item)

    assert [term for term, _ in split_compound(Item(1, "“甲”、“乙”", "指甲；乙。", 1))] == [
        "甲",
        "乙",
    ]
    assert ratio(run, 2_000) < ALLOWED


# The patterns the extractor searched with before: a quoted span, else the target.
_OLD_QUOTED = r"“[^”]*”|「[^」]*」|『[^』]*』|‘[^’]*’|〝[^〞]*〞|＂[^＂]*＂|\"[^\"]*\""


def _old_outside(target: str, text: str) -> list[tuple[int, str]]:
    pattern = re.compile(rf"{_OLD_QUOTED}|(?P<target>{target})")
    return [(m.start(), m.group()) for m in pattern.finditer(text) if m["target"] is not None]


def test_outside_quotes_finds_what_the_quoted_span_patterns_found() -> None:
    rng = random.Random(21)
    alphabet = '“”「」『』‘’〝〞＂"甲：、是指'
    for _ in range(3_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 16)))
        for target in ("[：:]", "、", "是指|指"):
            found = [(m.start(), m.group()) for m in outside_quotes(target, text)]
            assert found == _old_outside(target, text), (target, text)


def test_colon_and_lead_word_outside_quotes() -> None:
    assert first_colon("“甲：乙”丙：丁") == 6
    assert first_colon("“甲：乙") == 2  # an unclosed quote quotes nothing
    assert first_colon("「甲」“乙“丙：丁") == 7
    assert lead("“是指”双一流是指一流大学。") == 7
