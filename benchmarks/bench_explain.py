"""Measure ``glossary.explain()``: throughput, floors, build, per call, memory, start-up.

Run from anywhere (it finds the repository from its own path)::

    python benchmarks/bench_explain.py            # full run, 1-2 minutes on 2 cores
    python benchmarks/bench_explain.py --quick    # 1 MB texts, no 100k-term glossary
    python benchmarks/bench_explain.py --json     # the same figures as one JSON document
    python benchmarks/bench_explain.py --only-startup --startup-runs 21   # start-up alone

Nothing here asserts or fails: every target is printed next to its figure with whether
this run meets it. Throughput and build times are the best of several runs (the least
disturbed by other processes on a shared machine); per-call and start-up times are
medians. Compare ratios within one run rather than absolute figures across runs.
See benchmarks/README.md for what each line means.
"""

from __future__ import annotations

import argparse
import bisect
import gc
import itertools
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import ahocorasick_rs
import opencc
from flashtext import KeywordProcessor

import glossary
from glossary import Entry, Glossary, Kind, Level, Scope, Sense, Source
from glossary._normalise.normalise import normalise_term

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
SIMPLIFIED_SEEDS = (
    "longgang-2022-plenary-news",
    "longgang-2023-work-report",
    "luohu-2022-report-forum",
)
TRADITIONAL_SEEDS = ("baoan-2023-party-congress-hant", "luohu-2021-report-news-hant-pinyin")
MB = 1_000_000
SENTENCE_CHARS = 200
DRAFT_BYTES = 10_000
BARE_IMPORTS = "import opencc, ahocorasick_rs"

_HAN = re.compile("[\u4e00-\u9fff]")
# (region, level) of the synthetic senses; repeated keys then compete on regional cues.
_SCOPES: tuple[tuple[str, Level], ...] = (
    ("深圳市龙岗区", "district"),
    ("深圳市罗湖区", "district"),
    ("深圳市宝安区", "district"),
    ("深圳市", "city"),
    ("广东省", "province"),
)


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


def seed_text(names: Sequence[str]) -> str:
    """The named seed documents, joined by blank lines."""
    return "\n\n".join((SEEDS / f"{name}.txt").read_text(encoding="utf-8") for name in names)


def build_text(seed: str, size: int) -> str:
    """Repeat ``seed`` to ``size`` UTF-8 bytes (cut at a character boundary, so up to 3 fewer).

    >>> text = build_text("双区驱动", 20)
    >>> text, len(text.encode())
    ('双区驱动双区', 18)
    """
    repeats = size // max(1, len(seed.encode())) + 1
    return (seed * repeats).encode()[:size].decode("utf-8", "ignore")


def han_distribution(text: str) -> tuple[list[str], list[int]]:
    """The Han characters of ``text`` and their cumulative counts, for weighted drawing."""
    counts = Counter(_HAN.findall(text))
    chars = sorted(counts)
    return chars, list(itertools.accumulate(counts[c] for c in chars))


def synthetic_terms(count: int, text: str, seed: int = 2023) -> list[str]:
    """``count`` plausible terms: Han strings of 2-8 characters drawn with the character
    frequencies of ``text``, and one in twenty a formula such as ``3+12+N``.

    >>> terms = synthetic_terms(40, "双区驱动六稳六保专精特新")
    >>> len(terms), all(2 <= len(t) <= 8 or "+" in t for t in terms)
    (40, True)
    """
    chars, cumulative = han_distribution(text)
    rng = random.Random(seed)
    total = cumulative[-1]
    terms = []
    for _ in range(count):
        if rng.random() < 0.05:
            parts = [str(rng.randint(1, 20)) for _ in range(rng.randint(2, 3))]
            terms.append("+".join([*parts, "N"]))
        else:
            draws = (rng.random() * total for _ in range(rng.randint(2, 8)))
            terms.append("".join(chars[bisect.bisect_right(cumulative, d)] for d in draws))
    return terms


