"""Decoding a user's file: UTF-8, or a clear guess of what else it is.

Chinese reports still circulate in GB18030 (GBK) and Big5, and Windows tools write
UTF-16. We read UTF-8 only, unless told otherwise, but we tell the user what the bytes
look like so that the fix (``--encoding gb18030``) is one step away.

The guess decodes the bytes strictly with each candidate and keeps the decodings whose
text is plausible Chinese: almost every character an ideograph, CJK punctuation or
printable ASCII. A wrong legacy codec rarely decodes a real text without error, and when
it does (GB18030 accepts nearly any byte pair) its text is full of kana, Greek and
private-use characters, which the share catches.
"""

from __future__ import annotations

import re

#: The encodings we recognise, in order of preference when two decode equally well.
CANDIDATES = ("gb18030", "big5", "utf-16-le", "utf-16-be")
_BOMS = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}
_PLAUSIBLE = re.compile(
    r"[\t\n\r\x20-\x7e"
    r"\u3000-\u303f"  # CJK symbols and punctuation: 、。“” 《》【】
    r"\u2010-\u2027\u2030-\u205e"  # general punctuation: —…‘’“”
    r"\u3400-\u4dbf\u4e00-\u9fff"  # CJK ideographs
    r"\uff00-\uffef"  # full-width forms: ，：（）１２
    r"\u00b7]"  # middle dot
)
_NAMES = {
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE",
    "gb18030": "GB18030",
    "big5": "Big5",
}
_THRESHOLD = 0.9
_SAMPLE = 1 << 16  # bytes: enough to judge, cheap on a large file


def plausibility(text: str) -> float:
    """Share of ``text``'s characters that plausibly belong to a Chinese document, 0..1.

    >>> plausibility("抢抓“双区”驱动 2023"), plausibility("")
    (1.0, 0.0)
    >>> plausibility("ｿ杞ゅ") < 0.9
    True
    """
    if not text:
        return 0.0
    return len(_PLAUSIBLE.findall(text)) / len(text)


def guess_encoding(raw: bytes, *, start: bool = True) -> str | None:
    """Name the encoding ``raw`` (not UTF-8) most plausibly is in, or None.

    ``start`` says whether ``raw`` begins a stream: only then is a byte-order mark one.

    >>> text = "有关名词解释：“双区”驱动指粤港澳大湾区和先行示范区建设。"
    >>> guess_encoding(text.encode("gb18030")), guess_encoding(text.encode("utf-16"))
    ('gb18030', 'utf-16')
    >>> guess_encoding(text.encode("utf-16-be"))
    'utf-16-be'
    >>> guess_encoding("雙區驅動，建設中國特色社會主義先行示範區。".encode("big5"))
    'big5'
    >>> guess_encoding(bytes(range(128, 256))) is None
    True
    """
    bom = _BOMS.get(raw[:2]) if start else None
    if bom is not None:
        return bom
    sample = _cut(raw[:_SAMPLE], len(raw) > _SAMPLE)
    best, best_score = None, _THRESHOLD
    for encoding in CANDIDATES:
        # A line of a UTF-16LE stream (the piped chat's) ends after the first byte of
        # its line feed, 0A 00: that odd last byte is no sign against UTF-16.
        cut = encoding.startswith("utf-16") and len(sample) % 2 and sample.endswith(b"\n")
        even = sample[:-1] if cut else sample
        try:
            text = even.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if score > best_score:
            best, best_score = encoding, score
    return best


def _cut(sample: bytes, truncated: bool) -> bytes:
    """Drop the last few bytes of a truncated sample, which may end inside a character."""
    return sample[: len(sample) - 4] if truncated else sample


def describe_failure(
    raw: bytes, offset: int, *, option: str | None = "--encoding", start: bool = True
) -> str:
    """Say why ``raw``, undecodable as UTF-8 at byte ``offset``, is unreadable and what to do.

    ``option`` is the command's option that names an encoding (None: it has none, and
    the only fix is to convert the file); ``start`` as for ``guess_encoding``.

    >>> describe_failure("名词解释".encode("gb18030"), 0)
    'is not UTF-8; it looks like GB18030: pass --encoding gb18030, or convert it to UTF-8'
    >>> print(describe_failure(b"ok\\xff", 2))  # doctest: +NORMALIZE_WHITESPACE
    is not UTF-8 (byte 0xff at offset 2), nor GB18030, Big5 or UTF-16:
    convert it to UTF-8, or pass --encoding
    >>> describe_failure("名词解释".encode("gb18030"), 0, option=None)
    'is not UTF-8; it looks like GB18030: convert it to UTF-8'
    """
    guess = guess_encoding(raw, start=start)
    if guess is not None:
        name = _NAMES[guess]
        if option is None:
            return f"is not UTF-8; it looks like {name}: convert it to UTF-8"
        return f"is not UTF-8; it looks like {name}: pass {option} {guess}, or convert it to UTF-8"
    bad = raw[offset : offset + 1].hex()
    fix = "convert it to UTF-8" if option is None else f"convert it to UTF-8, or pass {option}"
    return f"is not UTF-8 (byte 0x{bad} at offset {offset}), nor GB18030, Big5 or UTF-16: {fix}"
