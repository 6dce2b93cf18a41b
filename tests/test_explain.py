"""explain() on a small hand-built glossary: what matches, what must not, which sense wins."""

from __future__ import annotations

import copy
import itertools
import pickle
from pathlib import Path

import pytest

from entries import ENTRIES, entry, small_glossary
from glossary import Explanation, Glossary
from glossary._match.find import match_normalised
from glossary._match.short import find


def found(text: str, glossary: Glossary | None = None, **kw: str) -> list[tuple[str, str]]:
    """(surface as written, entry id) of every annotation."""
    return [(a.text, a.entry.id) for a in (glossary or small_glossary()).explain(text, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("抢抓双区驱动机遇", [("双区驱动", "sqqd")]),
        ("抢抓“双区”驱动机遇", [("“双区”驱动", "sqqd")]),
        ("抢抓「雙區」驅動機遇", [("「雙區」驅動", "sqqd")]),
        ("抢抓『雙區』驅動", [("『雙區』驅動", "sqqd")]),
        ("抢抓‘双区’驱动", [("‘双区’驱动", "sqqd")]),
        ('抢抓"双区"驱动', [('"双区"驱动', "sqqd")]),
        ("抢抓双 区\u3000驱\u200b动", [("双 区\u3000驱\u200b动", "sqqd")]),
        ("抢抓双区\n    驱动", [("双区\n    驱动", "sqqd")]),
        ("抢抓双区\r\n驱动", [("双区\r\n驱动", "sqqd")]),
        ("抢抓双区\r\r\n驱动", [("双区\r\r\n驱动", "sqqd")]),
        ("抢抓双区\n\x0c驱动", [("双区\n\x0c驱动", "sqqd")]),
        ("雙區(qū)驅(qū)動", [("雙區(qū)驅(qū)動", "sqqd")]),
        ("建立１＋１＋１０＋Ｎ机制", [("１＋１＋１０＋Ｎ", "lg-11010n")]),
        ("ＣＩＭ基础平台", [("ＣＩＭ基础平台", "cim")]),
        ("专精特新", [("专精特新", "zjtx")]),
        ("專精特新", [("專精特新", "zjtx")]),
        ("“六稳”“六保”工作", [("“六稳”“六保”", "lwlb")]),
        ("建立“1+1+10+N”经济运行调度机制", [("“1+1+10+N”经济运行调度机制", "lg-11010n")]),
    ],
    ids=[
        "plain",
        "curly-quotes",
        "corner-traditional",
        "double-corner",
        "single-quotes",
        "ascii-quotes",
        "spaces-and-zero-width",
        "line-break-indent",
        "line-break-crlf",
        "crlf-converted-twice",
        "page-break",
        "pinyin",
        "fullwidth-formula",
        "fullwidth-letters",
        "abbreviation",
        "abbreviation-traditional",
        "two-quoted-halves",
        "longest-variant",
    ],
)
def test_matches(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("建立1+1+10+N机制", "lh-110n"),
        ("共120+8个", "sz-208"),
        ("共20+80个", "sz-208"),
        ("ITEM", "it"),
        ("BIT", "it"),
        ("双区。驱动", "sqqd"),
        ("双区！驱动", "sqqd"),
        ("双区？驱动", "sqqd"),
        ("双区；驱动", "sqqd"),
        ("双区\n\n驱动", "sqqd"),
        ("双区\n  \n驱动", "sqqd"),
        ("双区\r\n\r\n驱动", "sqqd"),
        ("双区\u2029驱动", "sqqd"),
        ("双减少", "shuangjian"),
        ("1 1 10 N", "lg-11010n"),
    ],
    ids=[
        "formula-inside-formula",
        "digit-before",
        "digit-after",
        "letters-after",
        "letters-before",
        "full-stop",
        "exclamation",
        "question",
        "semicolon",
        "blank-line",
        "blank-line-spaces",
        "blank-line-crlf",
        "paragraph-separator",
        "exclusion",
        "spaced-formula",
    ],
)
def test_does_not_match(text: str, absent: str) -> None:
    assert absent not in {entry_id for _, entry_id in found(text)}


