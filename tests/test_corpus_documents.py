"""The documents of a corpus run: the decoding rule, the heading, and which files are read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary._corpus._documents import UnreadableError, decode, find_documents, heading

REPORTS = Path(__file__).parent / "fixtures" / "reports"
TEXT = "有关名词解释：“双区”驱动指粤港澳大湾区和先行示范区建设。\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TEXT.encode(), "utf-8"),
        (TEXT.encode("utf-8-sig"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("gb18030"), "gb18030"),
        (b"", "utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "gb18030", "empty"],
)
def test_the_encodings_a_corpus_reads(raw: bytes, encoding: str) -> None:
    decoded = decode(raw)
    assert decoded.encoding == encoding
    assert decoded.text == (TEXT if raw else "")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"PK\x03\x04\x14\x00", "binary file (NUL byte at offset 5)"),
        (  # without a BOM, UTF-16 is not told from binary: its line break has a NUL byte
            TEXT.encode("utf-16-le"),
            f"binary file (NUL byte at offset {2 * TEXT.index(chr(10)) + 1})",
        ),
        (
            b"ok \x80 ok",
            "not UTF-8 (byte 0x80 at offset 3), UTF-16 with a byte-order mark, or GB18030",
        ),
        # GB18030 decodes these bytes, but into control characters: not a text.
        (
            b"\xb0\xa1\x07\x07",
            "not UTF-8 (byte 0xb0 at offset 0), UTF-16 with a byte-order mark, or GB18030",
        ),
        (b"\xff\xfe\x00\xd8", "not valid UTF-16 (byte offset 2)"),
    ],
    ids=["zip", "utf-16-without-bom", "stray-byte", "gb18030-controls", "bad-utf-16"],
)
def test_what_a_corpus_refuses_and_why(raw: bytes, reason: str) -> None:
    with pytest.raises(UnreadableError) as refused:
        decode(raw)
    assert str(refused.value) == reason


def test_utf8_wins_over_gb18030_when_both_decode() -> None:
    # Many UTF-8 texts are valid GB18030 too; UTF-8 is tried first and kept.
    raw = "双区".encode()
    assert raw.decode("gb18030") != "双区"
    assert decode(raw).text == "双区"


def test_every_fixture_report_gives_its_title_and_year() -> None:
    index = json.loads((REPORTS / "index.json").read_text(encoding="utf-8"))
    for document in index["documents"]:
        title, year = heading((REPORTS / document["file"]).read_text(encoding="utf-8"))
        assert title.endswith("报告"), document["file"]
        assert "政府工作报告" in title, document["file"]
        assert year == int(document["date"][:4]), document["file"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("龙岗区2023年政府工作报告（节选）\n来源：…\n", ("龙岗区2023年政府工作报告（节选）", 2023)),
        ("分享:\n陕西省2026年政府工作报告\n", ("陕西省2026年政府工作报告", 2026)),
        (
            "政府工作报告。 记者 摄\n政府工作报告\n（2026年1月27日在贵州省…）\n",
            ("政府工作报告", 2026),
        ),
        ("会议纪要\n\n今天开会。\n", ("会议纪要", None)),  # no title word: the first line
        (
            "关于加强管理的通知\n正文\n正文\n正文\n正文\n2024年1月1日\n",
            ("关于加强管理的通知", None),
        ),
    ],
    ids=["note-in-brackets", "after-navigation", "caption-first", "no-title-word", "date-too-far"],
)
def test_heading(text: str, expected: tuple[str, int | None]) -> None:
    assert heading(text) == expected


def test_a_directory_gives_its_text_files_in_order(tmp_path: Path) -> None:
    for name in ("b.TXT", "a/z.md", "a/y.markdown", "a/.draft.txt", ".git/x.txt", "c.json", "d"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = list(find_documents([tmp_path, tmp_path / "c.json", tmp_path / "nosuch.txt"]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/y.markdown",
        "a/z.md",
        "b.TXT",
        "c.json",  # named on its own: read whatever its suffix
        "nosuch.txt",  # missing: becomes an error row
    ]
