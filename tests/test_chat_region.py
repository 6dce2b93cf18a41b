"""The chat says whose sense an answer gives, and lists what a passage leaves unexplained.

Issue 18 through the chat's pure handlers: a region's sense read in a text about another
region carries its caveat, a term answered for a ``/region`` the sense does not cover
says so, and a pasted passage ends with its jargon-shaped spans no glossary explains.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from glossary import Glossary
from glossary_cli.chat import ChatState, respond

FUTIAN = "福田区学习“一芯两核多支点”布局，\n落实“1+6+N”体系，增强“四个意识”。"


@pytest.fixture(scope="module")
def state() -> ChatState:
    return ChatState(Glossary.default())


def lines_of(line: str, state: ChatState) -> list[str]:
    return respond(line, state).text.splitlines()


def test_a_passage_about_another_region_says_whose_sense_it_is(state: ChatState) -> None:
    said = lines_of(FUTIAN, state)
    at = next(k for k, line in enumerate(said) if line.startswith("  一芯两核多支点  "))
    assert said[at].endswith("[深圳市龙岗区]")
    assert said[at + 1] == "    sense of 深圳市龙岗区; this text is about 深圳市福田区"
    national = next(k for k, line in enumerate(said) if line.startswith("  四个意识  "))
    assert not said[national + 1].startswith("    sense of")


def test_a_passage_about_the_senses_own_region_has_no_caveat(state: ChatState) -> None:
    said = respond(FUTIAN.replace("福田区", "龙岗区"), state).text
    assert "sense of" not in said


def test_a_term_for_a_region_its_sense_does_not_cover_says_so(state: ChatState) -> None:
    longgang = replace(state, region="深圳市龙岗区")
    said = lines_of("1+10+N", longgang)
    assert said[0] == "1+10+N  numeric-formula"
    assert said[1] == "  sense of 深圳市罗湖区; the glossary has none for 深圳市龙岗区"
    assert "  sense of 广西壮族自治区; the glossary has none for 深圳市龙岗区" in said


def test_a_term_for_its_own_region_or_no_region_has_no_caveat(state: ChatState) -> None:
    luohu = lines_of("1+10+N", replace(state, region="深圳市罗湖区"))
    assert luohu[0] == "1+10+N  numeric-formula"
    assert not luohu[1].startswith("  sense of")  # Luohu's entry comes first, uncaveated
    assert "  sense of 广西壮族自治区; the glossary has none for 深圳市罗湖区" in luohu
    assert "the glossary has none" not in respond("1+10+N", state).text


def test_a_passage_lists_its_unexplained_jargon_once_each_in_order(state: ChatState) -> None:
    passage = "坚持“1+6+N”工作体系，推进“三个一批”，\n再次坚持“1+6+N”，发展“20+8”产业。"
    said = lines_of(passage, state)
    at = said.index("not in the glossary:")
    assert said[at + 1 :] == ["  1+6+N  formula", "  三个一批  numbered set"]
    assert at > said.index("1 term found:")


def test_a_passage_without_unexplained_jargon_has_no_such_list(state: ChatState) -> None:
    said = respond("抢抓“双区”驱动机遇，\n发展“20+8”产业。", state).text
    assert "not in the glossary" not in said


def test_a_json_passage_keeps_its_lists_inside_the_json(state: ChatState) -> None:
    import json

    reply = respond(FUTIAN, replace(state, style="json"))
    document = json.loads(reply.text)
    assert "not in the glossary" not in reply.text
    assert [c["text"] for c in document["unexplained"]] == ["1+6+N"]
