"""The compiled cache: hits skip validation, any change misses, and a broken cache never fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entry_data import entry, official
from glossary import DataError, Entry, Scope, Sense, Source
from glossary._load import loader as _loader
from glossary._load.cache import KEEP, cache_dir, load_cached
from glossary._load.cache_format import decode, encode
from glossary._load.canonical import dump_document
from glossary._load.loader import load_layers


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache directory for the test."""
    directory = tmp_path / "cache"
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the validations the cache asks the loader for (one element per call)."""
    calls: list[int] = []
    real = _loader.load_sources

    def counting(layers: Sequence[Sequence[tuple[Path, bytes]]]) -> tuple[Entry, ...]:
        calls.append(len(layers))
        return real(layers)

    monkeypatch.setattr(_loader, "load_sources", counting)
    return calls


def glossary(directory: Path) -> tuple[Path, Path]:
    """Two valid files: a 'bundled' one and a user's one that overrides an entry."""
    for part in ("bundled", "user"):
        (directory / part).mkdir(parents=True, exist_ok=True)
    bundled = directory / "bundled" / "bundled.yaml"
    bundled.write_text(dump_document([entry(), entry("liu-wen", "六稳六保")]), encoding="utf-8")
    user = directory / "user" / "user.yaml"
    mine = official(definition="团队自己的定义。")
    user.write_text(dump_document([entry(senses=[mine], related=["liu-wen"])]), encoding="utf-8")
    return bundled, user


def same(a: Sequence[Entry], b: Sequence[Entry]) -> bool:
    """Equal entries, origin files included (Entry equality ignores them on purpose)."""
    return list(a) == list(b) and [e.origin_file for e in a] == [e.origin_file for e in b]


def cache_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


def test_a_miss_validates_and_writes_then_a_hit_does_not_validate(
    tmp_path: Path, cache: Path, validations: list[int]
) -> None:
    bundled, user = glossary(tmp_path / "g")
    expected = load_layers([[bundled], [user]])
    first = load_cached([[bundled], [user]])
    assert validations == [2]
    assert len(cache_files(cache)) == 1
    second = load_cached([[bundled], [user]])
    assert validations == [2]  # no second validation
    assert same(first, expected)
    assert same(second, expected)
    overridden = {e.id: e for e in second}["shuang-qu"]
    assert overridden.senses[0].definition == "团队自己的定义。"


def test_a_hit_accepts_directories_like_load_layers(
    tmp_path: Path, cache: Path, validations: list[int]
) -> None:
    bundled, _ = glossary(tmp_path / "g")
    load_cached([[bundled.parent]])
    assert same(load_cached([[bundled.parent]]), load_layers([[bundled.parent]]))
    assert validations == [1]


def _edit_bundled(bundled: Path, user: Path) -> None:
    bundled.write_text(
        dump_document([entry(), entry("liu-wen", "六稳六保", kind="other")]), encoding="utf-8"
    )


def _edit_user(bundled: Path, user: Path) -> None:
    # Same length in bytes: only the content itself can tell the two apart.
    text = user.read_text(encoding="utf-8")
    user.write_text(text.replace("团队自己", "团队他人"), encoding="utf-8")


def _touch_only(bundled: Path, user: Path) -> None:
    os.utime(user, (1, 1))  # same bytes: the key must not change, hence no miss


def _add_file(bundled: Path, user: Path) -> None:
    extra = user.parent / "extra.yaml"
    extra.write_text(dump_document([entry("shuang-gai", "双改示范")]), encoding="utf-8")


def _rename_user(bundled: Path, user: Path) -> None:
    user.rename(user.with_name("renamed.yaml"))