def test_formula_boundaries_still_allow_cjk_neighbours() -> None:
    assert found("按照市委20+8产业集群") == [("20+8", "sz-208")]
    assert found("IT与BT") == [("IT", "it")]
    assert found("双减与双减少") == [("双减", "shuangjian")]


def test_spaced_formula_matches_when_a_team_declares_it() -> None:
    team = Glossary((*ENTRIES, entry("lg-spaced", "1+1+9", "longgang", variants=("1 1 9",))))
    assert found("建立1 1 9机制", team) == [("1 1 9", "lg-spaced")]
    assert found("共11 1 9 0个", team) == []


@pytest.mark.parametrize(
    ("passage", "surface"),
    [
        ("建立1+1+9机制", "1+1+9"),
        ("建立1\u30001\u30009机制", "1\u30001\u30009"),
        ("建立1\t1 9机制", "1\t1 9"),
        ("抢抓“双区”驱动", "“双区”驱动"),
        ("抢抓双区\n驱动", "双区\n驱动"),
        ("抢抓「双区驱动」", "「双区驱动」"),
        ("抢抓雙區驅動", "雙區驅動"),
        ("抢抓双区驱动", "双区驱动"),
    ],
    ids=[
        "plain",
        "ideographic-spaces",
        "tab-and-space",
        "quote-inside",
        "line-break",
        "wrapped",
        "converted",
        "shared",
    ],
)
def test_long_texts_give_each_surface_as_written(passage: str, surface: str) -> None:
    """Long texts reuse a pattern's string for a surface only where it is exactly that."""
    from glossary._normalise.text import LARGE

    team = Glossary((*ENTRIES, entry("lg-spaced", "1+1+9", "longgang", variants=("1 1 9",))))
    filler = "。" + "无关的文字" * (LARGE // 5)
    explanation = team.explain(filler + passage + filler)
    assert len(explanation) == 1
    annotation = explanation[0]
    assert (annotation.text, explanation.text[annotation.start : annotation.end]) == (
        surface,
        surface,
    )
    # The common case: the pattern's own string, not a copy sliced out of the text.
    assert (annotation.text in team.compiled.keys) is (surface in ("1+1+9", "双区驱动"))
    if surface == "双区驱动":
        assert annotation.text is team.compiled.keys[team.compiled.index["双区驱动"]]


@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
def test_every_annotation_of_a_term_shares_its_reading(long: bool) -> None:
    """One text reads a term one way: its annotations share one Reading object."""
    from glossary._normalise.text import LARGE

    filler = "。" + "无关的文字" * (LARGE // 5) if long else ""
    text = "罗湖建成1+10+N体系，“1+10+N”见效。罗湖区推进双区驱动、双区驱动" + filler
    explanation = small_glossary().explain(text)
    by_entry: dict[str, set[int]] = {}
    for annotation in explanation:
        by_entry.setdefault(annotation.entry.id, set()).add(id(annotation.reading))
        assert annotation[3] is annotation.reading
        fields = (annotation.entry, annotation.sense, annotation.other_senses, annotation.reason)
        assert (*fields, annotation.caveat) == annotation.reading
    assert {key: len(ids) for key, ids in by_entry.items()} == {"lh-110n": 1, "sqqd": 1}
    assert [a.text for a in explanation] == ["1+10+N", "“1+10+N”", "双区驱动", "双区驱动"]


@pytest.mark.parametrize(
    "writings",
    [
        ["雙區驅動", "双區驅動", "雙區驅動", "「雙區」驅動", "双區驅動", "「雙區」驅動"],
        ["雙區驅動"] * 30 + ["双区驱动"] * 30 + ["雙區驅動"],
        [f"雙{' ' * 32}區驅動", f"雙{' ' * 32}区驱动", "雙區驅動", "雙區驅動", "双區驅動"],
    ],
    ids=["two-writings-and-a-quoted-one", "the-rarer-writing-last", "beyond-the-compared-length"],
)
def test_a_converted_long_text_shares_each_way_a_term_is_written(writings: list[str]) -> None:
    """Converted long texts slice each writing of a term once and share it among repeats,
    yet every surface stays exactly as written, however long the span."""
    from glossary._annotations.long import _COMPARED
    from glossary._normalise.text import LARGE

    filler = "。" + "無關的文字" * (LARGE // 5)
    text = filler + "，".join(writings) + filler
    explanation = small_glossary().explain(text)
    assert [a.text for a in explanation] == writings
    assert all(text[a.start : a.end] == a.text for a in explanation)
    strings: dict[str, set[int]] = {}
    for annotation in explanation:
        strings.setdefault(annotation.text, set()).add(id(annotation.text))
    # One string for each writing short enough to be compared, however often it recurs.
    assert all(len(ids) == 1 for text, ids in strings.items() if len(text) <= _COMPARED)


@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
def test_a_replacement_character_pattern_gives_the_surrogate_as_written(
    long: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The UTF-8 automaton reads a lone surrogate as U+FFFD: the surface is the text's."""
    from glossary._compile.automaton import Matcher
    from glossary._normalise.text import LARGE

    monkeypatch.setattr(Matcher, "symbols_limit", 3)
    team = Glossary((*ENTRIES, entry("rep", "A\ufffdB")))
    assert team.compiled.matcher.alphabet is None  # the fallback is in use
    text = "见A\ud800B。" + ("无" * LARGE if long else "")
    assert [(a.start, a.end, a.text) for a in team.explain(text)] == [(1, 4, "A\ud800B")]


def test_spans_point_into_the_original() -> None:
    text = "抢抓「雙區」驅動、灣區(qū)樞紐"
    for a in small_glossary().explain(text):
        assert text[a.start : a.end] == a.text


@pytest.mark.parametrize(
    ("text", "region", "chosen", "reason"),
    [
        ("罗湖建成1+10+N体系。罗湖区", None, "lh-110n", "the text is about 深圳市罗湖区"),
        ("福田建成1+10+N体系", None, "ft-110n", "the text is about 深圳市福田区"),
        ("建成1+10+N体系", "深圳市福田区", "ft-110n", "region=深圳市福田区"),
        ("罗湖建成1+10+N体系", "福田", "ft-110n", "region=深圳市福田区"),
    ],
    ids=["cue-luohu", "cue-futian", "explicit-region", "explicit-beats-cue"],
)
def test_sense_choice(text: str, region: str | None, chosen: str, reason: str) -> None:
    (annotation,) = small_glossary().explain(text, region=region)
    assert annotation.entry.id == chosen
    assert reason in annotation.reason
    assert len(annotation.other_senses) == 1
    assert annotation.other_senses[0] is not annotation.sense


def test_no_cue_takes_the_broadest_then_says_so() -> None:
    glossary = Glossary((*ENTRIES, entry("national-110n", "1+10+N", "national")))
    (annotation,) = glossary.explain("建成1+10+N体系")
    assert annotation.entry.id == "national-110n"
    assert "no regional cue" in annotation.reason


def test_document_definition_wins() -> None:
    text = "粤港澳大湾区和深圳先行示范区（以下简称“双区”）。抢抓双区机遇，湾区发展。"
    annotations = small_glossary().explain(text)
    local = [a for a in annotations if a.sense.origin == "document"]
    assert [a.text for a in local] == ["“双区”", "双区"]
    assert local[0].sense.expansion == "粤港澳大湾区和深圳先行示范区"
    assert local[0].reason == "defined in this document"
    # The glossary still explains what the document does not redefine.
    assert "wanqu" in {a.entry.id for a in annotations}


@pytest.mark.parametrize(
    "line_break",
    ["\n", "\r\n", "\r", "\v", "\u2028", "\u2029"],
    ids=["lf", "crlf", "cr", "vertical-tab", "line-separator", "paragraph-separator"],
)
def test_document_definition_starts_at_the_line(line_break: str) -> None:
    text = f"一、总体要求{line_break}粤港澳大湾区和深圳先行示范区（以下简称“双区”）"
    local = [a.sense for a in small_glossary().explain(text) if a.sense.origin == "document"]
    assert [sense.expansion for sense in local] == ["粤港澳大湾区和深圳先行示范区"]


@pytest.mark.parametrize(
    ("wrap", "expansions"),
    [
        ("\n", ["粤港澳大湾区和深圳先行示范区"]),
        ("\r\n  ", ["粤港澳大湾区和深圳先行示范区"]),
        ("\u2028", ["粤港澳大湾区和深圳先行示范区"]),
        ("\n\n", []),
    ],
    ids=["lf", "crlf-indent", "line-separator", "blank-line"],
)
def test_document_definition_after_a_wrapped_line(wrap: str, expansions: list[str]) -> None:
    """A hard-wrapped line may end between the phrase and its parenthesis; a paragraph may not."""
    text = f"一、总体要求\n粤港澳大湾区和深圳先行示范区{wrap}（以下简称“双区”）"
    local = [a.sense for a in small_glossary().explain(text) if a.sense.origin == "document"]
    assert [sense.expansion for sense in local] == expansions


def test_document_redefinition_of_a_glossary_term_lists_the_glossary_sense() -> None:
    text = "高新技术企业中的专业化企业（以下简称“专精特新”）。培育专精特新企业。"
    annotations = [a for a in small_glossary().explain(text) if a.text == "专精特新"]
    assert annotations
    assert all(a.sense.origin == "document" for a in annotations)
    assert annotations[-1].other_senses[0].expansion == "zjtx exp"


def test_explanation_is_an_immutable_sequence() -> None:
    explanation = small_glossary().explain("双区驱动与专精特新")
    assert len(explanation) == 2
    assert explanation[1].entry.id == "zjtx"
    with pytest.raises(AttributeError):
        explanation.annotations = ()  # type: ignore[misc]


def test_script_is_worked_out_once_when_first_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import glossary._annotations.explanation as normalise

    calls: list[str] = []
    detect = normalise.detect_script
    monkeypatch.setattr(normalise, "detect_script", lambda t: calls.append(t) or detect(t))
    explanation = small_glossary().explain("雙區驅動與專精特新")
    assert calls == []  # matching alone never pays for script detection
    assert explanation._script is None  # nor does it bind detect_script under another name
    assert (explanation.script, explanation.script) == ("traditional", "traditional")
    assert calls == ["雙區驅動與專精特新"]
    with pytest.raises(AttributeError):
        explanation.region = "深圳市"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del explanation.text  # type: ignore[misc]


@pytest.mark.parametrize(
    "given", [None, "taiwan"], ids=["detected-on-first-read", "given-by-the-caller"]
)
def test_explanation_pickles_compares_and_keeps_a_given_script(given: str | None) -> None:
    found = small_glossary().explain("雙區驅動")
    explanation = Explanation(found.text, found.annotations, "深圳市", given)  # type: ignore[arg-type]
    clone = pickle.loads(pickle.dumps(explanation))
    assert clone == explanation
    assert hash(clone) == hash(explanation)
    assert clone.script == explanation.script == (given or "traditional")
    assert explanation != Explanation(found.text, found.annotations, "深圳市", "hongkong")
    assert "script='" in repr(clone)
    match clone:
        case Explanation(text, annotations, region, script):
            assert (text, annotations, region, script) == (
                found.text,
                found.annotations,
                "深圳市",
                given or "traditional",
            )


def test_explanations_of_other_texts_differ_without_detecting_a_script() -> None:
    one, other = Explanation("雙區驅動", ()), Explanation("雙區", ())
    assert one != other
    assert hash(one) != hash(other)
    assert (one._script, other._script) == (None, None)


def test_an_explanation_subclass_copies_as_itself() -> None:
    class Mine(Explanation):
        __slots__ = ()

    mine = Mine("雙區驅動", (), "", "taiwan")
    clone = copy.deepcopy(mine)  # through __reduce__, as pickle
    assert type(clone) is Mine
    assert clone == mine
    assert mine != Explanation("雙區驅動", (), "", "taiwan")


def test_glossary_pickles_and_rebuilds_its_automaton() -> None:
    glossary = small_glossary()
    glossary.explain("warm up the automaton")
    clone = pickle.loads(pickle.dumps(glossary))
    assert found("双区驱动", clone) == [("双区驱动", "sqqd")]


def test_a_short_text_then_a_long_one_find_the_same_terms_with_either_automaton() -> None:
    # Short texts are matched with the NFA (no DFA build to wait for in the hook); the
    # first long text builds the DFA, and both must find the same terms.
    glossary = small_glossary()
    passage = "抢抓“双区”驱动机遇，落实“1+1+10+N”机制，减少“双减少”。\n"
    short = [(a.start, a.entry.id) for a in glossary.explain(passage)]
    long = glossary.explain(passage * 2_000)  # 60k characters: the numpy path
    assert short == [(2, "sqqd"), (13, "lg-11010n")]
    assert [(a.start, a.entry.id) for a in long][:2] == short
    assert [(a.start, a.entry.id) for a in glossary.explain(passage)] == short


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("雙區驅動", ["sqqd"]),
        ("“双区”驱动", ["sqqd"]),
        ("１＋１＋１０＋Ｎ", ["lg-11010n"]),
        ("1+10+N", ["lh-110n", "ft-110n"]),
        ("sqqd", ["sqqd"]),
        ("不存在", []),
    ],
    ids=["traditional", "quoted", "fullwidth", "two-regions", "by-id", "missing"],
)
def test_lookup(query: str, expected: list[str]) -> None:
    assert [e.id for e in small_glossary().lookup(query)] == expected


@pytest.mark.parametrize(
    ("query", "first"),
    [("双区", "sqqd"), ("专精", "zjtx"), ("gloss of it", "it"), ("sz-208 exp", "sz-208")],
    ids=["partial-term", "prefix", "english-gloss", "expansion"],
)
def test_search(query: str, first: str) -> None:
    hits = small_glossary().search(query)
    assert hits[0].entry.id == first
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))


