"""A YAML syntax error is reported at the line the user must edit, not where YAML noticed.

YAML often notices a slip on the line after it (an unclosed quote at the end of the
file, a missing space after a dash on the next key). Each case breaks one line of a
valid glossary file, written as the canonical dumper writes it, and the problem must
name that very line, with a hint that says what to do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from entry_data import write
from glossary import DataError
from glossary._load.loader import load_layers
from glossary._load.yamlfile import read_yaml

VALID = """\
entries:
- id: shuang-qu
  term: 双区驱动
  kind: slogan
  senses:
  - expansion: 粤港澳大湾区和先行示范区
    definition: 粤港澳大湾区和中国特色社会主义先行示范区建设。
    origin: editorial
  related: [liu-wen]
- id: liu-wen
  term: 六稳六保
  kind: slogan
  senses:
  - expansion: 稳就业、稳金融
    definition: "六稳、六保。"
    origin: editorial
"""


def _broken(number: int, replacement: str) -> str:
    lines = VALID.splitlines()
    assert lines[number - 1].strip(), "a case must break a line that holds something"
    lines[number - 1] = replacement
    return "\n".join(lines) + "\n"


# (the 1-based line broken, its replacement, a fragment of the hint)
CASES = [
    pytest.param(3, "  term:双区驱动", "space after its colon", id="no-space-after-colon"),
    pytest.param(16, "    origin:editorial", "space after its colon", id="no-space-last-line"),
    pytest.param(16, '    origin: "editorial', "never closed", id="unclosed-double-quote"),
    pytest.param(6, "  - expansion: '粤港澳大湾区", "never closed", id="unclosed-single-quote"),
    pytest.param(
        14, '  - expansion: "稳就业、稳金融', "closed only on line 15", id="quote-closed-late"
    ),
    pytest.param(9, "  related: [liu-wen", "never closed", id="unclosed-bracket"),
    pytest.param(13, "  senses: [", "never closed", id="unclosed-bracket-empty"),
    pytest.param(10, "-id: liu-wen", "space after its dash", id="no-space-after-dash"),
    pytest.param(
        6,
        "  -expansion: 粤港澳大湾区和先行示范区",
        "space after its dash",
        id="no-space-dash-inner",
    ),
    pytest.param(4, "kind: slogan", "indented unlike", id="key-too-shallow"),
    pytest.param(4, "   kind: slogan", "deeper than", id="key-too-deep"),
    pytest.param(7, "     definition: 粤港澳大湾区。", "deeper than", id="sense-key-too-deep"),
    pytest.param(
        6, "   - expansion: 粤港澳大湾区和先行示范区", "indented unlike", id="item-too-deep"
    ),
    pytest.param(11, "   term: 六稳六保", "deeper than", id="second-entry-key-too-deep"),
    pytest.param(4, "  kind: slogan: x", "quote a value that holds ': '", id="colon-in-value"),
    pytest.param(4, "\tkind: slogan", "tabs", id="tab"),
]


@pytest.mark.parametrize(("number", "replacement", "hint"), CASES)
def test_a_syntax_error_names_the_line_to_edit(
    tmp_path: Path, number: int, replacement: str, hint: str
) -> None:
    path = write(tmp_path, "team.yaml", _broken(number, replacement))
    with pytest.raises(DataError) as raised:
        load_layers([[path]])
    (problem,) = raised.value.problems
    assert problem.line == number, problem
    assert problem.message.startswith("malformed YAML: ")
    assert hint in problem.message
    assert "\n" not in problem.message


def test_the_valid_file_reads(tmp_path: Path) -> None:
    data = read_yaml(write(tmp_path, "team.yaml", VALID))
    assert isinstance(data, dict)
    assert [entry["id"] for entry in data["entries"]] == ["shuang-qu", "liu-wen"]


def test_read_yaml_names_the_same_line(tmp_path: Path) -> None:
    # Settings files are read by read_yaml, which reports through the same function.
    path = write(tmp_path, "settings.yaml", "glossary: [team.yaml\nfootnotes: true\n")
    with pytest.raises(DataError) as raised:
        read_yaml(path)
    (problem,) = raised.value.problems
    assert problem.line == 1
    assert "[ opened on this line is never closed" in problem.message
