"""The tree shows the stages of the data flow, and imports point one way: down to the data.

The map (docs/design.md opens with it): each folder of ``src/glossary`` is a stage, and a
module may import only its own stage and the stages below it. The clients on top use
the stages and never each other. These tests read the import graph from the source
(every import, at any depth, typing-only ones included), not from a list of modules.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "src" / "glossary"
CLI = ROOT / "cli" / "glossary_cli"

#: The stages, bottom first, in the order a text and a glossary flow through them.
STAGES = (
    "_model",
    "_normalise",
    "_load",
    "_compile",
    "_match",
    "_senses",
    "_annotations",
    "_render",
    "_api",
)
#: Clients of the library, beside each other above the stages.
CLIENTS = frozenset({"_hook", "_extract", "_coverage", "_corpus"})
#: A generated table may run long; it is data, not code to read.
GENERATED = {LIBRARY / "_normalise" / "tables.py"}
MAX_LINES = 400
MAX_FUNCTION = 50  # lines of a function's body, docstring aside: one screen


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


LIBRARY_MODULES = modules(LIBRARY)
ALL_MODULES = {**LIBRARY_MODULES, **modules(CLI)}


def imported(path: Path) -> Iterator[tuple[str, str]]:
    """(module, name) for every ``from M import name``, and (M, "") for ``import M``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ""
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                yield node.module, alias.name


def edges(known: dict[str, Path]) -> dict[str, set[str]]:
    """Each module of ours -> the modules of ours it imports (a name that is a module
    counts as that module)."""
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        targets = set()
        for module, member in imported(path):
            if f"{module}.{member}" in known:
                targets.add(f"{module}.{member}")
            elif module in known:
                targets.add(module)
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def stage(module: str) -> str:
    """The folder of a library module ("" for the package's own modules)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else ""


def test_the_cycle_check_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    assert cycles(edges(ALL_MODULES)) == []


def test_every_folder_is_on_the_map() -> None:
    folders = {p.name for p in LIBRARY.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders - {*STAGES, *CLIENTS} == set(), "add the folder to STAGES or CLIENTS"
    assert set(STAGES) <= folders
    loose = sorted(p.name for p in LIBRARY.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py"], "every module belongs to a stage folder"


def rank(folder: str) -> int:
    if folder in STAGES:
        return STAGES.index(folder)
    return len(STAGES) if folder in CLIENTS else len(STAGES) + 1  # the package's own


@pytest.mark.parametrize("module", sorted(LIBRARY_MODULES))
def test_imports_point_down(module: str) -> None:
    """A module imports its own stage and those below; a client no other client."""
    graph = edges(LIBRARY_MODULES)
    here = stage(module)
    for target in sorted(graph[module]):
        there = stage(target)
        if there == here:
            continue
        assert rank(there) < rank(here) or (here == "" and there != ""), (
            f"{module} imports {target}: {here or 'glossary'} may not import {there}"
        )
        assert not (here in CLIENTS and there in CLIENTS), f"{module} imports client {target}"


@pytest.mark.parametrize("path", sorted(ALL_MODULES.values()), ids=lambda p: p.name)
def test_no_module_imports_a_private_name_of_another(path: Path) -> None:
    for module, member in imported(path):
        if module.split(".")[0] in ("glossary", "glossary_cli"):
            assert not (member.startswith("_") and not member.startswith("__")), (
                f"{path.name} imports {member} from {module}"
            )


@pytest.mark.parametrize(
    "path", sorted(set(ALL_MODULES.values()) - GENERATED), ids=lambda p: p.name
)
def test_modules_stay_short_and_functions_fit_a_screen(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_LINES, f"{path.name} has {text.count(chr(10))} lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                body = body[1:] or body
            length = (node.end_lineno or 0) - body[0].lineno + 1
            assert length <= MAX_FUNCTION, f"{path.name}: {node.name} runs {length} lines"


def test_explain_passes_a_text_through_each_stage_once_in_order() -> None:
    """The pipeline hands the text to each stage once, in order; what a stage calls in
    turn lies in its own stage or below, never above."""
    from glossary import Glossary
    from glossary._api import pipeline

    compiled = Glossary.default().compiled
    entered: list[str] = []  # the stage of each call the pipeline makes itself
    upward: list[str] = []
    depth = 0
    stack: list[str] = []

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal depth
        code = getattr(frame, "f_code", None)
        file = Path(code.co_filename) if code is not None else None
        ours = file is not None and file.is_relative_to(LIBRARY)
        if event == "call" and ours:
            assert file is not None
            module = module_name(file, LIBRARY)
            here = stage(module)
            if stack and stack[0] == "pipeline" and len(stack) == 1 and module != pipeline.__name__:
                entered.append(here)
            if len(stack) > 1 and rank(here) > rank(stack[-1]) and stack[-1] != "_api":
                upward.append(f"{stack[-1]} -> {module}.{code.co_name}")  # type: ignore[union-attr]
            stack.append("pipeline" if module == pipeline.__name__ and not stack else here)
        elif event == "return" and ours and stack:
            stack.pop()

    text = "深圳市罗湖区“1+10+N”应急体系，抢抓“双区”驱动（以下简称“双区”）。" * 3
    sys.setprofile(profile)
    try:
        pipeline.explain_text(compiled, text)
    finally:
        sys.setprofile(None)
    order = [s for i, s in enumerate(entered) if i == 0 or entered[i - 1] != s]
    assert order == ["_normalise", "_match", "_senses", "_annotations"]
    assert upward == []
