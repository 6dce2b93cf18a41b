"""Result types of ``explain()``: one ``Annotation`` per match, gathered in an ``Explanation``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple, overload

from glossary._model import Entry, Sense

#: How the text is written, which decides the script of rendered annotations.
#: ``traditional`` is OpenCC's generic Traditional; ``hongkong`` and ``taiwan`` its variants.
Script = Literal["simplified", "traditional", "hongkong", "taiwan"]

#: Output styles of ``Explanation.render``.
Style = Literal["inline", "footnotes", "markdown", "html", "json"]
STYLES: tuple[Style, ...] = ("inline", "footnotes", "markdown", "html", "json")


class Annotation(NamedTuple):
    """One term found in a text: where it is, which entry it is and which sense applies.

    A named tuple rather than a frozen dataclass: a report yields thousands of them, and a
    tuple is built in half the time, immutable all the same.
    """

    start: int  # offset into the original Python string
    end: int  # exclusive; text[start:end] == self.text
    text: str  # the surface exactly as it appears in the original text
    entry: Entry
    sense: Sense  # the chosen sense
    other_senses: tuple[Sense, ...]  # the entry's other senses, and those of rival entries
    reason: str  # why this sense was chosen, in one short phrase


@dataclass(frozen=True, slots=True)
class Explanation(Sequence[Annotation]):
    """The annotations of one text, in order of position; immutable.

    ``region`` is the region the senses were chosen for ("" when no cue decided),
    ``script`` how the text is written, so that renderers answer in the same script.
    """

    text: str
    annotations: tuple[Annotation, ...]
    region: str = ""
    script: Script = "simplified"

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
