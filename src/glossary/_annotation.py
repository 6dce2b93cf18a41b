"""Result types of ``explain()``: one ``Annotation`` per match, gathered in an ``Explanation``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal, NamedTuple, overload

from glossary._model import Entry, Sense

#: How the text is written, which decides the script of rendered annotations.
#: ``traditional`` is OpenCC's generic Traditional; ``hongkong`` and ``taiwan`` its variants.
Script = Literal["simplified", "traditional", "hongkong", "taiwan"]

#: Output styles of ``Explanation.render``.
Style = Literal["inline", "footnotes", "markdown", "html", "json"]
STYLES: tuple[Style, ...] = ("inline", "footnotes", "markdown", "html", "json")


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


class Explanation(Sequence[Annotation]):
    """The annotations of one text, in order of position; immutable.

    ``region`` is the region the senses were chosen for ("" when no cue decided),
    ``script`` how the text is written, so that renderers answer in the same script.
    ``script`` is worked out from the text the first time it is read, unless given:
    only renderers need it, and it costs more than matching a short text does.

    >>> Explanation("雙區驅動", ()).script
    'traditional'
    """

    __slots__ = ("_script", "annotations", "region", "text")
    __match_args__ = ("text", "annotations", "region", "script")

    text: str
    annotations: tuple[Annotation, ...]
    region: str
    _script: Script | None

    def __init__(
        self,
        text: str,
        annotations: tuple[Annotation, ...],
        region: str = "",
        script: Script | None = None,
    ) -> None:
        fields = {"text": text, "annotations": annotations, "region": region, "_script": script}
        for name, value in fields.items():  # __setattr__ refuses, to keep it immutable
            object.__setattr__(self, name, value)

    @property
    def script(self) -> Script:
        """How the text is written: ``simplified``, ``traditional``, ``hongkong`` or ``taiwan``."""
        if self._script is None:
            from glossary._normalise import detect_script  # imports this module

            object.__setattr__(self, "_script", detect_script(self.text))
        assert self._script is not None
        return self._script

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Explanation is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Explanation is immutable: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Explanation)
        # The script last: it may have to be detected, and only decides between equal texts.
        return (self.text, self.annotations, self.region) == (
            other.text,
            other.annotations,
            other.region,
        ) and self.script == other.script

    def __hash__(self) -> int:
        return hash((self.text, self.annotations, self.region))  # equal ones hash alike

    def __repr__(self) -> str:
        text, annotations, region, script = self.text, self.annotations, self.region, self.script
        return f"Explanation({text=!r}, {annotations=!r}, {region=!r}, {script=!r})"

    def __reduce__(self) -> tuple[type[Explanation], tuple[object, ...]]:
        return type(self), (self.text, self.annotations, self.region, self._script)

    @overload
    def __getitem__(self, index: int) -> Annotation: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Annotation]: ...
    def __getitem__(self, index: int | slice) -> Annotation | Sequence[Annotation]:
        return self.annotations[index]

    def __len__(self) -> int:
        return len(self.annotations)

    def __iter__(self) -> Iterator[Annotation]:
        return iter(self.annotations)

    def render(self, style: Style = "inline") -> str:
        """Render the text with its annotations in one of ``STYLES``.

        >>> from glossary import explain
        >>> explain("实施“十四五”规划").render("html").count("<abbr")
        1
        """
        from glossary._render import render  # the renderers are only paid for when used

        return render(self, style)
