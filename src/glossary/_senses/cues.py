"""Regional cues: how often a text names each region, which decides between local senses.

A long text has its glossary's cues counted in one numpy pass up front (``long.py``);
any other region, and every region of a short text, is counted with ``str.count`` when
first asked for. Both give the same counts.
"""

from __future__ import annotations

from glossary._compile.compiled import Compiled
from glossary._model.regions import cue
from glossary._normalise.text import Normalised


class Cues:
    """How often the text names each region, counted on demand.

    >>> Cues("龙岗区、龙岗街道").count("深圳市龙岗区")
    2
    """

    def __init__(self, text: str, names: dict[str, int] | None = None) -> None:
        self.text = text
        self.names = names or {}
        self.counts: dict[str, int] = {}

    def count(self, region: str) -> int:
        """How often the text names ``region`` by its short name (``cue``)."""
        if region not in self.counts:
            name = cue(region) if region else ""
            counted = self.names.get(name)
            if counted is None:
                counted = self.text.count(name) if name else 0
            self.counts[region] = counted
        return self.counts[region]


def cues_for(compiled: Compiled, normal: Normalised) -> Cues:
    """The cues of a normalised text; a long one has the glossary's regions counted at once."""
    if normal.normal_codes is None:
        return Cues(normal.text)
    from glossary._senses.long import count_cues

    return Cues(normal.text, count_cues(normal.normal_codes, compiled.cues))
