"""End to end: the two hooks run by the real ``pre-commit`` tool, as a team would use them.

pre-commit installs the hooks from this project's HEAD commit into a virtualenv of its
own, with the dependencies from PyPI, which takes about half a minute. ``try-repo``
always builds into a throwaway store, so it runs once; the other runs use a config
pinned to the same commit and a store shared by the session (``PRE_COMMIT_HOME``),
which builds the environment once more and then reuses it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from glossary._hook.sections import BEGIN, markers

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
SEED = ROOT / "tests" / "fixtures" / "seeds" / "longgang-2023-work-report.txt"
DOC = ROOT / "docs" / "pre-commit.md"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of every pre-commit run: a shared store, no caller's git state."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    clean["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    clean["GLOSSARY_CACHE_DIR"] = str(tmp_path_factory.mktemp("glossary-cache"))
    return clean


@pytest.fixture(scope="session")
def head() -> str:
    """The commit pre-commit installs the hooks from."""
    return git(ROOT, "rev-parse", "HEAD").strip()


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [str(PRE_COMMIT), *args, "--color", "never"]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def documented_config(head: str) -> str:
    """The .pre-commit-config.yaml docs/pre-commit.md tells a team to paste, filled in."""
    block = re.search(r"```yaml\n(repos:\n.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert block, "docs/pre-commit.md lost its configuration to paste"
    filled = block[1].replace("<URL of the glossary repository>", str(ROOT))
    return filled.replace("<tag or commit>", head)


def team_repo(path: Path, head: str, files: dict[str, bytes]) -> Path:
    """A git repository holding the files and the documented config at ``head``."""
    git(path.parent, "init", "-q", str(path))
    for name, data in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_bytes(data)
    (path / ".pre-commit-config.yaml").write_text(documented_config(head), encoding="utf-8")
    git(path, "add", "-A")
    return path


def test_the_documented_config_names_the_published_hooks() -> None:
    published = re.findall(r"^- id: (\S+)$", (ROOT / ".pre-commit-hooks.yaml").read_text(), re.M)
    config = documented_config("HEAD")
    pasted = re.findall(r"^  - id: (\S+)$", config, re.M)
    assert pasted == ["glossary-annotate", "glossary-check"]
    assert config.count("    files: ^drafts/\n") == len(pasted)
    # The other hooks are shown as they would be pasted in place of one of those.
    shown = re.findall(r"^  - id: (\S+)\n    files: \^drafts/$", DOC.read_text(), re.M)
    assert set(shown) == set(published)


def seed_paragraph() -> str:
    """A paragraph of Longgang's 2023 report that uses jargon the glossary explains."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("一年来")
    return text[start : text.index("\n", start)]


def test_annotate_fails_first_then_passes_and_check_agrees(
    tmp_path: Path, env: dict[str, str], head: str
) -> None:
    paragraph = seed_paragraph()
    markdown = f"# 工作回顾\n\n{paragraph}\n".encode()
    text = "\ufeff{}\r\n".format(paragraph.replace("。", "。\r\n", 1)).encode()
    drafts = {"drafts/report.md": markdown, "drafts/report.txt": text}
    repo = team_repo(tmp_path / "team", head, drafts)

    first = pre_commit(
        repo, env, "try-repo", str(ROOT), "glossary-annotate", "--all-files", "--ref", head
    )
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    for name, original in drafts.items():
        written = (repo / name).read_bytes()
        assert written.startswith(original)  # BOM, CRLF and everything else kept
        begin, end = markers(markdown=name.endswith(".md"))  # plain rules in a .txt
        assert begin.encode() in written
        assert written.endswith((end + ("\r\n" if name.endswith("txt") else "\n")).encode())
    section = (repo / "drafts/report.md").read_text(encoding="utf-8").split(BEGIN)[1]
    assert "“一芯两核多支点”" in section

    git(repo, "add", "-A")
    annotated = {name: (repo / name).read_bytes() for name in drafts}
    second = pre_commit(repo, env, "run", "glossary-annotate", "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
    assert {name: (repo / name).read_bytes() for name in annotated} == annotated

    check = pre_commit(repo, env, "run", "glossary-check", "--all-files")
    assert check.returncode == 0, check.stdout + check.stderr


def test_check_fails_on_unexplained_jargon_in_drafts_only(
    tmp_path: Path, env: dict[str, str], head: str
) -> None:
    draft = "坚持“1+6+N”工作体系，落实“六稳六保”。\n".encode()
    files = {"drafts/draft.md": draft, "README.md": draft, "CHANGELOG.md": draft}
    repo = team_repo(tmp_path / "team", head, files)
    result = pre_commit(repo, env, "run", "glossary-check", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "drafts/draft.md:1:3: “1+6+N” — unknown jargon" in result.stdout
    assert "drafts/draft.md:1:17: “六稳六保” — 六稳：稳就业" in result.stdout
    assert "README" not in result.stdout
    assert "CHANGELOG" not in result.stdout
    annotate = pre_commit(repo, env, "run", "glossary-annotate", "--all-files")
    assert annotate.returncode == 1, annotate.stdout + annotate.stderr
    assert (repo / "README.md").read_bytes() == draft
    assert (repo / "CHANGELOG.md").read_bytes() == draft
    assert BEGIN.encode() in (repo / "drafts/draft.md").read_bytes()


def test_the_unknown_only_hook_fails_on_unknown_jargon_alone(
    tmp_path: Path, env: dict[str, str], head: str
) -> None:
    files = {
        "drafts/unknown.md": "坚持“1+6+N”工作体系，落实“六稳六保”。\n".encode(),
        "drafts/known.md": "落实“六稳六保”，发展“20+8”产业。\n".encode(),
    }
    repo = team_repo(tmp_path / "team", head, files)
    config = repo / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("id: glossary-check\n", "id: glossary-check-unknown\n"))
    git(repo, "add", "-A")
    result = pre_commit(repo, env, "run", "glossary-check-unknown", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "drafts/unknown.md:1:3: “1+6+N” — unknown jargon" in result.stdout
    assert "六稳六保" not in result.stdout
    assert "known.md" not in result.stdout.replace("unknown.md", "")
    git(repo, "rm", "-q", "--cached", "drafts/unknown.md")
    (repo / "drafts/unknown.md").unlink()
    passed = pre_commit(repo, env, "run", "glossary-check-unknown", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