@pytest.mark.parametrize(
    ("change", "misses"),
    [
        pytest.param(_edit_bundled, True, id="edit-first-layer"),
        pytest.param(_edit_user, True, id="edit-last-layer"),
        pytest.param(_add_file, True, id="add-a-file"),
        pytest.param(_rename_user, True, id="rename-a-file"),
        pytest.param(_touch_only, False, id="touch-without-change"),
    ],
)
def test_any_change_to_any_file_misses(
    tmp_path: Path,
    cache: Path,
    validations: list[int],
    change: Callable[[Path, Path], None],
    misses: bool,
) -> None:
    bundled, user = glossary(tmp_path / "g")
    layers = [[bundled], [user.parent]]
    load_cached(layers)
    change(bundled, user)
    got = load_cached(layers)
    assert len(validations) == (2 if misses else 1)
    assert same(got, load_layers(layers))


def test_the_same_files_in_other_layers_are_another_glossary(tmp_path: Path, cache: Path) -> None:
    bundled, user = glossary(tmp_path / "g")
    load_cached([[bundled], [user]])  # valid: user overrides shuang-qu
    with pytest.raises(DataError) as raised:
        load_cached([[bundled, user]])  # one layer: a duplicate id
    assert {p.entry for p in raised.value.problems} == {"shuang-qu"}


@pytest.mark.parametrize(
    "garbage",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b'{"format": 1, "key": "', id="truncated"),
        pytest.param(b"\xff\xfe\x00junk", id="binary"),
        pytest.param(b"[]", id="a-list"),
        pytest.param(b'{"format": 1}', id="no-key"),
        pytest.param(None, id="valid-json-of-another-key"),
        pytest.param(b"RESHAPE", id="entries-of-the-wrong-shape"),
    ],
)
def test_a_corrupt_cache_file_is_a_miss_and_is_repaired(
    tmp_path: Path, cache: Path, validations: list[int], garbage: bytes | None
) -> None:
    bundled, user = glossary(tmp_path / "g")
    expected = load_cached([[bundled], [user]])
    (name,) = cache_files(cache)
    path = cache / name
    document = json.loads(path.read_bytes())
    if garbage is None:
        document["key"] = "0" * 64
        garbage = json.dumps(document).encode()
    elif garbage == b"RESHAPE":
        document["entries"] = [row[:3] for row in document["entries"]]
        garbage = json.dumps(document).encode()
    path.write_bytes(garbage)
    assert same(load_cached([[bundled], [user]]), expected)
    assert len(validations) == 2
    assert same(load_cached([[bundled], [user]]), expected)
    assert len(validations) == 2  # repaired: the third load is a hit


def _sense_field(index: int, value: object) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["entries"][0][3][0][index] = value

    return change


