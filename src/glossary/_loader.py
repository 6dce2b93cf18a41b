"""Reading, validating and dumping glossary files as YAML: the only module that imports yaml.

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
``dump_document(entries) -> str``
    The canonical YAML text of a file holding ``entries`` (plain mappings, as YAML reads
    them), in the form docs/format.md prescribes (``_canonical.canonical_document``).
``read_yaml(path) -> object``
    Any other plain-data YAML file (settings), read with the same rules and errors.

``format_files(paths)`` and ``FormattedFile`` (``glossary fmt``) live in ``_canonical``,
with the order and form of canonical files; they are importable from here too.

Importing this module imports yaml and pydantic. A hot path (every CLI run, the
pre-commit hook) loads through ``glossary._cache.load_cached(layers)`` instead, which
takes the same layers of files and directories and imports neither when warm.

Per-file problems (syntax, tags, encoding, layout, schema) are found for every file;
cross-entry problems (duplicate ids, contested surfaces, dangling related ids) on the
merged result, for every entry whose id can be read, valid or not, as far as its other
fields can be read. Nothing stops at the first problem: an editor fixes a file in one
pass.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossary._canonical import FormattedFile, canonical_document, format_files
from glossary._errors import DataError, Problem
from glossary._files import BUNDLED, FileBytes, discover, read_layers, shown_name
from glossary._model import Entry
from glossary._normalise import normalise_term
from glossary._schema import Loc, Outline, SchemaError, build_entry

__all__ = [  # format_files and FormattedFile live in _canonical; importable from here too
    "Alone",
    "FormattedFile",
    "check_alone",
    "check_layers",
    "dump_document",
    "format_files",
    "glossary_files",
    "load_layers",
    "load_sources",
    "read_yaml",
]

try:  # libyaml's parser is several times faster; the semantics are the same safe ones.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_NO_WRAP = 1 << 30  # definitions are quoted text: never fold them across lines
_YAML_BREAKS = frozenset("\x85\u2028\u2029")


class _Loader(_SafeLoader):
    """The safe loader, also noting keys given twice in one mapping (YAML keeps the last)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[str, int]] = []

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):
            seen: set[str] = set()
            for key, _ in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in seen:
                        self.duplicate_keys.append((key.value, key.start_mark.line + 1))
                    seen.add(key.value)
        return mapping


#: Tags whose constructors are plain data (str, int, list, ...): safe_load's own set.
_SAFE_TAGS = frozenset(tag for tag in _Loader.yaml_constructors if tag is not None)


# ---------------------------------------------------------------------------------------
# Reading one file


@dataclass(frozen=True, slots=True)
class _RawEntry:
    """One element of a file's ``entries`` as YAML read it, with its node for line numbers."""

    file: str  # as messages name it (``shown_name``)
    path: str  # as it was found: the entry's origin_file
    data: object
    node: Node

    @property
    def id(self) -> str:
        """The entry's id if it has a usable one, else ""."""
        value = self.data.get("id") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) else ""

    def line(self, loc: Loc = ()) -> int:
        """Return the 1-based line of the field at ``loc``, or of the nearest enclosing one."""
        node, line = self.node, self.node.start_mark.line
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            key, node = child
            line = key.start_mark.line
        return line + 1


def _child(node: Node, part: str | int) -> tuple[Node, Node] | None:
    """Return (key node, value node) of ``part`` in a mapping or sequence node, if present."""
    if isinstance(node, MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == part:
                return key, value
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], node.value[part]
    return None


@dataclass(frozen=True, slots=True)
class _ParsedFile:
    """What one file yielded: its raw data, its entries, and its file-level problems."""

    data: object
    entries: tuple[_RawEntry, ...]
    problems: tuple[Problem, ...]
    text: str = ""  # the decoded text, "" when it could not be decoded
    root: Node | None = None  # the document's node tree, None when it could not be read


class _UnreadableError(Exception):
    """A file cannot be read as YAML at all; ``problem`` says why and where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _parse(path: Path, raw: bytes) -> _ParsedFile:
    """Decode, parse and check the layout of one file; never raises for bad content."""
    name = shown_name(path)
    try:
        text = _decode(name, raw)
        node, data, problems, refused = _read_document(name, text)
    except _UnreadableError as error:
        return _ParsedFile(None, (), (error.problem,))
    entries_node = _entries_node(name, data, node, problems)
    if entries_node is None:
        return _ParsedFile(data, (), tuple(problems), text, node)
    assert isinstance(data, dict)  # _entries_node checked it
    entries = tuple(
        _RawEntry(name, str(path), item, item_node)
        for item, item_node in zip(data["entries"], entries_node.value, strict=True)
        if id(item_node) not in refused  # its tag is reported; its data would only add noise
    )
    return _ParsedFile(data, entries, tuple(problems), text, node)


def _decode(name: str, raw: bytes) -> str:
    """Decode a file as UTF-8, or raise ``_UnreadableError`` at the line of the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded; save as UTF-8"
        raise _UnreadableError(Problem(name, line, "", message)) from None