def test_search_limit_and_empty_query() -> None:
    assert len(small_glossary().search("区", limit=1)) == 1
    assert small_glossary().search("  ") == ()


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("龙岗建立1+1+10+N机制，龙岗区", "深圳市龙岗区"),
        ("罗湖建成1+10+N体系，深圳市20+8", "深圳市罗湖区"),
        ("专精特新", ""),
    ],
    ids=["district-named", "most-named-wins", "no-cue"],
)
def test_explanation_region_is_the_region_the_text_names_most(text: str, region: str) -> None:
    assert small_glossary().explain(text).region == region


def test_seed_regions(seed_texts: dict[str, str]) -> None:
    regions = {name: Glossary.default().explain(t).region for name, t in seed_texts.items()}
    assert regions == {
        "baoan-2023-party-congress-hant": "深圳市宝安区",
        "longgang-2022-plenary-news": "深圳市龙岗区",
        "longgang-2023-work-report": "深圳市龙岗区",
        "luohu-2021-report-news-hant-pinyin": "深圳市罗湖区",
        "luohu-2022-report-forum": "深圳市罗湖区",
    }


@pytest.mark.parametrize("symbols", [True, False], ids=["symbols", "utf-8"])
def test_long_and_short_texts_are_matched_alike(
    seed_texts: dict[str, str], symbols: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The numpy path (encode, match, filter in arrays) agrees with ``find`` on a string;
    so does the UTF-8 automaton that glossaries of too many characters fall back to."""
    from glossary._compile.automaton import Matcher
    from glossary._normalise.long import normalise_large as _normalise_large

    if not symbols:
        monkeypatch.setattr(Matcher, "symbols_limit", 10)
    patterns = Glossary.default().compiled.keys
    silent = [i for i, claim in enumerate(Glossary.default().compiled.claims) if not claim]
    normal = _normalise_large("\n".join(seed_texts.values()) * 3)
    matcher = Matcher(patterns, silent)
    assert (matcher.alphabet is not None) is symbols
    keys, starts, ends = match_normalised(matcher, normal)
    expected = find(matcher, normal.text)
    assert len(expected) > 500
    assert list(zip(keys.tolist(), starts.tolist(), ends.tolist(), strict=True)) == expected


@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
def test_a_document_term_matched_over_utf8_gives_the_surrogate_as_written(
    long: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The glossary's automaton reads symbols, the document's own falls back to UTF-8."""
    from glossary._compile.automaton import Matcher
    from glossary._normalise.text import LARGE

    monkeypatch.setattr(Matcher, "symbols_limit", 2)
    team = Glossary((entry("jy", "甲乙", "longgang"),))
    filler = "无" * LARGE if long else ""
    text = "某某文件（以下简称“\ufffd文件”）。见\ud800文件。" + filler
    explanation = team.explain(text)
    assert [a.text for a in explanation] == ["“\ufffd文件”", "\ud800文件"]
    assert all(a.text == text[a.start : a.end] for a in explanation)


@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
def test_the_utf8_fallback_takes_lone_surrogates(
    long: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import glossary._api.pipeline as explain_module
    from glossary._compile.automaton import Matcher
    from glossary._normalise.long import normalise_large as _normalise_large

    monkeypatch.setattr(Matcher, "symbols_limit", 3)
    if long:
        monkeypatch.setattr(explain_module, "normalise", _normalise_large)
    glossary = Glossary(small_glossary().entries)
    assert glossary.compiled.matcher.alphabet is None  # the fallback is in use
    assert found("IT\ud800双区驱动", glossary) == [("IT", "it"), ("双区驱动", "sqqd")]


def test_characters_outside_the_patterns_never_match_each_other() -> None:
    """Every character no pattern uses shares one symbol; a pattern never matches it."""
    from glossary._compile.automaton import Matcher

    matcher = Matcher(["双区", "区A"])
    assert find(matcher, "一二三四五") == []
    assert find(matcher, "乙区A双区") == [(1, 1, 3), (0, 3, 5)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("“双”区驱动”", (0, 6)),
        ("“双区”驱动", (0, 6)),
        ("「双区驱动」", (0, 6)),
        ("“双区驱动”", (0, 6)),
        ('"双区"驱动', (0, 6)),
        ("‘双区’驱动”", (0, 6)),
        ("“双区驱动", (1, 5)),
        ("«双区»驱动", (0, 6)),
        ("＂双区驱动＂", (0, 6)),
        ('"双区驱动"', (0, 6)),
        ('"双区驱动"专精特新"', (0, 6)),
    ],
    ids=[
        "inner-and-outer",
        "inner",
        "corner-wrapped",
        "wrapped",
        "ascii",
        "mixed",
        "unclosed",
        "guillemets",
        "fullwidth-ascii-quotes",
        "ascii-wrapped",
        "quote-shared-with-next-term",
    ],
)
def test_spans_widen_to_their_quotes_on_both_paths(
    text: str, span: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import glossary._api.pipeline as explain_module
    from glossary._normalise.long import normalise_large as _normalise_large

    assert [(a.start, a.end) for a in small_glossary().explain(text)][:1] == [span]
    monkeypatch.setattr(explain_module, "normalise", _normalise_large)
    assert [(a.start, a.end) for a in small_glossary().explain(text)][:1] == [span]


def test_search_matches_an_english_gloss_as_typed() -> None:
    hits = small_glossary().search("gloss of IT")
    assert hits
    assert hits[0].entry.id == "it"
    assert small_glossary().search("of it's") == ()  # no gloss holds that phrase


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他在十四五岁时", []),
        ("两山之间有一条河", []),
        ("三甲基胺", []),
        ("碧道路口", []),
        ("实现“十四五”良好开局", ["十四五"]),
        ("践行“两山”理念", ["两山"]),
        ("区属三甲医院增加2家", ["三甲"]),
    ],
    ids=["age", "two-hills", "chemistry", "street", "plan", "slogan", "hospital"],
)
def test_short_bundled_terms_stay_out_of_ordinary_words(text: str, expected: list[str]) -> None:
    assert [a.entry.term for a in Glossary.default().explain(text)] == expected


