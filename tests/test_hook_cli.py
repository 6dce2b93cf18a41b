"""``glossary annotate`` and ``glossary check`` run in-process: exit codes, output, files.

Each test works in its own git repository (``repo``), as the hooks do under pre-commit,
so that settings are looked up from there and never from this project's pyproject.
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest

from entries import team_yaml
from glossary._hook.sections import BEGIN, END
from glossary_cli.drafts import write_draft
from glossary_cli.exit_codes import Exit
from glossary_cli.main import main

TEAM_TERMS = team_yaml()
JARGON = "落实“六稳六保”，坚持“1+6+N”工作体系。\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository as the current directory."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> bytes:
    data = text.encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


# ---------------------------------------------------------------------------------------
# Exit codes and output


def test_annotate_exits_1_when_it_changed_a_file_then_0(repo: Path) -> None:
    original = write(repo / "draft.md", JARGON)
    assert run("annotate", "draft.md") == (Exit.FINDINGS, "glossary: annotated draft.md\n", "")
    annotated = (repo / "draft.md").read_bytes()
    assert annotated.startswith(original)
    assert BEGIN.encode() in annotated
    assert run("annotate", "draft.md") == (Exit.OK, "", "")
    assert (repo / "draft.md").read_bytes() == annotated


def test_annotate_leaves_a_draft_without_jargon_alone(repo: Path) -> None:
    original = write(repo / "plain.txt", "今天天气很好。\n")
    assert run("annotate", "plain.txt") == (Exit.OK, "", "")
    assert (repo / "plain.txt").read_bytes() == original


def test_check_prints_path_line_col_term_and_expansion(repo: Path) -> None:
    write(repo / "notes" / "draft.txt", "引言。\n" + JARGON)
    code, out, err = run("check", "notes/draft.txt")
    assert (code, err) == (Exit.FINDINGS, "")
    lines = out.splitlines()
    assert lines[0].startswith("notes/draft.txt:2:3: “六稳六保” — 六稳：稳就业")
    assert lines[1] == "notes/draft.txt:2:12: “1+6+N” — unknown jargon"
    assert len(lines) == 2


def test_check_passes_once_annotated_and_without_unknown_jargon(repo: Path) -> None:
    write(repo / "draft.md", "落实“六稳六保”。\n")
    assert run("check", "draft.md")[0] == Exit.FINDINGS
    run("annotate", "draft.md")
    assert run("check", "draft.md") == (Exit.OK, "", "")


def test_check_skips_code_in_markdown_but_not_in_text(repo: Path) -> None:
    draft = "示例：\n```\n落实“六稳六保”\n```\n"
    write(repo / "code.md", draft)
    write(repo / "code.txt", draft)
    code, out, _ = run("check", "code.md", "code.txt")
    assert code == Exit.FINDINGS
    assert [line.split(":")[0] for line in out.splitlines()] == ["code.txt"]


def test_footnotes_option_marks_markdown_but_not_text(repo: Path) -> None:
    write(repo / "a.md", JARGON)
    write(repo / "a.txt", JARGON)
    run("annotate", "--footnotes", "a.md", "a.txt")
    assert "“六稳六保”[^gloss-1]" in (repo / "a.md").read_text()
    assert "[^" not in (repo / "a.txt").read_text()


def test_other_suffixes_are_plain_text(repo: Path) -> None:
    write(repo / "draft.rst", "落实“六稳六保”。\n")
    assert run("annotate", "draft.rst")[0] == Exit.FINDINGS
    section = (repo / "draft.rst").read_text()
    assert "\n名词解释\n" in section
    assert "**" not in section


# ---------------------------------------------------------------------------------------
# Bad input: a clear message, the draft untouched, the other files still done


# The same wording as every command's (glossary_cli.inputs): the path, what is wrong, the fix.
@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            "落实“六稳六保”的要求。\n".encode("gb18030"),
            "bad.md: is not UTF-8; it looks like GB18030: convert it to UTF-8",
            id="gb18030",
        ),
        pytest.param(
            "落实“六稳六保”。\n".encode("utf-16"),
            "bad.md: is not UTF-8; it looks like UTF-16: convert it to UTF-8",
            id="utf-16",
        ),
        pytest.param(
            "落实“六稳六保”。\n".encode("utf-32"),
            "bad.md: is not UTF-8; it looks like UTF-32: convert it to UTF-8",
            id="utf-32",
        ),
        pytest.param(
            "落实“六稳六保”。".encode() + b"\xff\n",
            "bad.md: is not UTF-8 (byte 0xff at offset 27), nor GB18030, Big5 or UTF-16:"
            " convert it to UTF-8",
            id="stray-byte",
        ),
        pytest.param(
            b"PK\x03\x04\x14\x00\x00\x00",
            "bad.md: is binary, not text (a NUL byte at offset 5)",
            id="binary",
        ),
    ],
)
def test_undecodable_draft_is_refused_and_untouched(repo: Path, data: bytes, message: str) -> None:
    (repo / "bad.md").write_bytes(data)
    write(repo / "good.md", JARGON)
    for command in ("annotate", "check"):
        code, _, err = run(command, "bad.md", "good.md")
        assert code == Exit.INPUT
        assert err.splitlines()[0] == f"glossary: {message}"
    assert (repo / "bad.md").read_bytes() == data
    assert BEGIN in (repo / "good.md").read_text()


def test_missing_file_and_directory_are_input_errors(repo: Path) -> None:
    (repo / "folder.md").mkdir()
    code, _, err = run("check", "missing.md", "folder.md")
    assert code == Exit.INPUT
    assert err.splitlines() == [
        "glossary: missing.md: no such file; check the path",
        "glossary: folder.md: no text files in it (.txt, .md, .markdown, .text)",
    ]


# ---------------------------------------------------------------------------------------
# Atomic writes


@pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"], ids=str)
def test_a_failed_write_leaves_the_draft_untouched(
    repo: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    original = write(repo / "draft.md", JARGON)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    code, out, err = run("annotate", "draft.md")
    monkeypatch.undo()
    assert (code, out) == (Exit.INPUT, "")
    assert err == (
        "glossary: draft.md: cannot write: No space left on device; the draft is unchanged\n"
    )
    assert (repo / "draft.md").read_bytes() == original
    assert sorted(p.name for p in repo.iterdir()) == [".git", "draft.md"]


def test_an_interrupted_write_leaves_the_draft_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.md"
    original = write(path, JARGON)

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_draft(path, b"new")
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["draft.md"]


def test_write_keeps_permissions_and_writes_through_symlinks(repo: Path) -> None:
    target = repo / "real.md"
    write(target, JARGON)
    target.chmod(0o640)
    (repo / "link.md").symlink_to("real.md")
    assert run("annotate", "link.md")[0] == Exit.FINDINGS
    assert (repo / "link.md").is_symlink()
    assert BEGIN in target.read_text()
    assert target.stat().st_mode & 0o777 == 0o640


# ---------------------------------------------------------------------------------------
# Settings


def test_pyproject_settings_add_team_terms_ignore_and_footnotes(repo: Path) -> None:
    write(repo / "team-terms" / "terms.yaml", TEAM_TERMS)
    write(
        repo / "pyproject.toml",
        '[tool.glossary]\nglossary = ["team-terms/"]\nignore = ["六稳六保"]\nfootnotes = true\n',
    )
    write(repo / "docs" / "draft.md", JARGON)
    code, out, _ = run("check", "docs/draft.md")
    assert (code, out) == (
        Exit.FINDINGS,
        "docs/draft.md:1:12: “1+6+N” — 1个指挥中心 + 6个工作专班 + N个成员单位"
        " (sense of 深圳市龙岗区)\n",
    )
    run("annotate", "docs/draft.md")
    text = (repo / "docs" / "draft.md").read_text()
    assert "“1+6+N”[^gloss-1]" in text
    assert "六稳六保”[^" not in text
    assert run("check", "docs/draft.md") == (Exit.OK, "", "")


def test_settings_are_found_from_a_subdirectory(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo / "pyproject.toml", '[tool.glossary]\nignore = ["六稳六保", "1+6+N"]\n')
    write(repo / "sub" / "draft.md", JARGON)
    monkeypatch.chdir(repo / "sub")
    assert run("check", "draft.md") == (Exit.OK, "", "")


def test_glossary_yaml_settings(repo: Path) -> None:
    write(repo / "team.yaml", TEAM_TERMS)
    write(repo / ".glossary.yaml", "glossary: team.yaml\nbundled: false\n")
    write(repo / "draft.txt", JARGON)
    code, out, _ = run("check", "draft.txt")
    assert code == Exit.FINDINGS
    assert out.splitlines() == [  # without the bundled glossary, 六稳六保 is unknown
        "draft.txt:1:3: “六稳六保” — unknown jargon",
        "draft.txt:1:12: “1+6+N” — 1个指挥中心 + 6个工作专班 + N个成员单位 (sense of 深圳市龙岗区)",
    ]


def test_settings_above_the_git_root_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.glossary]\nignore = ["六稳六保", "1+6+N"]\n')
    inner = tmp_path / "inner"
    subprocess.run(["git", "init", "-q", str(inner)], check=True)
    write(inner / "draft.md", JARGON)
    monkeypatch.chdir(inner)
    assert run("check", "draft.md")[0] == Exit.FINDINGS


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("[tool.glossary]\nfootnote = true\n", "'footnote' is not a setting"),
        ("[tool.glossary]\nfootnotes = 'yes'\n", "'footnotes' must be true or false"),
        ("[tool.glossary]\nignore = [1]\n", "'ignore' must be a list of strings"),
        ("[tool.glossary\n", "cannot read the settings"),
        ("[tool.glossary]\nlang = 'fr'\n", "'lang' must be one of zh, en, both (got 'fr')"),
    ],
    ids=["unknown-key", "not-bool", "not-strings", "bad-toml", "bad-lang"],
)
def test_bad_settings_are_data_errors_naming_the_file(
    repo: Path, settings: str, message: str
) -> None:
    write(repo / "pyproject.toml", settings)
    original = write(repo / "draft.md", JARGON)
    code, out, err = run("annotate", "draft.md")
    assert (code, out) == (Exit.DATA, "")
    assert err.startswith("pyproject.toml") or "pyproject.toml" in err.splitlines()[0]
    assert message in err
    assert (repo / "draft.md").read_bytes() == original


def test_annotate_writes_the_notes_in_the_language_asked(repo: Path) -> None:
    write(repo / "draft.md", "落实“六稳六保”。\n")
    assert run("annotate", "--lang", "en", "draft.md")[0] == Exit.FINDINGS
    annotated = (repo / "draft.md").read_text(encoding="utf-8")
    assert "\n## Terms explained\n" in annotated
    assert "1. **“六稳六保”**：the 'six stabilities' and 'six guarantees'" in annotated
    assert run("check", "draft.md") == (Exit.OK, "", "")  # an English section explains too
    assert run("annotate", "--lang", "en", "draft.md") == (Exit.OK, "", "")


def test_the_lang_setting_chooses_the_language_and_the_option_overrides_it(repo: Path) -> None:
    write(repo / "pyproject.toml", '[tool.glossary]\nlang = "both"\n')
    write(repo / "draft.txt", "落实“六稳六保”。\n")
    run("annotate", "draft.txt")
    both = (repo / "draft.txt").read_text(encoding="utf-8")
    assert "\n名词解释 / Terms explained\n" in both
    assert "\n   English: " in both
    run("annotate", "--lang", "zh", "draft.txt")
    assert "\n名词解释\n" in (repo / "draft.txt").read_text(encoding="utf-8")


def test_glossary_option_adds_a_team_file(repo: Path) -> None:
    write(repo / "team.yaml", TEAM_TERMS)
    write(repo / "draft.md", "坚持“1+6+N”工作体系。\n")
    assert run("check", "draft.md")[1] == "draft.md:1:3: “1+6+N” — unknown jargon\n"
    code, out, _ = run("check", "--glossary", "team.yaml", "draft.md")
    assert code == Exit.FINDINGS
    assert out == (
        "draft.md:1:3: “1+6+N” — 1个指挥中心 + 6个工作专班 + N个成员单位 (sense of 深圳市龙岗区)\n"
    )
    assert run("annotate", "--glossary", "team.yaml", "--no-bundled", "draft.md")[0] == 1
    assert "六稳六保" not in (repo / "draft.md").read_text()
    assert (repo / "draft.md").read_text().endswith(END + "\n")


def test_malformed_glossary_yaml_is_a_data_error_at_its_line(repo: Path) -> None:
    write(repo / ".glossary.yaml", "ignore:\n- 六稳六保\nfootnotes: [\n")
    original = write(repo / "draft.md", JARGON)
    code, _, err = run("annotate", "draft.md")
    assert code == Exit.DATA
    assert err.startswith(".glossary.yaml:")
    assert "malformed YAML" in err
    assert (repo / "draft.md").read_bytes() == original


def test_a_missing_team_glossary_is_named_relative_to_the_settings(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo / "pyproject.toml", '[tool.glossary]\nglossary = ["team-terms/"]\n')
    write(repo / "docs" / "draft.md", JARGON)
    monkeypatch.chdir(repo / "docs")
    assert run("check", "draft.md") == (
        Exit.INPUT,
        "",
        f"glossary: ..{os.sep}team-terms: no such file; check the path\n",
    )
