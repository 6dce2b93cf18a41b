"""The normaliser: what it removes, what it keeps, and that its two paths agree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary._normalise import opencc, tables
from glossary._normalise.gen_tables import render
from glossary._normalise.long import normalise_large
from glossary._normalise.normalise import normalise, original_spans, span, spans
from glossary._normalise.opencc import to_simplified
from glossary._normalise.script import detect_script
from glossary._normalise.short import normalise_small
from glossary._normalise.text import PIECE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("雙區驅動", "双区驱动"),
        ("“双区”驱动", "双区驱动"),
        ("「雙區」驅動", "双区驱动"),
        ("『双区』驱动", "双区驱动"),
        ("‘双区’驱动", "双区驱动"),
        ('"双区"驱动', "双区驱动"),
        ("双 区\u3000驱\u200b动", "双区驱动"),
        ("双区\n驱动", "双区驱动"),
        ("双区\r\n   驱动", "双区驱动"),
        ("双区\n\n驱动", "双区\n驱动"),
        ("双区\n \n驱动", "双区\n驱动"),
        ("双区\r\n\r\n驱动", "双区\n驱动"),
        ("双区\r\r\n驱动", "双区驱动"),
        ("双区\r驱动", "双区驱动"),
        ("双区\u2029驱动", "双区\n驱动"),
        ("双区\u2028\u2028驱动", "双区\n驱动"),
        ("双区\x0b驱动", "双区驱动"),
        ("双区\n\x0c驱动", "双区驱动"),
        ("灣區(qū)樞紐", "湾区枢纽"),
        ("發(fā)展", "发展"),
        ("發（fā）展", "发展"),
        ("IT(it)", "it(it)"),
        ("规划(2021)", "规划(2021)"),
        ("１＋１＋１０＋Ｎ", "1+1+10+n"),
        ("ＣＩＭ平台", "cim平台"),
        ("⼯业上楼", "工业上楼"),
        ("IT 与 BT", "it与bt"),
        ("IT BT", "it bt"),
        ("1 1 9", "1 1 9"),
        ("“20+8”", "20+8"),
    ],
    ids=[
        "traditional",
        "curly-quotes",
        "corner-quotes",
        "double-corner",
        "single-curly",
        "ascii-quotes",
        "spaces-zero-width",
        "line-break",
        "crlf-indent",
        "blank-line",
        "blank-line-with-space",
        "blank-line-crlf",
        "crlf-converted-twice",
        "line-break-cr",
        "paragraph-separator",
        "two-line-separators",
        "vertical-tab",
        "page-break",
        "pinyin",
        "pinyin-fa",
        "pinyin-fullwidth-parens",
        "toneless-parens-kept",
        "digits-in-parens-kept",
        "fullwidth-formula",
        "fullwidth-letters",
        "kangxi-radical",
        "space-beside-cjk",
        "space-between-latin",
        "space-between-digits",
        "quoted-formula",
    ],
)
def test_normalise_text(text: str, expected: str) -> None:
    assert normalise(text).text == expected
    assert normalise_large(text).text == expected


def test_sentence_punctuation_is_kept() -> None:
    assert normalise("双区。驱动！双区？驱动；").text == "双区。驱动！双区？驱动；"


def test_lone_surrogate_does_not_crash() -> None:
    text = "雙區\ud800驅動"
    assert normalise(text).text == "双区\ufffd驱动"  # OpenCC needs valid UTF-8


def test_length_is_preserved_by_t2s_on_seeds(seed_texts: dict[str, str]) -> None:
    for name, text in seed_texts.items():
        assert len(to_simplified(text)) == len(text), name


def test_shipped_tables_are_current() -> None:
    """Fails when OpenCC's t2s dictionaries or Python's Unicode data change, not on a mere
    version bump: run ``python -m glossary._normalise.gen_tables``."""
    from pathlib import Path

    shipped = Path(tables.__file__).read_text(encoding="utf-8")
    assert shipped == render()


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("双区驱动", "simplified"),
        ("雙區驅動", "traditional"),
        ("為着裏", "hongkong"),
        ("為著裡", "taiwan"),
        ("乾隆年间，落实“六稳六保”，參考", "simplified"),
        ("光明台問題", "hongkong"),  # s2hk's own phrase table keeps 台 in this name
        ("合群街問題", "taiwan"),  # s2hk writes 合羣; t2hk after s2t would not
    ],
    ids=[
        "simplified",
        "traditional",
        "hongkong",
        "taiwan",
        "one-traditional-char",
        "hk-phrase-table",
        "tw-not-hk-phrase",
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_seeds_scripts(seed_texts: dict[str, str]) -> None:
    scripts = {name: detect_script(text) for name, text in seed_texts.items()}
    assert scripts == {
        "baoan-2023-party-congress-hant": "hongkong",  # a Hong Kong paper: 為, 着, 裏
        "longgang-2022-plenary-news": "simplified",
        "longgang-2023-work-report": "simplified",
        "luohu-2021-report-news-hant-pinyin": "taiwan",  # 為 and 著-style forms
        "luohu-2022-report-forum": "simplified",
    }


ALPHABET = st.sampled_from(
    [
        *"双区驱动灣區發展ITBT120+N，。；\n \u3000“”「」«»＂'\"\u200b(qū)（fā）abc",
        *"１Ａｑ＋（ū）",  # full-width forms fold to letters, digits and parentheses
        "\n\n",
        "(qū)",
        "（ｑū）",
        "１ Ａ",
        # Other line breaks: CR LF, a lone CR, a vertical tab, U+2028, U+2029, a form feed.
        *"\r\x0b\u2028\u2029\x0c",
        "\r\n",
        # Letters beside quotes and blanks: a kept separator can stand on a quote.
        'q""',
        '" a',
        "a\u3000“",
        "1\t「1",
        "B\u00a0'",
    ]
)
TEXTS = st.lists(ALPHABET, max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_small_and_large_paths_agree(text: str) -> None:
    small = normalise_small(text, to_simplified(text))
    large = normalise_large(text)
    assert small.text == large.text
    for start in range(len(small.text)):
        assert span(small, start, start + 1) == span(large, start, start + 1)
    # Quote widening too, for every span of one to three characters, one at a time.
    for start in range(len(small.text)):
        for end in range(start + 1, min(start + 4, len(small.text) + 1)):
            assert original_spans(small, [start], [end]) == original_spans(large, [start], [end])


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ('q"" a', 0, 2, (0, 3)),  # the kept space stands on a quote: the span holds it
        ("“双区”驱动", 0, 4, (0, 6)),
        ("抢抓「双区」", 2, 4, (2, 6)),
    ],
    ids=["separator-on-a-quote", "inner-quotes", "wrapped"],
)
def test_quote_widening_is_the_same_on_both_paths(
    text: str, start: int, end: int, expected: tuple[int, int]
) -> None:
    for normal in (normalise(text), normalise_large(text)):
        first, last = original_spans(normal, [start], [end])
        assert (first[0], last[0]) == expected


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_every_normalised_char_maps_into_the_original(text: str) -> None:
    normal = normalise(text)
    previous = -1
    for i, char in enumerate(normal.text):
        start, end = span(normal, i, i + 1)
        assert previous < start < end <= len(text)
        previous = start
        if char not in " \n":  # separators stand for a run of decoration
            assert to_simplified(text)[start] == char


def test_t2s_never_changes_the_characters_the_numpy_path_classifies() -> None:
    """The numpy path reuses its class lookup after t2s; that holds only if t2s keeps these."""
    from glossary._normalise.text import DECORATION, SPACE, TONED, expand_class

    kept = expand_class(DECORATION + SPACE) + TONED + "()（）abcdefghijklmnopqrstuvwxyzü"
    kept += "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+"
    assert opencc.t2s(kept) == kept


def test_long_texts_convert_in_pieces_as_in_one_call(seed_texts: dict[str, str]) -> None:
    """OpenCC gets a long text in pieces cut at line breaks: the result must not change."""
    text = "\n".join(seed_texts.values()) * 4
    assert len(text) > 4 * PIECE
    large = normalise_large(text)
    small = normalise_small(text, to_simplified(text))  # t2s over the whole text at once
    assert large.text == small.text
    starts = list(range(0, len(small.text), 97))
    ends = [start + 1 for start in starts]
    assert spans(large, starts, ends) == spans(small, starts, ends)


@pytest.mark.parametrize("size", [0, 1, 3 * (1 << 16) + 5], ids=["empty", "one", "chunks"])
def test_chunked_lookup_equals_indexing(size: int) -> None:
    import numpy as np

    from glossary._normalise import long_arrays as _arrays

    rng = np.random.default_rng(size)
    table = rng.integers(0, 255, 0x110000, dtype=np.uint8)
    codes = rng.integers(0, 0x110000, size, dtype=np.uint32)
    assert _arrays.lookup(table, codes).tolist() == table[codes].tolist()


# Code points whose UTF-8 takes one, two and three bytes, at the edges of each width.
_WIDTHS = [0x00, 0x41, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF]


@given(
    st.lists(st.tuples(st.sampled_from(_WIDTHS), st.booleans()), max_size=60),
    st.integers(1, 9),
)
@settings(max_examples=200)
def test_char_offsets_count_characters_across_chunks(
    symbols: list[tuple[int, bool]], chunk: int
) -> None:
    """A byte offset that starts a character maps to that character's index, whichever
    chunk of the haystack it falls in, for any subset of the characters."""
    from unittest import mock

    import numpy as np

    from glossary._match import long as _arrays

    text = "".join(chr(point) for point, _ in symbols)
    chosen = [i for i, (_, wanted) in enumerate(symbols) if wanted]
    at = np.array([len(text[:i].encode()) for i in chosen], dtype=np.int64)
    with mock.patch.object(_arrays, "CHUNK", chunk):
        mapped = _arrays.char_offsets(bytearray(text.encode()), at)
    assert mapped.tolist() == chosen
