"""Shared fixtures: the seed documents, read from tests/fixtures/seeds (never from outside)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"


def read_seeds() -> dict[str, str]:
    """The five seed documents by file stem, as published (see seeds/SOURCES.md)."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The five seed documents by file stem."""
    return read_seeds()


def pytest_configure(config: pytest.Config) -> None:
    """Keep the compiled cache of every test, and of every subprocess, in a temporary directory.

    Tests must never write into the user's own cache; a test that needs a cache of its
    own still sets ``GLOSSARY_CACHE_DIR`` itself.
    """
    os.environ["GLOSSARY_CACHE_DIR"] = tempfile.mkdtemp(prefix="glossary-test-cache-")


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--regen-golden``: rewrite tests/golden; ``--regen-screenshots``: docs/images."""
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite the golden renderings in tests/golden instead of comparing with them",
    )
    parser.addoption(
        "--regen-screenshots",
        action="store_true",
        default=False,
        help="also save the reader page's screenshots to docs/images (needs a CJK font)",
    )
