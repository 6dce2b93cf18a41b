"""Golden renderings of the seed documents in every style, reviewed by hand.

A change to the glossary, the engine or a renderer shows up here as a diff to read.
Regenerate with ``pytest tests/test_golden_render.py --regen-golden``, then read the
diff of tests/golden before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary import STYLES, Explanation, Style, explain
from glossary._render.render import strip

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
GOLDEN = Path(__file__).parent / "golden"
CASES = [(path.stem, style) for path in sorted(SEEDS.glob("*.txt")) for style in STYLES]
IDS = [f"{seed}.{style}" for seed, style in CASES]


@pytest.fixture(scope="module")
def explained(seed_texts: dict[str, str]) -> dict[str, Explanation]:
    """Each seed document explained once, with the bundled glossary."""
    return {seed: explain(text) for seed, text in seed_texts.items()}


@pytest.mark.parametrize(("seed", "style"), CASES, ids=IDS)
def test_rendering_matches_golden(
    seed: str, style: Style, explained: dict[str, Explanation], request: pytest.FixtureRequest
) -> None:
    rendered = explained[seed].render(style)
    path = GOLDEN / f"{seed}.{style}.txt"
    if request.config.getoption("--regen-golden"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(rendered.encode("utf-8"))  # bytes: no newline translation
    assert path.exists(), f"no {path.name}: run pytest {Path(__file__).name} --regen-golden"
    assert path.read_bytes().decode("utf-8") == rendered


@pytest.mark.parametrize(("seed", "style"), CASES, ids=IDS)
def test_golden_strips_back_to_the_seed(
    seed: str, style: Style, seed_texts: dict[str, str]
) -> None:
    golden = (GOLDEN / f"{seed}.{style}.txt").read_bytes().decode("utf-8")
    assert strip(golden, style) == seed_texts[seed]
