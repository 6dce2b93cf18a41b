"""Generate ``_load/bundled.json``: the bundled glossary, validated and compiled, for the package.

A user's first call after ``pip install`` would otherwise parse every YAML file of
``terms/`` and validate each entry (yaml and pydantic: most of a second at a thousand
entries) before its cache exists. A test fails when the shipped file differs from a
fresh build, as it does for ``_normalise/tables.py``: after editing ``terms/``, regenerate with
``python -m glossary._load.gen_bundled``.
"""

from __future__ import annotations

import json

from glossary._load.cache import SHIPPED, shipped_key
from glossary._load.cache_format import encode
from glossary._load.files import read_layers
from glossary._load.loader import load_sources
from glossary._load.paths import bundled_terms_dir


def render() -> str:
    """The text of ``_load/bundled.json`` for the bundled glossary as it is now."""
    root = bundled_terms_dir()
    (files,), problems = read_layers([[root]])
    if problems:
        raise SystemExit("\n".join(map(str, problems)))
    entries = load_sources(((tuple(files)),))
    document = encode(shipped_key(files, root), entries, root)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


if __name__ == "__main__":
    SHIPPED.write_text(render(), encoding="utf-8")
