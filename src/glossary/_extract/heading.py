"""What a report's own heading lines say about it: title, issuer, region, level and date.

A government work report opens with its title, the session it was delivered at and the
speaker, before the salutation::

    2026年广东省政府工作报告
    ——2026年1月26日在广东省第十四届人民代表大会第五次会议上
    广东省省长 孟凡利
    各位代表：

``read_heading`` reads those lines; ``glossary extract --format yaml`` fills an entry's
source and scope from them where no option says otherwise. Every field is None when the
lines do not give it: nothing is guessed from the body of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The fields of a ``Heading``, in the order the command line names them.
FIELDS = ("title", "issuer", "region", "level", "date")

_SCAN = 40  # heading lines come first: the salutation follows within a page's furniture
_SALUTATION = re.compile(r"(?:各位代表|各位委员|各位委員|同志们|同志們)[：:！!，,]?")
_SUFFIX = (
    r"(?:特别行政区|特別行政區|自治区|自治區|自治州|自治县|自治縣|自治旗"
    r"|省|市|区|區|县|縣|州|盟|旗)"
)
_REGION = rf"[\u4e00-\u9fff]{{1,16}}?{_SUFFIX}"
_TITLE = re.compile(
    rf"(?:(?P<year>\d{{4}})年)?(?P<region>{_REGION})?(?:(?P<later>\d{{4}})年)?(?:人民)?政府工作报告"
)
_CN = "〇零一二三四五六七八九十"
_DAY = (
    rf"(?P<y>\d{{4}}|[{_CN}]{{4}})年"
    rf"(?P<m>\d{{1,2}}|[{_CN}]{{1,2}})月(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})日"
)
_SESSION = re.compile(rf"{_DAY}在(?P<where>.{{0,60}}?)(?:会议上|會議上|大会上|大會上)")
_SESSION_REGION = re.compile(
    rf"(?:中国共产党|中國共產黨)?(?P<region>{_REGION})(?:第|人民代表大会|人民代表大會)"
)
_HEADS = "省长|省長|市长|市長|区长|區長|县长|縣長|州长|州長|旗长|旗長|盟长|盟長|主席"
_SPEAKER = re.compile(
    rf"(?P<region>{_REGION})?(?:人民政府)?(?:代理|代)?(?:{_HEADS})\s*[\u4e00-\u9fff·•\s]{{2,12}}$"
)
_BARE = re.compile(rf"{_SUFFIX}$")
# The four municipalities under the central government rank as provinces.
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市", "重慶市"})
_LEVELS = (
    ("province", re.compile(r"(?:省|自治区|自治區|特别行政区|特別行政區)$")),
    ("district", re.compile(r"(?:区|區|县|縣|旗)$")),
    ("city", re.compile(r"(?:市|州|盟)$")),
)


@dataclass(frozen=True, slots=True)
class Heading:
    """What the heading lines of a report give; None for what they do not.

    ``date`` is the day the report was delivered, as YYYY-MM-DD; ``level`` one of the
    glossary's levels (district, city, province).
    """

    title: str | None = None
    issuer: str | None = None
    region: str | None = None
    level: str | None = None
    date: str | None = None


def read_heading(text: str) -> Heading:
    """Read title, issuer, region, level and date from a report's heading lines.

    >>> heading = read_heading("2026年广东省政府工作报告\\n——2026年1月26日在广东省第十四届"
    ...     "\\n人民代表大会第五次会议上\\n广东省省长 孟凡利\\n各位代表：\\n……")
    >>> heading.title, heading.issuer, heading.region
    ('2026年广东省政府工作报告', '广东省人民政府', '广东省')
    >>> heading.level, heading.date
    ('province', '2026-01-26')
    >>> read_heading("今天天气很好。")
    Heading(title=None, issuer=None, region=None, level=None, date=None)
    """
    lines = _heading_lines(text)
    bare = [re.sub(r"\s+", "", line) for line in lines]
    title = next(filter(None, (_TITLE.fullmatch(line) for line in bare)), None)
    date, session_region = _session(bare)
    # The speaker's post and name close a short line, or the session line (陕西省省长 赵刚).
    tails = (line.rpartition("会议上")[2].strip() for line in lines)
    speaker = next(filter(None, (_SPEAKER.search(t) for t in tails if len(t) <= 30)), None)
    region = _region(
        [session_region, speaker["region"] if speaker else None, title["region"] if title else None]
    )
    return Heading(
        _title(title, region, date),
        f"{region}人民政府" if region and (title or speaker) else None,
        region,
        _level(region) if region else None,
        date,
    )


def _title(title: re.Match[str] | None, region: str | None, date: str | None) -> str | None:
    """The title as written when it names region and year; else with the ones it omits.

    A bare 政府工作报告 is named after the region and year the other lines give, so that
    reports of different places and years are told apart; without them there is no title.
    """
    if title is None:
        return None
    year = title["year"] or title["later"] or (date[:4] if date else None)
    if title["region"] and (title["year"] or title["later"]):
        return title[0]
    return f"{year}年{region}政府工作报告" if region and year else None


def _heading_lines(text: str) -> list[str]:
    """The first lines of a text, stripped, up to the salutation (各位代表：)."""
    lines = []
    for line in text.splitlines()[:_SCAN]:
        stripped = line.strip().strip("\ufeff").strip()
        if _SALUTATION.fullmatch(re.sub(r"\s+", "", stripped)):
            break
        lines.append(stripped)
    return lines


def _session(lines: list[str]) -> tuple[str | None, str | None]:
    """The date and region of the session line (——2026年1月26日在广东省第十四届……会议上).

    The line may be wrapped: up to two following lines are read with it.
    """
    for index, line in enumerate(lines):
        if "日在" not in line:
            continue
        match = _SESSION.search("".join(lines[index : index + 3]))
        if match is None:
            continue
        date = _iso(match["y"], match["m"], match["d"])
        where = _SESSION_REGION.match(match["where"])
        region = where["region"] if where and _named(where["region"]) else None
        return date, region
    return None, None


def _named(region: str | None) -> bool:
    """Tell whether a region has a name, not only its kind (省, 自治区 in 自治区主席)."""
    return bool(region) and len(_BARE.sub("", region or "")) >= 2


def _region(found: list[str | None]) -> str | None:
    """The region the heading names: the first found, or a longer one ending with it.

    >>> _region(["龙岗区", "深圳市龙岗区", None]), _region([None, "自治区", "广西壮族自治区"])
    ('深圳市龙岗区', '广西壮族自治区')
    """
    named = [region for region in found if region and _named(region)]
    if not named:
        return None
    first = named[0]
    return max((r for r in named if r.endswith(first)), key=len)


def _level(region: str) -> str | None:
    """The administrative level of a region, from the suffix of its name.

    >>> _level("广东省"), _level("北京市"), _level("深圳市"), _level("深圳市龙岗区"), _level("中国")
    ('province', 'province', 'city', 'district', None)
    """
    if region in _MUNICIPALITIES:
        return "province"
    return next((level for level, suffix in _LEVELS if suffix.search(region)), None)


def _cn_number(token: str) -> int:
    """Read a number written in digits or Chinese numerals (二〇二六, 十二, 二十六)."""
    if token.isdigit():
        return int(token)
    values = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
    if "十" not in token:
        return int("".join(str(values[c]) for c in token))
    tens, _, units = token.partition("十")
    return (values[tens] if tens else 1) * 10 + (values[units] if units else 0)


def _iso(year: str, month: str, day: str) -> str | None:
    """YYYY-MM-DD of a date's parts, None when they make no date.

    >>> _iso("二〇二六", "一", "二十六"), _iso("2026", "2", "30")
    ('2026-01-26', None)
    """
    import datetime

    try:
        day_ = datetime.date(_cn_number(year), _cn_number(month), _cn_number(day))
    except (ValueError, KeyError):
        return None
    return day_.isoformat()