def _field(name: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document[name] = value

    return change


def _entry_field(index: int, value: object) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["entries"][0][index] = value

    return change


def _scope_field(index: int, value: object) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["scopes"][0][index] = value

    return change


def _source_field(index: int, value: object) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["sources"][0][index] = value

    return change


# Documents of the right key whose values have the wrong type: each was served before,
# as a wrong answer (an expansion of 12345) or a crash on the first use.
HOSTILE = {
    "expansion-a-number": _sense_field(0, 12345),
    "definition-a-list": _sense_field(1, ["定义"]),
    "scope-index-negative": _sense_field(2, -1),
    "scope-index-out-of-range": _sense_field(2, 99),
    "scope-index-a-bool": _sense_field(2, True),
    "years-of-strings": _sense_field(3, ["2023"]),
    "origin-unknown": _sense_field(4, "rumour"),
    "source-index-a-float": _sense_field(5, 0.0),
    "usage-a-mapping": _sense_field(6, {"a": 1}),
    "gloss-null": _sense_field(7, None),
    "sense-too-short": _sense_field(slice(0, 8), []),
    "id-a-number": _entry_field(0, 7),
    "kind-unknown": _entry_field(2, "rumour"),
    "senses-a-string": _entry_field(3, "senses"),
    "variants-of-numbers": _entry_field(4, [1, 2]),
    "related-a-mapping": _entry_field(5, {}),
    "file-index-out-of-range": _entry_field(7, 5),
    "level-unknown": _scope_field(1, "galaxy"),
    "region-a-number": _scope_field(0, 1),
    "item-a-string": _source_field(3, "1"),
    "url-a-number": _source_field(4, 80),
    "files-a-string": _field("files", "bundled.yaml"),
    "entries-a-mapping": _field("entries", {}),
    "scopes-missing": _field("scopes", None),
}


@pytest.mark.parametrize("change", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_cache_file_of_the_right_key_and_wrong_types_is_a_miss(
    tmp_path: Path, cache: Path, validations: list[int], change: Callable[[Any], None]
) -> None:
    bundled, user = glossary(tmp_path / "g")
    expected = load_cached([[bundled], [user]])
    (name,) = cache_files(cache)
    document = json.loads((cache / name).read_bytes())
    change(document)
    (cache / name).write_text(json.dumps(document), encoding="utf-8")
    assert same(load_cached([[bundled], [user]]), expected)  # validated, not served
    assert len(validations) == 2
    assert same(load_cached([[bundled], [user]]), expected)
    assert len(validations) == 2  # written over: the third load is a hit


@pytest.mark.parametrize("depth", [100_000, 1_000_000])
def test_a_cache_file_nested_too_deep_is_a_miss(
    tmp_path: Path, cache: Path, validations: list[int], depth: int
) -> None:
    bundled, user = glossary(tmp_path / "g")
    expected = load_cached([[bundled], [user]])
    (name,) = cache_files(cache)
    (cache / name).write_bytes(b"[" * depth + b"]" * depth)
    assert same(load_cached([[bundled], [user]]), expected)
    assert same(load_cached([[bundled], [user]]), expected)
    assert len(validations) == 2  # one miss, then a hit again


def test_a_hostile_cache_costs_the_cli_nothing(tmp_path: Path, cache: Path) -> None:
    """The run that meets it answers right and exits 0; so does every run after it."""
    import io

    from glossary_cli.main import main

    bundled, _ = glossary(tmp_path / "g")
    args = ["lookup", "双区驱动", "--no-bundled", "--glossary", str(bundled)]
    out = io.StringIO()
    assert main(args, stdout=out, stderr=io.StringIO()) == 0
    (name,) = cache_files(cache)
    document = json.loads((cache / name).read_bytes())
    for row in document["entries"]:
        row[3][0][0] = 12345
    for hostile in (json.dumps(document).encode(), b"[" * 200_000):
        (cache / name).write_bytes(hostile)
        for _ in range(2):
            again, err = io.StringIO(), io.StringIO()
            assert main(args, stdout=again, stderr=err) == 0, err.getvalue()
            assert again.getvalue() == out.getvalue()
            assert "12345" not in again.getvalue()


def test_an_unwritable_cache_directory_costs_a_validation_not_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validations: list[int]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(blocker / "cache"))
    bundled, user = glossary(tmp_path / "g")
    first = load_cached([[bundled], [user]])
    second = load_cached([[bundled], [user]])
    assert same(first, second)
    assert same(first, load_layers([[bundled], [user]]))
    assert len(validations) == 2
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def test_an_unreadable_cache_entry_is_a_miss(
    tmp_path: Path, cache: Path, validations: list[int]
) -> None:
    bundled, user = glossary(tmp_path / "g")
    load_cached([[bundled], [user]])
    (name,) = cache_files(cache)
    (cache / name).unlink()
    (cache / name).mkdir()  # cannot be read as a file, nor replaced by one
    assert same(load_cached([[bundled], [user]]), load_layers([[bundled], [user]]))
    assert len(validations) == 2


def test_an_invalid_glossary_raises_and_is_not_cached(tmp_path: Path, cache: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(dump_document([entry(kind="nonsense")]), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError):
            load_cached([[bad]])
    assert cache_files(cache) == []


def test_a_missing_path_raises_with_the_other_problems(tmp_path: Path, cache: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(dump_document([entry(kind="nonsense")]), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_cached([[bad, tmp_path / "gone.yaml"]])
    assert sorted(p.file for p in raised.value.problems) == [str(bad), str(tmp_path / "gone.yaml")]


def test_only_the_most_recent_cache_files_are_kept(
    tmp_path: Path, cache: Path, validations: list[int]
) -> None:
    cache.mkdir()
    stale = [cache / f"{i:064x}.json" for i in range(KEEP + 3)]
    for age, path in enumerate(stale):
        path.write_text("{}", encoding="utf-8")
        os.utime(path, (1000 + age, 1000 + age))
    unrelated = cache / "notes.txt"
    unrelated.write_text("mine", encoding="utf-8")
    bundled, user = glossary(tmp_path / "g")
    load_cached([[bundled], [user]])
    kept = [p for p in cache.iterdir() if p.suffix == ".json"]
    assert len(kept) == KEEP
    assert set(stale[-(KEEP - 1) :]) < set(kept)  # the newest stale ones, and the new one
    assert unrelated.exists()
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no temporary left


def test_temporary_files_of_killed_writers_are_pruned(
    tmp_path: Path, cache: Path, validations: list[int]
) -> None:
    """A writer killed before its rename leaves ``.<key>.json.<random>.tmp`` behind."""
    from glossary._load.cache import STALE_SECONDS

    cache.mkdir()
    key = "ab" * 32
    old = time.time() - STALE_SECONDS - 60
    orphans = [cache / f".{key}.json.{suffix}.tmp" for suffix in ("k2j_9x1a", "q0w9e8r7")]
    for path in orphans:
        path.write_bytes(b"{" * 1000)
        os.utime(path, (old, old))
    writing = cache / f".{key}.json.z1y2x3w4.tmp"  # another process's write in progress
    writing.write_bytes(b"{")
    others = [cache / ".notes.tmp", cache / f".{key}.yaml.k2j_9x1a.tmp", cache / "x.tmp"]
    for path in others:
        path.write_bytes(b"mine")
        os.utime(path, (old, old))
    bundled, user = glossary(tmp_path / "g")
    load_cached([[bundled], [user]])
    assert not any(path.exists() for path in orphans)
    assert writing.exists()
    assert all(path.exists() for path in others)  # not of our naming: not ours to delete


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param({"GLOSSARY_CACHE_DIR": "/c/g", "XDG_CACHE_HOME": "/x"}, "/c/g", id="explicit"),
        pytest.param({"GLOSSARY_CACHE_DIR": "", "XDG_CACHE_HOME": "/x"}, "/x/glossary", id="xdg"),
        pytest.param({"XDG_CACHE_HOME": "relative"}, "/h/.cache/glossary", id="relative-xdg"),
        pytest.param({}, "/h/.cache/glossary", id="home"),
    ],
)
def test_cache_dir_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for name in ("GLOSSARY_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", "/h")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert str(cache_dir()) == expected


# ---------------------------------------------------------------------------------------
# The JSON form

_text = st.text(max_size=8)
_scopes = st.builds(Scope, region=_text, level=st.sampled_from(["district", "city"]), issuer=_text)
_sources = st.builds(
    Source,
    document=_text,
    issuer=_text,
    date=_text,
    item=st.none() | st.integers(1, 99),
    url=st.none() | _text,
)
_senses = st.builds(
    Sense,
    expansion=_text,
    definition=_text,
    scope=st.none() | _scopes,
    years=st.lists(st.integers(1949, 2100), max_size=3).map(tuple),
    origin=st.sampled_from(["official", "editorial", "document"]),
    source=st.none() | _sources,
    usage=st.none() | _text,
    gloss=_text,
)
_tuples = st.lists(_text, max_size=3).map(tuple)
_entries = st.builds(
    Entry,
    id=_text,
    term=_text,
    kind=st.sampled_from(["slogan", "other"]),
    senses=st.lists(_senses, max_size=3).map(tuple),
    variants=_tuples,
    related=_tuples,
    exclude=_tuples,
    origin_file=_text,
)


@given(entries=st.lists(_entries, max_size=5))
def test_encode_then_decode_through_json_gives_the_same_entries(entries: list[Entry]) -> None:
    document: Any = json.loads(json.dumps(encode("k", entries), ensure_ascii=False))
    assert same(decode(document, "k"), entries)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"abc", id="short"),
        pytest.param("entries:\n- id: 双区\n".encode(), id="utf-8"),
        pytest.param(bytes(range(256)) * 300, id="many-blocks"),
    ],
)
def test_the_cache_key_hash_is_sha256(data: bytes) -> None:
    # _cache takes SHA-256 from CPython's private _sha256/_sha2 to avoid loading OpenSSL;
    # if that shortcut ever hashed differently, every cache key would silently change.
    import hashlib

    from glossary._load import cache as _cache

    digest = _cache.sha256()
    digest.update(data[:7])
    digest.update(data[7:])
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest()


