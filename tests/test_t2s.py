"""Long texts' t2s: a table for each character, OpenCC for phrase stretches, equal to OpenCC."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary._normalise import gen_tables as _gen_tables
from glossary._normalise import long as long_path
from glossary._normalise import long_arrays, long_t2s
from glossary._normalise import opencc as n
from glossary._normalise.long import normalise_large
from glossary._normalise.tables import T2S_CONTEXT, T2S_PHRASE, T2S_TRIGGERS


@cache
def phrases() -> list[str]:
    """The multi-character keys of the installed OpenCC's t2s dictionaries."""
    return sorted(
        key
        for stage, path in n.t2s_dictionary_files()
        if stage == "conversion_chain"
        for key, _ in _gen_tables._entries(path)
        if len(key) > 1
    )


def converted(text: str) -> str:
    """``simplify`` over a text, folded first as the normaliser does."""
    return long_arrays.decode(long_t2s.simplify(long_arrays.codes_of(folded(text))))


def folded(text: str) -> str:
    return text.translate(n._FOLD)


def opencc(text: str) -> str:
    """The reference: OpenCC over the whole folded text (guarded for surrogates and length)."""
    return n.t2s(folded(text))


@st.composite
def phrase_parts(draw: st.DrawFn) -> str:
    """A dictionary phrase, whole or a piece of it."""
    phrase = draw(st.sampled_from(phrases()))
    start = draw(st.integers(0, len(phrase) - 1))
    end = draw(st.integers(start + 1, len(phrase)))
    return draw(st.sampled_from([phrase, phrase[start:end]]))


PARTS = st.one_of(
    phrase_parts(),
    st.sampled_from(T2S_CONTEXT),
    st.sampled_from(T2S_PHRASE),
    st.sampled_from(T2S_TRIGGERS),
    st.sampled_from([*"的在，。\n 发展干后", "\ud800", "１２", "\u3000", "\uf972", "\U0002f904"]),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(PARTS, max_size=30).map("".join))
def test_the_table_and_phrase_stretches_convert_as_opencc_does(text: str) -> None:
    assert converted(text) == opencc(text)


@pytest.mark.parametrize(
    "text",
    ["深沈的夜", "慰藉與憑藉", "乾隆年間乾燥", "瞭望與明瞭", "宮商角徵羽與象徵", "深沈"],
    ids=["phrase-then-text", "two-phrases", "name-then-word", "same-char-twice", "long", "alone"],
)
def test_a_phrase_converts_its_characters_otherwise_than_alone(text: str) -> None:
    """Each example holds a character that a phrase converts otherwise than on its own,
    so a table alone would get it wrong; the stretches sent to OpenCC put it right."""
    by_character = "".join(n._single_t2s(c) for c in text)
    assert opencc(text) != by_character
    assert converted(text) == opencc(text)


@pytest.mark.parametrize(
    "text",
    [
        T2S_PHRASE + "深沈" + T2S_PHRASE,
        "沈澱" + "一" * long_t2s._REACH,  # 一 is in some phrase, so the stretch runs on
        "一" * (long_t2s._REACH - 1) + "深沈",  # exactly the reach: no fallback needed
        "深沈" + "一" * (long_t2s._REACH - 1),
        "深沈，" * long_t2s._BATCH + "一" * long_t2s._REACH + "深沈",  # long only in batch two
        "深沈，乾隆。" * (long_t2s._BATCH + 1),
        "沈澱" + "。" * 200 + "一深沈",  # context characters at both ends of the text
    ],
    ids=[
        "longer-than-the-reach",
        "long-on-the-right",
        "reach-on-the-left",
        "reach-on-the-right",
        "long-in-a-later-batch",
        "more-than-a-batch",
        "at-both-ends",
    ],
)
def test_long_stretches_and_many_contexts_convert_as_opencc_does(text: str) -> None:
    assert converted(text) == opencc(text)


def test_seed_texts_convert_as_opencc_does(seed_texts: dict[str, str]) -> None:
    text = "\n".join(seed_texts.values())
    assert converted(text) == opencc(text)


def test_every_context_character_is_a_phrase_character() -> None:
    """``simplify`` looks each context character up in the stretches of phrase characters."""
    assert set(T2S_CONTEXT) <= set(T2S_PHRASE)


def test_another_opencc_converts_every_piece_with_opencc(
    seed_texts: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tables are OpenCC's of one version: another version takes the old, slow path."""
    text = "\n".join(seed_texts.values())
    expected = normalise_large(text)
    calls: list[int] = []
    monkeypatch.setattr(long_path, "t2s_tables_current", lambda: False)
    monkeypatch.setattr(long_path, "simplify", lambda codes: calls.append(1))
    slow = normalise_large(text)
    assert not calls
    assert slow.text == expected.text
    assert slow.codes is not None
    assert expected.codes is not None
    assert slow.codes.tolist() == expected.codes.tolist()


@pytest.mark.parametrize(
    "text",
    ["乾隆於是" * 500, "一" * 1000 + "深沈"],
    ids=["dense-context", "one-long-stretch"],
)
def test_stretches_over_much_of_a_text_send_it_to_opencc_whole(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stretches covering much of a text would cost more memory than OpenCC on all of it."""
    expected = opencc(text)
    wholes: list[int] = []
    real = long_t2s.simplify_each_piece
    monkeypatch.setattr(long_t2s, "simplify_each_piece", lambda t: wholes.append(len(t)) or real(t))
    assert converted(text) == expected
    assert wholes == [len(text)]


def test_a_text_dense_with_context_characters_skips_the_stretches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above one context character in ``_DENSE`` the positions alone would cost too much."""
    text = "於" + "一" * (long_t2s._DENSE - 2) + "於"
    monkeypatch.setattr(long_t2s, "_stretches", lambda *_: pytest.fail("looked for stretches"))
    assert converted(text) == opencc(text)


def test_changed_or_missing_dictionaries_are_not_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tables describe one set of dictionaries: any other takes the slow path."""
    share = tmp_path / "share"
    shutil.copytree(n._opencc_share(), share)
    monkeypatch.setattr(n, "_opencc_share", lambda: share)
    try:
        n.t2s_digest.cache_clear()
        assert n.t2s_tables_current()  # a faithful copy hashes the same
        phrases = share / "TSPhrases.ocd2"
        phrases.write_bytes(phrases.read_bytes() + b"\0")
        n.t2s_digest.cache_clear()
        assert not n.t2s_tables_current()
        phrases.unlink()
        n.t2s_digest.cache_clear()
        assert n.t2s_digest() == ""
    finally:
        n.t2s_digest.cache_clear()


def test_a_lone_character_changing_length_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table holds one character for one: a longer conversion must not shift the rest."""

    class Stretching:
        def convert(self, text: str) -> str:
            return text.replace(T2S_TRIGGERS[0], T2S_TRIGGERS[0] * 2)

    monkeypatch.setattr(n, "converter", lambda _: Stretching())
    n.t2s_each.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="regenerate"):
            n.t2s_each()
    finally:
        n.t2s_each.cache_clear()
