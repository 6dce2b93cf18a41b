"""Where a Markdown draft holds code (``glossary._code``): fenced blocks and inline spans."""

from __future__ import annotations

import pytest

from glossary._code import code_spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前```\n双区", []),  # a fence must begin its line
        ("```\n双区\n```\n后", ["```\n双区\n```"]),
        ("~~~ text\n双区\n~~~\n后", ["~~~ text\n双区\n~~~"]),
        ("````\n```\n双区\n````\n后", ["````\n```\n双区\n````"]),
        ("~~~\n双区\n```\n仍是代码", ["~~~\n双区\n```\n仍是代码"]),
        ("   ```\n双区\n   ```\r\n后", ["   ```\n双区\n   ```\r"]),
        ("    ```\n双区", []),  # four spaces: not a fence (nor an indented block)
        ("```a`b\n双区``` 后", ["```a`b\n双区```"]),  # no fence, but an inline span
        ("用`双区`和``a`b``。", ["`双区`", "``a`b``"]),
        ("用`双区\n驱动`一词", ["`双区\n驱动`"]),
        ("用`双区\n\n驱动`一词", []),  # a span ends with its paragraph
        ("用``双区`一词", []),  # runs of different lengths do not close each other
        ("没有代码。", []),
    ],
    ids=[
        "fence-mid-line",
        "backticks",
        "tildes-with-info",
        "longer-fence-holds-shorter",
        "other-character-does-not-close",
        "indented-three-crlf",
        "indented-four",
        "backtick-in-info-string",
        "inline-spans",
        "inline-across-a-line-break",
        "inline-not-across-a-blank-line",
        "inline-unbalanced",
        "none",
    ],
)
def test_code_spans(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in code_spans(text)] == expected
