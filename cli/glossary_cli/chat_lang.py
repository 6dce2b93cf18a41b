"""The chat's ``/lang``: which language answers and explained passages are given in.

Apart from ``chat`` so that the registry there only gains the command's entry; this
module knows nothing of the chat's state beyond the language it holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from glossary_cli.settings import LANGS

if TYPE_CHECKING:
    from glossary import Lang

#: What each language gives, as ``/lang`` lists it.
MEANINGS: dict[Lang, str] = {
    "zh": "the Chinese expansion and definition",
    "en": "the English gloss in place of the Chinese",
    "both": "the Chinese, then the English gloss",
}


class _Speaking(Protocol):
    @property
    def lang(self) -> Lang: ...


def lang_arguments(state: _Speaking) -> list[tuple[str, str]]:
    """The completions of ``/lang``: each language, the current one so marked."""
    return [(lang, "current" if lang == state.lang else MEANINGS[lang]) for lang in LANGS]


def choose_lang(argument: str, current: Lang) -> tuple[Lang, tuple[str, ...]]:
    """The language after ``/lang argument``, and what to say about it.

    >>> lang, said = choose_lang("EN", "zh")
    >>> lang, said[0]
    ('en', 'Answers and passages now come in en: the English gloss in place of the Chinese.')
    >>> choose_lang("", "both")[1][0]
    'Language: both (the Chinese, then the English gloss).'
    """
    choices = f"Languages: {', '.join(LANGS)}."
    if not argument:
        return current, (f"Language: {current} ({MEANINGS[current]}).", choices)
    for lang in LANGS:
        if lang == argument.lower():
            return lang, (f"Answers and passages now come in {lang}: {MEANINGS[lang]}.",)
    return current, (f"No language “{argument}”.", choices)
