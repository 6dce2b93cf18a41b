"""Normalisation: the one place that knows about OpenCC, decoration and offsets.

A text is matched in a *normalised* form and every match is mapped back to the
original string. Normalising does, in order:

1. fold compatibility characters one for one (full-width ``１＋Ｎ``, Kangxi radicals);
2. convert Traditional to Simplified with OpenCC ``t2s``, which never changes the
   length (checked, with a per-character fallback), so offsets survive;
3. delete decoration: quotes, spaces, zero-width characters, line breaks, and pinyin
   that some sites insert after characters (``灣區(qū)``). A run of decoration that holds
   two line breaks (a blank line) becomes one ``\\n``, and a run between two ASCII
   letters or digits that holds white space becomes one space: both stop a match.
   Line breaks are counted as ``line_breaks`` says (``\\n``, vertical tab, U+2028, U+2029).

Steps 1 and 2 are skipped when a fast scan finds nothing for them to change. Step 3
has two implementations with one behaviour: per run of decoration for short texts,
vectorised with numpy for long ones (``_arrays``; numpy costs 100 ms to import, which a
one-line lookup should not pay). A property test holds them equal.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

import opencc

from glossary._annotation import Script
from glossary._quotes import ALL, PAIRS, SYMMETRIC
from glossary._tables import FOLD_FROM, FOLD_TO, T2S_DIGEST, T2S_TRIGGERS

if TYPE_CHECKING:
    from glossary._arrays import Codes, Ints

    Column: TypeAlias = Sequence[int] | Ints  # offsets or pattern indexes: a tuple, list or array

#: Texts at least this long take the numpy path.
LARGE = 20_000

_FOLD = str.maketrans(FOLD_FROM, FOLD_TO)
_FOLD_SET = frozenset(FOLD_FROM)
_T2S_SET = frozenset(T2S_TRIGGERS)

_SPACE = " \t\r\n\x0b\x0c\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u180e\u200b-\u200d\u2060\ufeff"
_QUOTES = ALL
_DECORATION = _SPACE + _INVISIBLE + _QUOTES
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"

_RUN = re.compile(f"[{_DECORATION}]+")
# A parenthesised pinyin syllable with at least one tone mark, right after a Han character.
# The paren comes first so that the regex engine can scan for it quickly.
_PINYIN = re.compile(f"[(（](?<=[{_HAN}][(（])(?=[a-zü]*[{_TONED}])[a-z{_TONED}ü]{{1,7}}[)）]")
_WHITE = re.compile(f"[{_SPACE}]")
_ALNUM = re.compile("[0-9A-Za-z]")


@cache
def converter(config: str) -> opencc.OpenCC:
    """Return a cached OpenCC converter; building one loads its dictionaries.

    >>> converter("t2s").convert("雙區")
    '双区'
    """
    return opencc.OpenCC(config)


def needs_t2s(text: str) -> bool:
    """Whether t2s could change anything in ``text``.

    >>> needs_t2s("双区驱动"), needs_t2s("雙區驅動")
    (False, True)
    """
    return not _T2S_SET.isdisjoint(text)


def to_simplified(text: str) -> str:
    """Fold compatibility characters and convert to Simplified, keeping the length.

    >>> to_simplified("雙區驅動 １＋１＋１０＋Ｎ")
    '双区驱动 1+1+10+N'
    """
    if not _FOLD_SET.isdisjoint(text):
        text = text.translate(_FOLD)
    return _t2s(text) if needs_t2s(text) else text


def _t2s(text: str) -> str:
    """OpenCC t2s, guarded so that the result always has the length of the input."""
    try:
        converted: str = converter("t2s").convert(text)
    except UnicodeEncodeError:  # a lone surrogate: OpenCC needs valid UTF-8
        converted = converter("t2s").convert(re.sub("[\ud800-\udfff]", "\ufffd", text))
    if len(converted) != len(text):  # not seen on OpenCC 1.4; keep offsets valid regardless
        converted = "".join(
            c if len(c) == 1 else t for c, t in zip(map(_single_t2s, text), text, strict=True)
        )
    return converted


@cache
def _single_t2s(char: str) -> str:
    return str(converter("t2s").convert(char))


def _opencc_files() -> Path:
    """Where the opencc wheel keeps its native part (this module alone knows its layout)."""
    return Path(opencc.__file__).parent / "clib"


def _opencc_share() -> Path:
    """The wheel's configurations and dictionaries."""
    return _opencc_files() / "share" / "opencc"


