"""Small hand-built glossaries for engine tests, independent of the bundled data.

``team_yaml`` is the glossary file a team would write, for the command-line tests.
"""

from __future__ import annotations

import re

from glossary import Entry, Glossary, Scope, Sense, Source

REGIONS = {
    "national": ("中国", "national"),
    "shenzhen": ("深圳市", "city"),
    "longgang": ("深圳市龙岗区", "district"),
    "luohu": ("深圳市罗湖区", "district"),
    "futian": ("深圳市福田区", "district"),
}


def sense(where: str, expansion: str) -> Sense:
    """An editorial sense of one of REGIONS."""
    region, level = REGIONS[where]
    return Sense(
        expansion=expansion,
        definition=f"{expansion}。",
        scope=Scope(region=region, level=level),  # type: ignore[arg-type]
        years=(2022,),
        origin="editorial",
        source=Source("测试文件", "测试机关", "2022-01-01"),
        usage="测试用例。",
        gloss=f"gloss of {expansion}",
    )


def entry(entry_id: str, term: str, where: str = "national", **extra: object) -> Entry:
    """An entry with one sense of ``where`` whose expansion names the entry."""
    return Entry(entry_id, term, "other", (sense(where, f"{entry_id} exp"),), **extra)  # type: ignore[arg-type]


ENTRIES = (
    entry("sqqd", "双区驱动", "shenzhen", variants=("“双区”驱动",)),
    entry("lg-11010n", "1+1+10+N", "longgang", variants=("“1+1+10+N”经济运行调度机制",)),
    entry("lh-110n", "1+10+N", "luohu"),
    entry("ft-110n", "1+10+N", "futian"),
    entry("sz-208", "20+8", "shenzhen"),
    entry("it", "IT"),
    entry("cim", "CIM基础平台"),
    entry("shuangjian", "双减", exclude=("双减少",)),
    entry("wanqu", "湾区"),
    entry("zjtx", "专精特新"),
    entry("lwlb", "六稳六保"),
)


def small_glossary() -> Glossary:
    """A fresh glossary of ENTRIES."""
    return Glossary(ENTRIES)


def team_yaml(term: str = "1+6+N", region: str = "深圳市龙岗区") -> str:
    """A team's glossary file, in canonical form, with one editorial entry for ``term``.

    >>> team_yaml().splitlines()[1:3]
    ['- id: team-1-6-n', '  term: 1+6+N']
    """
    slug = re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
    return f"""\
entries:
- id: team-{slug}
  term: {term}
  kind: numeric-formula
  senses:
  - expansion: 1个指挥中心 + 6个工作专班 + N个成员单位
    definition: 本团队草稿所说的“{term}”工作体系。
    gloss: the team's {term} working system
    origin: editorial
    scope:
      region: {region}
      level: district
    years:
    - 2023
    source:
      document: 团队工作草稿
      issuer: 测试团队
      date: '2023-01-01'
    usage: 坚持“{term}”工作体系。
"""
