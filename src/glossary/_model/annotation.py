"""What ``explain()`` finds: one ``Annotation`` per match, its ``Reading`` shared per term.

Plain data, built by the later stages: the compile stage makes the fixed readings of
terms with a single sense, the senses stage chooses the others, and the annotations
stage puts one annotation on each match.
"""

from __future__ import annotations

from typing import NamedTuple

from glossary._model.entries import Entry, Sense


class Reading(NamedTuple):
    """How one text reads a matched term: the entry, the chosen sense, the others and why.

    A term means the same throughout one text, so the annotations of one matched pattern
    share one ``Reading`` instead of repeating these fields. (An entry's variants are
    patterns of their own, each with an equal reading.)
    """

    entry: Entry
    sense: Sense  # the chosen sense
    other_senses: tuple[Sense, ...]  # the entry's other senses, and those of rival entries
    reason: str  # why this sense was chosen, in one short phrase
    # When the sense is a region's and the text is about another (or names none), says so:
    # "sense of 深圳市罗湖区; this text is about 深圳市福田区". Else "".
    caveat: str = ""


class Annotation(NamedTuple):
    """One term found in a text: where it is, as written, and how the text reads it.

    A named tuple rather than a frozen dataclass: a report yields thousands of them, and a
    tuple is built in half the time, immutable all the same. The reading's fields are
    properties too, so ``annotation.entry`` reads as ``annotation.reading.entry``.

    >>> from glossary import explain
    >>> a = explain("抢抓“双区”驱动")[0]
    >>> a.start, a.end, a.text, a.entry.term, a.reason
    (2, 8, '“双区”驱动', '双区驱动', 'only sense')
    """

    start: int  # offset into the original Python string
    end: int  # exclusive; text[start:end] == self.text
    text: str  # the surface exactly as it appears in the original text
    reading: Reading  # shared by the annotations of one pattern in one text

    @property
    def entry(self) -> Entry:
        """The entry matched."""
        return self.reading.entry

    @property
    def sense(self) -> Sense:
        """The chosen sense."""
        return self.reading.sense

    @property
    def other_senses(self) -> tuple[Sense, ...]:
        """The entry's other senses, and those of rival entries for the same surface."""
        return self.reading.other_senses

    @property
    def reason(self) -> str:
        """Why this sense was chosen, in one short phrase."""
        return self.reading.reason

    @property
    def caveat(self) -> str:
        """Whose sense this is when the text is about another region, or names none; else ""."""
        return self.reading.caveat


class Definition(NamedTuple):
    """A term the text explains itself, and where: ``text[start:end]`` is the explanation.

    ``entry`` holds the text's own explanation as a sense of origin ``document``; it wins
    over the glossary in that text.
    """

    entry: Entry
    start: int
    end: int
