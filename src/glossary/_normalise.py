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

Steps 1 and 2 are skipped when a fast scan finds nothing for them to change. Step 3
has two implementations with one behaviour: per run of decoration for short texts,
vectorised with numpy for long ones (numpy costs 100 ms to import, which a one-line
lookup should not pay). A property test holds them equal.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import opencc

from glossary._annotation import Script
from glossary._tables import FOLD_FROM, FOLD_TO, T2S_TRIGGERS

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: Texts at least this long take the numpy path.
LARGE = 20_000

_FOLD = str.maketrans(FOLD_FROM, FOLD_TO)
_FOLD_SET = frozenset(FOLD_FROM)
_T2S_SET = frozenset(T2S_TRIGGERS)

_SPACE = " \t\r\n\x0b\x0c\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u180e\u200b-\u200d\u2060\ufeff"
_QUOTES = "\"'“”‘’「」『』〝〞〟＂＇‚„‹›«»"
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
def _converter(config: str) -> opencc.OpenCC:
    """Return a cached OpenCC converter; building one loads its dictionaries."""
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
        converted: str = _converter("t2s").convert(text)
    except UnicodeEncodeError:  # a lone surrogate: OpenCC needs valid UTF-8
        converted = _converter("t2s").convert(re.sub("[\ud800-\udfff]", "\ufffd", text))
    if len(converted) != len(text):  # not seen on OpenCC 1.4; keep offsets valid regardless
        converted = "".join(
            c if len(c) == 1 else t for c, t in zip(map(_single_t2s, text), text, strict=True)
        )
    return converted


@cache
def _single_t2s(char: str) -> str:
    return str(_converter("t2s").convert(char))


@dataclass(frozen=True, slots=True)
class Normalised:
    """A normalised text and the way back to the original offsets.

    ``starts[k]`` is where the k-th kept piece begins in the normalised text and
    ``origins[k]`` where it begins in the original; pieces are contiguous in both.
    The numpy path instead keeps ``kept``, the original index of every kept character.
    """

    text: str
    original: str
    starts: tuple[int, ...] = ()
    origins: tuple[int, ...] = ()
    kept: npt.NDArray[np.int64] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty normalised span to the original text.

        >>> n = normalise("抢抓“双区”驱动")
        >>> n.text, n.span(2, 6)
        ('抢抓双区驱动', (3, 8))
        """
        return self._index(start), self._index(end - 1) + 1

    def _index(self, position: int) -> int:
        if self.kept is not None:
            return int(self.kept[position])
        k = bisect.bisect_right(self.starts, position) - 1
        return self.origins[k] + position - self.starts[k]

    def spans(self, starts: Sequence[int], ends: Sequence[int]) -> list[tuple[int, int]]:
        """Map many spans at once (vectorised on the numpy path)."""
        if self.kept is None or not starts:
            return [self.span(s, e) for s, e in zip(starts, ends, strict=True)]
        import numpy as np

        first = self.kept[np.asarray(starts, dtype=np.int64)]
        last = self.kept[np.asarray(ends, dtype=np.int64) - 1] + 1
        return list(zip(first.tolist(), last.tolist(), strict=True))


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


def _separator(text: str, start: int, end: int) -> str:
    """What the run of decoration text[start:end] becomes: a line break, a space or nothing."""
    if text.count("\n", start, end) >= 2:
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


@cache
def _tables() -> dict[str, npt.NDArray[Any]]:
    """Lookup tables over the BMP: fold target, and masks of the character classes."""
    import numpy as np

    def mask(chars: str) -> npt.NDArray[np.bool_]:
        table = np.zeros(0x10000, dtype=np.bool_)
        table[[ord(c) for c in chars if ord(c) < 0x10000]] = True
        return table

    fold = np.arange(0x10000, dtype=np.uint32)
    pairs = [(ord(a), ord(b)) for a, b in zip(FOLD_FROM, FOLD_TO, strict=True) if ord(a) < 0x10000]
    fold[[a for a, _ in pairs]] = [b for _, b in pairs]
    return {
        "fold": fold,
        "foldable": mask(FOLD_FROM),
        "trigger": mask(T2S_TRIGGERS),
        "decoration": mask(_expand_class(_DECORATION)),
        "white": mask(_expand_class(_SPACE)),
        "alnum": mask("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
    }


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


def _simplified_codes(text: str) -> tuple[str, npt.NDArray[np.uint32]]:
    """Fold and convert a long text, returning it with its UTF-32 code units."""
    import numpy as np

    tables = _tables()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    if codes.max(initial=0) > 0xFFFF:  # rare: astral folds and triggers via the string path
        text = to_simplified(text)
    else:
        if tables["foldable"][codes].any():
            codes = tables["fold"][codes]
            text = codes.tobytes().decode("utf-32-le", "surrogatepass")
        if not tables["trigger"][codes].any():
            return text, codes.copy()
        text = _t2s(text)
    return text, np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").copy()


def _normalise_large(text: str) -> Normalised:
    """Vectorised over the UTF-32 code units: table lookups and prefix sums, no scans."""
    import numpy as np

    tables = _tables()
    simplified, codes = _simplified_codes(text)
    bmp = np.minimum(codes, 0xFFFF)
    delete = tables["decoration"][bmp] & (codes < 0x10000)
    # Runs of decoration, and how many line breaks and white-space characters each holds,
    # counted by binary search over the (few) positions of those characters.
    edges = np.diff(delete.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    breaks = np.flatnonzero(codes == 10)
    blank = np.searchsorted(breaks, ends) - np.searchsorted(breaks, starts) >= 2
    alnum = np.append(tables["alnum"][bmp], False)
    gap = (starts > 0) & alnum[starts - 1] & alnum[ends] & ~blank
    if gap.any():
        spaces = np.flatnonzero(tables["white"][bmp])
        gap &= np.searchsorted(spaces, ends) > np.searchsorted(spaces, starts)
    pinyin = np.array([m.span() for m in _PINYIN.finditer(simplified)], dtype=np.int64)
    if len(pinyin):  # mark every character inside each pinyin span, without a loop
        depth = np.zeros(len(codes) + 1, dtype=np.int32)
        np.add.at(depth, pinyin[:, 0], 1)
        np.add.at(depth, pinyin[:, 1], -1)
        delete |= np.cumsum(depth[:-1], dtype=np.int32) > 0
    delete[starts[blank]] = False
    codes[starts[blank]] = 10
    delete[starts[gap]] = False
    codes[starts[gap]] = 32
    kept = np.flatnonzero(~delete)
    normal = codes[kept].tobytes().decode("utf-32-le", "surrogatepass")
    return Normalised(normal, text, kept=kept)


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

    The variant is the OpenCC conversion (s2t, s2hk, s2tw) that best reproduces a sample
    of the text from its Simplified form.

    >>> detect_script("双区驱动"), detect_script("雙區驅動，加強裏外")
    ('simplified', 'traditional')
    """
    sample = text[:2000]
    if not needs_t2s(sample):
        return "simplified"
    simplified = to_simplified(sample)
    best: Script = "traditional"
    best_score = -1
    for script in ("traditional", "hongkong", "taiwan"):
        restored = to_script(simplified, script)
        score = sum(map(operator.eq, restored, sample))
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
    return str(_converter(_CONFIGS[script]).convert(text))
