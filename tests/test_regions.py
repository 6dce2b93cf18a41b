"""Region-safe senses: which region a text is about, which sense it takes, and the caveat."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entries import ENTRIES, entry, sense
from glossary import Entry, Glossary, explain
from glossary._model.gazetteer import PLACES
from glossary._model.regions import resolve, within

REPORTS = Path(__file__).parent / "fixtures" / "reports"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
INDEX = json.loads((REPORTS / "index.json").read_text(encoding="utf-8"))["documents"]


@pytest.mark.parametrize("report", INDEX, ids=[r["file"] for r in INDEX])
def test_each_provincial_report_is_about_its_province(report: dict[str, str]) -> None:
    text = (REPORTS / report["file"]).read_text(encoding="utf-8")
    assert explain(text).region == report["region"]


@pytest.mark.parametrize(
    ("seed", "region"),
    [
        ("luohu-2022-report-forum", "深圳市罗湖区"),
        ("luohu-2021-report-news-hant-pinyin", "深圳市罗湖区"),  # Traditional, with pinyin
        ("longgang-2022-plenary-news", "深圳市龙岗区"),
        ("longgang-2023-work-report", "深圳市龙岗区"),  # opening is a site's menu: by counts
        ("baoan-2023-party-congress-hant", "深圳市宝安区"),  # 深圳寶安區 over 香港商报
    ],
)
def test_each_seed_is_about_its_district(seed: str, region: str) -> None:
    assert explain((SEEDS / f"{seed}.txt").read_text(encoding="utf-8")).region == region


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("罗湖", "深圳市罗湖区"),
        ("羅湖區", "深圳市罗湖区"),
        ("福田", "深圳市福田区"),  # a district the glossary has no sense of
        ("广西", "广西壮族自治区"),
        ("新疆", "新疆维吾尔自治区"),
        ("深圳", "深圳市"),
        ("广东省", "广东省"),
    ],
)
def test_region_takes_usual_names(name: str, full: str) -> None:
    (annotation,) = explain("落实“双区”驱动", region=name)
    assert annotation.reason in ("only sense", f"region={full}")
    assert explain("落实“双区”驱动", region=name).region == full


GLOSSARY = Glossary(
    (
        *ENTRIES,
        Entry("mix", "三个一批", "other", (sense("national", "全国的"), sense("luohu", "罗湖的"))),
        Entry("far", "五个一", "other", (sense("luohu", "罗湖的五个一"),)),
    )
)


@pytest.mark.parametrize(
    ("text", "chosen", "caveat"),
    [
        ("罗湖区实施“三个一批”", "罗湖的", ""),  # the district's sense in its own text
        ("广东省实施“三个一批”", "全国的", ""),  # the nation's outside the district
        ("福田区实施“三个一批”", "全国的", ""),
        ("福田区建成1+10+N体系", "ft-110n exp", ""),
        ("龙岗区建成1+10+N体系", None, "this text is about 深圳市龙岗区"),  # nearest: a caveat
        ("广东省推进“五个一”", "罗湖的五个一", "sense of 深圳市罗湖区; this text is about 广东省"),
        ("推进“五个一”", "罗湖的五个一", "sense of 深圳市罗湖区; the text names no region"),
    ],
    ids=[
        "own",
        "national-in-province",
        "national-in-other",
        "own-city",
        "nearest",
        "inside",
        "none",
    ],
)
def test_a_sense_of_another_region_is_chosen_last_and_says_so(
    text: str, chosen: str | None, caveat: str
) -> None:
    (annotation,) = GLOSSARY.explain(text)
    if chosen is not None:
        assert annotation.sense.expansion == chosen
    assert caveat in annotation.caveat
    assert bool(caveat) == bool(annotation.caveat)


def test_the_caveat_reaches_json_and_the_notes() -> None:
    explanation = GLOSSARY.explain("广东省推进“五个一”")
    document = json.loads(explanation.render("json"))
    assert document["region"] == "广东省"
    assert document["annotations"][0]["caveat"].startswith("sense of 深圳市罗湖区")
    assert "注意：释义为深圳市罗湖区的用法，本文所述为广东省" in explanation.render("footnotes")
    assert "Note: sense of 深圳市罗湖区" in explanation.render("footnotes", lang="en")
    assert "注意：释义为深圳市罗湖区的用法" in explanation.render("html")
    # A text that names no region keeps the caveat in the data, not in the prose.
    quiet = GLOSSARY.explain("推进“五个一”")
    assert quiet[0].caveat
    assert "注意" not in quiet.render("footnotes")


REGIONS_TO_TRY = sorted({*PLACES, "深圳市罗湖区", "深圳市福田区", "深圳市龙岗区"})
TERMS = ("双区驱动", "1+10+N", "1+1+10+N", "20+8", "三个一批", "五个一", "IT")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(REGIONS_TO_TRY), st.lists(st.sampled_from(TERMS), min_size=1, max_size=4))
def test_a_caveat_appears_exactly_when_the_senses_region_does_not_hold_the_texts(
    region: str, terms: list[str]
) -> None:
    explanation = GLOSSARY.explain("，".join(f"“{t}”" for t in terms), region=region)
    assert explanation.region == region
    for annotation in explanation:
        scope = annotation.sense.scope
        local = scope is not None and scope.level != "national"
        assert bool(annotation.caveat) == (local and not within(region, scope.region))


def test_resolve_lists_every_region_a_short_name_may_mean() -> None:
    assert set(resolve("自治区")) >= {"内蒙古自治区", "广西壮族自治区", "西藏自治区"}
    assert resolve("火星") == ()


def test_an_entry_of_one_region_has_a_fixed_reading_with_a_per_text_caveat() -> None:
    glossary = Glossary((entry("only-luohu", "十大行动", "luohu"),))
    assert glossary.explain("罗湖区推进十大行动")[0].caveat == ""
    assert glossary.explain("宝安区推进十大行动")[0].caveat.endswith("深圳市宝安区")
    # The reading a key has for one text never leaks into the next.
    assert glossary.explain("罗湖区推进十大行动")[0].caveat == ""
