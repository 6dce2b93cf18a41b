"""Generate ``tables.py``: the character tables the normaliser needs at start-up.

Computing them takes tens of milliseconds (unicodedata over several blocks, OpenCC over
every CJK ideograph), which the CLI and the pre-commit hook would pay on every run, so
they are computed once here and shipped. A test fails when the shipped tables differ
from a fresh build: after an OpenCC release that changes t2s's dictionaries, or a Python
whose Unicode data folds other characters.

The t2s tables come from OpenCC's own dictionaries, dumped with the ``opencc_dict`` tool
that ships inside the opencc wheel; see ``t2s_context``.

Regenerate with ``python -m glossary._normalise.gen_tables``.
"""

from __future__ import annotations

import subprocess
import tempfile
import unicodedata
from pathlib import Path

from glossary._normalise.opencc import converter, opencc_tool, t2s_dictionary_files, t2s_digest

# Blocks where NFKC maps a character to one we care about for matching: full-width
# ASCII, Kangxi and CJK radicals (common in PDF-extracted text), compatibility
# ideographs, enclosed and super/subscript digits, mathematical alphanumerics.
_FOLD_BLOCKS = (
    (0x00B2, 0x00BA),
    (0x2070, 0x20A0),
    (0x2150, 0x2190),
    (0x2460, 0x2500),
    (0x2E80, 0x2FE0),
    (0x3000, 0x3001),
    (0x3200, 0x3400),
    (0xF900, 0xFB00),
    (0xFF00, 0xFFEF),
    (0x1D400, 0x1D800),
    (0x2F800, 0x2FA20),
)
# Extensions B to H: t2s changes five ideographs beyond extension B.
_HAN_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x323B0))


def _is_wanted(folded: str) -> bool:
    """Whether an NFKC result matters for matching: ASCII letters, digits, '+', space, Han."""
    if folded.isascii():
        return folded.isalnum() or folded in "+ "
    return "\u3400" <= folded <= "\u9fff" or "\U00020000" <= folded <= "\U0003ffff"


def fold_pairs() -> tuple[str, str]:
    """Return (from, to): characters whose NFKC form is one wanted character, and that form."""
    src, dst = [], []
    for low, high in _FOLD_BLOCKS:
        for code in range(low, high):
            char = chr(code)
            folded = unicodedata.normalize("NFKC", char)
            if folded != char and len(folded) == 1 and _is_wanted(folded):
                src.append(char)
                dst.append(folded)
    return "".join(src), "".join(dst)


def t2s_triggers() -> str:
    """Return every ideograph that OpenCC's t2s changes when converted on its own."""
    chars = [chr(c) for low, high in _HAN_BLOCKS for c in range(low, high)]
    # One call, each character on a line of its own: no dictionary phrase holds a line break.
    converted = converter("t2s").convert("\n".join(chars)).split("\n")
    if any(len(c) != 1 for c in converted):  # pragma: no cover - guarded by the length test
        raise RuntimeError("t2s changed the length of a single ideograph")
    return "".join(a for a, b in zip(chars, converted, strict=True) if a != b)


def _entries(path: Path) -> list[tuple[str, str]]:
    """(key, first value) of one compiled OpenCC dictionary, dumped with OpenCC's tool."""
    tool = opencc_tool("opencc_dict")
    with tempfile.TemporaryDirectory() as folder:
        dumped = Path(folder) / "dictionary.txt"
        command = [str(tool), "-i", str(path), "-o", str(dumped), "-f", "ocd2", "-t", "text"]
        subprocess.run(command, check=True, capture_output=True)
        lines = dumped.read_text(encoding="utf-8").splitlines()
    return [(key, values.split(" ")[0]) for key, values in (line.split("\t") for line in lines)]


def t2s_context(fold_from: str, fold_to: str) -> tuple[str, str]:
    """Return (phrase, context): the characters t2s may convert by their neighbours.

    ``phrase`` holds every character of a multi-character key of t2s's dictionaries:
    OpenCC's dictionary matches never run across any other character, which therefore is
    always converted on its own. ``context`` holds those that some key converts otherwise
    than on their own. A stretch of phrase characters without a context character
    converts character by character; only the stretches with one need OpenCC.

    ``_arrays.simplify`` relies on what this checks, and raises on otherwise: every value
    as long as its key, character dictionaries of single characters, no line break in a
    key, and a normalisation step that only rewrites characters the normaliser folds
    first, to the same character.
    """
    t2s = converter("t2s")
    folds = dict(zip(fold_from, fold_to, strict=True))
    phrase: set[str] = set()
    context: set[str] = set()
    for stage, path in t2s_dictionary_files():
        for key, value in _entries(path):
            if len(value) != len(key) or "\n" in key:
                raise RuntimeError(f"{path.name}: {key!r} -> {value!r} breaks simplify's rules")
            if stage == "normalization":
                if folds.get(key) != value:
                    raise RuntimeError(f"{path.name}: {key!r} is not folded to {value!r} first")
            elif len(key) > 1:
                phrase.update(key)
                context.update(k for k, v in zip(key, value, strict=True) if t2s.convert(k) != v)
    if phrase & folds.keys():
        raise RuntimeError("a t2s phrase holds a character the normaliser folds")
    return "".join(sorted(phrase)), "".join(sorted(context))


def render() -> str:
    """Return the source text of ``tables.py``."""
    fold_from, fold_to = fold_pairs()
    phrase, context = t2s_context(fold_from, fold_to)
    return (
        '"""Character tables for the normaliser. Generated by'
        ' ``python -m glossary._normalise.gen_tables``; do not edit."""\n\n'
        f"FOLD_FROM = {fold_from!r}\n"
        f"FOLD_TO = {fold_to!r}\n"
        f"T2S_TRIGGERS = {t2s_triggers()!r}\n"
        f"T2S_PHRASE = {phrase!r}\n"
        f"T2S_CONTEXT = {context!r}\n"
        f"T2S_DIGEST = {t2s_digest()!r}\n"
    )


def main() -> None:
    """Write ``tables.py`` beside this module."""
    Path(__file__).with_name("tables.py").write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