def _read_document(name: str, text: str) -> tuple[Node, object, list[Problem], set[int]]:
    """Compose and construct a YAML document with safe_load semantics.

    Returns the node tree (for line numbers), the data, the problems found on the way
    and the ids of the nodes whose refused tags were replaced by nulls, so that the rest
    of the file can still be checked. Raises ``_UnreadableError`` for malformed YAML.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            message = "empty file: expected a mapping with one key, 'entries'"
            raise _UnreadableError(Problem(name, 0, "", message))
        problems: list[Problem] = []
        refused: set[int] = set()
        try:
            data = loader.construct_document(node)
        except yaml.constructor.ConstructorError:
            problems += _refuse_tags(name, node, refused)
            if not problems:
                raise
            loader.dispose()
            loader = _Loader("")  # a fresh constructor: the failed one keeps partial state
            data = loader.construct_document(node)
        problems += [
            Problem(name, line, "", f"key {key!r} is given twice in one mapping")
            for key, line in loader.duplicate_keys
        ]
        return node, data, problems, refused
    except yaml.YAMLError as error:
        raise _UnreadableError(_yaml_problem(name, text, error)) from None
    finally:
        loader.dispose()


def _entries_node(name: str, data: object, node: Node, problems: list[Problem]) -> Node | None:
    """Check the top level is ``{entries: [...]}`` and return the list's node if it is."""
    if not isinstance(data, dict) or not isinstance(node, MappingNode):
        problems.append(
            Problem(name, 1, "", "the top level must be a mapping with one key, 'entries'")
        )
        return None
    for key, _ in node.value:
        if not (isinstance(key, ScalarNode) and key.value == "entries"):
            line = key.start_mark.line + 1
            problems.append(Problem(name, line, "", f"unknown top-level key {key.value!r}"))
    child = _child(node, "entries")
    if child is None:
        problems.append(Problem(name, 1, "", "missing the top-level key 'entries'"))
        return None
    key, value = child
    if not isinstance(data.get("entries"), list) or not isinstance(value, SequenceNode):
        problems.append(Problem(name, key.start_mark.line + 1, "", "'entries' must be a list"))
        return None
    return value


def _refuse_tags(name: str, root: Node, refused: set[int]) -> list[Problem]:
    """Report every node whose tag safe_load refuses (``!!python/...``) and null it out.

    Each such node is replaced in its parent by a plain null, whose id joins ``refused``,
    so the document can be constructed without ever running the tag's constructor.
    """
    if root.tag not in _SAFE_TAGS:
        raise _UnreadableError(_tag_problem(name, root))
    problems: list[Problem] = []
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # aliases share nodes; do not walk them twice
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            node.value = [_screen(name, child, problems, refused) for child in node.value]
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            node.value = [
                (_screen(name, key, problems, refused), _screen(name, value, problems, refused))
                for key, value in node.value
            ]
            stack.extend(part for pair in node.value for part in pair)
    problems.sort(key=lambda problem: problem.line)
    return problems


def _screen(name: str, node: Node, problems: list[Problem], refused: set[int]) -> Node:
    """Return ``node``, or a null in its place when its tag is refused (noting the problem)."""
    if node.tag in _SAFE_TAGS:
        return node
    problems.append(_tag_problem(name, node))
    null = ScalarNode(f"{_YAML_TAG_PREFIX}null", "", node.start_mark, node.end_mark)
    refused.add(id(null))
    return null


_HASH = re.compile(r"(?:^|(?<=[ \t]))#", re.M)


def _comment_lines(text: str, root: Node) -> list[int]:
    """The 1-based lines of ``text`` that hold a YAML comment.

    A comment is a ``#`` at the start of a line or after white space, outside every
    scalar: quoted and block scalars may hold such a ``#``, a plain one never does.
    """
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    spans: list[tuple[int, int]] = []
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            start, end = node.start_mark, node.end_mark
            spans.append((starts[start.line] + start.column, starts[end.line] + end.column))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            stack.extend(part for pair in node.value for part in pair)
    spans.sort()
    lines: list[int] = []
    for found in _HASH.finditer(text):
        at = found.start()
        k = bisect.bisect_right(spans, (at, len(text))) - 1
        if k < 0 or not spans[k][0] <= at < spans[k][1]:
            lines.append(bisect.bisect_right(starts, at))
    return sorted(set(lines))


def _tag_problem(name: str, node: Node) -> Problem:
    tag = node.tag.replace(_YAML_TAG_PREFIX, "!!")
    message = f"YAML tag {tag!r} is refused: glossary files are plain data (safe_load)"
    return Problem(name, node.start_mark.line + 1, "", message)


_TAB_HINT = "YAML does not allow tabs for indentation; indent with spaces"
_COLON_HINT = (
    "a colon followed by a space ends a key: quote a value that holds ': ' "
    "(usage: '他说: 好'), and put a space after each key's colon (kind: slogan)"
)
_NO_SPACE_HINT = "a key needs a space after its colon (kind: slogan)"