def synthetic_entries(terms: Sequence[str]) -> list[Entry]:
    """One single-sense entry per term, built from the runtime types directly."""
    source = Source(document="synthetic benchmark glossary", issuer="benchmark", date="2023-01-01")
    entries = []
    for i, term in enumerate(terms):
        region, level = _SCOPES[i % len(_SCOPES)]
        sense = Sense(
            expansion=f"synthetic term {i}",
            definition=f"{term}：基准测试用的合成词条。",
            scope=Scope(region=region, level=level),
            years=(2023,),
            origin="editorial",
            source=source,
        )
        kind: Kind = "numeric-formula" if "+" in term else "slogan"
        entries.append(Entry(id=f"synthetic-{i}", term=term, kind=kind, senses=(sense,)))
    return entries


def sentence(text: str, anchor: str, length: int = SENTENCE_CHARS) -> str:
    """``length`` characters of ``text`` starting a little before ``anchor``."""
    start = max(0, text.find(anchor) - 20)
    return text[start : start + length]


# --------------------------------------------------------------------------- timing


def timed(func: Callable[[], object], repeat: int) -> list[float]:
    """Wall times of ``repeat`` calls of ``func``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def rate(text: str, times: Sequence[float]) -> dict[str, float]:
    """Best and median throughput over ``times`` in MB/s of UTF-8 input."""
    size = len(text.encode()) / MB
    return {
        "mb_per_s": size / min(times),
        "median_mb_per_s": size / statistics.median(times),
        "best_s": min(times),
    }


def measure_explain(g: Glossary, text: str, repeat: int) -> dict[str, float]:
    """Throughput of ``glossary.explain`` over ``text`` (one warm-up call first)."""
    matches = len(glossary.explain(text, glossary=g))
    times = timed(lambda: glossary.explain(text, glossary=g), repeat)
    return {**rate(text, times), "matches": matches}


def floor_runner(patterns: Sequence[str]) -> Callable[[str], int]:
    """The floor: OpenCC t2s, then ahocorasick-rs leftmost-longest; returns the match count."""
    converter = opencc.OpenCC("t2s")
    automaton = ahocorasick_rs.AhoCorasick(
        list(patterns), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )

    def run(text: str) -> int:
        return len(automaton.find_matches_as_indexes(converter.convert(text)))

    return run


def measure_pair(
    g: Glossary, text: str, repeat: int, script_too: bool = False
) -> tuple[dict[str, float], dict[str, float], dict[str, float] | None]:
    """Throughput of explain and of the floor on the same patterns, runs interleaved so
    that both see the same load from other processes (one warm-up call each first).

    With ``script_too``, also of explain followed by reading ``.script``, which explain
    leaves to its first reader (renderers read it).
    """
    floor = floor_runner(g.compiled.keys)
    matches = (len(glossary.explain(text, glossary=g)), floor(text))
    explain_times: list[float] = []
    floor_times: list[float] = []
    script_times: list[float] = []
    for _ in range(repeat):
        explain_times += timed(lambda: glossary.explain(text, glossary=g), 1)
        floor_times += timed(lambda: floor(text), 1)
        if script_too:
            script_times += timed(lambda: glossary.explain(text, glossary=g).script, 1)
    return (
        {**rate(text, explain_times), "matches": matches[0]},
        {**rate(text, floor_times), "matches": matches[1]},
        {**rate(text, script_times), "matches": matches[0]} if script_too else None,
    )


def measure_flashtext(patterns: Sequence[str], text: str, repeat: int) -> dict[str, float]:
    """Throughput of flashtext (case-sensitive, as our matcher) extracting spans."""
    processor = KeywordProcessor(case_sensitive=True)
    for pattern in patterns:
        processor.add_keyword(pattern)
    matches = len(processor.extract_keywords(text, span_info=True))
    times = timed(lambda: processor.extract_keywords(text, span_info=True), repeat)
    return {**rate(text, times), "matches": matches}


def measure_build(entries: Sequence[Entry], repeat: int) -> dict[str, float]:
    """Best times of normalising the terms, compiling the tables, and building the automaton.

    ``compile_s`` is ``Glossary(entries).compiled`` (which normalises every surface itself);
    ``automaton_s`` is the first match, which builds the automaton lazily.
    """
    surfaces = [s for e in entries for s in (*e.surfaces, *e.exclude)]
    best = {"normalise_s": float("inf"), "compile_s": float("inf"), "automaton_s": float("inf")}
    for _ in range(repeat):
        best["normalise_s"] = min(best["normalise_s"], min(timed(lambda: _keys(surfaces), 1)))
        start = time.perf_counter()
        compiled = Glossary(entries).compiled
        middle = time.perf_counter()
        compiled.matcher.automaton()
        end = time.perf_counter()
        best["compile_s"] = min(best["compile_s"], middle - start)
        best["automaton_s"] = min(best["automaton_s"], end - middle)
    return {**best, "total_s": best["compile_s"] + best["automaton_s"], "keys": len(compiled.keys)}


def _keys(surfaces: Sequence[str]) -> list[str]:
    return [normalise_term(s) for s in surfaces]


def measure_per_call(
    g: Glossary, text: str, calls: int, then: Callable[[glossary.Explanation], object] = len
) -> dict[str, float]:
    """Median and 90th percentile of one ``explain`` call on a short text, after warm-up.

    ``then`` runs on each result inside the timing: ``len`` by default, or reading
    ``.script`` (which explain leaves to its first reader) to time what a renderer pays.
    """
    for _ in range(max(10, calls // 10)):
        then(glossary.explain(text, glossary=g))
    times = sorted(timed(lambda: then(glossary.explain(text, glossary=g)), calls))
    return {
        "median_ms": statistics.median(times) * 1000,
        "p90_ms": times[int(len(times) * 0.9)] * 1000,
        "matches": len(glossary.explain(text, glossary=g)),
    }


# --------------------------------------------------------------------------- memory


def measure_tracemalloc(g: Glossary, text: str) -> dict[str, float]:
    """Peak of traced allocations during one ``explain`` call, result included.

    tracemalloc sees Python objects and numpy arrays, not OpenCC's or ahocorasick-rs's
    native buffers: a lower bound.
    """
    glossary.explain(text[:50_000], glossary=g)  # numpy tables and imports, not explain's cost
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        result = glossary.explain(text, glossary=g)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    del result
    size = len(text.encode())
    return {"peak_mb": peak / MB, "multiple": peak / size, "input_mb": size / MB}


def _status_kb(field: str) -> int:
    """A ``VmRSS``/``VmHWM`` line of /proc/self/status, in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _reset_peak() -> bool:
    """Reset the peak-RSS mark (Linux 4.0+: ``5`` to /proc/self/clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def memory_child(script: str, size: int) -> dict[str, Any]:
    """In a fresh process: RSS peak growth of one ``explain`` over the built text."""
    text = build_text(
        seed_text(SIMPLIFIED_SEEDS if script == "simplified" else TRADITIONAL_SEEDS), size
    )
    g = Glossary.default()
    glossary.explain(text[:50_000], glossary=g)  # numpy, tables, automaton: not explain's cost
    gc.collect()
    reset = _reset_peak()
    before = _status_kb("VmRSS") if reset else _status_kb("VmHWM")
    result = glossary.explain(text, glossary=g)
    peak = _status_kb("VmHWM")
    input_bytes = len(text.encode())
    return {
        "peak_growth_mb": (peak - before) * 1024 / MB,
        "multiple": (peak - before) * 1024 / input_bytes,
        "input_mb": input_bytes / MB,
        "matches": len(result),
        "method": "VmHWM after clear_refs minus VmRSS before" if reset else "VmHWM delta",
    }


def measure_rss(script: str, size: int) -> dict[str, Any]:
    """Run ``memory_child`` in a subprocess so earlier measurements do not mask its peak."""
    if not Path("/proc/self/status").exists():
        return {"error": "needs Linux /proc"}
    command = [sys.executable, __file__, "--memory-child", script, str(size)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# --------------------------------------------------------------------------- start-up


def median_walls(
    commands: Sequence[Sequence[str]], runs: int, env: dict[str, str], cwd: str
) -> list[tuple[float, int]]:
    """Median wall time and last exit code of each command: one untimed warm-up each, then
    ``runs`` rounds that run every command once, so that all see the same load."""
    for command in commands:
        subprocess.run(command, capture_output=True, env=env, cwd=cwd, check=False)
    times: list[list[float]] = [[] for _ in commands]
    codes = [0] * len(commands)
    for _ in range(runs):
        for i, command in enumerate(commands):
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, env=env, cwd=cwd, check=False)
            times[i].append(time.perf_counter() - start)
            codes[i] = done.returncode
    return [(statistics.median(t), code) for t, code in zip(times, codes, strict=True)]


def cli_command() -> list[str] | None:
    """How to run ``glossary``: the installed console script, if its module exists."""
    if find_spec("glossary_cli") is None or find_spec("glossary_cli.main") is None:
        return None
    script = Path(sys.executable).with_name("glossary")
    if script.exists():
        return [str(script)]
    found = shutil.which("glossary")
    return [found] if found else None


def measure_startup(runs: int, draft: str) -> list[Figure]:
    """Start-up of ``glossary check`` on a 10 KB draft and of the REPL, vs bare imports.

    Every command runs in a fresh temporary directory, with a glossary cache and a bytecode
    cache of its own, both filled by a first run that is not timed: an installed package
    has its bytecode compiled, so PYTHONDONTWRITEBYTECODE would measure the compiler.
    """
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache"),
            "GLOSSARY_CACHE_DIR": str(Path(tmp) / "cache"),
            "GLOSSARY_HISTORY": str(Path(tmp) / "history"),
            "TERM": "xterm",
        }
        path = Path(tmp) / "draft.md"
        path.write_text(draft, encoding="utf-8")
        commands = [[sys.executable, "-c", "pass"], [sys.executable, "-c", BARE_IMPORTS]]
        command = cli_command()
        if command is not None:
            commands.append([*command, "check", path.name])
        walls = median_walls(commands, runs, env, tmp)
        (python, _), (bare, _) = walls[:2]
        figures.append(Figure("start-up", "python -c pass", python * 1000, "ms"))
        figures.append(Figure("start-up", f"python -c '{BARE_IMPORTS}'", bare * 1000, "ms"))
        figures.append(_check_figure(walls[2] if command else None, bare, len(draft.encode())))
        if command is not None:
            cold = cold_walls([*command, "check", path.name], runs, env, tmp)
            note = f"{cold * 1000:.0f} ms; an empty glossary cache each run"
            label = "first run after install: glossary check / bare imports"
            figures.append(Figure("start-up", label, cold / bare, "x", note=note))
        figures.append(_repl_startup(runs, env, tmp))
    return figures


def cold_walls(command: Sequence[str], runs: int, env: dict[str, str], cwd: str) -> float:
    """Median wall time of ``command`` with a new, empty glossary cache each run.

    Bytecode stays compiled (an installed package has it); only the glossary's own cache
    is new, as on a user's first call after ``pip install``.
    """
    times = []
    for i in range(runs):
        fresh = {**env, "GLOSSARY_CACHE_DIR": str(Path(cwd) / f"cold-cache-{i}")}
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=fresh, cwd=cwd, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _check_figure(wall: tuple[float, int] | None, bare: float, size: int) -> Figure:
    label = f"glossary check <{size // 1000} KB draft> / bare imports"
    if wall is None:
        note = "missing: glossary_cli.main"
        return Figure("start-up", label, float("nan"), "x", "<= 2x", None, note)
    ratio = wall[0] / bare
    note = f"{wall[0] * 1000:.0f} ms, exit code {wall[1]}"
    return Figure("start-up", label, ratio, "x", "<= 2x", ratio <= 2, note)


# Escape sequences and carriage returns, removed before looking for the prompt.
_TERMINAL_CODES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\r")
_PROMPT = b"glossary>"


def time_to_prompt(command: Sequence[str], env: dict[str, str], cwd: str) -> float | None:
    """Seconds from starting ``command`` on a pseudo-terminal to its prompt; then Ctrl-D."""
    import pty
    import select

    master, slave = pty.openpty()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, start_new_session=True
    )
    os.close(slave)
    seen, shown = None, b""
    try:
        while seen is None and time.perf_counter() - start < 10:
            if not select.select([master], [], [], 0.05)[0]:
                continue
            chunk = os.read(master, 65536)
            if b"\x1b[6n" in chunk:  # prompt-toolkit asks where the cursor is: answer
                os.write(master, b"\x1b[1;1R")
            shown += chunk
            if _PROMPT in _TERMINAL_CODES.sub(b"", shown):
                seen = time.perf_counter() - start
        os.write(master, b"\x04")
        process.wait(timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        process.kill()
        process.wait()
    finally:
        os.close(master)
    return seen


def _repl_startup(runs: int, env: dict[str, str], cwd: str) -> Figure:
    label = "REPL start-up: `glossary chat` on a pty, to its prompt"
    command = cli_command()
    if command is None or find_spec("glossary_cli.repl") is None:
        note = "missing: glossary_cli.repl"
        return Figure("start-up", label, float("nan"), "ms", "< 300 ms", None, note)
    time_to_prompt([*command, "chat"], env, cwd)  # warm-up: fills the compiled cache
    times = [time_to_prompt([*command, "chat"], env, cwd) for _ in range(runs)]
    if None in times:
        note = f"no prompt within 10 s in {times.count(None)} of {runs} runs"
        return Figure("start-up", label, float("nan"), "ms", "< 300 ms", None, note)
    wall = statistics.median(t for t in times if t is not None)
    return Figure("start-up", label, wall * 1000, "ms", "< 300 ms", wall < 0.3)


# --------------------------------------------------------------------------- the run


@dataclass(frozen=True, slots=True)
class Plan:
    """What one run measures: sizes, glossaries and repetitions."""

    sizes: tuple[int, ...] = (MB, 10 * MB)
    synthetic: tuple[int, ...] = (10_000, 100_000)
    build_terms: int = 100_000
    repeat: int = 5  # per throughput figure at 10 MB; 1 MB figures take three times as many
    flashtext_size: int = MB
    memory_size: int = 10 * MB
    calls: int = 2000
    startup_runs: int = 9


QUICK = Plan(
    sizes=(MB,),
    synthetic=(10_000,),
    build_terms=10_000,
    memory_size=MB,
    calls=1000,
    startup_runs=5,
)


def _met(value: float, target: str) -> bool:
    """Whether ``value`` meets a target written as ``>= 0.7x``, ``< 1.5 s``, ``<= 3x``."""
    operator, bound = target.split()[:2]
    number = float(bound.rstrip("xms"))
    return {"<": value < number, "<=": value <= number, ">=": value >= number}[operator]


def _ratio(label: str, value: float, target: str = "") -> Figure:
    return Figure("ratios", label, value, "x", target, _met(value, target) if target else None)


def throughput_figures(
    name: str, g: Glossary, texts: dict[str, str], plan: Plan, log: Callable[[str], None]
) -> list[Figure]:
    """explain and the t2s+automaton floor for each script and size; flashtext on Simplified."""
    figures = []
    g.compiled.matcher.automaton()  # build the automaton outside the timings
    for script, seed in texts.items():
        for size in plan.sizes:
            text = build_text(seed, size)
            where = f"{script} {size // MB} MB, {name}"
            log(f"explain and floor: {where}")
            repeat = plan.repeat if size >= 10 * MB else 3 * plan.repeat
            explained, floor, detected = measure_pair(g, text, repeat, script == "traditional")
            target = ">= 0.7x" if script == "traditional" else ">= 1x"
            figures += [
                _rate("explain", f"explain {where}", explained, "annotations"),
                _rate("floor", f"t2s + ahocorasick-rs {where}", floor, "raw matches"),
                _ratio(f"explain/floor {where}", floor["best_s"] / explained["best_s"], target),
            ]
            if detected is not None:  # what a renderer pays on top: script detection
                figures += [
                    _rate("explain", f"explain, then .script {where}", detected, "annotations"),
                    _ratio(
                        f"(explain, then .script)/floor {where}",
                        floor["best_s"] / detected["best_s"],
                    ),
                ]
            if script == "simplified" and size == plan.flashtext_size:
                log(f"flashtext: {where}")
                flash = measure_flashtext(g.compiled.keys, text, plan.repeat)
                ratio = flash["best_s"] / explained["best_s"]
                target = ">= 3x" if len(g) == 10_000 else ""
                figures += [
                    _rate("flashtext", f"flashtext {where}", flash, "matches"),
                    _ratio(f"explain/flashtext {where}", ratio, target),
                ]
    return figures


def _rate(section: str, label: str, measured: dict[str, float], counted: str) -> Figure:
    note = f"median {measured['median_mb_per_s']:.1f}; {measured['matches']:.0f} {counted}"
    return Figure(section, label, measured["mb_per_s"], "MB/s", note=note)


def build_figures(entries: Sequence[Entry], repeat: int) -> list[Figure]:
    """Build time of a synthetic glossary, normalisation and automaton apart."""
    built = measure_build(entries, repeat)
    n = len(entries)
    target = "< 1.5 s" if n >= 100_000 else ""
    return [
        Figure("build", f"normalise {n} terms (normalise_term)", built["normalise_s"], "s"),
        Figure(
            "build",
            "compile: Glossary(entries).compiled, incl. normalising",
            built["compile_s"],
            "s",
        ),
        Figure(
            "build",
            "automaton: first match builds it",
            built["automaton_s"],
            "s",
            note=f"{built['keys']:.0f} patterns",
        ),
        Figure(
            "build",
            f"total build, {n} terms",
            built["total_s"],
            "s",
            target,
            _met(built["total_s"], target) if target else None,
            "" if target else "target is for 100k terms (full run)",
        ),
    ]


def bundled_figures(repeat: int) -> list[Figure]:
    """Load, validate and compile the bundled glossary: what a first call pays, and a warm one.

    ``load (shipped)`` reads the compiled ``_load/bundled.json`` the package ships;
    ``load (validate YAML)`` is what a first call would pay without it (yaml + pydantic);
    ``compile + automaton`` builds the matcher, which every process pays once.
    """
    from glossary._load.cache import load_cached
    from glossary._load.loader import load_layers
    from glossary._load.paths import bundled_terms_dir

    layers = [[bundled_terms_dir()]]
    shipped = min(timed(lambda: load_cached(layers), repeat))
    validated = min(timed(lambda: load_layers(layers), max(1, repeat // 3)))
    entries = load_cached(layers)

    def compile_and_match() -> None:
        Glossary(entries).explain("两重")

    compiled = min(timed(compile_and_match, repeat))
    n = len(entries)
    return [
        Figure("build", f"bundled ({n} entries): load (shipped _bundled.json)", shipped, "s"),
        Figure("build", f"bundled ({n} entries): load (validate YAML)", validated, "s"),
        Figure("build", f"bundled ({n} entries): compile + automaton", compiled, "s"),
    ]


def per_call_figures(g: Glossary, texts: dict[str, str], calls: int) -> list[Figure]:
    """Median cost of one explain call on a 200-character sentence of each script."""
    figures = []
    for script, anchor in (("simplified", "双区"), ("traditional", "「七個突出」")):
        short = sentence(texts[script], anchor)
        cost = measure_per_call(g, short, calls)
        figures.append(
            Figure(
                "per call",
                f"explain, {len(short)}-char {script} sentence (median of {calls})",
                cost["median_ms"],
                "ms",
                "< 0.2 ms",
                _met(cost["median_ms"], "< 0.2 ms"),
                f"p90 {cost['p90_ms']:.3f} ms, {cost['matches']:.0f} annotations",
            )
        )
        detected = measure_per_call(g, short, calls, then=lambda e: e.script)
        figures.append(
            Figure(
                "per call",
                f"explain, then .script, {script} sentence (median of {calls})",
                detected["median_ms"],
                "ms",
                note="script detection is left to the first reader, such as a renderer",
            )
        )
    return figures


def memory_figures(g: Glossary, texts: dict[str, str], size: int) -> list[Figure]:
    """Peak memory of explain as a multiple of the input: RSS in a subprocess, and tracemalloc."""
    figures = []
    for script in texts:
        where = f"{script} {size // MB} MB"
        rss = measure_rss(script, size)
        if "error" in rss:
            figures.append(
                Figure(
                    "memory",
                    f"peak RSS growth / input, {where}",
                    float("nan"),
                    "x",
                    "< 8x",
                    None,
                    rss["error"],
                )
            )
        else:
            figures.append(
                Figure(
                    "memory",
                    f"peak RSS growth / input, {where}",
                    rss["multiple"],
                    "x",
                    "< 8x",
                    _met(rss["multiple"], "< 8x"),
                    f"{rss['peak_growth_mb']:.0f} MB; {rss['method']}",
                )
            )
        traced = measure_tracemalloc(g, build_text(texts[script], size))
        figures.append(
            Figure(
                "memory",
                f"tracemalloc peak / input, {where}",
                traced["multiple"],
                "x",
                note=f"{traced['peak_mb']:.0f} MB; Python and numpy only",
            )
        )
    return figures


def run(plan: Plan, startup: bool, log: Callable[[str], None]) -> list[Figure]:
    """Every measurement of one run, in the order they are printed."""
    texts = {"simplified": seed_text(SIMPLIFIED_SEEDS), "traditional": seed_text(TRADITIONAL_SEEDS)}
    bundled = Glossary.default()
    figures: list[Figure] = []
    log(f"generating {max(plan.synthetic)} synthetic terms")
    terms = synthetic_terms(max(*plan.synthetic, plan.build_terms), texts["simplified"])
    glossaries = {f"bundled ({len(bundled)} entries)": bundled}
    for n in plan.synthetic:
        glossaries[f"{n // 1000}k terms"] = Glossary(synthetic_entries(terms[:n]))
    for name, g in glossaries.items():
        figures += throughput_figures(name, g, texts, plan, log)
    glossaries.clear()
    log(f"build: {plan.build_terms} terms")
    figures += build_figures(synthetic_entries(terms[: plan.build_terms]), repeat=3)
    figures += bundled_figures(repeat=5)
    log("per call")
    figures += per_call_figures(bundled, texts, plan.calls)
    log("memory")
    figures += memory_figures(bundled, texts, plan.memory_size)
    if startup:
        figures += startup_figures(plan, log)
    return figures


def startup_figures(plan: Plan, log: Callable[[str], None]) -> list[Figure]:
    """The start-up section: ``glossary check`` on a 10 KB draft and the REPL."""
    log("start-up")
    longgang = (SEEDS / "longgang-2023-work-report.txt").read_text(encoding="utf-8")
    return measure_startup(plan.startup_runs, build_text(longgang, DRAFT_BYTES))


SECTIONS = ("explain", "floor", "flashtext", "ratios", "build", "per call", "memory", "start-up")


def _order(figures: Sequence[Figure]) -> list[Figure]:
    """Figures grouped by section, in the order of ``SECTIONS``, else of first appearance."""
    sections = [*SECTIONS, *dict.fromkeys(f.section for f in figures)]
    return sorted(figures, key=lambda f: sections.index(f.section))


def format_table(figures: Sequence[Figure], meta: dict[str, Any]) -> str:
    """The human-readable report: one line per figure, grouped by section."""
    lines = [f"{key}: {value}" for key, value in meta.items()]
    width = max(len(f.label) for f in figures) if figures else 10
    header = f"{'measurement':<{width}}  {'value':>10}  {'unit':<5} {'target':<9} {'met':<4} note"
    section = ""
    for f in _order(figures):
        if f.section != section:
            section = f.section
            lines += ["", f"== {section}", header]
        verdict = "-" if f.met is None else ("yes" if f.met else "NO")
        value = (
            "n/a" if f.value != f.value else f"{f.value:.3f}" if f.value < 100 else f"{f.value:.0f}"
        )
        row = f"{f.label:<{width}}  {value:>10}  {f.unit:<5} {f.target:<9} {verdict:<4} {f.note}"
        lines.append(row.rstrip())
    targets = [f for f in figures if f.target]
    met = sum(f.met is True for f in targets)
    missed = [f.label for f in targets if f.met is False]
    unmeasured = sum(f.met is None for f in targets)
    lines += ["", f"targets: {met} met, {len(missed)} missed, {unmeasured} not measured"]
    lines += [f"  missed: {label}" for label in missed]
    return "\n".join(lines)


def metadata(plan: Plan) -> dict[str, Any]:
    """The conditions of a run: versions, cores and load."""
    from importlib.metadata import version

    return {
        "mode": "quick" if plan == QUICK else "full",
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}",
        "versions": ", ".join(
            f"{name} {version(name)}"
            for name in ("glossary", "opencc", "ahocorasick-rs", "flashtext", "numpy")
        ),
        "timings": "throughput and build: best of runs; per call and start-up: median",
    }


def to_json(figures: Sequence[Figure], meta: dict[str, Any]) -> str:
    """The figures as JSON; a figure that could not be measured has value null."""
    rows = [
        {**asdict(f), "value": None if f.value != f.value else f.value} for f in _order(figures)
    ]
    return json.dumps({"meta": meta, "figures": rows}, ensure_ascii=False, indent=1)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run the benchmark, print the table or JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="1 MB texts, no 100k terms, fewer runs"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument(
        "--no-startup", action="store_true", help="skip the subprocess start-up timings"
    )
    parser.add_argument(
        "--only-startup", action="store_true", help="measure the start-up timings alone"
    )
    parser.add_argument(
        "--startup-runs", type=int, metavar="N", help="timed runs per start-up command"
    )
    parser.add_argument(
        "--memory-child", nargs=2, metavar=("SCRIPT", "BYTES"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.memory_child:
        print(json.dumps(memory_child(args.memory_child[0], int(args.memory_child[1]))))
        return 0
    plan = QUICK if args.quick else Plan()
    meta = metadata(plan)
    if args.only_startup:
        meta["mode"] = "start-up only"
    if args.startup_runs:
        plan = replace(plan, startup_runs=args.startup_runs)
        meta["mode"] += f", {args.startup_runs} start-up runs"
    began = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - began:5.0f} s] {message}", file=sys.stderr, flush=True)

    if args.only_startup:
        figures = startup_figures(plan, log)
    else:
        figures = run(plan, not args.no_startup, log)
    meta["run time"] = (
        f"{time.perf_counter() - began:.0f} s, load {os.getloadavg()[0]:.2f} at the end"
    )
    print(to_json(figures, meta) if args.json else format_table(figures, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
