"""Where the bundled glossary lives: inside the installed package, or at the checkout's root."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # glossary/, above this stage's folder


def bundled_terms_dir() -> Path:
    """Return the directory of the bundled glossary files.

    An installed wheel carries them as ``glossary/terms`` (pyproject's force-include);
    an editable install or a bare checkout finds ``terms/`` two levels above the package.

    >>> bundled_terms_dir().name
    'terms'
    """
    inside = _PACKAGE / "terms"
    if inside.is_dir():
        return inside
    return _PACKAGE.parent.parent / "terms"


def bundled_allow_list() -> Path:
    """Return the bundled allow-list: quoted words of real reports that are not jargon.

    >>> bundled_allow_list().name
    'allow.txt'
    """
    return bundled_terms_dir() / "allow.txt"
