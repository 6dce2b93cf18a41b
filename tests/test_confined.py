"""Confined senses: a region's sense of a name other regions use too is read only in its texts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entries import ENTRIES, sense
from entry_data import editorial, entry, line_of, write
from glossary import DataError, Entry, Glossary, Scope, Sense
from glossary._load.cache_format import decode, encode
from glossary._load.loader import load_layers
from glossary._normalise.text import LARGE
from glossary_cli.answers import scope_text


def confined(where: str, expansion: str) -> Sense:
    """An editorial sense of one of entries.REGIONS, offered only in texts about it."""
    plain = sense(where, expansion)
    assert plain.scope is not None
    return dataclasses.replace(plain, scope=dataclasses.replace(plain.scope, confined=True))


GLOSSARY = Glossary(
    (
        *ENTRIES,
        # 罗湖's "six key industries": every region has six of its own.
        Entry("lh-six", "六大重点产业", "other", (confined("luohu", "罗湖的六大产业"),)),
        # A national sense beside a confined district one: elsewhere, the national one.
        Entry(
            "two",
            "两个中心",
            "other",
            (confined("luohu", "罗湖的两个中心"), sense("national", "全国的两个中心")),
        ),
    )
)


def read(text: str, region: str | None = None) -> list[tuple[str, str]]:
    """(surface, entry id) of each annotation of ``text``."""
    return [(a.text, a.entry.id) for a in GLOSSARY.explain(text, region=region)]


@pytest.mark.parametrize(
    ("region", "found"),
    [
        ("罗湖", [("六大重点产业", "lh-six")]),
        ("深圳市罗湖区", [("六大重点产业", "lh-six")]),
        ("福田", []),  # another district of the same city
        ("深圳", [("六大重点产业", "lh-six")]),  # the city's text may name its district's
        ("广东省", [("六大重点产业", "lh-six")]),
        ("北京", []),
        ("中国", []),  # every region lies in the country: the country's text is no cue
    ],
)
def test_a_confined_sense_is_read_only_in_texts_about_its_region(
    region: str, found: list[tuple[str, str]]
) -> None:
    assert read("壮大六大重点产业。", region) == found


def test_a_text_that_names_no_region_reads_no_confined_sense() -> None:
    assert read("壮大六大重点产业。") == []
    # ...but one that is about 罗湖 by its own words does.
    assert read("罗湖区政府工作报告：壮大六大重点产业。") == [("六大重点产业", "lh-six")]


def test_elsewhere_the_unconfined_sense_of_a_term_is_chosen_without_caveat() -> None:
    (annotation,) = GLOSSARY.explain("建设两个中心。", region="福田")
    assert annotation.sense.expansion == "全国的两个中心"
    assert annotation.caveat == ""
    (annotation,) = GLOSSARY.explain("建设两个中心。", region="罗湖")
    assert annotation.sense.expansion == "罗湖的两个中心"


def test_other_terms_of_the_text_keep_their_spans() -> None:
    text = "发展六大重点产业，抢抓“双区”驱动，再发展六大重点产业。"
    (annotation,) = GLOSSARY.explain(text, region="福田")
    assert (annotation.entry.id, text[annotation.start : annotation.end]) == ("sqqd", "“双区”驱动")


def test_a_confined_match_left_unread_is_jargon_the_glossary_leaves_unexplained() -> None:
    explanation = GLOSSARY.explain("壮大“六大重点产业”。", region="福田")
    assert [c.text for c in explanation.unexplained] == ["六大重点产业"]
    assert GLOSSARY.explain("壮大“六大重点产业”。", region="罗湖").unexplained == ()


def test_a_long_text_drops_the_same_matches_as_a_short_one() -> None:
    # Above LARGE characters the engine takes its numpy path: the same answer, sliced.
    unit = "发展六大重点产业，抢抓“双区”驱动，建设两个中心。\n"
    text = unit * (LARGE // len(unit) + 10)
    assert len(text) > LARGE
    long = GLOSSARY.explain(text, region="福田")
    short = GLOSSARY.explain(unit, region="福田")
    assert [a.entry.id for a in long] == [a.entry.id for a in short] * (len(text) // len(unit))
    assert all(text[a.start : a.end] == a.text for a in long)
    assert len(GLOSSARY.explain(text, region="罗湖")) == 3 * (len(text) // len(unit))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["六大重点产业", "两个中心", "“双区”驱动", "，", "发展", "罗湖"])))
def test_confining_a_sense_only_takes_annotations_away(words: list[str]) -> None:
    text = "".join(words)
    unconfined = Glossary(
        [
            dataclasses.replace(
                e,
                senses=tuple(
                    dataclasses.replace(s, scope=dataclasses.replace(s.scope, confined=False))
                    if s.scope is not None
                    else s
                    for s in e.senses
                ),
            )
            for e in GLOSSARY
        ]
    )
    for region in (None, "福田", "罗湖"):
        kept = {(a.start, a.end) for a in GLOSSARY.explain(text, region=region)}
        every = {(a.start, a.end) for a in unconfined.explain(text, region=region)}
        assert kept <= every


def test_a_national_sense_cannot_be_confined(tmp_path: Path) -> None:
    national = editorial(scope={"region": "中国", "level": "national", "confined": True})
    path = write(tmp_path, "national.yaml", [entry(senses=[national])])
    with pytest.raises(DataError) as raised:
        load_layers([[path]])
    assert [(p.line, p.message) for p in raised.value.problems] == [
        (line_of(path, "confined:"), "a national sense cannot be confined")
    ]
    provincial = editorial(scope={"region": "广东省", "level": "province", "confined": True})
    path = write(tmp_path, "national.yaml", [entry(senses=[provincial])])
    assert [s.scope.confined for e in load_layers([[path]]) for s in e.senses if s.scope] == [True]


def test_confined_survives_the_cache() -> None:
    entries = [e for e in GLOSSARY if e.id in ("lh-six", "two")]
    back = decode(encode("k", entries), "k")
    assert back == tuple(entries)
    assert [s.scope.confined for e in back for s in e.senses if s.scope] == [True, True, False]


def test_lookup_says_where_a_confined_sense_is_explained() -> None:
    assert scope_text(confined("luohu", "x")) == (
        "深圳市罗湖区 (district), 2022; explained only in texts about it"
    )
    assert scope_text(sense("luohu", "x")) == "深圳市罗湖区 (district), 2022"


def test_scope_of_a_plain_sense_is_not_confined() -> None:
    assert Scope("上海市", "province").confined is False
