"""An annotated text: the annotations of one text, in order, with its region and script."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import overload

from glossary._annotations.unexplained import unexplained
from glossary._load.allow import NOTHING, Allowed
from glossary._match.jargon import Candidate
from glossary._model.annotation import Annotation, Definition
from glossary._normalise.script import Script, detect_script


class Annotated(Sequence[Annotation]):
    """The annotations of one text, in order of position; immutable.

    The data of the public ``Explanation``, which adds ``render``: the renderers read
    this class, and the API's subclass calls them, so the arrows point one way.

    ``region`` is the region the senses were chosen for ("" when no cue decided),
    ``script`` how the text is written, so that renderers answer in the same script.
    ``script`` is worked out from the text the first time it is read, unless given:
    only renderers need it, and it costs more than matching a short text does.
    ``definitions`` are the terms the text explains itself (``（以下简称“双区”）``),
    each with where; ``unexplained`` the spans that look like jargon and that neither
    the glossary, the text nor ``allowed`` explains: worked out the first time it is
    read when ``None`` is given (as ``explain`` gives), since only some callers want
    it and it costs a pass over the text.

    >>> Annotated("雙區驅動", ()).script
    'traditional'
    """

    __slots__ = (
        "_allowed",
        "_script",
        "_unexplained",
        "annotations",
        "definitions",
        "region",
        "text",
    )
    __match_args__ = ("text", "annotations", "region", "script")

    text: str
    annotations: tuple[Annotation, ...]
    region: str
    _script: Script | None
    definitions: tuple[Definition, ...]
    _unexplained: tuple[Candidate, ...] | None
    _allowed: Allowed

    def __init__(
        self,
        text: str,
        annotations: tuple[Annotation, ...],
        region: str = "",
        script: Script | None = None,
        *,
        definitions: tuple[Definition, ...] = (),
        unexplained: tuple[Candidate, ...] | None = (),
        allowed: Allowed = NOTHING,
    ) -> None:
        fields = {
            "text": text,
            "annotations": annotations,
            "region": region,
            "_script": script,
            "definitions": definitions,
            "_unexplained": unexplained,
            "_allowed": allowed,
        }
        for name, value in fields.items():  # __setattr__ refuses, to keep it immutable
            object.__setattr__(self, name, value)

    @property
    def script(self) -> Script:
        """How the text is written: ``simplified``, ``traditional``, ``hongkong`` or ``taiwan``."""
        if self._script is None:
            object.__setattr__(self, "_script", detect_script(self.text))
        assert self._script is not None
        return self._script

    @property
    def unexplained(self) -> tuple[Candidate, ...]:
        """The spans shaped like jargon that nothing explains (``unexplained.py``)."""
        if self._unexplained is None:
            found = unexplained(self.text, self.annotations, self.definitions, self._allowed)
            object.__setattr__(self, "_unexplained", found)
        assert self._unexplained is not None
        return self._unexplained

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Annotated)
        # The script last: it may have to be detected, and only decides between equal texts.
        return self._key() == other._key() and self.script == other.script

    def _key(self) -> tuple[object, ...]:
        # unexplained is left out: it follows from these (and the allow-list) when asked for.
        return (self.text, self.annotations, self.region, self.definitions)

    def __hash__(self) -> int:
        return hash(self._key())  # equal ones hash alike

    def __repr__(self) -> str:
        text, annotations, region, script = self.text, self.annotations, self.region, self.script
        extra = "".join(
            f", {name}={value!r}"
            for name, value in (
                ("definitions", self.definitions),
                ("unexplained", self.unexplained),
            )
            if value  # shown when there are some, so that a plain repr stays short
        )
        return (
            f"{type(self).__name__}({text=!r}, {annotations=!r}, {region=!r}, {script=!r}{extra})"
        )

    def __reduce__(self) -> tuple[Callable[..., Annotated], tuple[object, ...]]:
        arguments = (self.text, self.annotations, self.region, self._script)
        return partial(type(self), definitions=self.definitions, unexplained=self.unexplained), (
            arguments
        )

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
