"""The built wheel, installed in a fresh virtual environment, carries its own glossary."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import glossary, glossary._load.paths as p
terms = p.bundled_terms_dir()
print(terms.is_relative_to(glossary.__file__.rsplit("/", 2)[0]))
print(len(glossary.Glossary.default()) == {count})
print(glossary.explain("抢抓“雙區”驅動")[0].entry.id)
import sys
print("yaml" in sys.modules or "pydantic" in sys.modules)  # the shipped compiled glossary
from importlib.resources import files
print(files("glossary").joinpath("_load/glossary.schema.json").is_file())  # for editors
"""


@pytest.mark.slow
def test_installed_wheel_finds_the_bundled_glossary(tmp_path: Path) -> None:
    from glossary import Glossary

    dist, env = tmp_path / "dist", tmp_path / "env"
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(dist), str(ROOT)], check=True)
    (wheel,) = dist.glob("glossary-*.whl")
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    install = [str(python), "-m", "pip", "-q", "--disable-pip-version-check", "install"]
    subprocess.run([*install, str(wheel)], check=True)

    def outside(*command: str) -> str:  # run away from the checkout, so nothing leaks in
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=True)
        return done.stdout

    probe = PROBE.format(count=len(Glossary.default()))
    lines = outside(str(python), "-c", probe).split()
    assert lines == ["True", "True", "shuang-qu-qu-dong", "False", "True"]
    assert outside(str(env / "bin" / "glossary"), "lookup", "20+8").startswith("20+8")
