"""Where a Markdown draft holds code (``glossary._hook.code``): fenced blocks and inline spans."""

from __future__ import annotations

import pytest

from glossary._hook.code import code_spans, open_fence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前```\n双区", []),  # a fence must begin its line
        ("```\n双区\n```\n后", ["```\n双区\n```"]),
        ("~~~ text\n双区\n~~~\n后", ["~~~ text\n双区\n~~~"]),
        ("````\n```\n双区\n````\n后", ["````\n```\n双区\n````"]),
        ("~~~\n双区\n```\n仍是代码", ["~~~\n双区\n```\n仍是代码"]),
        ("   ```\n   双区\n   ```\r\n后", ["   ```\n   双区\n   ```\r"]),
        (
            "10. 运行：\n\n    ```\n    双区\n\n    x\n    ```\n",
            ["    ```\n    双区\n\n    x\n    ```"],
        ),
        ("- 命令\n\n  ```bash\n  make\n\n正文", ["  ```bash\n  make\n"]),  # the item ends it
        ("\ufeff```\n双区\n```\n后", ["\ufeff```\n双区\n```"]),
        ("```a`b\n双区``` 后", ["```a`b\n双区```"]),  # no fence, but an inline span
        ("用`双区`和``a`b``。", ["`双区`", "``a`b``"]),
        ("用`双区\n驱动`一词", ["`双区\n驱动`"]),
        ("用`双区\n\n驱动`一词", []),  # a span ends with its paragraph
        ("用``双区`一词", []),  # runs of different lengths do not close each other
        ("用\\`双区\\`一词", []),  # an escaped backtick opens nothing
        ("- 用 ` 分隔\n- 正文 ` 结束", []),  # a list item ends the paragraph
        ("用 ` 号\n# 标题 ` 号", []),  # so does a heading
        ("没有代码。", []),
    ],
    ids=[
        "fence-mid-line",
        "backticks",
        "tildes-with-info",
        "longer-fence-holds-shorter",
        "other-character-does-not-close",
        "indented-three-crlf",
        "in-a-list-item-across-a-blank-line",
        "unclosed-in-a-list-item",
        "after-a-byte-order-mark",
        "backtick-in-info-string",
        "inline-spans",
        "inline-across-a-line-break",
        "inline-not-across-a-blank-line",
        "inline-unbalanced",
        "inline-escaped",
        "inline-not-across-list-items",
        "inline-not-into-a-heading",
        "none",
    ],
)
def test_code_spans(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in code_spans(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前\n```\n代码", 2),
        ("前\n~~~ yaml\n代码\n", 2),
        ("\ufeff```\n代码\n", 0),
        ("```\n代码\n```\n", None),
        ("````\n```\n", 0),  # a shorter fence does not close a longer one
        ("- 项\n  ```\n  代码\n", None),  # a line at the margin would end the item
        ("```a`b\n代码\n", None),  # not a fence: a backtick in the info string
        ("没有代码。", None),
    ],
    ids=["open", "tildes", "bom", "closed", "longer", "list-item", "not-a-fence", "none"],
)
def test_open_fence(text: str, expected: int | None) -> None:
    """A fence left open at the end makes whatever follows the text code too."""
    assert open_fence(text) == expected
