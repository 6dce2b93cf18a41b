"""Invariants of explain() over the bundled glossary, checked with hypothesis."""

from __future__ import annotations

from functools import cache

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from glossary import LANGS, STYLES, Entry, Glossary, Lang, Style
from glossary._normalise.normalise import normalise_term
from glossary._normalise.script import to_script
from glossary._render.render import strip

FILLER = list("的是在发展建设推进城区经济产业工作全面加快提升，、：（）《》 \n0123456789ABCxyz")
QUOTES = ["“", "”", "「", "」", "‘", "’", "『", "』", '"', "'"]
ALL_QUOTES = frozenset(QUOTES)
SPACES = [" ", "\u3000", "\u200b", "\u00a0", "\t"]


@cache
def glossary() -> Glossary:
    return Glossary.default()


@cache
def terms() -> list[tuple[str, Entry]]:
    pairs = ((s, e) for e in glossary().entries for s in e.surfaces if len(s) > 1)
    return sorted(pairs, key=lambda pair: (pair[0], pair[1].id))


def keys(entry: Entry) -> set[str]:
    return {normalise_term(s) for s in entry.surfaces}


surfaces = st.builds(lambda i: terms()[i % len(terms())], st.integers(min_value=0))
pieces = st.one_of(
    surfaces.map(lambda t: t[0]), st.sampled_from(FILLER + QUOTES + SPACES + ["。", "；"])
)
texts = st.lists(pieces, max_size=25).map("".join)
# Terms in either script, often repeated: a converted text that writes one term two ways.
converted_texts = st.lists(
    st.one_of(pieces, surfaces.map(lambda t: to_script(t[0], "traditional"))), max_size=25
).map(lambda parts: "".join(parts * 2))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_spans_are_valid_ordered_and_disjoint(text: str) -> None:
    previous_end = 0
    for annotation in glossary().explain(text):
        assert previous_end <= annotation.start < annotation.end <= len(text)
        assert text[annotation.start : annotation.end] == annotation.text
        previous_end = annotation.end


@settings(max_examples=300, deadline=None)
@given(texts)
def test_each_span_normalises_to_a_surface_of_its_entry(text: str) -> None:
    for annotation in glossary().explain(text):
        if annotation.sense.origin != "document":
            assert normalise_term(annotation.text) in keys(annotation.entry)


def _is_glue(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "+")


@st.composite
def decorated_terms(draw: st.DrawFn) -> tuple[str, str, Entry]:
    """A surface with decoration inserted at random points inside it."""
    surface, entry = draw(surfaces)
    points = draw(st.lists(st.integers(1, len(surface) - 1), min_size=1, max_size=4, unique=True))
    out, newline_used = list(surface), False
    # Quotes inside a surface vanish on matching (“334”“622” is 334622): what decoration may
    # go at a point depends on the characters that meet there once they are gone.
    bare = [c if c not in ALL_QUOTES else "" for c in surface]
    for point in sorted(points, reverse=True):
        left = next((c for c in reversed(bare[:point]) if c), "")
        right = next((c for c in bare[point:] if c), "")
        options = list(QUOTES)
        if not (left and right and _is_glue(left) and _is_glue(right)):  # a real gap
            options += SPACES
            if not newline_used:
                options.append("\n")
        if left and "\u4e00" <= surface[point - 1] <= "\u9fff":
            options.append("(qū)")
        decoration = draw(st.sampled_from(options))
        newline_used |= decoration == "\n"
        out.insert(point, decoration)
    return surface, "".join(out), entry


@settings(max_examples=500, deadline=None)
@given(decorated_terms())
def test_decoration_inside_a_term_never_stops_the_match(case: tuple[str, str, Entry]) -> None:
    surface, decorated, entry = case
    text = f"我们。{decorated}。完成"
    # A confined sense is read only in a text about its region: say the text is about it.
    region = next((s.scope.region for s in entry.senses if s.scope and s.scope.confined), None)
    explained = glossary().explain(text, region=region)
    found = [a for a in explained if a.start >= 3 and a.end <= len(text) - 3]
    assert found, (surface, decorated)
    assert normalise_term(surface) in {k for a in found for k in keys(a.entry)}


@settings(max_examples=300, deadline=None)
@given(texts)
def test_traditional_and_simplified_find_the_same_entries(text: str) -> None:
    simplified = text  # terms and filler are all Simplified
    traditional = to_script(simplified, "traditional")
    assume(len(traditional) == len(simplified))
    ids = [a.entry.id for a in glossary().explain(simplified)]
    assert [a.entry.id for a in glossary().explain(traditional)] == ids


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, converted_texts))
def test_the_numpy_path_annotates_exactly_like_the_short_text_path(text: str) -> None:
    import glossary._api.pipeline as explain_module
    from glossary._normalise.long import normalise_large as _normalise_large

    short = glossary().explain(text)
    original = explain_module.normalise
    explain_module.normalise = _normalise_large  # what texts over 20k characters get
    try:
        long = glossary().explain(text)
    finally:
        explain_module.normalise = original
    # Every field: spans, the surface as written, entry, senses and reason.
    assert list(long) == list(short)
    assert all(a.text == text[a.start : a.end] for a in long)


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from(STYLES), st.sampled_from(LANGS))
def test_every_rendering_strips_back_to_the_text(text: str, style: Style, lang: Lang) -> None:
    """Whatever the bundled glossary finds, in every style and language, strips off exactly."""
    rendered = glossary().explain(text).render(style, lang=lang)
    assert strip(rendered, style) == text
