"""Measure ``glossary corpus``: documents a second on 1 and 2 workers against a loop.

Run from anywhere (it finds the repository from its own path)::

    python benchmarks/bench_corpus.py               # 10,000 documents: about 4 minutes a round
    python benchmarks/bench_corpus.py --quick       # 500 documents: about 30 s
    python benchmarks/bench_corpus.py --documents 2000 --rounds 3 --json

The collection is the 23 reports of tests/fixtures/reports repeated, each copy ending
in a line of its own so that no two documents share a content hash. Each measurement
runs in a fresh process of its own, one after another in one run of this script: two
loops over ``Glossary.explain()`` (read, decode, explain each file; the second also reads
each explanation's ``unexplained`` spans and ``region``, which the corpus tables hold and
explain() leaves to their first reader), then ``run_corpus`` with 1 and then 2 workers of
a local cluster started by the run, as the command does. With ``--rounds N`` the four
alternate N times and the best of each is kept.

Nothing here asserts or fails: the 1.7x target is printed next to its figures, against
both loops, with whether this run meets it. The machine's load average is printed before
and after, since on a shared machine it moves every figure. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "fixtures" / "reports"
FULL, QUICK = 10_000, 500
TARGET = 1.7  # 2 workers against the loop, on an idle 2-core machine
MB = 1_000_000
SECTIONS = ("rate", "ratios", "cpu", "memory", "overhead")  # in the order printed


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured figure, with its target (if any) and whether this run meets it."""

    section: str
    label: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""


# --------------------------------------------------------------------------- inputs


