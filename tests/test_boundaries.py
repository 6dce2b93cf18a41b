"""Each third-party dependency sits behind one module of ours, and the library stays a library."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIBRARY = Path(__file__).resolve().parent.parent / "src" / "glossary"

# dependency -> the one library module allowed to import it
OWNERS = {
    "opencc": "_normalise",
    "ahocorasick_rs": "_matcher",
    "yaml": "_loader",
    "pydantic": "_schema",
    "numpy": "_arrays",
}


def imports(path: Path) -> set[str]:
    """Top-level names of every module a file imports, at any depth of the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


MODULES = sorted(LIBRARY.glob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[p.stem for p in MODULES])
def test_dependencies_stay_behind_their_module(path: Path) -> None:
    used = imports(path)
    for dependency, owner in OWNERS.items():
        if dependency in used:
            assert path.stem == owner, f"{path.name} imports {dependency}"
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