def _leftmost_longest(patterns: list[str], text: str) -> list[tuple[int, int, int]]:
    """The matches an automaton must report, found the slow way: at each position the
    longest pattern, then on from its end."""
    index = {p: i for i, p in enumerate(patterns)}
    longest = max(map(len, patterns))
    found, at = [], 0
    while at < len(text):
        lengths = [n for n in range(longest, 0, -1) if text[at : at + n] in index]
        if lengths:
            found.append((index[text[at : at + lengths[0]]], at, at + lengths[0]))
            at += lengths[0]
        else:
            at += 1
    return found


def test_symbols_are_distinct_code_points_shortest_first() -> None:
    from glossary._compile.automaton import SYMBOLS, _symbol_points

    points = list(_symbol_points())
    assert len(points) == len(set(points)) == SYMBOLS
    assert all(0 < p < 0x10000 and not 0xD800 <= p < 0xE000 for p in points)
    widths = [len(chr(p).encode()) for p in points]
    assert widths == sorted(widths)
    assert (widths.count(1), widths.count(2)) == (127, 1920)
    # Within a width the lead byte varies fastest: 30 two-byte symbols, 30 lead bytes.
    assert len({chr(p).encode()[0] for p in points[127:157]}) == 30


def test_the_commonest_pattern_characters_take_one_byte_symbols() -> None:
    """Ranked by use in the patterns, not by code point: 区 comes after 200 others."""
    from glossary._compile.automaton import Matcher

    rare = [chr(0x4E00 + i) for i in range(200)]
    matcher = Matcher([*rare, *("区" + c for c in rare)])
    assert matcher.alphabet is not None
    assert matcher.alphabet[ord("区")] < 0x80
    assert sum(symbol < 0x80 for symbol in matcher.alphabet.values()) == 127