def test_decode_refuses_a_document_of_another_key() -> None:
    with pytest.raises(ValueError, match="another"):
        decode(encode("k", []), "other")


# ---------------------------------------------------------------------------------------
# The point of it all: a warm load imports neither yaml nor pydantic


@pytest.mark.slow
def test_a_warm_load_imports_neither_yaml_nor_pydantic(tmp_path: Path) -> None:
    bundled, user = glossary(tmp_path / "g")
    script = textwrap.dedent(
        f"""
        import sys
        from glossary._load.cache import load_cached
        entries = load_cached([[{str(bundled)!r}], [{str(user)!r}]])
        print(len(entries), sorted(m for m in ("yaml", "pydantic") if m in sys.modules))
        """
    )
    env = {**os.environ, "GLOSSARY_CACHE_DIR": str(tmp_path / "cache")}

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    assert run() == "2 ['pydantic', 'yaml']"  # cold: validated
    assert run() == "2 []"  # warm


# --- the compiled bundled glossary shipped in the package ------------------------------


def test_the_shipped_glossary_is_current() -> None:
    """Fails after editing terms/ without ``python -m glossary._load.gen_bundled``."""
    from glossary._load.cache import SHIPPED
    from glossary._load.gen_bundled import render

    assert SHIPPED.read_text(encoding="utf-8") == render(), (
        "src/glossary/_load/bundled.json is stale: run python -m glossary._load.gen_bundled"
    )


