"""The settings of ``glossary annotate`` and ``glossary check`` in a repository.

They come from ``[tool.glossary]`` in ``pyproject.toml`` or from ``.glossary.yaml``,
whichever the nearest directory holds, looking from the current directory up to the
root of the git repository: ``glossary`` (paths of the team's glossary files, relative
to the settings file), ``ignore`` (terms the team accepts unexplained), ``footnotes``,
``bundled`` (false: the team's files only) and ``lang`` (the language of the managed
section's notes: zh, en or both). Invalid settings are a ``DataError`` naming the
file, as an invalid glossary file is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from glossary import Lang

PYPROJECT = "pyproject.toml"
YAML_CONFIG = ".glossary.yaml"
_FLAGS = ("bundled", "footnotes")
_LISTS = ("glossary", "ignore")
#: ``glossary.LANGS``, spelt out: reading the settings must not import the library.
LANGS: tuple[Lang, ...] = ("zh", "en", "both")


@dataclass(frozen=True, slots=True)
class Config:
    """The hook settings of a repository; the defaults when it has none."""

    glossary: tuple[Path, ...] = ()
    ignore: tuple[str, ...] = ()
    footnotes: bool = False
    bundled: bool = True
    file: Path | None = None
    lang: Lang = "zh"


def find_config(start: Path) -> Config:
    """The settings nearest to ``start``, looking up to the root of its git repository.

    Raises ``DataError`` for settings that are invalid.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     root = Path(directory)
    ...     (root / ".git").mkdir()
    ...     settings = '[tool.glossary]\\nignore = "十四五"\\n'
    ...     _ = (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    ...     (root / "drafts").mkdir()
    ...     find_config(root / "drafts").ignore
    ('十四五',)
    """
    for directory in (start, *start.parents):
        pyproject, yaml_file = directory / PYPROJECT, directory / YAML_CONFIG
        table = _pyproject_table(pyproject) if pyproject.is_file() else None
        if yaml_file.is_file():
            if table is not None:
                _fail(
                    yaml_file,
                    f"{PYPROJECT} in the same directory has [tool.glossary] "
                    "too; keep the settings in one place",
                )
            return _config(_yaml_mapping(yaml_file), yaml_file)
        if table is not None:
            return _config(table, pyproject)
        if (directory / ".git").exists():
            break
    return Config()


def _pyproject_table(path: Path) -> object:
    import tomllib

    try:
        with path.open("rb") as stream:
            document = tomllib.load(stream)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        _fail(path, f"cannot read the settings: {exc}")
    tool = document.get("tool")
    return tool.get("glossary") if isinstance(tool, dict) else None


def _yaml_mapping(path: Path) -> object:
    from glossary._load.yamlfile import read_yaml  # yaml: only this file's users pay

    return read_yaml(Path(os.path.relpath(path)))


def _config(table: object, path: Path) -> Config:
    where = "[tool.glossary]" if path.name == PYPROJECT else "the settings"
    if not isinstance(table, dict):
        _fail(path, f"{where} must be a table of settings")
    for key in table:
        if key not in (*_FLAGS, *_LISTS, "lang"):
            known = ", ".join(sorted((*_FLAGS, *_LISTS, "lang")))
            _fail(path, f"{where}: {key!r} is not a setting; the settings are {known}")
    flags = {key: _flag(path, f"{where}: {key!r}", table[key]) for key in _FLAGS if key in table}
    lists = {key: _strings(path, f"{where}: {key!r}", table[key]) for key in _LISTS if key in table}
    return Config(
        glossary=tuple(Path(os.path.relpath(path.parent / p)) for p in lists.get("glossary", ())),
        ignore=lists.get("ignore", ()),
        footnotes=flags.get("footnotes", False),
        bundled=flags.get("bundled", True),
        file=path,
        lang=_lang(path, f"{where}: 'lang'", table.get("lang", "zh")),
    )


def _lang(path: Path, what: str, value: object) -> Lang:
    """The ``lang`` setting's value: one of ``LANGS``."""
    for lang in LANGS:
        if value == lang:
            return lang
    _fail(path, f"{what} must be one of {', '.join(LANGS)} (got {value!r})")


def _flag(path: Path, what: str, value: object) -> bool:
    """A true-or-false setting's value."""
    if not isinstance(value, bool):
        _fail(path, f"{what} must be true or false")
    return value


def _strings(path: Path, what: str, value: object) -> tuple[str, ...]:
    """A list setting's value; one string stands for a list of one."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        _fail(path, f"{what} must be a list of strings")
    return tuple(items)


def _fail(path: Path, message: str) -> NoReturn:
    from glossary._model.errors import DataError, Problem

    raise DataError((Problem(os.path.relpath(path), 0, "", message),))
