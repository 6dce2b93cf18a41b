"""The names of the output styles and languages: cheap to import, unlike the renderers."""

from __future__ import annotations

from typing import Literal

#: Output styles of ``Explanation.render``.
Style = Literal["inline", "footnotes", "markdown", "html", "html-fragment", "json"]
STYLES: tuple[Style, ...] = ("inline", "footnotes", "markdown", "html", "html-fragment", "json")

#: Languages of what renderers add (``Explanation.render(style, lang=...)``): ``zh`` the
#: Chinese expansion and definition, ``en`` the English gloss in their place, ``both``.
Lang = Literal["zh", "en", "both"]
LANGS: tuple[Lang, ...] = ("zh", "en", "both")