@pytest.mark.parametrize(
    ("size", "widths"),
    [(400, {1, 2}), (2400, {1, 2, 3})],
    ids=["one-and-two-byte-symbols", "up-to-three-byte-symbols"],
)
@pytest.mark.parametrize("seed", [1, 2, 3], ids=["seed-1", "seed-2", "seed-3"])
@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
def test_no_match_starts_inside_a_symbol(
    size: int, widths: set[int], seed: int, long: bool
) -> None:
    """With an alphabet of hundreds or thousands of characters, symbols take one, two or
    three bytes; a pattern's bytes straddling two characters of the text must never be
    reported, and every offset counts characters, not bytes.

    The text is mostly characters that only take part in patterns it never holds, so
    almost every pair of neighbours in it is a chance for a straddling false match.
    """
    import random

    from glossary._compile.automaton import Matcher
    from glossary._normalise.long import normalise_large as _normalise_large
    from glossary._normalise.normalise import normalise

    rng = random.Random(seed)
    ideographs = (chr(code) for code in range(0x4E00, 0x5C00))
    alphabet = [c for c in ideographs if normalise(c).text == c][:size]  # none t2s changes
    assert len(alphabet) == size
    terms, others = alphabet[0::2], alphabet[1::2]
    patterns = terms + [other + terms[0] for other in others]
    text = "".join(rng.choices(others, k=3000) + rng.choices(terms, k=150))
    text = "".join(rng.sample(text, len(text)))
    matcher = Matcher(patterns)
    assert matcher.alphabet is not None  # the symbols are in use
    assert {len(chr(s).encode()) for s in matcher.alphabet.values()} == widths
    normal = (_normalise_large if long else normalise)(text)
    keys, starts, ends = match_normalised(matcher, normal)
    found = list(zip(list(keys), list(starts), list(ends), strict=True))
    assert found == _leftmost_longest(patterns, normal.text)
    assert len(found) >= 150