def opencc_tool(name: str) -> Path:
    """One of the wheel's command-line tools (the table generator runs ``opencc_dict``)."""
    return _opencc_files() / "bin" / name


def t2s_dictionary_files() -> list[tuple[str, Path]]:
    """(stage, path) of each dictionary OpenCC's t2s uses, in the order its configuration
    lists them; the stage is ``normalization`` or ``conversion_chain``."""
    import json

    spec = json.loads((_opencc_share() / "t2s.json").read_text(encoding="utf-8"))

    def files(node: dict[str, Any]) -> Iterator[str]:
        if node.get("type") == "group":
            for inner in node["dicts"]:
                yield from files(inner)
        else:
            yield str(node["file"])

    return [
        (stage, _opencc_share() / name)
        for stage in ("normalization", "conversion_chain")
        for step in spec.get(stage, ())
        for name in files(step["dict"])
    ]


@cache
def t2s_digest() -> str:
    """SHA-256 of OpenCC's t2s configuration and dictionaries as installed; "" if unreadable."""
    import hashlib

    digest = hashlib.sha256()
    try:
        paths = [_opencc_share() / "t2s.json"] + [path for _, path in t2s_dictionary_files()]
        for path in paths:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    except (OSError, ValueError, KeyError, TypeError):  # another layout: take the slow path
        return ""
    return digest.hexdigest()


def t2s_tables_current() -> bool:
    """Whether OpenCC's t2s dictionaries are those ``_tables`` was generated from.

    Long texts convert most characters with a table and leave OpenCC only the stretches
    its phrases could convert otherwise, which ``_tables`` lists for these dictionaries.

    >>> t2s_tables_current()
    True
    """
    return t2s_digest() == T2S_DIGEST


@cache
def t2s_each() -> str:
    """``T2S_TRIGGERS`` each converted on its own by OpenCC, in the same order.

    >>> t2s_each()[T2S_TRIGGERS.index("雙")]
    '双'
    """
    # One call, each character on a line of its own: no dictionary phrase holds a line break.
    converted = "".join(converter("t2s").convert("\n".join(T2S_TRIGGERS)).split("\n"))
    if len(converted) != len(T2S_TRIGGERS):  # the generator checks this of the dictionaries
        raise RuntimeError("t2s changed the length of a lone character: regenerate _tables")
    return converted


class Located(NamedTuple):
    """Matches mapped back to the original text, by ``Normalised.locate``.

    A span no wider than its match, in a text neither folded nor converted, holds the
    same characters as the match, separators aside (a kept space or line break may stand
    for other white space). ``wider`` lists the other spans. It is None for short texts,
    which slice every surface (it costs them nothing), and where it cannot be known:
    converted texts, and matches made by an automaton that did not see the text as it is.
    ``arrays`` holds the spans of a long text once more as arrays, for numpy.
    """

    firsts: list[int]
    lasts: list[int]
    wider: list[int] | None
    arrays: tuple[Ints, Ints] | None = None


