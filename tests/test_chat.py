"""The chat's handlers as pure functions: a line and a state in, a reply out, no terminal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import entries
from entries import sense, small_glossary
from glossary import KINDS, LANGS, STYLES, Entry, Glossary, Lang, Style
from glossary._normalise.normalise import normalise_term
from glossary._normalise.pinyin import spellings
from glossary._normalise.script import to_script
from glossary_cli import answers, questions
from glossary_cli.chat import COMMANDS, ChatState, nearest, respond
from glossary_cli.chat_complete import complete_line
from glossary_cli.complete import by_pinyin
from glossary_cli.decoding import guess_encoding
from glossary_cli.layout import Line, render, width, wrap
from glossary_cli.regions import regions


@pytest.fixture(scope="module")
def state() -> ChatState:
    return ChatState(Glossary.default())


def entry_of(term: str) -> Entry:
    [entry] = Glossary.default().lookup(term)
    return entry


@pytest.mark.parametrize(
    ("line", "term"),
    [
        ("1+1+10+N", "1+1+10+N"),
        ("雙區驅動", "双区驱动"),
        ("“20+8”", "20+8"),
        ("１＋１＋１０＋Ｎ", "1+1+10+N"),
        ("1+1+10+N是什么意思？", "1+1+10+N"),
        ("什么是双区驱动", "双区驱动"),
        ("“20+8”指什么", "20+8"),
        ("双区驱动是啥", "双区驱动"),
        ("请问双区驱动是什么？", "双区驱动"),
        ("双区驱动的含义", "双区驱动"),
        ("什麼是雙區驅動？", "双区驱动"),
        ("what is 20+8?", "20+8"),
        ("龙岗的1+1+10+N机制是怎么运作的？", "1+1+10+N"),
        ("sqqd", "双区驱动"),
    ],
    ids=[
        "formula",
        "traditional",
        "quoted",
        "full-width",
        "what-does-it-mean",
        "what-is",
        "what-does-it-refer-to",
        "colloquial",
        "polite",
        "meaning-of",
        "traditional-question",
        "english",
        "term-inside-question",
        "pinyin-initials",
    ],
)
def test_a_term_or_a_question_gets_the_entry(state: ChatState, line: str, term: str) -> None:
    reply = respond(line, state)
    assert reply.kind == "term"
    assert [e.term for e in reply.entries] == [term]
    heading, kind = reply.text.splitlines()[0].split("  ")
    assert (normalise_term(heading), kind) == (normalise_term(term), entry_of(term).kind)


@pytest.mark.parametrize(
    "term", ["1+1+10+N", "双区驱动", "20+8"], ids=["formula", "slogan", "city"]
)
def test_the_answer_has_expansion_source_variants_and_related(state: ChatState, term: str) -> None:
    entry = entry_of(term)
    text = respond(term, state).text
    sense = entry.senses[0]
    assert sense.expansion in text
    assert sense.source is not None
    assert sense.source.document in text
    assert sense.source.date in text
    for variant in entry.variants:
        assert variant in text
    for related in entry.related:
        other = Glossary.default().get(related)
        assert other is not None
        assert other.term in text


def test_a_traditional_question_gets_a_traditional_answer(state: ChatState) -> None:
    text = respond("雙區驅動是什麼", state).text
    expansion = entry_of("双区驱动").senses[0].expansion
    assert to_script(expansion, "traditional") in text
    assert expansion not in text


def test_every_sense_and_rival_entry_is_shown() -> None:
    state = ChatState(small_glossary())
    reply = respond("1+10+N", state)
    assert {e.id for e in reply.entries} == {"lh-110n", "ft-110n"}
    assert "lh-110n exp" in reply.text
    assert "ft-110n exp" in reply.text


@pytest.mark.parametrize(
    ("region", "first"),
    [("罗湖", "lh-110n"), ("福田", "ft-110n")],
    ids=["luohu", "futian"],
)
def test_the_region_decides_which_entry_comes_first(region: str, first: str) -> None:
    state = respond(f"/region {region}", ChatState(small_glossary())).state
    assert respond("1+10+N", state).entries[0].id == first


PASSAGE = "2022年以来，全面落实“1+1+10+N”经济运行调度机制，\n抢抓“双区”驱动等重大历史机遇。"


def test_a_passage_comes_back_annotated_with_the_terms_found(state: ChatState) -> None:
    reply = respond(PASSAGE, state)
    assert reply.kind == "passage"
    assert [e.term for e in reply.entries] == ["1+1+10+N", "双区驱动"]
    rendered = Glossary.default().explain(PASSAGE).render("inline")
    assert reply.text.startswith(rendered)
    assert "2 terms found:" in reply.text


def test_a_long_line_that_asks_nothing_is_a_passage(state: ChatState) -> None:
    line = "全面落实“1+1+10+N”经济运行调度机制，推动经济稳步恢复，发展“20+8”产业集群。"
    reply = respond(line, state)
    assert reply.kind == "passage"
    assert [e.term for e in reply.entries] == ["1+1+10+N", "20+8"]


@pytest.mark.parametrize("style", STYLES, ids=STYLES)
def test_the_format_command_sets_the_passage_style(state: ChatState, style: Style) -> None:
    changed = respond(f"/format {style}", state).state
    assert changed.style == style
    reply = respond(PASSAGE, changed)
    expected = Glossary.default().explain(PASSAGE).render(style)
    assert reply.text.startswith(expected)


@pytest.mark.parametrize("lang", LANGS)
def test_the_lang_command_sets_the_language_of_passages(state: ChatState, lang: Lang) -> None:
    changed = respond(f"/lang {lang.upper()}", state).state
    assert changed.lang == lang
    reply = respond(PASSAGE, replace(changed, style="footnotes"))
    expected = Glossary.default().explain(PASSAGE).render("footnotes", lang=lang)
    assert reply.text.startswith(expected)


def test_lang_shows_refuses_and_lists_the_languages(state: ChatState) -> None:
    assert respond("/lang", state).text.startswith("Language: zh (the Chinese expansion")
    refused = respond("/lang fr", state)
    assert refused.state.lang == "zh"
    assert refused.text.splitlines() == ["No language “fr”.", "Languages: zh, en, both."]
    assert "/lang [L]" in respond("/help", state).text


def test_in_english_a_term_answer_leads_with_the_gloss(state: ChatState) -> None:
    english = respond("/lang en", state).state
    lines = respond("六稳六保", english).text.splitlines()
    assert lines[1] == "  the 'six stabilities' and 'six guarantees' of macroeconomic policy"
    assert lines[2].startswith("  六稳：")  # the Chinese follows, no longer marked
    assert not any(line.startswith("  English: ") for line in lines)
    chinese = respond("六稳六保", state).text.splitlines()
    assert chinese[1].startswith("  六稳：")
    assert any(line.startswith("  English: the 'six stabilities'") for line in chinese)


def test_in_english_a_sense_without_gloss_says_so() -> None:
    bare = Entry("x", "双区驱动", "slogan", (replace(sense("shenzhen", "粤港澳"), gloss=""),))
    english = ChatState(Glossary([bare]), lang="en")
    assert respond("双区驱动", english).text.splitlines()[1] == "  no English gloss"
    found = respond("抢抓双区驱动机遇，\n推动发展。", english).text
    assert "  双区驱动  no English gloss: 粤港澳" in found


def test_a_passage_without_terms_says_so(state: ChatState) -> None:
    reply = respond("今天天气很好。\n我们去公园散步。", state)
    assert reply.kind == "passage"
    assert "No glossary terms in this text." in reply.text


@pytest.mark.parametrize(
    ("line", "offered"),
    [("双区驱", "双区驱动"), ("关于双区的提问是什么", "双区驱动"), ("sq", "双区驱动")],
    ids=["partial-term", "shared-word", "pinyin-prefix"],
)
def test_an_unknown_term_gets_the_nearest_ones(state: ChatState, line: str, offered: str) -> None:
    reply = respond(line, state)
    assert reply.kind == "suggestions"
    assert offered in [e.term for e in reply.entries]
    assert "Nearest terms:" in reply.text


def test_nothing_near_still_says_what_to_do(state: ChatState) -> None:
    reply = respond("xyzzy", state)
    assert reply.kind == "suggestions"
    assert "/list" in reply.text


def test_nearest_falls_back_to_two_character_parts(state: ChatState) -> None:
    assert state.glossary.search("关于双区的提问") == ()
    assert "双区驱动" in [h.entry.term for h in nearest("关于双区的提问", state.glossary)]


def test_an_empty_line_says_nothing(state: ChatState) -> None:
    assert respond("   ", state).kind == "nothing"


def test_help_is_generated_from_the_registry(state: ChatState) -> None:
    text = respond("/help", state).text
    for command in COMMANDS.values():
        assert command.usage in text
        assert command.summary in text


@pytest.mark.parametrize(
    ("argument", "region"),
    [
        ("罗湖", "深圳市罗湖区"),
        ("深圳市罗湖区", "深圳市罗湖区"),
        ("羅湖區", "深圳市罗湖区"),
        ("深圳", "深圳市"),
        ("龍崗區", "深圳市龙岗区"),
        ("龙岗区", "深圳市龙岗区"),
        ("深圳市龙岗区人民政府", "深圳市龙岗区"),
        ("宝", "深圳市宝安区"),
    ],
    ids=[
        "short",
        "full",
        "traditional",
        "city-over-its-districts",
        "traditional-with-suffix",
        "with-suffix",
        "issuer",
        "part-of-a-name",
    ],
)
def test_region_is_resolved(state: ChatState, argument: str, region: str) -> None:
    reply = respond(f"/region {argument}", state)
    assert reply.state.region == region
    assert respond("/region -", reply.state).state.region == ""


@pytest.mark.parametrize(
    "region",
    ["深圳市罗湖区", "深圳市福田区", "深圳市", "深圳市龙岗区", "中国"],
    ids=["luohu", "futian", "shenzhen", "longgang", "national"],
)
def test_the_chat_puts_first_the_sense_explain_chooses(region: str) -> None:
    # answers.ordered_* (through regions.region_matches) and the engine's choice of a
    # sense for region= must agree, or the chat would describe another sense first.
    glossary = Glossary(
        (
            *small_glossary(),
            Entry("two", "双城", "other", (sense("luohu", "罗湖的"), sense("shenzhen", "深圳的"))),
        )
    )
    for term in ("1+10+N", "双城", "双区驱动"):
        [annotation] = glossary.explain(term, region=region)
        entries = answers.ordered_entries(glossary.lookup(term), region)
        first = answers.ordered_senses(entries[0], region)[0]
        if annotation.reason == f"region={region}":  # the region decided, not the cues
            assert (entries[0].id, first) == (annotation.entry.id, annotation.sense)


def test_an_unknown_region_lists_the_known_ones(state: ChatState) -> None:
    reply = respond("/region 火星", state)
    assert reply.state.region == ""
    for region in regions(state.glossary):
        assert region in reply.text


def test_region_without_argument_shows_the_current_one(state: ChatState) -> None:
    changed = respond("/region 罗湖", state).state
    assert "Region: 深圳市罗湖区." in respond("/region", changed).text


def test_an_unknown_format_lists_the_styles(state: ChatState) -> None:
    reply = respond("/format rtf", state)
    assert reply.state.style == state.style
    assert all(style in reply.text for style in STYLES)


@pytest.mark.parametrize("where", ["checkout", "elsewhere"], ids=["checkout", "elsewhere"])
def test_source_names_the_real_file_and_the_document(
    state: ChatState, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, where: str
) -> None:
    # The path shown opens the file: relative to the working directory when the file is
    # below it (terms/... at a checkout's root), else in full (an installed package).
    entry = entry_of("双区驱动")
    origin = Path(entry.origin_file)
    root = origin.parents[2]  # terms/<region>/<file>.yaml
    monkeypatch.chdir(root if where == "checkout" else tmp_path)
    reply = respond("/source 双区驱动", state)
    shown = reply.text.split("file: ")[1].split("\n")[0]
    assert Path(shown).resolve() == origin.resolve()
    if where == "checkout":
        assert shown == str(origin.relative_to(root))
    else:
        assert Path(shown).is_absolute()
    assert entry.senses[0].source is not None
    assert entry.senses[0].source.document in reply.text


@pytest.mark.parametrize("kind", KINDS, ids=KINDS)
def test_list_of_a_kind_names_every_entry_of_it(state: ChatState, kind: str) -> None:
    text = respond(f"/list {kind}", state).text
    for entry in state.glossary:
        if entry.kind == kind:
            assert entry.term in text


def test_list_groups_every_term_by_kind_one_per_line(state: ChatState) -> None:
    # One per line: some terms hold the 、 a list would separate them with (保健康、防重症).
    rows = {row.strip() for row in respond("/list", state).text.splitlines()}
    assert all(entry.term in rows for entry in state.glossary)


@pytest.mark.parametrize(
    "line", ["/nosuch", "/rgn", "/l", "/help2"], ids=["unlike-any", "prefix", "short", "help-like"]
)
def test_an_unknown_command_names_each_command_once(state: ChatState, line: str) -> None:
    text = respond(line, state).text
    assert text.startswith(f"No command {line}.")
    for name in COMMANDS:
        assert text.count(f"/{name},") + text.count(f"/{name}.") + text.count(f"/{name} ") <= 1


@pytest.mark.parametrize(
    "line",
    ["什麼是「二十加八」", "「二十加八」", "“二十加八”是什么", "『二十加八』", '"二十加八"'],
    ids=["corner-question", "corner", "curly-question", "white-corner", "ascii"],
)
def test_an_unknown_quoted_term_is_named_without_its_quotes(state: ChatState, line: str) -> None:
    text = respond(line, state).text
    assert text.startswith(
        ("“二十加八” is not in the glossary", "No term in the glossary is close to “二十加八”.")
    )


@pytest.mark.parametrize(
    "line",
    [
        "今天天气很好，我们去公园散步",
        "今天天气很好，去散步",
        "The weather is fine today, let us walk",
    ],
    ids=["sentence", "short-sentence", "english"],
)
def test_a_sentence_without_terms_says_so_without_far_fetched_terms(
    state: ChatState, line: str
) -> None:
    reply = respond(line, state)
    assert reply.text.startswith("No glossary term appears in “")
    assert reply.entries == ()
    assert "Nearest" not in reply.text


def test_a_sentence_from_a_definition_offers_its_term(state: ChatState) -> None:
    reply = respond("脑科学与类脑智能、深地深海、可见光通信与光计算", state)
    assert reply.text.startswith("No glossary term appears in “")
    assert [e.term for e in reply.entries] == ["20+8"]


def test_part_of_a_term_with_an_enumeration_comma_is_still_a_term(state: ChatState) -> None:
    reply = respond("疫情要防住、经济要稳", state)
    assert reply.text.startswith("“疫情要防住、经济要稳” is not in the glossary. Nearest terms:")
    assert reply.entries[0].term == "疫情要防住、经济要稳住、发展要安全"


@pytest.mark.parametrize(
    ("line", "says"),
    [("/list mottos", "No kind “mottos”."), ("/frobnicate", "No command /frobnicate.")],
    ids=["bad-kind", "bad-command"],
)
def test_mistakes_get_a_way_forward(state: ChatState, line: str, says: str) -> None:
    assert says in respond(line, state).text


@pytest.mark.parametrize("line", ["/quit", "/exit", "/q"], ids=["quit", "exit", "q"])
def test_quit(state: ChatState, line: str) -> None:
    assert respond(line, state).quit


@pytest.mark.parametrize(
    ("typed", "offered", "length"),
    [
        ("双区", "双区驱动", 2),
        ("什么是双区", "双区驱动", 2),
        ("sqqd", "双区驱动", 4),
        ("/fo", "/format", 3),
        ("/la", "/lang", 3),
        ("/lang e", "en", 1),
    ],
    ids=["prefix", "tail-of-question", "pinyin", "command", "lang", "lang-argument"],
)
def test_complete_line(state: ChatState, typed: str, offered: str, length: int) -> None:
    found = {s.text: s for s in complete_line(typed, state)}
    assert found[offered].length == length
    assert found[offered].meta


@pytest.mark.parametrize(
    ("entry_id", "term", "typed"),
    [
        ("shuang-qu-qu-dong", "双区驱动", "sqqd"),
        ("lian-zhu", "链主型", "lianzhuxing"),  # an id that does not spell the term
        ("20230112-d0af-7", "双改示范", "shuanggai"),  # an extracted id
    ],
    ids=["plain", "short-id", "extracted-id"],
)
def test_pinyin_comes_from_the_term_itself(entry_id: str, term: str, typed: str) -> None:
    entry = Entry(entry_id, term, "other", ())
    assert entry in by_pinyin(Glossary((entry,)), typed)


def _spelt() -> list[tuple[Entry, tuple[str, str]]]:
    spelt = [(entry, spellings(entry.term)) for entry in Glossary.default()]
    return [(entry, pair) for entry, pair in spelt if len(pair[1]) >= 2]  # typed: two or more


def test_every_bundled_pinyin_spelling_in_full_finds_its_entry_among_the_exact() -> None:
    # Longer terms spelt with the same first syllables (两新 and 两新一重) come after the
    # exact spellings; homophones (two regions' 两个基地) share the first places.
    spelt = _spelt()
    assert len(spelt) > 50
    for entry, (joined, _) in spelt:
        found = by_pinyin(Glossary.default(), joined)
        assert entry in found, entry.term
        before = found[: found.index(entry)]
        assert all(spellings(other.term)[0] == joined for other in before), entry.term


def test_initials_offer_every_entry_they_spell_before_longer_ones() -> None:
    # Initials are not unique (sj: 三甲 and 双减): each entry they spell exactly comes
    # before the entries whose initials only begin with them.
    spelt = _spelt()
    for entry, (_, initials) in spelt:
        alike = sum(1 for _, other in spelt if other[1] == initials)
        assert entry in by_pinyin(Glossary.default(), initials)[:alike], entry.term


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("1+1+10+N是什么意思？", "1+1+10+N"),
        ("什么是双区驱动", "双区驱动"),
        ("“20+8”指什么", "“20+8”"),
        ("双区驱动是啥", "双区驱动"),
        ("请问一下，20+8是指什么？", "20+8"),
        ("能解释一下六稳六保吗", "六稳六保"),
        ("专精特新怎么理解", "专精特新"),
        ("何谓专精特新", "专精特新"),
        ("六稳六保具体指哪些", "六稳六保"),
        ("What does 20+8 mean?", "20+8"),
    ],
    ids=[
        "mean",
        "what-is",
        "refer",
        "colloquial",
        "polite-comma",
        "can-you-explain",
        "how-to-understand",
        "literary",
        "which",
        "english",
    ],
)
def test_question_frames_are_peeled(question: str, term: str) -> None:
    assert questions.term_of(question) == term


@pytest.mark.parametrize(
    ("line", "term"),
    [("说明书", "说明书"), ("说明书是什么", "说明书"), ("说明城市", "城市")],
    ids=["term-itself", "in-a-question", "frame-then-term"],
)
def test_a_term_that_looks_like_a_frame_is_found_before_peeling(line: str, term: str) -> None:
    # 说明 is a frame (说明X: explain X); 说明书 is a term that begins with it.
    made = (("manual", "说明书"), ("book", "书"), ("city", "城市"))
    glossary = Glossary(tuple(entries.entry(entry_id, term) for entry_id, term in made))
    assert [e.term for e in respond(line, ChatState(glossary)).entries] == [term]


_TEXT = st.text(
    alphabet=st.sampled_from("双区驱动粤港澳大湾区，。“”（）abc de 12+N"), min_size=0, max_size=300
)


@given(text=_TEXT, columns=st.integers(min_value=4, max_value=100))
def test_wrapping_never_overflows_and_loses_nothing(text: str, columns: int) -> None:
    rows = wrap(Line.of(text), columns)
    assert all(width("".join(t for _, t in row)) <= columns for row in rows)
    joined = "".join(t for row in rows for _, t in row)
    assert joined.replace(" ", "") == text.replace(" ", "")


@given(text=_TEXT, indent=st.integers(min_value=0, max_value=6))
def test_wrapped_rows_carry_their_indent(text: str, indent: int) -> None:
    rows = wrap(Line.of(text, indent=indent, hang=indent + 2), 40)
    for number, row in enumerate(rows):
        shown = "".join(t for _, t in row)
        if shown.strip():
            margin = indent if number == 0 else indent + 2
            assert shown.startswith(" " * margin)


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("gb18030", "gb18030"), ("big5", "big5"), ("utf-16", "utf-16"), ("utf-16-be", "utf-16-be")],
    ids=["gb18030", "big5", "utf-16-bom", "utf-16-be"],
)
def test_encodings_are_recognised_in_every_seed(
    seed_texts: dict[str, str], encoding: str, expected: str
) -> None:
    for text in seed_texts.values():
        assert guess_encoding(text.encode(encoding, errors="replace")) == expected


def test_wrapped_footnotes_keep_their_indent(state: ChatState) -> None:
    footnotes = respond("/format footnotes", state).state
    reply = respond("抢抓“双区”驱动、“双改”示范等重大历史机遇。", footnotes)
    rows = render(reply.lines, 60).splitlines()
    notes = rows[rows.index("名词解释") + 1 : rows.index("2 terms found:")]
    assert any(width(row) > 50 for row in notes)  # long enough to have been wrapped
    assert all(row == "" or row.startswith(("[1] ", "[2] ", "    ")) for row in notes)
