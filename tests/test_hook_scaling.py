"""The draft hooks stay linear in the draft's size: no quote against every span, no rescans.

Each scaling test times a draft and one eight times its size, best of three runs each,
and allows the larger sixteen times the smaller's time: twice what linear time needs,
against 64 times for a quadratic step. The sizes run in well under a second.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from glossary import Glossary
from glossary._hook.annotate import annotate
from glossary._hook.check import UNKNOWN, Covered, check
from glossary._hook.uses import Accepted

GLOSSARY = Glossary.default()
#: Linear time gives 8x; the margin absorbs a busy machine and fixed costs that shrink.
ALLOWED = 16


def best_time(run: Callable[[], object], repeat: int = 3) -> float:
    """The best of ``repeat`` timings of ``run``: the least disturbed by other work."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def ratio(make: Callable[[int], str], run: Callable[[str], object], small: int) -> float:
    """How many times longer ``run`` takes on ``make(8 * small)`` than on ``make(small)``."""
    little, large = make(small), make(8 * small)
    run(little)  # warm up: the automaton and the long-text tables are built once
    return best_time(lambda: run(large)) / best_time(lambda: run(little))


def test_check_is_linear_in_the_quotes_and_terms_of_a_draft() -> None:
    # Every quote is a known term: each was compared with every covered span before.
    def make(n: int) -> str:
        return "发展“20+8”产业。\n" * n

    assert check(make(2), GLOSSARY)[0].term == "“20+8”"
    assert ratio(make, lambda text: check(text, GLOSSARY), 1_500) < ALLOWED


def test_check_is_linear_when_the_draft_explains_its_own_terms() -> None:
    # Distinct unknown quotes before a long 名词解释 of the draft's own: each was looked
    # for in the whole of that section.
    def make(n: int) -> str:
        quotes = "".join(f"推进“{i}+{i}+N”。\n" for i in range(n))
        return quotes + "名词解释\n" + "说明。" * (10 * n) + "\n"

    assert {f.message for f in check(make(2), GLOSSARY)} == {UNKNOWN}
    assert ratio(make, lambda text: check(text, GLOSSARY), 1_000) < ALLOWED


def test_silencing_comments_are_linear_on_one_long_line() -> None:
    # Many ignore comments on one line (a draft without line breaks): each looked for its
    # line's end, and each use was compared with every comment.
    def make(n: int) -> str:
        return "发展“20+8”产业<!-- glossary: ignore 四个意识 -->" * n

    assert [f.term for f in check(make(3), GLOSSARY)] == ["“20+8”"]
    assert ratio(make, lambda text: check(text, GLOSSARY), 1_000) < ALLOWED


def test_silencing_paragraphs_are_linear() -> None:
    # Comments standing alone, each silencing the rest of one long paragraph.
    def make(n: int) -> str:
        return "<!-- glossary: ignore 四个意识 -->\n发展“20+8”产业\n" * n

    assert [f.term for f in check(make(3), GLOSSARY)] == ["“20+8”"]
    assert ratio(make, lambda text: annotate(text, GLOSSARY, markdown=True), 600) < ALLOWED


def test_unclosed_ignore_comments_on_one_line_are_linear() -> None:
    def make(n: int) -> str:
        return "<!-- glossary: ignore 双区 " * n + "“20+8”"

    assert [f.term for f in check(make(3), GLOSSARY)] == ["“20+8”"]
    assert ratio(make, lambda text: Accepted(text, (), True), 8_000) < ALLOWED


def test_covered_spans_answer_overlap_exactly() -> None:
    rng = random.Random(21)
    for _ in range(300):
        spans = []
        for _ in range(rng.randrange(0, 12)):
            start = rng.randrange(0, 40)
            spans.append((start, start + rng.randrange(0, 10)))  # nested, overlapping, empty
        covered = Covered(spans)
        for start in range(0, 45):
            for end in range(start, start + 6):
                expected = any(s < end and start < e for s, e in spans)
                assert covered.overlaps(start, end) is expected, (spans, start, end)


def test_covered_spans_edges() -> None:
    covered = Covered([(5, 8), (0, 2)])
    assert not covered.overlaps(2, 5)  # touching either side is not overlapping
    assert covered.overlaps(7, 9)
    assert covered.overlaps(1, 2)
    assert not Covered([]).overlaps(0, 10)