def test_a_dropped_glossary_is_freed_without_the_cycle_collector() -> None:
    """Code that builds glossaries in a loop must not leave each one to the collector."""
    import gc

    entries = Glossary.default().entries
    gc.collect()
    gc.disable()
    try:
        glossary = Glossary(entries)
        glossary.explain("粤港澳大湾区（以下简称“双区”）。抢抓双区驱动，落实六稳六保。")
        del glossary
        assert gc.collect() == 0
    finally:
        gc.enable()


# --- the Glossary object's own manners ---------------------------------------------------


@pytest.mark.parametrize("wrong", [["team/"], ("team/",), [Path("team/")], 3])
def test_from_paths_names_what_it_takes_when_given_a_list(wrong: object) -> None:
    message = r"^Glossary.from_paths takes each path as an argument .* got (list|tuple|int);"
    with pytest.raises(TypeError, match=message):
        Glossary.from_paths(wrong)  # type: ignore[arg-type]


def test_a_glossary_says_what_it_holds_in_its_repr() -> None:
    from glossary import Entry

    assert repr(Glossary([])) == "Glossary(0 entries)"
    assert repr(Glossary([Entry("x", "x", "other", ())])) == "Glossary(1 entry)"
    default = Glossary.default()
    assert repr(default) == f"Glossary({len(default)} entries)"