@dataclass(frozen=True, slots=True)
class Normalised:
    """A normalised text and the way back to the original offsets.

    ``starts[k]`` is where the k-th kept piece begins in the normalised text and
    ``origins[k]`` where it begins in the original; pieces are contiguous in both.
    Short texts keep tuples; the numpy path (``_arrays``) keeps arrays, mapped in one call,
    and two arrays of code points, so that matching and mapping back can be vectorised:
    ``codes``, the simplified text before deletion (the original's length and quotes),
    and ``normal_codes``, the normalised text.
    """

    text: str
    original: str
    starts: Sequence[int] | Ints
    origins: Sequence[int] | Ints
    codes: Codes | None = None
    normal_codes: Codes | None = None
    converted: bool = True  # whether folding or t2s may have changed characters

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty normalised span to the original text.

        >>> n = normalise("抢抓“双区”驱动")
        >>> n.text, n.span(2, 6)
        ('抢抓双区驱动', (3, 8))
        """
        return self.spans([start], [end])[0]

    def spans(self, starts: Column, ends: Column) -> list[tuple[int, int]]:
        """Map many non-empty normalised spans to the original text."""
        if isinstance(self.starts, tuple):
            index = self._index
            return [(index(s), index(e - 1) + 1) for s, e in zip(starts, ends, strict=True)]
        from glossary._arrays import as_ints, map_back

        first = map_back(self, as_ints(starts)).tolist()
        last = (map_back(self, as_ints(ends) - 1) + 1).tolist()
        return list(zip(first, last, strict=True))

    def original_spans(self, starts: Column, ends: Column) -> tuple[list[int], list[int]]:
        """Map spans like ``spans``, widen each to the quotes that belong to it: (starts, ends).

        >>> normalise("抢抓“双区”驱动、「六稳」").original_spans([2, 7], [6, 9])
        ([2, 9], [8, 13])
        """
        if self.codes is not None:
            from glossary._arrays import original_spans

            return original_spans(self, starts, ends)
        text = self.original
        firsts: list[int] = []
        lasts: list[int] = []
        lengths: list[int] = [e - s for s, e in zip(starts, ends, strict=True)]
        for length, (s, e) in zip(lengths, self.spans(starts, ends), strict=True):
            if e - s != length or text[s - 1 : s] in _QUOTE_SET or text[e : e + 1] in _QUOTE_SET:
                s, e = balance_quotes(text, s, e)
            # A quote between two terms ("甲"乙") belongs to the first: spans never overlap.
            firsts.append(max(s, lasts[-1]) if lasts else s)
            lasts.append(e)
        return firsts, lasts

    def locate(self, spans: tuple[Column, Column], verbatim: bool) -> Located:
        """``original_spans`` of the matches, and which spans may hold more than their match.

        >>> normalise("抢抓“双区”驱动").locate(([2], [6]), True)
        Located(firsts=[2], lasts=[8], wider=None, arrays=None)
        """
        if self.codes is not None:
            from glossary._arrays import locate

            return locate(self, spans, verbatim)
        firsts, lasts = self.original_spans(*spans)
        return Located(firsts, lasts, None)

    def _index(self, position: int) -> int:
        k = bisect.bisect_right(self.starts, position) - 1
        return self.origins[k] + position - self.starts[k]


_QUOTE_SET = frozenset(ALL)


def balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to the quotes that belong to it, so annotations never split a pair.

    >>> text = "抢抓“双区”驱动和“六稳”“六保”，«双区»"
    >>> [text[slice(*balance_quotes(text, s, e))] for s, e in ((3, 8), (10, 16), (19, 21))]
    ['“双区”驱动', '“六稳”“六保”', '«双区»']
    """
    inside = text[start:end]
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if not _QUOTE_SET.intersection(inside):  # the common case: “双区” wrapped whole, or nothing
        wrapped = PAIRS.get(before, "\0") == after or (before == after and before in SYMMETRIC)
        return (start - 1, end + 1) if wrapped and before else (start, end)
    left = right = False
    for opening, closing in PAIRS.items():
        surplus = inside.count(opening) - inside.count(closing)
        wrapped = surplus == 0 and before == opening and after == closing
        left |= (surplus < 0 and before == opening) or wrapped
        right |= (surplus > 0 and after == closing) or wrapped
    for quote in SYMMETRIC:  # odd: the unpaired one is outside; even: wrapped if both sides
        odd = inside.count(quote) % 2 == 1
        wrapped = not odd and before == after == quote
        left |= (odd and before == quote) or wrapped
        right |= (odd and before != quote and after == quote) or wrapped
    return start - left, end + right


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for matching, remembering where each character came from.

    >>> normalise("灣區(qū)驅動").text
    '湾区驱动'
    >>> normalise("CIM\\n平台, IT 与 BT, “双区”\\n\\n驱动").text
    'CIM平台,IT与BT,双区\\n驱动'
    """
    if len(text) >= LARGE:
        return _normalise_large(text)
    return _normalise_small(text, to_simplified(text))


def line_breaks(run: str) -> int:
    """How many line breaks a run of decoration holds; two or more make a blank line.

    ``\\n`` counts once (so ``\\r\\n`` does), as do a vertical tab (a word processor's
    manual break) and U+2028; U+2029 ends a paragraph, so it counts twice. ``\\r`` and a
    form feed count for nothing: text converted to CR LF twice ends every line with
    ``\\r\\r\\n``, which must not read as a blank line, and a form feed marks a new page,
    which a term may run across.

    >>> [line_breaks(run) for run in ("\\r\\n", "\\r\\n\\r\\n", "\\r\\r\\n", "\\u2029", "\\n\\f")]
    [1, 2, 1, 2, 1]
    """
    return run.count("\n") + run.count("\x0b") + run.count("\u2028") + 2 * run.count("\u2029")


def _separator(text: str, start: int, end: int) -> str:
    """What the run of decoration text[start:end] becomes: a line break, a space or nothing."""
    if line_breaks(text[start:end]) >= 2:
        return "\n"
    if (
        start
        and end < len(text)
        and _ALNUM.match(text, start - 1)
        and _ALNUM.match(text, end)
        and _WHITE.search(text, start, end)
    ):
        return " "
    return ""


def _normalise_small(text: str, simplified: str) -> Normalised:
    """Per run of decoration: cheap for short texts, and no numpy import."""
    runs = [(*m.span(), "") for m in _PINYIN.finditer(simplified)]
    runs += [
        (a, b, _separator(simplified, a, b))
        for a, b in (m.span() for m in _RUN.finditer(simplified))
    ]
    runs.sort()
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    length = position = 0

    def emit(piece: str, origin: int) -> None:
        nonlocal length
        pieces.append(piece)
        starts.append(length)
        origins.append(origin)
        length += len(piece)

    for start, end, separator in runs:
        if start > position:
            emit(simplified[position:start], position)
        if separator:
            emit(separator, start)
        position = end
    if position < len(simplified) or not pieces:
        emit(simplified[position:], position)
    return Normalised("".join(pieces), text, tuple(starts), tuple(origins))


#: Long texts go to OpenCC in pieces of about this many characters, cut at line breaks
#: (no dictionary phrase spans one): its working set then stays in the CPU caches, 9.4 ms
#: per MB against 10.6 in one call, and it never holds a whole 10 MB text at once.
PIECE = 1 << 14


def _expand_class(spec: str) -> str:
    """Expand the ``a-b`` ranges of a character-class body into the characters."""
    out: list[str] = []
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return "".join(out)


def pieces(text: str, size: int = PIECE) -> Iterator[tuple[int, str]]:
    """Cut ``text`` after line breaks into pieces of about ``size`` characters.

    A piece without a line break in reach runs on to the next one, so nothing that
    cannot span a line break is ever cut.

    >>> [p for _, p in pieces("ab\\ncd\\nef", size=4)]
    ['ab\\n', 'cd\\n', 'ef']
    """
    position = 0
    while position < len(text):
        end = position + size
        if end < len(text):
            cut = text.rfind("\n", position, end)
            if cut < 0:
                cut = text.find("\n", end)
            end = len(text) if cut < 0 else cut + 1
        yield position, text[position:end]
        position = end


def _normalise_large(text: str) -> Normalised:
    """``normalise`` for long texts: the same result, vectorised (see ``_arrays``)."""
    from glossary._arrays import normalise_large

    return normalise_large(text)


def normalise_term(term: str) -> str:
    """Return the matching key of a term or variant: folded, Simplified, undecorated.

    >>> normalise_term("「雙區」驅動")
    '双区驱动'
    >>> normalise_term("１＋１＋１０＋Ｎ")
    '1+1+10+N'
    """
    return _normalise_small(term, to_simplified(term)).text


def detect_script(text: str) -> Script:
    """Tell how a text is written: Simplified, or which variant of Traditional.

    Each candidate is scored by how much of a sample it reproduces: the sample's own
    Simplified form for ``simplified``, and OpenCC s2t, s2hk and s2tw of that form for
    the Traditional variants. One Traditional character in Simplified text (参考 written
    參考, a name like 乾隆) does not make the text Traditional.

    >>> [detect_script(t) for t in ("双区驱动", "雙區驅動，加強裏外", "乾隆年间，參考")]
    ['simplified', 'traditional', 'simplified']
    """
    sample = text[:2000]
    if not needs_t2s(sample):
        return "simplified"
    simplified = to_simplified(sample)
    # Each variant converts from Simplified in full: s2hk and s2tw use phrase tables of
    # their own, so t2hk or t2tw applied to s2t would not give the same text.
    best: Script = "simplified"
    best_score = sum(map(operator.eq, simplified, sample))
    for script in ("traditional", "hongkong", "taiwan"):
        score = sum(map(operator.eq, to_script(simplified, script), sample))
        if score > best_score:
            best, best_score = script, score
    return best


_CONFIGS: dict[Script, str] = {"traditional": "s2t", "hongkong": "s2hk", "taiwan": "s2tw"}


def to_script(text: str, script: Script) -> str:
    """Write Simplified ``text`` in ``script``; identity for ``simplified``.

    >>> to_script("粤港澳大湾区", "traditional")
    '粵港澳大灣區'
    """
    if script == "simplified" or not text:
        return text
    return str(converter(_CONFIGS[script]).convert(text))
