"""A report's own heading lines give its title, issuer, region, level and date."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from glossary._extract.heading import FIELDS, Heading, read_heading

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = FIXTURES / "reports"
SEEDS = FIXTURES / "seeds"

#: The day each corpus report was delivered, as its session line (——…日在…会议上) says;
#: the index's date is the day the copy was published.
DELIVERED = {
    "anhui-2026.txt": "2026-02-05",
    "beijing-2026.txt": "2026-01-25",
    "guangdong-2026.txt": "2026-01-26",
    "guangxi-2026.txt": "2026-02-02",
    "guizhou-2026.txt": "2026-01-27",
    "hainan-2026.txt": "2026-01-27",
    "hebei-2026.txt": "2026-01-26",
    "henan-2026.txt": "2026-01-26",
    "hubei-2026.txt": "2026-01-27",
    "inner-mongolia-2026.txt": "2026-02-04",
    "jiangsu-2026.txt": "2026-02-03",
    "jiangxi-2026.txt": "2026-01-27",
    "jilin-2026.txt": "2026-01-27",
    "liaoning-2026.txt": "2026-01-27",
    "qinghai-2026.txt": "2026-01-27",
    "shaanxi-2026.txt": "2026-01-27",
    "shandong-2026.txt": "2026-01-27",
    "shanxi-2026.txt": "2026-02-02",
    "sichuan-2026.txt": "2026-02-03",
    "tianjin-2026.txt": "2026-01-26",
    "tibet-2026.txt": "2026-01-31",
    "xinjiang-2026.txt": "2026-01-27",
    "yunnan-2026.txt": "2026-01-28",
}


def index() -> list[dict[str, Any]]:
    data = json.loads((REPORTS / "index.json").read_text(encoding="utf-8"))
    return list(data["documents"])


@pytest.mark.parametrize("document", index(), ids=lambda d: d["file"])
def test_every_corpus_report_names_itself(document: dict[str, Any]) -> None:
    heading = read_heading((REPORTS / document["file"]).read_text(encoding="utf-8"))
    # Where the copy gives a bare 政府工作报告, the title is the index's own naming.
    assert heading.title in (document["document"], document["title_as_published"])
    assert (heading.issuer, heading.region, heading.level) == (
        document["issuer"],
        document["region"],
        document["level"],
    )
    assert heading.date == DELIVERED[document["file"]]


def test_the_longgang_report_names_its_district() -> None:
    heading = read_heading((SEEDS / "longgang-2023-work-report.txt").read_text(encoding="utf-8"))
    assert heading == Heading(
        "2023年龙岗区政府工作报告", "龙岗区人民政府", "龙岗区", "district", "2023-01-12"
    )


@pytest.mark.parametrize(
    "seed",
    [
        "baoan-2023-party-congress-hant",
        "longgang-2022-plenary-news",
        "luohu-2021-report-news-hant-pinyin",
        "luohu-2022-report-forum",
    ],
)
def test_news_pages_have_no_heading_lines(seed: str) -> None:
    assert read_heading((SEEDS / f"{seed}.txt").read_text(encoding="utf-8")) == Heading()


HEADINGS: dict[str, tuple[str, Heading]] = {
    "province": (
        "2026年广东省政府工作报告\n——2026年1月26日在广东省第十四届人民代表大会第五次会议上\n"
        "广东省省长 孟凡利\n各位代表：",
        Heading("2026年广东省政府工作报告", "广东省人民政府", "广东省", "province", "2026-01-26"),
    ),
    "municipality": (
        "北京市政府工作报告\n——2026年1月25日在北京市第十六届人民代表大会第四次会议上\n"
        "北京市市长 殷勇",
        Heading("2026年北京市政府工作报告", "北京市人民政府", "北京市", "province", "2026-01-25"),
    ),
    "city": (
        "2024年深圳市政府工作报告\n——2024年1月24日在深圳市第七届人民代表大会第五次会议上",
        Heading("2024年深圳市政府工作报告", "深圳市人民政府", "深圳市", "city", "2024-01-24"),
    ),
    "district-full-name": (
        "政府工作报告\n——2023年1月12日在深圳市龙岗区第七届人民代表大会第三次会议上\n"
        "深圳市龙岗区人民政府区长 王策飞",
        Heading(
            "2023年深圳市龙岗区政府工作报告",
            "深圳市龙岗区人民政府",
            "深圳市龙岗区",
            "district",
            "2023-01-12",
        ),
    ),
    "county": (
        "2025年某某县人民政府工作报告\n（2025年2月20日在某某县第十八届人民代表大会第五次会议上）",
        Heading(
            "2025年某某县人民政府工作报告", "某某县人民政府", "某某县", "district", "2025-02-20"
        ),
    ),
    "autonomous-region": (
        "政府工作报告\n——二〇二六年二月二日在广西壮族自治区第十四届人民代表大会第五次会议上\n"
        "自治区主席 韦 韬",
        Heading(
            "2026年广西壮族自治区政府工作报告",
            "广西壮族自治区人民政府",
            "广西壮族自治区",
            "province",
            "2026-02-02",
        ),
    ),
    "speaker-on-the-session-line": (
        "陕西省2026年政府工作报告\n"
        "2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚",
        Heading("陕西省2026年政府工作报告", "陕西省人民政府", "陕西省", "province", "2026-01-27"),
    ),
    "title-without-region": (
        "2026年政府工作报告\n省长 王予波\n各位代表：",
        Heading(None, None, None, None, None),
    ),
    "session-without-title": (
        "——2026年1月28日在云南省第十四届人民代表大会第四次会议上\n各位代表：",
        Heading(None, None, "云南省", "province", "2026-01-28"),
    ),
    "impossible-date": (
        "2026年广东省政府工作报告\n——2026年2月30日在广东省第十四届人民代表大会第五次会议上",
        Heading("2026年广东省政府工作报告", "广东省人民政府", "广东省", "province", None),
    ),
    "after-the-salutation": (
        "各位代表：\n2026年广东省政府工作报告\n——2026年1月26日在广东省第十四届人民代表大会第五次会议上",
        Heading(),
    ),
    "a-date-of-publication-is-no-session": (
        "2026年广东省政府工作报告\n2026年01月31日 07:00 来源：南方日报",
        Heading("2026年广东省政府工作报告", "广东省人民政府", "广东省", "province", None),
    ),
}


@pytest.mark.parametrize(("text", "expected"), HEADINGS.values(), ids=HEADINGS.keys())
def test_heading_lines(text: str, expected: Heading) -> None:
    assert read_heading(text) == expected


def test_heading_lines_come_first() -> None:
    late = "正文。\n" * 40 + "2026年广东省政府工作报告\n"
    assert read_heading(late) == Heading()


def test_fields_are_the_headings_own() -> None:
    assert tuple(Heading.__dataclass_fields__) == FIELDS
