"""``/save FILE``, ``/plain`` and ``chat --plain``, through the chat's pure handlers.

``/save`` writes the last answer as plain text (no colours, no U+2060), whole or not at
all; ``/plain`` leaves U+2060 out of the answers shown.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from glossary import Glossary
from glossary_cli import writes
from glossary_cli.chat import ChatState, respond
from glossary_cli.main import main

PASSAGE = "抢抓“双区”驱动机遇，\n发展“20+8”产业。"
JOINER = "\u2060"


@pytest.fixture(scope="module")
def state() -> ChatState:
    return ChatState(Glossary.default())


def conversation(state: ChatState, *lines: str) -> tuple[ChatState, list[str]]:
    """Answer each line in turn; the last state and each answer's text."""
    said = []
    for line in lines:
        reply = respond(line, state)
        state = reply.state
        said.append(reply.text)
    return state, said


def test_save_writes_the_last_answer_without_marks(state: ChatState, tmp_path: Path) -> None:
    target = tmp_path / "answer.txt"
    _, said = conversation(state, PASSAGE, f"/save {target}")
    assert JOINER in said[0]  # the answer shown keeps its marks (no /plain)
    saved = target.read_text(encoding="utf-8")
    assert saved == said[0].replace(JOINER, "")
    assert "\x1b" not in saved
    assert "2 terms found:" in saved
    assert said[1] == f"Saved the last answer to {target} ({saved.count(chr(10))} lines).\n"


def test_save_keeps_the_last_answer_across_commands(state: ChatState, tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    _, said = conversation(state, "双区驱动", "/region 罗湖", "/lang", f"/save {target}")
    assert target.read_text(encoding="utf-8") == said[0]


def test_save_replaces_a_file_whole_and_keeps_its_mode(state: ChatState, tmp_path: Path) -> None:
    target = tmp_path / "kept.txt"
    target.write_text("old text that is longer than the answer\n" * 100, encoding="utf-8")
    target.chmod(0o640)
    _, said = conversation(state, "20+8", f"/save {target}")
    assert target.read_text(encoding="utf-8") == said[0]
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.txt"]  # no temporary left


def test_a_failed_save_leaves_the_file_as_it_was(
    state: ChatState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kept.txt"
    target.write_text("before\n", encoding="utf-8")

    def full_disk(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writes.os, "replace", full_disk)
    _, said = conversation(state, "20+8", f"/save {target}")
    assert said[1] == (f"Cannot save to {target}: No space left on device; nothing was written.\n")
    assert target.read_text(encoding="utf-8") == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.txt"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("/save x.txt",), "Nothing to save yet"),
        (("20+8", "/save"), "Save to which file?"),
        (("20+8", "/save ."), "Cannot save to .: is a directory; nothing was written."),
        (("20+8", "/save no/such/dir/a.txt"), "Cannot save to no/such/dir/a.txt: No such file"),
    ],
    ids=["nothing-yet", "no-file", "directory", "no-directory"],
)
def test_save_says_why_it_saved_nothing(
    state: ChatState,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lines: tuple[str, ...],
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    _, said = conversation(state, *lines)
    assert said[-1].startswith(expected)
    assert list(tmp_path.iterdir()) == []


def test_plain_leaves_the_marks_out_until_turned_off(state: ChatState) -> None:
    after, said = conversation(state, "/plain", PASSAGE, "/plain off", PASSAGE)
    assert said[0].startswith("Answers now leave out the invisible U+2060 marks")
    assert JOINER not in said[1]
    assert said[1] == said[3].replace(JOINER, "")
    assert JOINER in said[3]
    assert not after.plain


def test_plain_refuses_a_word_it_does_not_know(state: ChatState) -> None:
    after, said = conversation(state, "/plain maybe")
    assert said == ["/plain takes on or off, not “maybe”.\n"]
    assert not after.plain


@pytest.mark.parametrize("option", [[], ["--plain"]], ids=["marks", "plain"])
def test_the_plain_option_starts_the_chat_without_marks(option: list[str]) -> None:
    out = io.StringIO()
    one_line = io.StringIO(PASSAGE.replace("\n", ""))  # piped, each line is one query
    code = main(["chat", *option], stdin=one_line, stdout=out, stderr=io.StringIO())
    assert code == 0
    assert "（粤港澳大湾区" in out.getvalue()
    assert (JOINER in out.getvalue()) is not bool(option)
