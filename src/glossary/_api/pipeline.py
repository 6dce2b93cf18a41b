"""From a text to its ``Explanation``: each stage once, in order.

normalise (``_normalise``) → match (``_match``: the glossary's terms and the document's
own) → choose senses (``_senses``) → annotations (``_annotations``). Each stage hands the
next what it made and is not visited again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from glossary._annotations.build import annotate_matches
from glossary._api.explanation import Explanation
from glossary._compile.compiled import Compiled
from glossary._load.allow import NOTHING, Allowed
from glossary._match.find import find
from glossary._normalise.normalise import normalise
from glossary._senses.choose import UNREAD, read
from glossary._senses.cues import cues_for


def explain_text(
    compiled: Compiled, text: str, region: str | None = None, allowed: Allowed = NOTHING
) -> Explanation:
    """Annotate ``text`` with a compiled glossary (``_senses.choose`` says how senses are chosen).

    >>> from glossary import Glossary
    >>> [a.text for a in explain_text(Glossary.default().compiled, "抢抓“双区”驱动")]
    ['“双区”驱动']
    """
    normal = normalise(text)
    # No collection pass while the automaton's tuples and the annotations are made: they
    # hold no cycles, yet every 700 of them would trigger one.
    with collector_paused():
        matched = find(compiled, normal)
        cues = cues_for(compiled, normal)
        del normal  # its code points (8 bytes a character) make room for the surfaces' own
        # A key means the same throughout one text: one reading per distinct key.
        readings, leader, unread = read(compiled, matched.local, matched.found, region, cues)
        found = annotate_matches(text, matched.located, matched.dense, readings, matched.patterns)
        if unread:  # terms whose senses are all confined to regions the text is not about
            found = tuple(a for a in found if a.reading is not UNREAD)
        definitions = matched.definitions
        # Let go of the columns while the collector is off: the pass it makes once back on
        # would otherwise visit their 29,000 items a MB as well (0.9 ms a MB at 100k terms).
        del matched, readings
    # What is left unexplained is worked out when first read (the annotations stage).
    return Explanation(
        text, found, leader, definitions=definitions, unexplained=None, allowed=allowed
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of annotations are made.

    They hold no cycles, yet every 700 allocations would trigger a collection pass.

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
