"""YAML behind one module: read glossary and settings files with line numbers, write them.

Reading follows ``safe_load``'s rules (refused tags are reported, never constructed),
notes keys given twice, and turns every YAML error into a ``Problem`` at the line of the
slip with a hint for the common ones. Writing gives the canonical block style that
docs/format.md prescribes (``canonical.py`` decides the order and form).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossary._load.entry_checks import Loc
from glossary._load.files import shown_name
from glossary._load.yaml_slips import Slip, Token, describe
from glossary._model.errors import DataError, Problem

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


@dataclass(frozen=True, slots=True)
class RawEntry:
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
class ParsedFile:
    """What one file yielded: its raw data, its entries, and its file-level problems."""

    data: object
    entries: tuple[RawEntry, ...]
    problems: tuple[Problem, ...]
    text: str = ""  # the decoded text, "" when it could not be decoded
    root: Node | None = None  # the document's node tree, None when it could not be read


class _UnreadableError(Exception):
    """A file cannot be read as YAML at all; ``problem`` says why and where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def parse_file(path: Path, raw: bytes) -> ParsedFile:
    """Decode, parse and check the layout of one file; never raises for bad content."""
    name = shown_name(path)
    try:
        text = _decode(name, raw)
        node, data, problems, refused = _read_document(name, text)
    except _UnreadableError as error:
        return ParsedFile(None, (), (error.problem,))
    entries_node = _entries_node(name, data, node, problems)
    if entries_node is None:
        return ParsedFile(data, (), tuple(problems), text, node)
    assert isinstance(data, dict)  # _entries_node checked it
    entries = tuple(
        RawEntry(name, str(path), item, item_node)
        for item, item_node in zip(data["entries"], entries_node.value, strict=True)
        if id(item_node) not in refused  # its tag is reported; its data would only add noise
    )
    return ParsedFile(data, entries, tuple(problems), text, node)


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


def comment_lines(text: str, root: Node) -> list[int]:
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


def _yaml_problem(name: str, text: str, error: yaml.YAMLError) -> Problem:
    """Turn a YAML error into a problem at the line to edit (``yaml_slips.describe``)."""
    if isinstance(error, yaml.MarkedYAMLError):
        line, message = describe(text, _slip(error), _tokens_before(text, error.problem_mark))
        return Problem(name, line, "", message)
    if isinstance(error, yaml.reader.ReaderError):
        line = text[: error.position].count("\n") + 1
        return Problem(name, line, "", f"malformed YAML: character {error.character!r} not allowed")
    return Problem(name, 0, "", f"malformed YAML: {error}")  # pragma: no cover - defensive


def _slip(error: yaml.MarkedYAMLError) -> Slip:
    def at(mark: yaml.Mark | None) -> tuple[int, int] | None:
        return (mark.line, mark.column) if mark is not None else None

    return Slip(
        error.problem or "", error.context or "", at(error.problem_mark), at(error.context_mark)
    )


_KINDS = {
    yaml.ScalarToken: "scalar",
    yaml.FlowSequenceStartToken: "flow-start",
    yaml.FlowMappingStartToken: "flow-start",
    yaml.FlowSequenceEndToken: "flow-end",
    yaml.FlowMappingEndToken: "flow-end",
}


def _tokens_before(text: str, mark: yaml.Mark | None) -> list[Token]:
    """The tokens YAML scans before ``mark`` (all it can, when the scanner fails first).

    Only a file with a syntax error is scanned again, so a valid file pays nothing.
    """
    if mark is None:
        return []
    tokens: list[Token] = []
    try:
        for token in yaml.scan(text, Loader=_SafeLoader):
            start, end = token.start_mark, token.end_mark
            if start.index >= mark.index:
                break
            style = getattr(token, "style", None) or ""
            tokens.append(
                Token(
                    _KINDS.get(type(token), "other"),
                    style if style in ("'", '"') else "",
                    (start.line, start.column),
                    (end.line, end.column),
                )
            )
    except yaml.YAMLError:
        pass  # the slip itself: the tokens before it are what was wanted
    return tokens


def read_yaml(path: Path) -> object:
    """Read any plain-data YAML file (a settings file, say) with the glossary's rules.

    UTF-8 only, safe_load semantics (tags refused), keys given twice refused. Raises
    ``DataError`` listing every problem, located as ``file:line``.

    >>> read_yaml(Path("no/such.yaml"))
    Traceback (most recent call last):
    ...
    glossary._model.errors.DataError: 1 glossary problem:
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


class _Dumper(yaml.SafeDumper):
    """The pure-Python safe dumper: the same canonical text with or without libyaml."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # A multi-line definition reads best as a literal block, as it appears in the report.
    # YAML reads NEL, LS and PS as line breaks, yet PyYAML writes them raw in plain and
    # single-quoted scalars: only double quotes (which escape them) keep such text intact.
    style = '"' if _YAML_BREAKS.intersection(text) else "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def dump_yaml(data: object) -> str:
    """Write plain data as YAML: block style, two-space indentation, lines never wrapped.

    >>> print(dump_yaml({"entries": [{"id": "a", "related": ["x"]}]}), end="")
    entries:
    - id: a
      related:
      - x
    """
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        indent=2,
        width=_NO_WRAP,
    )
