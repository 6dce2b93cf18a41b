"""``--max-input SIZE``: the input limit as an option, over ``$GLOSSARY_MAX_INPUT`` (issue 21).

Every command takes it, before or after the command's name, in the syntax of the
variable (bytes, or a number with K, M or G).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from glossary_cli.exit_codes import Exit
from glossary_cli.inputs import OPTION_LIMIT, input_limit
from glossary_cli.main import main

DRAFT = ("落实“六稳六保”。\n" * 200).encode()  # 5,600 bytes


def run(*argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    text = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    code = main(list(argv), stdin=text, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.md"
    path.write_bytes(DRAFT)
    return path


@pytest.mark.parametrize("command", ["explain", "check", "annotate", "extract"])
@pytest.mark.parametrize("before", [False, True], ids=["after-the-command", "before-it"])
def test_a_file_past_the_option_is_refused(draft: Path, command: str, before: bool) -> None:
    option = ["--max-input", "4K"]
    argv = [*option, command, str(draft)] if before else [command, str(draft), *option]
    code, out, err = run(*argv)
    assert (code, out) == (Exit.INPUT, "")
    assert err == (
        f"glossary: {draft}: is larger than 4 KiB, the input limit; "
        "raise it with --max-input 1G (or GLOSSARY_MAX_INPUT)\n"
    )
    assert draft.read_bytes() == DRAFT


def test_the_option_raises_the_variables_limit(
    draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_MAX_INPUT", "1K")
    assert run("check", str(draft))[0] == Exit.INPUT
    code, out, err = run("check", str(draft), "--max-input", "6k")
    assert (code, err) == (Exit.FINDINGS, "")
    assert out.startswith(f"{draft}:1:3: “六稳六保” — ")


def test_the_option_wins_over_a_bad_variable(draft: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSARY_MAX_INPUT", "lots")
    for command in ("check", "annotate", "explain"):  # the hooks read drafts their own way
        assert run(command, str(draft))[:2] == (Exit.USAGE, "")
    assert run("check", str(draft), "--max-input", "1M")[0] == Exit.FINDINGS


def test_the_option_limits_each_line_of_the_piped_chat() -> None:
    code, out, err = run("chat", "--max-input", "64", stdin=b"20+8\n" + "双".encode() * 30 + b"\n")
    assert code == Exit.INPUT
    assert out.startswith("20+8  ")
    assert err.startswith("glossary: standard input, line 2: is larger than 64 bytes, the input")


@pytest.mark.parametrize("value", ["lots", "0", "1T", "-5", ""])
def test_a_bad_size_is_a_usage_error(value: str) -> None:
    code, out, err = run("explain", "-", f"--max-input={value}", stdin=b"x")
    assert (code, out) == (Exit.USAGE, "")
    assert err == (
        f"glossary explain: argument --max-input: {value!r} is not a size; give bytes, or a "
        "number with K, M or G (512M) (see glossary explain --help)\n"
    )


def test_the_option_holds_for_its_run_alone(draft: Path) -> None:
    assert run("check", str(draft), "--max-input", "1K")[0] == Exit.INPUT
    assert OPTION_LIMIT.get() is None
    assert input_limit({}) == 256 * 2**20
    assert run("check", str(draft))[0] == Exit.FINDINGS
