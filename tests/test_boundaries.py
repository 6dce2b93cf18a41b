"""Each third-party dependency sits behind one module of ours, and the library stays a library."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIBRARY = Path(__file__).resolve().parent.parent / "src" / "glossary"

# dependency -> the library module allowed to import it (a path under src/glossary).
OWNERS = {
    "opencc": "_normalise/opencc.py",
    "ahocorasick_rs": "_compile/automaton.py",
    "yaml": "_load/yamlfile.py",
    "pydantic": "_load/schema.py",
    "pydantic_core": "_load/schema.py",
    "dask": "_corpus/_cluster.py",
    "distributed": "_corpus/_cluster.py",
    "pyarrow": "_corpus/_store.py",
    "platformdirs": "_load/userdirs.py",
    "pypinyin": "_normalise/pinyin.py",
}
#: numpy serves the long-text twin of each stage that has one (docs/design.md): it may be
#: imported by the modules named long*.py, and by no other.
NUMPY_OWNERS = "long*.py"


def imports(path: Path) -> set[str]:
    """Top-level names of every module a file imports at run time, at any depth of the file.

    Imports under ``if TYPE_CHECKING:`` are skipped: they name types and load nothing.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        for inner in ast.walk(statement)
    }
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


MODULES = sorted(LIBRARY.rglob("*.py"))


def test_every_owner_is_a_module_of_the_library() -> None:
    known = {p.relative_to(LIBRARY).as_posix() for p in MODULES}
    assert set(OWNERS.values()) <= known


def test_typing_only_imports_are_skipped(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import numpy\n")
    assert imports(source) == {"typing"}
    source.write_text("def f():\n    import numpy\n")
    assert imports(source) == {"numpy"}


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(LIBRARY)) for p in MODULES])
def test_dependencies_stay_behind_their_module(path: Path) -> None:
    used = imports(path)
    where = path.relative_to(LIBRARY).as_posix()
    for dependency, owner in OWNERS.items():
        if dependency in used:
            assert where == owner, f"{where} imports {dependency}"
    if "numpy" in used:
        assert path.match(NUMPY_OWNERS), f"{where} imports numpy"
    assert "prompt_toolkit" not in used, f"{path.name}: the library never imports prompt-toolkit"
    if path.stem != "__main__":  # `python -m glossary` hands over to the terminal app
        assert "glossary_cli" not in used, f"{path.name} imports the CLI"


def test_the_library_never_prints() -> None:
    for path in MODULES:
        calls = [
            n
            for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"
        ]
        assert not calls, f"{path.name} calls print()"
