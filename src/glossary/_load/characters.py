"""What a glossary text may hold, said once for the validator and for editors.

Glossary text reaches terminals, Markdown and HTML, where an escape sequence would act
rather than show. So no field may hold a C0 control, DEL, a C1 control, or one of the
bidirectional embeddings, overrides and isolates, which reorder what a reader sees; tab
and line feed are allowed only in text that may run over several lines (a definition,
a quoted sentence). ``schema.py`` refuses them with ``unsafe_character``; the patterns
say the same in the JSON Schema (``gen_schema.py``), for editors.

The character classes are written as regex escapes (``\\u001b``), which Python's ``re``
and ECMA-262, the dialect of JSON Schema, read alike; the patterns use nothing else
either dialect reads otherwise (no ``\\d``, which is Unicode in Python; ``$`` only at
the end of a pattern with no line breaks to match).
"""

from __future__ import annotations

import re

_CONTROLS = r"\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"
_CONTROLS_IN_LINE = rf"{_CONTROLS}\u0009\u000a"
_UNSAFE = re.compile(f"[{_CONTROLS}]")
_UNSAFE_IN_LINE = re.compile(f"[{_CONTROLS_IN_LINE}]")

#: Text over several lines: no character refused, and something besides white space.
TEXT_PATTERN = rf"^(?![\s\S]*[{_CONTROLS}])(?=[\s\S]*\S)"
#: Text on one line: the same, with tab and line breaks refused too.
LINE_PATTERN = rf"^(?![\s\S]*[{_CONTROLS_IN_LINE}])(?=[\s\S]*\S)"
#: An http(s) address on one line.
WEB_ADDRESS_PATTERN = rf"^https?://(?![\s\S]*[{_CONTROLS_IN_LINE}])"


def unsafe_character(value: str, *, multi_line: bool = False) -> str | None:
    """The first character of ``value`` no glossary text may hold, as ``U+XXXX``, else None.

    >>> unsafe_character("展开\\x1b]0;x\\x07"), unsafe_character("右\\u202e左")
    ('U+001B', 'U+202E')
    >>> unsafe_character("第一行\\n\\t第二行", multi_line=True), unsafe_character("a\\tb")
    (None, 'U+0009')
    """
    found = (_UNSAFE if multi_line else _UNSAFE_IN_LINE).search(value)
    return f"U+{ord(found[0]):04X}" if found else None
