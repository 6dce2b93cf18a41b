"""Runtime types of the glossary: what an entry, a sense and its provenance are.

These are plain frozen dataclasses rather than pydantic models on purpose: the
pre-commit hook and the CLI load the glossary from a compiled cache on every run,
and importing pydantic would cost more than the matching itself. The YAML file
format is validated by the pydantic models in ``_load.schema``, which convert to these
types once, when the cache is built (see docs/design.md, "Two model layers").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: What kind of jargon an entry is. Kept small so that ``/list KIND`` stays useful.
Kind = Literal[
    "numeric-formula",  # 1+1+10+N, 20+8, 422133
    "slogan",  # 双区驱动, 六稳六保, 一芯两核多支点
    "abbreviation",  # 专精特新, 四上企业, PCT
    "programme",  # a programme, platform, mechanism or named project: CIM基础平台, 城市管家
    "policy-concept",  # a policy idea or governance model: 多规合一, 渔邨模式
    "plan-period",  # 十四五
    "other",
]
KINDS: tuple[Kind, ...] = (
    "numeric-formula",
    "slogan",
    "abbreviation",
    "programme",
    "policy-concept",
    "plan-period",
    "other",
)

#: The administrative level of the body whose usage a sense records: 区/市/省/国家.
Level = Literal["district", "city", "province", "national"]
LEVELS: tuple[Level, ...] = ("district", "city", "province", "national")

#: ``official``: quoted from a report's 名词解释 section. ``published``: resting on a
#: published explanation (a newspaper's or ministry's explainer), cited with its address.
#: ``editorial``: written by us. ``document``: defined by the text being explained itself
#: (以下简称…); never in files.
Origin = Literal["official", "published", "editorial", "document"]
#: The origins a glossary file may give, most authoritative first.
FILE_ORIGINS: tuple[Origin, ...] = ("official", "published", "editorial")


@dataclass(frozen=True, slots=True)
class Scope:
    """Who uses a sense and where: the issuing body, its region and its level."""

    region: str  # 深圳市龙岗区
    level: Level
    issuer: str = ""  # 中共深圳市龙岗区委, 深圳市龙岗区人民政府
    # Offered only for texts about its region: the name is a phrase other regions use for
    # programmes of their own (六大重点产业), so that elsewhere it would mislead.
    confined: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """The document a sense is quoted from (official) or where the term is used (editorial)."""

    document: str  # 龙岗区2023年政府工作报告
    issuer: str  # 深圳市龙岗区人民政府
    date: str  # ISO 8601, as precise as the source says: 2023-01-12, 2025-03 or 2026
    item: int | None = None  # item number in the 名词解释 section, for official senses
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Sense:
    """One meaning of a term, with its scope and provenance."""

    expansion: str  # one line; for a formula, what each part stands for
    definition: str
    scope: Scope | None  # None only for senses a document defines itself (origin "document")
    years: tuple[int, ...]
    origin: Origin
    source: Source | None
    usage: str | None = None  # the sentence of a report where the term is used (editorial)
    gloss: str = ""  # a short English gloss for translators


@dataclass(frozen=True, slots=True)
class Entry:
    """A glossary entry: one canonical term, its variant forms and one or more senses."""

    id: str  # stable slug: lowercase ASCII letters, digits and hyphens
    term: str  # the canonical term as the source writes it: 1+1+10+N, 双区驱动
    kind: Kind
    senses: tuple[Sense, ...]
    variants: tuple[
        str, ...
    ] = ()  # other forms found in texts: “双区”驱动, 1+1+10+N经济运行调度机制
    related: tuple[str, ...] = ()  # ids of related entries
    # Contexts the term must not be matched in: longer strings that contain the term but
    # mean something else (an entry for 双减 excluding 双减少, say).
    exclude: tuple[str, ...] = ()
    # Where the entry was loaded from, for error messages and ``/source``; not part of the data.
    origin_file: str = field(default="", compare=False)

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The term followed by its variants, as written in the data.

        >>> Entry(id="x", term="双区驱动", kind="slogan", senses=(),
        ...       variants=("“双区”驱动",)).surfaces
        ('双区驱动', '“双区”驱动')
        """
        return (self.term, *self.variants)