def _yaml_problem(name: str, text: str, error: yaml.YAMLError) -> Problem:
    """Turn a YAML error into a problem at the line YAML reports, hinting at common slips."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        detail = error.problem or error.context or "unreadable"
        if error.problem and error.context and not error.context.startswith("while"):
            detail = f"{error.context}, {error.problem}"  # "expected a single document ..."
        hint = ""
        if "tab" in detail or (mark is not None and text[mark.index : mark.index + 1] == "\t"):
            hint = _TAB_HINT
        elif detail.startswith("mapping values are not allowed"):
            hint = _COLON_HINT
        elif detail == "could not find expected ':'" and error.context_mark is not None:
            # A line without ': ' in a mapping: "kind:slogan". YAML notices a line later.
            line, hint = error.context_mark.line + 1, _NO_SPACE_HINT
        return Problem(name, line, "", f"malformed YAML: {detail}" + (f"; {hint}" if hint else ""))
    if isinstance(error, yaml.reader.ReaderError):
        line = text[: error.position].count("\n") + 1
        return Problem(name, line, "", f"malformed YAML: character {error.character!r} not allowed")
    return Problem(name, 0, "", f"malformed YAML: {error}")  # pragma: no cover - defensive


# ---------------------------------------------------------------------------------------
# Checking entries


@dataclass(frozen=True, slots=True)
class _Checked:
    """A checked entry: validated (``entry``) or not, with what could be read of it."""

    raw: _RawEntry
    outline: Outline
    entry: Entry | None  # None when the entry has problems of its own
    layer: int = 0  # index of the layer that defines it

    @property
    def where(self) -> str:
        return f"{self.raw.file}:{self.raw.line()}"


def _validate(raw: _RawEntry, problems: list[Problem], layer: int = 0) -> _Checked:
    """Validate one raw entry, adding its problems; ``entry`` is set when it has none."""
    try:
        entry = build_entry(raw.data, raw.path)
    except SchemaError as error:
        for issue in error.issues:
            problems.append(Problem(raw.file, raw.line(issue.loc), raw.id, issue.message))
        outline = error.outline or Outline(raw.id, (), frozenset(), ())
        return _Checked(raw, outline, None, layer)
    return _Checked(raw, Outline.of(entry), entry, layer)


def _duplicate_ids(raws: Iterable[_RawEntry]) -> Iterator[Problem]:
    """Yield a problem at every place an id is defined more than once."""
    places: defaultdict[str, list[_RawEntry]] = defaultdict(list)
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
        raws: list[_RawEntry] = []
        for path, content in layer:
            order.setdefault(shown_name(path), len(order))
            parsed = _parse(path, content)
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
    glossary._errors.DataError: 1 glossary problem:
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


def read_yaml(path: Path) -> object:
    """Read any plain-data YAML file (a settings file, say) with the glossary's rules.

    UTF-8 only, safe_load semantics (tags refused), keys given twice refused. Raises
    ``DataError`` listing every problem, located as ``file:line``.

    >>> read_yaml(Path("no/such.yaml"))
    Traceback (most recent call last):
    ...
    glossary._errors.DataError: 1 glossary problem:
    no/such.yaml: cannot read: No such file or directory
    """
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError((Problem(name, 0, "", f"cannot read: {error.strerror}"),)) from None
    try:
        _, data, problems, _ = _read_document(name, _decode(name, raw))
    except _UnreadableError as error:
        raise DataError((error.problem,)) from None
    if problems:
        raise DataError(tuple(problems))
    return data


# ---------------------------------------------------------------------------------------
# Public API: canonical form (the YAML half; the order and form are _canonical's)


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
    parsed = _parse(path, raw)
    problems = [*parsed.problems, *_duplicate_ids(parsed.entries)]
    for entry in parsed.entries:
        _validate(entry, problems)
    data = parsed.data
    entries = data.get("entries") if isinstance(data, dict) else None
    comments = _comment_lines(parsed.text, parsed.root) if parsed.root is not None else []
    return Alone(
        shown_name(path),
        entries if isinstance(entries, list) else None,
        tuple(problems),
        tuple(comments),
    )


class _Dumper(yaml.SafeDumper):
    """The pure-Python safe dumper: the same canonical text with or without libyaml."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # A multi-line definition reads best as a literal block, as it appears in the report.
    # YAML reads NEL, LS and PS as line breaks, yet PyYAML writes them raw in plain and
    # single-quoted scalars: only double quotes (which escape them) keep such text intact.
    style = '"' if _YAML_BREAKS.intersection(text) else "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def dump_document(entries: Sequence[Mapping[str, Any]]) -> str:
    """Return the canonical text of a glossary file holding ``entries``.

    ``_canonical.canonical_document`` puts them in canonical order and form; this writes
    that in block style, two-space indentation, lines never wrapped, final newline.

    >>> print(dump_document([{"term": "20+8", "id": "shenzhen-20-8", "related": ["b", "a"]}]),
    ...       end="")
    entries:
    - id: shenzhen-20-8
      term: 20+8
      related:
      - a
      - b
    """
    return yaml.dump(
        canonical_document(entries),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        indent=2,
        width=_NO_WRAP,
    )
