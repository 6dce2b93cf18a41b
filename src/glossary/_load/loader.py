"""Load and validate glossary files: every problem of every file, then of the whole.

The API, for the library and for ``glossary validate`` / ``glossary fmt``:

``glossary_files(paths) -> tuple[Path, ...]``
    The YAML files named by some files and directories (recursive, sorted).
``load_layers(layers) -> tuple[Entry, ...]``
    Load layers of paths, each on top of the previous ones (layer 0 is usually the
    bundled glossary): an entry whose id an earlier layer defines replaces it. Raises
    ``DataError`` listing every problem of every file, each as ``file:line: [id] message``.
``check_layers(layers) -> tuple[Problem, ...]``
    The same checks, returning the problems (empty when all is well): ``glossary validate``.
``check_alone(path, raw) -> Alone``
    One file checked on its own, with the lines of its comments, for ``glossary fmt``.

Reading YAML (syntax, tags, layout, line numbers) is ``yamlfile.py``'s; each entry's
fields are ``schema.py``'s; writing canonical files is ``canonical.py``'s. Importing
this module imports yaml and pydantic. A hot path (every CLI run, the pre-commit hook)
loads through ``cache.load_cached(layers)`` instead, which takes the same layers of
files and directories and imports neither when warm.

Per-file problems (syntax, tags, encoding, layout, schema) are found for every file;
cross-entry problems (duplicate ids, contested surfaces, dangling related ids) on the
merged result, for every entry whose id can be read, valid or not, as far as its other
fields can be read. Nothing stops at the first problem: an editor fixes a file in one
pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary._load.entry_checks import Outline, SchemaError
from glossary._load.files import BUNDLED, FileBytes, discover, read_layers, shown_name
from glossary._load.schema import build_entry
from glossary._load.yamlfile import RawEntry, comment_lines, parse_file
from glossary._model.entries import Entry
from glossary._model.errors import DataError, Problem
from glossary._normalise.normalise import normalise_term

# ---------------------------------------------------------------------------------------
# Checking entries


@dataclass(frozen=True, slots=True)
class _Checked:
    """A checked entry: validated (``entry``) or not, with what could be read of it."""

    raw: RawEntry
    outline: Outline
    entry: Entry | None  # None when the entry has problems of its own
    layer: int = 0  # index of the layer that defines it

    @property
    def where(self) -> str:
        return f"{self.raw.file}:{self.raw.line()}"


def _validate(raw: RawEntry, problems: list[Problem], layer: int = 0) -> _Checked:
    """Validate one raw entry, adding its problems; ``entry`` is set when it has none."""
    try:
        entry = build_entry(raw.data, raw.path)
    except SchemaError as error:
        for issue in error.issues:
            problems.append(Problem(raw.file, raw.line(issue.loc), raw.id, issue.message))
        outline = error.outline or Outline(raw.id, (), frozenset(), ())
        return _Checked(raw, outline, None, layer)
    return _Checked(raw, Outline.of(entry), entry, layer)


def _duplicate_ids(raws: Iterable[RawEntry]) -> Iterator[Problem]:
    """Yield a problem at every place an id is defined more than once."""
    places: defaultdict[str, list[RawEntry]] = defaultdict(list)
    for raw in raws:
        if raw.id:
            places[raw.id].append(raw)
    for entry_id, defined in places.items():
        for raw in defined if len(defined) > 1 else ():
            others = ", ".join(f"{o.file}:{o.line()}" for o in defined if o is not raw)
            yield Problem(raw.file, raw.line(), entry_id, f"duplicate id, also defined at {others}")


def _contested_surfaces(checked: Sequence[_Checked]) -> Iterator[Problem]:
    """Yield one problem per surface and region claimed by entries of different ids.

    Linear in the number of claims, and one line however many entries clash: 2,000
    entries sharing a surface give one problem, not four million. The problem is put
    on the entry that clashes first: the second claimant of one layer, or the first
    entry of a later layer (a team's entry over a bundled one), with the fix for that
    case, since the earlier entry is not the editor's to change.
    """
    groups: defaultdict[tuple[str, str], dict[str, _Checked]] = defaultdict(dict)
    for item in checked:
        if not item.outline.id:
            continue
        for key in {normalise_term(surface) for surface in item.outline.surfaces} - {""}:
            for region in item.outline.regions:
                groups[key, region].setdefault(item.outline.id, item)
    for (key, region), by_id in groups.items():
        if len(by_id) > 1:
            yield _clash(key, region, sorted(by_id.values(), key=lambda c: c.layer))


def _clash(key: str, region: str, claimants: list[_Checked]) -> Problem:
    """The problem of one surface that several entries claim in one region."""
    first = claimants[0]
    this = next((c for c in claimants if c.layer > first.layer), claimants[1])
    others = [c.outline.id for c in claimants if c is not first and c is not this]
    more = ""
    if others:
        shown = ", ".join(repr(i) for i in others[:3]) + (", ..." if len(others) > 3 else "")
        more = f"; {len(others)} more entries claim it too ({shown})"
    head = f"surface {key!r} is also claimed by "
    if this.layer == first.layer:
        message = f"{head}{first.outline.id!r} ({first.where}) in region {region}{more}"
        return Problem(this.raw.file, this.raw.line(), this.outline.id, message)
    bundled = first.raw.file.startswith(f"{BUNDLED}/")
    whose = "the bundled entry" if bundled else "that entry"
    message = (
        f"{head}{'the bundled entry ' if bundled else ''}"
        f"{first.outline.id!r} ({first.where}) in region {region}; to replace "
        f"{whose}, give yours the id {first.outline.id!r}; to add a regional sense, "
        f"give it a different region{more}"
    )
    return Problem(this.raw.file, this.raw.line(), this.outline.id, message)


def _dangling_related(checked: Iterable[_Checked], known: set[str]) -> Iterator[Problem]:
    """Yield a problem for each related id that names no entry of the glossary."""
    for item in checked:
        for i, other in item.outline.related:
            if other not in known:
                line = item.raw.line(("related", i))
                message = f"related id {other!r} does not exist"
                yield Problem(item.raw.file, line, item.outline.id, message)


@dataclass(frozen=True, slots=True)
class _Outcome:
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]


def _check(layers: Sequence[Sequence[FileBytes]]) -> _Outcome:
    """Parse and validate every file of every layer, then check the merged glossary.

    The checks across entries cover every entry whose id can be read, valid or not, as
    far as its data can be read: an editor sees every problem in one pass.
    """
    problems: list[Problem] = []
    # Every definition of each id; more than one only with a duplicate-id problem,
    # kept so that each duplicate still gets its own cross-entry checks.
    merged: dict[str, list[_Checked]] = {}
    known: set[str] = set()
    order: dict[str, int] = {}
    for number, layer in enumerate(layers):
        raws: list[RawEntry] = []
        for path, content in layer:
            order.setdefault(shown_name(path), len(order))
            parsed = parse_file(path, content)
            problems += parsed.problems
            raws += parsed.entries
        problems += _duplicate_ids(raws)
        known.update(raw.id for raw in raws if raw.id)
        defined: defaultdict[str, list[_Checked]] = defaultdict(list)
        for raw in raws:
            item = _validate(raw, problems, number)
            if item.outline.id:
                defined[item.outline.id].append(item)
        merged.update(defined)  # a later layer replaces an earlier layer's definition
    checked = tuple(item for items in merged.values() for item in items)
    problems += _contested_surfaces(checked)
    problems += _dangling_related(checked, known)
    problems.sort(key=lambda p: (order.get(p.file, -1), p.line, p.entry, p.message))
    entries = tuple(item.entry for item in checked if item.entry is not None)
    return _Outcome(entries, tuple(problems))


# ---------------------------------------------------------------------------------------
# Public API: loading


def glossary_files(paths: Iterable[str | Path]) -> tuple[Path, ...]:
    """Return the glossary files named by ``paths``: files as given, directories expanded.

    Directories contribute their ``*.yaml``/``*.yml`` files recursively, sorted, hidden
    ones skipped. Raises ``DataError`` naming every path that does not exist.

    >>> glossary_files(["no/such/file.yaml"])
    Traceback (most recent call last):
    ...
    glossary._model.errors.DataError: 1 glossary problem:
    no/such/file.yaml: no such file or directory
    """
    found = discover(paths)
    if found.problems:
        raise DataError(found.problems)
    return found.files


def check_layers(layers: Sequence[Iterable[str | Path]]) -> tuple[Problem, ...]:
    """Return every problem of the glossary made of ``layers``; empty when it is valid.

    >>> [str(p) for p in check_layers([["no/such.yaml"]])]
    ['no/such.yaml: no such file or directory']
    """
    read, problems = read_layers(layers)
    return (*problems, *_check(read).problems)


def load_layers(layers: Sequence[Iterable[str | Path]]) -> tuple[Entry, ...]:
    """Load the entries of ``layers``, each layer's entries replacing earlier ones by id.

    Raises ``DataError`` listing every problem of every file at once.

    >>> load_layers([])
    ()
    """
    read, problems = read_layers(layers)
    outcome = _check(read)
    if problems or outcome.problems:
        raise DataError((*problems, *outcome.problems))
    return outcome.entries


def load_sources(layers: Sequence[Sequence[FileBytes]]) -> tuple[Entry, ...]:
    """Like ``load_layers``, for files already read: the cache validates what it hashed.

    >>> load_sources([[(Path("t.yaml"), b"entries: []")]])
    ()
    """
    outcome = _check(layers)
    if outcome.problems:
        raise DataError(outcome.problems)
    return outcome.entries


# ---------------------------------------------------------------------------------------
# Public API: one file alone, for ``glossary fmt``


@dataclass(frozen=True, slots=True)
class Alone:
    """One file checked on its own, for ``glossary fmt``: what ``check_alone`` returns."""

    name: str  # the file as messages name it
    entries: list[Any] | None  # the file's entries as YAML read them; None if unreadable
    problems: tuple[Problem, ...]
    comment_lines: tuple[int, ...]  # 1-based lines holding a YAML comment


def check_alone(path: Path, raw: bytes) -> Alone:
    """Check one file on its own: syntax, layout, schema and ids repeated in the file.

    >>> alone = check_alone(Path("t.yaml"), b"# note\\nentries: []  # none yet\\n")
    >>> alone.entries, alone.problems, alone.comment_lines
    ([], (), (1, 2))
    """
    parsed = parse_file(path, raw)
    problems = [*parsed.problems, *_duplicate_ids(parsed.entries)]
    for entry in parsed.entries:
        _validate(entry, problems)
    data = parsed.data
    entries = data.get("entries") if isinstance(data, dict) else None
    comments = comment_lines(parsed.text, parsed.root) if parsed.root is not None else []
    return Alone(
        shown_name(path),
        entries if isinstance(entries, list) else None,
        tuple(problems),
        tuple(comments),
    )
