"""The public ``Explanation``: an annotated text that renders itself."""

from __future__ import annotations

from glossary._annotations.explanation import Annotated
from glossary._render.styles import Lang, Style


class Explanation(Annotated):
    """The annotations of one text, in order of position; immutable.

    ``region`` is the region the senses were chosen for ("" when no cue decided),
    ``script`` how the text is written, so that renderers answer in the same script.

    >>> Explanation("雙區驅動", ()).script
    'traditional'
    """

    __slots__ = ()

    def render(self, style: Style = "inline", lang: Lang = "zh") -> str:
        """Render the text with its annotations in one of ``STYLES`` and ``LANGS``.

        ``lang``: ``zh`` explains in Chinese, ``en`` with the English gloss instead,
        ``both`` with both (see ``glossary._render.render``).

        >>> from glossary import explain
        >>> explain("实施“十四五”规划").render("html-fragment").count("<abbr")
        1
        >>> explain("实施“十四五”规划").render("inline", lang="en").replace("\\u2060", "")
        '实施“十四五”（the 14th Five-Year Plan period (2021-2025)）规划'
        """
        from glossary._render.render import render  # the renderers cost only their users

        return render(self, style, lang)