def test_the_shipped_glossary_records_no_path_of_the_machine_that_compiled_it() -> None:
    from glossary._load.cache import SHIPPED

    files = json.loads(SHIPPED.read_text(encoding="utf-8"))["files"]
    assert files
    assert all(not name.startswith("/") and ".." not in name for name in files)


def test_a_first_call_uses_the_shipped_glossary_with_an_empty_cache(tmp_path: Path) -> None:
    # A user's first run after pip install: no cache yet, and nothing parsed or validated.
    script = textwrap.dedent(
        """
        import sys
        from glossary import Glossary
        g = Glossary.default()
        print(len(g) > 200, sorted(m for m in ("yaml", "pydantic") if m in sys.modules))
        print(g.explain("推进“两重”建设")[0].entry.origin_file.endswith(".yaml"))
        """
    )
    cache = tmp_path / "cache"
    env = {**os.environ, "GLOSSARY_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split("\n")[:2] == ["True []", "True"]
    assert not cache.exists()  # nothing written either


def test_a_stale_shipped_glossary_is_a_miss(
    monkeypatch: pytest.MonkeyPatch, cache: Path, validations: list[int]
) -> None:
    from glossary._load import cache as _cache
    from glossary._load.paths import bundled_terms_dir

    stale = cache.parent / "stale.json"
    document = json.loads(_cache.SHIPPED.read_text(encoding="utf-8"))
    document["key"] = "0" * 64  # as if compiled from other files
    stale.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(_cache, "SHIPPED", stale)
    entries = load_cached([[bundled_terms_dir()]])
    assert validations == [1]  # validated from the YAML instead
    assert len(entries) == len(document["entries"])
