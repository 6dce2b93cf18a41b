"""Where the cache and the chat history live: overrides, XDG, then platformdirs.

platformdirs sits behind ``glossary._load.userdirs`` and is imported only when no
variable says where: a warm start of the bundled glossary never imports it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from glossary._load.cache import cache_dir
from glossary._load.userdirs import user_dir
from glossary_cli.repl import history_path


@pytest.fixture
def no_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any import of platformdirs fail: the code under test must not need it."""
    monkeypatch.setitem(sys.modules, "platformdirs", None)


@pytest.fixture
def fake_platform(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, object]]:
    """A platformdirs that answers as on macOS, recording what it is asked."""
    asked: list[tuple[str, str, object]] = []
    fake = types.ModuleType("platformdirs")

    def cache(app: str, appauthor: object = None) -> str:
        asked.append(("cache", app, appauthor))
        return f"/Users/u/Library/Caches/{app}"

    def data(app: str, appauthor: object = None) -> str:
        asked.append(("data", app, appauthor))
        return f"/Users/u/Library/Application Support/{app}"

    fake.user_cache_dir = cache  # type: ignore[attr-defined]
    fake.user_data_dir = data  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "platformdirs", fake)
    for name in ("GLOSSARY_CACHE_DIR", "GLOSSARY_HISTORY", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    return asked


def test_overrides_need_no_platformdirs(
    monkeypatch: pytest.MonkeyPatch, no_platformdirs: None
) -> None:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", "/c")
    assert cache_dir() == Path("/c")
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", "/x")
    assert cache_dir() == Path("/x/glossary")
    assert history_path({"GLOSSARY_HISTORY": "/h"}) == Path("/h")
    assert history_path({"XDG_DATA_HOME": "/d"}) == Path("/d/glossary/history")


def test_without_an_override_the_platform_decides(fake_platform: list[object]) -> None:
    assert cache_dir() == Path("/Users/u/Library/Caches/glossary")
    expected = Path("/Users/u/Library/Application Support/glossary/history")
    assert history_path({}) == expected
    assert history_path({"XDG_DATA_HOME": "relative"}) == expected  # relative: ignored
    # appauthor=False: no vendor folder on Windows (not %LOCALAPPDATA%\glossary\glossary).
    assert fake_platform == [
        ("cache", "glossary", False),
        ("data", "glossary", False),
        ("data", "glossary", False),
    ]


def test_linux_keeps_its_xdg_places(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.fail("this project is developed and tested on Linux")
    for name in ("GLOSSARY_CACHE_DIR", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_dir() == tmp_path / ".cache" / "glossary"
    assert user_dir("data") == tmp_path / ".local" / "share" / "glossary"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache_dir() == tmp_path / ".cache" / "glossary"


def test_no_home_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("platformdirs")

    def nowhere(app: str, appauthor: object = None) -> str:
        raise RuntimeError("Could not determine home directory.")

    fake.user_cache_dir = fake.user_data_dir = nowhere  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "platformdirs", fake)
    for name in ("GLOSSARY_CACHE_DIR", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    assert cache_dir() is None
    assert history_path({}) == Path(os.devnull)  # the history lasts the session


@pytest.mark.slow
def test_a_warm_start_of_the_bundled_glossary_never_imports_platformdirs(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        from glossary import Glossary
        Glossary.default().explain("推进“两重”建设")
        print("platformdirs" in sys.modules)
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GLOSSARY_", "XDG_"))}
    env["HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
    assert list(tmp_path.iterdir()) == []  # and nothing was written to the home directory


@pytest.mark.slow
def test_a_team_glossary_is_cached_in_the_platforms_place(tmp_path: Path) -> None:
    from entry_data import entry, write

    team = write(tmp_path / "team", "team.yaml", [entry("team-term", "团队术语")])
    script = f"from glossary import Glossary; Glossary.from_paths({str(team)!r})"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GLOSSARY_", "XDG_"))}
    env["HOME"] = str(tmp_path / "home")
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    (cached,) = (tmp_path / "home" / ".cache" / "glossary").iterdir()
    assert cached.suffix == ".json"