def make_collection(top: Path, count: int) -> int:
    """Write ``count`` documents under ``top``, 1,000 a folder; return their bytes.

    Document ``n`` is report ``n % 23`` with a line naming ``n`` at its end, where it
    changes neither the title, the year nor the region.

    >>> with tempfile.TemporaryDirectory() as top:
    ...     size = make_collection(Path(top), 24)
    ...     files = sorted(Path(top).rglob("*.txt"))
    ...     len(files), files[0].read_bytes() != files[23].read_bytes()
    (24, True)
    """
    sources = sorted(REPORTS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    total = 0
    for n in range(count):
        folder = top / f"{n // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        source = sources[n % len(sources)]
        raw = f"{texts[n % len(texts)].rstrip()}\n\n（副本 {n}）\n".encode()
        (folder / f"{n:05d}-{source.name}").write_bytes(raw)
        total += len(raw)
    return total


# --------------------------------------------------------------------------- children


def _usage() -> dict[str, float]:
    """CPU seconds and peak resident MB of this process and of its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu_self": own.ru_utime + own.ru_stime,
        "cpu_children": children.ru_utime + children.ru_stime,
        "peak_self_mb": own.ru_maxrss / 1024,  # Linux gives kilobytes
        "peak_children_mb": children.ru_maxrss / 1024,  # the largest child's
    }


def loop_child(collection: Path, same_work: bool = False) -> dict[str, float]:
    """Read, decode and explain every document in this process, as a script would.

    With ``same_work`` it also reads what the corpus tables hold beyond the annotations:
    the unexplained spans and the region, which an ``Explanation`` works out when first
    asked. The corpus run's workers do that work; this loop is its single-process twin.
    """
    from glossary import Glossary

    glossary = Glossary.default()
    files = sorted(collection.rglob("*.txt"))
    glossary.explain(files[0].read_text(encoding="utf-8"))  # warm: compiled, automaton
    before = _usage()
    started = time.perf_counter()
    annotations = unexplained = with_region = 0
    for path in files:
        explanation = glossary.explain(path.read_bytes().decode("utf-8"))
        annotations += len(explanation)
        if same_work:
            unexplained += len(explanation.unexplained)
            with_region += bool(explanation.region)
    seconds = time.perf_counter() - started
    after = _usage()
    return {
        "seconds": seconds,
        "documents": len(files),
        "annotations": annotations,
        "unexplained": unexplained,
        "with_region": with_region,
        "cpu": after["cpu_self"] - before["cpu_self"],
        "peak_client_mb": after["peak_self_mb"],
    }


def corpus_child(collection: Path, out: Path, workers: int) -> dict[str, float]:
    """``run_corpus`` on a local cluster of ``workers``, the glossary and imports loaded first.

    The workers are this process's children, reaped when the cluster closes: their CPU
    time and the largest one's peak memory are read from ``RUSAGE_CHILDREN``. The client
    figures include the scheduler and the workers' nannies, which run in its process.
    """
    from glossary import Glossary
    from glossary._corpus import Progress, run_corpus
    from glossary._corpus._cluster import Cluster  # noqa: F401  imported before the timing
    from glossary._corpus._store import Store  # noqa: F401

    glossary = Glossary.default()
    glossary.compiled  # noqa: B018  compiled before the timing, as the loop's is
    seen: list[float] = []

    def progress(p: Progress) -> None:
        if not seen:
            seen.append(time.perf_counter())

    before = _usage()
    started = time.perf_counter()
    summary = run_corpus([collection], out, glossary=glossary, workers=workers, progress=progress)
    seconds = time.perf_counter() - started
    after = _usage()
    return {
        "seconds": seconds,
        "first_result": seen[0] - started if seen else float("nan"),
        "documents": summary.annotated,
        "annotations": summary.annotations,
        "failed": summary.failed,
        "cpu_client": after["cpu_self"] - before["cpu_self"],
        "cpu_workers": after["cpu_children"] - before["cpu_children"],
        "peak_client_mb": after["peak_self_mb"],
        "peak_worker_mb": after["peak_children_mb"],
    }


def spawn(*argv: str) -> dict[str, float]:
    """Run this script as a child with ``argv`` and return the JSON it prints."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"child {argv} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


# --------------------------------------------------------------------------- the run


def measure(
    collection: Path, scratch: Path, rounds: int, log: Callable[[str], None]
) -> dict[str, dict[str, float]]:
    """The best of ``rounds`` runs of the two loops and of the corpus on 1 and 2 workers.

    Best is the shortest; ``least_cpu`` is the least CPU time of any of the runs, since
    other work on the machine inflates CPU times too (by sharing the caches).
    """
    best: dict[str, dict[str, float]] = {}
    least: dict[str, float] = {}
    for n in range(rounds):
        for name, argv in (
            ("loop", ["--loop-child", str(collection)]),
            ("same work", ["--loop-child", str(collection), "--same-work"]),
            ("1 worker", ["--corpus-child", str(collection), str(scratch / "out"), "1"]),
            ("2 workers", ["--corpus-child", str(collection), str(scratch / "out"), "2"]),
        ):
            log(f"round {n + 1}/{rounds}: {name}, load {os.getloadavg()[0]:.2f}")
            result = spawn(*argv)
            result["load"] = os.getloadavg()[0]
            shutil.rmtree(scratch / "out", ignore_errors=True)
            if name not in best or result["seconds"] < best[name]["seconds"]:
                best[name] = result
            cpu = _cpu(result)
            least[name] = min(least.get(name, cpu), cpu)
    return {name: {**result, "least_cpu": least[name]} for name, result in best.items()}


def _cpu(run: dict[str, float]) -> float:
    """The CPU seconds of a run, all its processes together."""
    return run["cpu"] if "cpu" in run else run["cpu_client"] + run["cpu_workers"]


#: The two loops the corpus runs are compared with: (results key, label, ratio's suffix).
LOOPS = (
    ("loop", "loop over explain()", "loop"),
    ("same work", "loop over explain(), the tables' work too", "loop doing the tables' work"),
)


def figures_of(results: dict[str, dict[str, float]], size: int) -> list[Figure]:
    """The table's figures from the best runs, ``size`` being the collection's bytes."""
    figures = [_rate(label, results[key], size) for key, label, _ in LOOPS]
    figures.append(
        Figure("memory", "peak RSS, the loop's process", results["loop"]["peak_client_mb"], "MB")
    )
    for name in ("1 worker", "2 workers"):
        run = results[name]
        target = f">= {TARGET}x" if name == "2 workers" else ""
        steady = (run["documents"] - 1) / (run["seconds"] - run["first_result"])
        figures += [
            _rate(f"corpus, {name}", run, size),
            Figure("rate", f"corpus, {name}, after its first result", steady, "doc/s"),
            Figure("memory", f"peak RSS, client, {name}", run["peak_client_mb"], "MB"),
            Figure("memory", f"peak RSS, largest worker, {name}", run["peak_worker_mb"], "MB"),
        ]
        for key, _, against in LOOPS:
            speed = results[key]["seconds"] / run["seconds"]
            label = f"corpus, {name} / {against}"
            figures.append(Figure("ratios", label, speed, "x", target, _met(speed, target)))
    return figures + cpu_figures(results) + overhead_figures(results["loop"], results["1 worker"])


def cpu_figures(results: dict[str, dict[str, float]]) -> list[Figure]:
    """CPU time a document, and the cores each run had: what load on a shared machine hides.

    The bound is a loop's CPU time over the run's, spread evenly over two cores: what
    two workers could reach on an idle 2-core machine, if nothing waited on anything.
    """
    documents = results["loop"]["documents"]
    figures = []
    for name in ("loop", "same work", "1 worker", "2 workers"):
        run = results[name]
        label = {"loop": "loop", "same work": "loop, the tables' work too"}.get(
            name, f"corpus, {name}"
        )
        figures += [
            Figure("cpu", f"{label}: CPU a document", run["least_cpu"] / documents * 1e3, "ms"),
            Figure("cpu", f"{label}: cores it had", _cpu(run) / run["seconds"], "cores"),
        ]
    two = results["2 workers"]["least_cpu"] / 2
    for key, _, against in LOOPS:
        bound = results[key]["least_cpu"] / two
        figures.append(Figure("cpu", f"bound on 2 idle cores / {against}", bound, "x"))
    return figures


def overhead_figures(loop: dict[str, float], one: dict[str, float]) -> list[Figure]:
    """What the run adds to the loop on 1 worker, per document and once."""
    documents = loop["documents"]
    cpu = one["least_cpu"]
    split = (
        f"fastest runs: client {one['cpu_client']:.1f} s, worker {one['cpu_workers']:.1f} s, "
        f"loop {loop['cpu']:.1f} s"
    )
    return [
        Figure("overhead", "first result after the run starts, 1 worker", one["first_result"], "s"),
        Figure(
            "overhead",
            "wall time over the loop, 1 worker",
            (one["seconds"] - loop["seconds"]) / documents * 1e3,
            "ms/doc",
        ),
        Figure(
            "overhead",
            "CPU over the loop, 1 worker (all processes)",
            (cpu - loop["least_cpu"]) / documents * 1e3,
            "ms/doc",
            note=split,
        ),
    ]


def _rate(label: str, run: dict[str, float], size: int) -> Figure:
    rate = run["documents"] / run["seconds"]
    note = f"{size / MB / run['seconds']:.1f} MB/s, {run['seconds']:.1f} s, load {run['load']:.2f}"
    return Figure("rate", label, rate, "doc/s", note=note)


def _met(value: float, target: str) -> bool | None:
    """Whether ``value`` meets a target written ``>= 1.7x``; None when there is none.

    >>> _met(1.8, ">= 1.7x"), _met(1.6, ">= 1.7x"), _met(1.0, "")
    (True, False, None)
    """
    return value >= float(target.split()[1].rstrip("x")) if target else None


# --------------------------------------------------------------------------- output


def format_table(figures: Sequence[Figure], meta: dict[str, Any]) -> str:
    """The human-readable report: one line per figure, grouped by section."""
    lines = [f"{key}: {value}" for key, value in meta.items()]
    width = max(len(f.label) for f in figures)
    section = ""
    for f in sorted(figures, key=lambda f: SECTIONS.index(f.section)):
        if f.section != section:
            section = f.section
            lines += ["", f"== {section}"]
        verdict = "" if f.met is None else ("yes" if f.met else "NO")
        row = f"{f.label:<{width}}  {f.value:>9.2f} {f.unit:<6} {f.target:<8} {verdict:<3} {f.note}"
        lines.append(row.rstrip())
    return "\n".join(lines)


def metadata(documents: int, size: int, rounds: int) -> dict[str, Any]:
    """The conditions of a run: the collection, versions, cores and load."""
    from importlib.metadata import version

    return {
        "collection": f"{documents:,} documents, {size / MB:.0f} MB",
        "rounds": f"{rounds} (best of each kept)",
        "python": platform.python_version(),
        "versions": ", ".join(
            f"{name} {version(name)}" for name in ("glossary", "dask", "distributed", "pyarrow")
        ),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load at the start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def parser() -> argparse.ArgumentParser:
    """The command line of the benchmark, and of its children."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK} documents")
    parser.add_argument("--documents", type=int, metavar="N", help=f"default {FULL:,}")
    parser.add_argument("--rounds", type=int, default=1, metavar="N", help="runs of each")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--scratch", metavar="DIR", help="where the collection is written")
    parser.add_argument("--loop-child", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--same-work", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus-child", nargs=3, metavar="X", help=argparse.SUPPRESS)
    return parser


def count_of(argv: Sequence[str]) -> int:
    """How many documents a run with ``argv`` measures.

    >>> count_of(["--quick"]), count_of(["--documents", "2000"])
    (500, 2000)
    """
    args = parser().parse_args(argv)
    return int(args.documents or (QUICK if args.quick else FULL))


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run the benchmark, print the table or JSON."""
    argv = sys.argv[1:] if argv is None else argv
    args = parser().parse_args(argv)
    if args.loop_child:
        print(json.dumps(loop_child(Path(args.loop_child), args.same_work)))
        return 0
    if args.corpus_child:
        collection, out, workers = args.corpus_child
        print(json.dumps(corpus_child(Path(collection), Path(out), int(workers))))
        return 0
    count = count_of(argv)
    began = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - began:5.0f} s] {message}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(dir=args.scratch) as scratch:
        log(f"writing {count:,} documents")
        size = make_collection(Path(scratch, "collection"), count)
        meta = metadata(count, size, args.rounds)
        results = measure(Path(scratch, "collection"), Path(scratch), args.rounds, log)
    figures = figures_of(results, size)
    meta["load at the end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    meta["run time"] = f"{time.perf_counter() - began:.0f} s"
    if args.json:
        rows = [asdict(f) for f in figures]
        print(json.dumps({"meta": meta, "figures": rows}, ensure_ascii=False, indent=1))
    else:
        print(format_table(figures, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
