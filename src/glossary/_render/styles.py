"""The names of the output styles: cheap to import, unlike the renderers themselves."""

from __future__ import annotations

from typing import Literal

#: Output styles of ``Explanation.render``.
Style = Literal["inline", "footnotes", "markdown", "html", "html-fragment", "json"]
STYLES: tuple[Style, ...] = ("inline", "footnotes", "markdown", "html", "html-fragment", "json")
