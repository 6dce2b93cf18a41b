"""Valid entry data, as YAML reads it, for the loader, cache and data-lint tests.

Each helper returns a fresh valid structure; tests break it in one place to see one
check fire, or write it out to build a small glossary.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

Data = dict[str, Any]


def official(item: int = 1, **changes: Any) -> Data:
    """A valid official sense of the Longgang report."""
    sense: Data = {
        "expansion": "粤港澳大湾区和中国特色社会主义先行示范区",
        "definition": "“双区”驱动，即粤港澳大湾区和中国特色社会主义先行示范区建设。",
        "gloss": "the dual-zone drive",
        "origin": "official",
        "scope": {"region": "深圳市龙岗区", "level": "district", "issuer": "深圳市龙岗区人民政府"},
        "years": [2022, 2023],
        "source": {
            "document": "龙岗区2023年政府工作报告",
            "issuer": "深圳市龙岗区人民政府",
            "date": "2023-01-12",
            "item": item,
        },
    }
    sense.update(changes)
    return sense


def editorial(usage: str = "抢抓“双区”驱动重大历史机遇。", **changes: Any) -> Data:
    """A valid editorial sense whose usage quotes the term."""
    sense = official(**changes)
    sense["origin"] = "editorial"
    del sense["source"]["item"]
    sense["usage"] = usage
    return sense


def published(url: str | None = "https://example.org/explainer", **changes: Any) -> Data:
    """A valid published sense: resting on an explanation cited by its address."""
    sense = official(**changes)
    sense["origin"] = "published"
    sense["source"] = {"document": "每日一词｜双区驱动", "issuer": "中国日报网", "date": "2025-03"}
    if url is not None:
        sense["source"]["url"] = url
    return sense


def entry(entry_id: str = "shuang-qu", term: str = "双区驱动", **changes: Any) -> Data:
    """A valid entry; ``changes`` replace or add top-level fields."""
    data: Data = {"id": entry_id, "term": term, "kind": "slogan", "senses": [official()]}
    data.update(changes)
    return data


def write(directory: Path, name: str, content: str | bytes | Sequence[Data]) -> Path:
    """Write a glossary file: raw text or bytes as given, entries in canonical form."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        # Not dump_document: broken entries must reach the file exactly as built.
        text = yaml.dump({"entries": list(content)}, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line of ``path`` containing ``needle``."""
    hits = [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if needle in line
    ]
    return hits[occurrence - 1]
