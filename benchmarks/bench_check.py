"""Measure ``glossary check`` on 1, 10 and 100 MB drafts: seconds, MB/s, and their ratios.

Run from anywhere (it finds the repository from its own path)::

    python benchmarks/bench_check.py            # 1, 10 and 100 MB: about a minute on 2 cores
    python benchmarks/bench_check.py --quick    # 1 and 10 MB
    python benchmarks/bench_check.py --json     # the same figures as one JSON document

Two ways in: the library's ``glossary._hook.check.check`` on the draft's text, and the
command in-process (``glossary_cli.main.main(["check", FILE])``: reading, decoding,
checking and printing the findings to a discarded stream). Each is the best of a few
runs, after one warm-up call. The drafts repeat the prose of the three Simplified seed
documents (tests/fixtures/seeds; the Longgang report without its own 名词解释, which
would explain the terms after it) to the size. Linear time makes each size's time ten
times the one before; the ratios say how far from that a run is. Nothing is asserted
(tests/test_check_scaling.py asserts near-linear growth on smaller drafts); see
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from glossary import Glossary
from glossary._hook.check import check
from glossary_cli.main import main as glossary_main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
SIMPLIFIED_SEEDS = (
    "longgang-2022-plenary-news",
    "longgang-2023-work-report",
    "luohu-2022-report-forum",
)
MB = 1_000_000
SIZES = (1, 10, 100)


def draft_prose() -> str:
    """The Simplified seeds' prose, each cut before a glossary section of its own.

    >>> "有关名词解释" in draft_prose(), len(draft_prose().encode()) > 50_000
    (False, True)
    """
    texts = [(SEEDS / f"{name}.txt").read_text(encoding="utf-8") for name in SIMPLIFIED_SEEDS]
    return "\n\n".join(text.split("有关名词解释")[0] for text in texts)


def build_draft(prose: str, size: int) -> str:
    """Repeat ``prose`` to ``size`` UTF-8 bytes, cut at a character boundary.

    >>> text = build_draft("双区驱动", 20)
    >>> text, len(text.encode())
    ('双区驱动双区', 18)
    """
    repeats = size // max(1, len(prose.encode())) + 1
    return (prose * repeats).encode()[:size].decode("utf-8", "ignore")


def best(run: Callable[[], object], repeat: int) -> float:
    """The best of ``repeat`` timings of ``run``, in seconds: the least disturbed."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(sizes: Sequence[int], log: Callable[[str], None]) -> list[dict[str, float | str]]:
    """Time the library and the command at each size (MB); one row per (way, size)."""
    glossary = Glossary.default()
    prose = draft_prose()
    rows: list[dict[str, float | str]] = []
    with tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            text = build_draft(prose, size * MB)
            path = Path(directory, f"draft-{size}mb.md")
            path.write_text(text, encoding="utf-8")
            repeat = 1 if size >= 100 else 3
            ways: dict[str, Callable[[], object]] = {
                "library": lambda text=text: check(text, glossary, markdown=True),
                "command": lambda path=path: _command(path),
            }
            for way, run in ways.items():
                log(f"{way}, {size} MB ...")
                if size < 100:
                    run()  # warm up: the automaton and the tables are built once
                seconds = best(run, repeat)
                rows.append(
                    {"way": way, "mb": size, "seconds": seconds, "mb_per_s": size / seconds}
                )
            findings = len(check(text, glossary, markdown=True))
            rows[-1]["findings"] = rows[-2]["findings"] = findings
            path.unlink()
    return rows


def _command(path: Path) -> int:
    """``glossary check PATH`` in-process, its output discarded; its exit code."""
    return glossary_main(["check", str(path)], stdout=io.StringIO(), stderr=io.StringIO())


def ratios(rows: Sequence[dict[str, float | str]]) -> list[dict[str, float | str]]:
    """Each size's time over the time of the size before it, per way (linear: the size ratio).

    >>> rows = [{"way": "library", "mb": mb, "seconds": s} for mb, s in ((1, 0.1), (10, 1.2))]
    >>> [(r["sizes"], round(float(r["ratio"]), 1)) for r in ratios(rows)]
    [('10 MB / 1 MB', 12.0)]
    """
    found = []
    for way in dict.fromkeys(str(row["way"]) for row in rows):
        mine = [row for row in rows if row["way"] == way]
        for small, large in itertools.pairwise(mine):
            found.append(
                {
                    "way": way,
                    "sizes": f"{large['mb']} MB / {small['mb']} MB",
                    "ratio": float(large["seconds"]) / float(small["seconds"]),
                    "linear": float(large["mb"]) / float(small["mb"]),
                }
            )
    return found


def format_table(rows: Sequence[dict[str, float | str]]) -> str:
    """The figures as a table: seconds and MB/s per way and size, then the ratios."""
    lines = [f"== check: {platform.python_version()}, {platform.machine()}"]
    for row in rows:
        lines.append(
            f"{row['way']:<8} {row['mb']:>4} MB  {float(row['seconds']):8.3f} s"
            f"  {float(row['mb_per_s']):7.2f} MB/s  {row['findings']} findings"
        )
    lines.append("== time ratios (linear time: the size ratio)")
    for ratio in ratios(rows):
        lines.append(
            f"{ratio['way']:<8} {ratio['sizes']:<16} {float(ratio['ratio']):6.2f}x"
            f"  (linear: {float(ratio['linear']):.0f}x)"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the measurements and print the table (or JSON) on stdout."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="1 and 10 MB only")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--sizes", type=int, nargs="+", help="sizes in MB (default 1 10 100)")
    args = parser.parse_args(argv)
    sizes = args.sizes or (SIZES[:2] if args.quick else SIZES)
    rows = measure(sizes, lambda message: print(message, file=sys.stderr, flush=True))
    if args.json:
        print(json.dumps({"figures": rows, "ratios": ratios(rows)}, indent=2))
    else:
        print(format_table(rows), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
