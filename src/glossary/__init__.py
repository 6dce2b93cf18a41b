"""glossary: explains the jargon of Chinese government documents.

>>> from glossary import explain
>>> [a.entry.term for a in explain("抢抓“双区”驱动、“双改”示范等重大历史机遇")]
['双区驱动', '双改示范']

The public names are listed in ``__all__``; every other module is private.
"""

from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from glossary._api.explanation import Explanation
from glossary._api.glossary import Glossary, explain, lookup, search
from glossary._api.search import SearchHit
from glossary._model.annotation import Annotation, Reading
from glossary._model.entries import KINDS, LEVELS, Entry, Kind, Level, Origin, Scope, Sense, Source
from glossary._model.errors import DataError, GlossaryError, InputError, Problem
from glossary._normalise.script import Script
from glossary._render.styles import LANGS, STYLES, Lang, Style

__all__ = [
    "KINDS",
    "LANGS",
    "LEVELS",
    "STYLES",
    "Annotation",
    "DataError",
    "Entry",
    "Explanation",
    "Glossary",
    "GlossaryError",
    "InputError",
    "Kind",
    "Lang",
    "Level",
    "Origin",
    "Problem",
    "Reading",
    "Scope",
    "Script",
    "SearchHit",
    "Sense",
    "Source",
    "Style",
    "explain",
    "extract",
    "lookup",
    "search",
]

__version__ = "0.1.0"

if _TYPE_CHECKING:
    from glossary._extract.extract import extract


def __getattr__(name: str) -> _Any:
    """Import the extractor on first use: its patterns cost start-up that explain() never needs."""
    if name == "extract":
        from glossary._extract.extract import extract

        return extract
    raise AttributeError(f"module 'glossary' has no attribute {name!r}")
