"""Making text safe for a terminal: control characters and bidi overrides shown, not obeyed.

Glossary files and file names come from other people. An expansion holding
``\\x1b]0;…\\x07`` would retitle the user's terminal, ``\\x1b[2J`` clear it, and a
right-to-left override (U+202E) would show a file name backwards. Every string from
data or from a file name therefore passes through ``visible`` before it reaches a
terminal; the rule is documented in docs/cli.md ("Output").

The rule: C0 controls other than tab and line feed (a carriage return is kept only
directly before a line feed, as half of a CRLF line break), DEL and the C1 controls
are written as ``\\xHH``; the bidirectional embedding, override and isolate characters
(U+202A-U+202E, U+2066-U+2069) as ``\\uHHHH``. A backslash itself is left alone, so
``\\x1b`` may also be four characters of the data: the escapes are for a reader's eyes,
not for decoding.
"""

from __future__ import annotations

import re

#: What ``visible`` escapes. The characters JSON leaves raw are ``_JSON_UNSAFE``.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with the characters a terminal would obey written as escapes.

    >>> visible("展开\\x1b]0;pwned\\x07\\x1b[2J")
    '展开\\\\x1b]0;pwned\\\\x07\\\\x1b[2J'
    >>> visible("a\\tb\\r\\nc\\rd\\x9be\\u202ef\\x7f")
    'a\\tb\\r\\nc\\\\x0dd\\\\x9be\\\\u202ef\\\\x7f'
    """
    if text.isprintable():  # the usual case, and a fast one: no control character at all
        return text
    return _UNSAFE.sub(_escape, text)


def json_visible(document: str) -> str:
    """A JSON document with the characters JSON allows raw in strings escaped as ``\\uHHHH``.

    A JSON encoder escapes the C0 controls itself; DEL, the C1 controls and the bidi
    overrides it leaves raw. Escaped, the document still decodes to the same data, so
    this is applied to every JSON document, whether it goes to a terminal or a file.

    >>> import json
    >>> document = json.dumps(["\\u202e\\x9b\\x1b"], ensure_ascii=False)
    >>> json_visible(document), json.loads(json_visible(document)) == json.loads(document)
    ('["\\\\u202e\\\\u009b\\\\u001b"]', True)
    """
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", document)
