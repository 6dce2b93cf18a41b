"""The pinyin of a term, full and by initials: pypinyin behind one module, loaded on use.

A reader who cannot type 双区驱动 types shuangququdong or sqqd. pypinyin costs 0.3 s to
import and its dictionaries some memory, so only lookups that fall back to pinyin pay:
never a matching run, never the pre-commit hook.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u9fff]")
_KEPT = re.compile(r"[a-z]+")


@lru_cache(maxsize=65536)
def spellings(term: str) -> tuple[str, str]:
    """(full, initials) of a term's Simplified characters; ("", "") when it has no Han.

    Latin letters count as written (lower case) in both; digits are left out, since a
    reader spelling a term in pinyin does not type them.

    >>> spellings("双区驱动"), spellings("CIM基础平台"), spellings("20+8")
    (('shuangququdong', 'sqqd'), ('cimjichupingtai', 'cimjcpt'), ('', ''))
    """
    if not _HAN.search(term):
        return "", ""
    from pypinyin import lazy_pinyin

    full, initials = [], []
    # A run of other characters comes back whole, marked, so that it keeps every letter.
    for piece in lazy_pinyin(term.lower(), errors=lambda chars: "\0" + chars):
        words = _KEPT.findall(piece.replace("ü", "v"))
        full += words
        initials += words if piece.startswith("\0") else [word[0] for word in words]
    return "".join(full), "".join(initials)


def typed(query: str) -> str:
    """A query as pinyin is compared: lower case, without spaces, apostrophes or tone marks.

    >>> typed("Shuang Qu'qu dong"), typed("lǜ")
    ('shuangququdong', 'lv')
    """
    plain = query.lower().replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v")
    plain = plain.replace("ǚ", "v").replace("ǜ", "v")
    for toned, vowel in zip("āáǎàēéěèīíǐìōóǒòūúǔù", "aaaaeeeeiiiioooouuuu", strict=True):
        plain = plain.replace(toned, vowel)
    return "".join(_KEPT.findall(plain))
