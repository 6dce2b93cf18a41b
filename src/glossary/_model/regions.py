"""Region names: the short name a text uses for a region, and whether a sense belongs to one.

Pure string rules on ``Scope.region`` and ``Scope.issuer``; the compile stage lists the
names to count, the senses stage counts them in a text.
"""

from __future__ import annotations

import re
from functools import cache

from glossary._model.entries import Sense

_REGION_PART = re.compile(r".+?(?:特别行政区|自治区|自治州|省|市|区|县)|.+$")


_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|省|市|区|县)$")


@cache  # a glossary names a handful of regions; each costs two regex calls
def cue(region: str) -> str:
    """The name a text uses for a region: its last part without the administrative suffix.

    >>> cue("深圳市龙岗区"), cue("深圳市"), cue("中国")
    ('龙岗', '深圳', '中国')
    """
    last = _REGION_PART.findall(region)[-1] if region else ""
    return _SUFFIX.sub("", last) or last


def in_region(sense: Sense, region: str) -> bool:
    """Whether a sense belongs to ``region``: its region or issuer, or the same short name.

    >>> from glossary import Glossary
    >>> sense = Glossary.default().get("luohu-1-10-n").senses[0]
    >>> [in_region(sense, r) for r in ("深圳市罗湖区", "罗湖区", "深圳市龙岗区", "")]
    [True, True, False, False]
    """
    scope = sense.scope
    if not region or scope is None:
        return False
    return region in (scope.region, scope.issuer) or cue(region) == cue(scope.region)
