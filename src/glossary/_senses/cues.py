"""Regional cues: how often a text names each region, which decides between local senses.

A long text has its glossary's cues counted in one numpy pass up front (``long.py``);
any other region, and every region of a short text, is counted with ``str.count`` when
first asked for. Both give the same counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary._compile.compiled import Compiled
from glossary._model.regions import cue
from glossary._normalise.text import Normalised

if TYPE_CHECKING:
    from glossary._normalise.text import Codes


class Cues:
    """How often the text names each region, counted on demand.

    A long text counts every name of ``names`` in one numpy pass over its code points,
    the first time any is asked for (most reports say in their opening where they are
    from, and never need a count); other names, and every name of a short text, are
    counted with ``str.count``.

    >>> Cues("龙岗区、龙岗街道").count("深圳市龙岗区")
    2
    """

    def __init__(self, text: str, codes: Codes | None = None, names: tuple[str, ...] = ()) -> None:
        self.text = text
        self._codes, self._names = codes, names
        self._counted: dict[str, int] | None = None
        self.counts: dict[str, int] = {}

    def count(self, region: str) -> int:
        """How often the text names ``region`` by its short name (``cue``)."""
        if region not in self.counts:
            name = cue(region) if region else ""
            counted = self._in_one_pass().get(name)
            if counted is None:
                counted = self.text.count(name) if name else 0
            self.counts[region] = counted
        return self.counts[region]

    def _in_one_pass(self) -> dict[str, int]:
        if self._counted is None:
            self._counted = {}
            if self._codes is not None and self._names:
                from glossary._senses.long import count_cues

                self._counted = count_cues(self._codes, self._names)
        return self._counted


def cues_for(compiled: Compiled, normal: Normalised) -> Cues:
    """The cues of a normalised text; a long one counts the glossary's names at once."""
    return Cues(normal.text, normal.normal_codes, compiled.cues)
