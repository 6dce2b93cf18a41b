"""Keep a generated 名词解释 section at the end of a draft: the ``glossary annotate`` hook.

Pure text in, text out: the pre-commit hooks (``glossary_cli.hook``) do the file work.
Where the section goes and how it is taken out again is ``sections.py``'s; which terms
the draft uses in prose, ``uses.py``'s.

With ``footnotes`` (Markdown only) the first use of each term also gets a reference
``[^gloss-1]``, and the section holds the footnote definitions. The label prefix is
one the draft does not use (``gloss-``, else ``gloss1-``, ...), so every reference with
a label the section defines is ours and is removed exactly.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from glossary._api.glossary import Glossary
from glossary._hook.breaks import as_cr, as_lf, cr_only
from glossary._hook.code import open_fence
from glossary._hook.sections import markers, strip_annotations
from glossary._hook.uses import Accepted, prose_uses
from glossary._render.marked import splice
from glossary._render.notes import (
    Note,
    anchor,
    escape_markdown,
    label_prefix,
    markdown_note,
    note,
    sentence,
)
from glossary._render.styles import Lang
from glossary._render.wording import ENGLISH, heading

# ---------------------------------------------------------------------------------------
# Writing the section


def annotate(
    text: str,
    glossary: Glossary,
    *,
    markdown: bool,
    footnotes: bool = False,
    ignore: Collection[str] = (),
    lang: Lang = "zh",
) -> str:
    """Rewrite the managed 名词解释 section for the glossary terms the draft uses.

    Terms are numbered in order of first use. Idempotent, and ``strip_annotations``
    gives back the draft exactly. ``ValueError`` for footnotes outside Markdown. A
    Markdown draft that ends inside a code fence left open is given back as it is: a
    section after it would be code (``check`` says so).
    ``lang`` says the notes in Chinese, English or both, as ``Explanation.render`` does.

    >>> text = annotate("落实“六稳六保”\\n", Glossary.default(), markdown=False)
    >>> begin, _ = markers(markdown=False)
    >>> print(text.replace(begin, "==== glossary:begin ... ===="))  # doctest: +ELLIPSIS
    落实“六稳六保”
    <BLANKLINE>
    ==== glossary:begin ... ====
    名词解释
    <BLANKLINE>
    1. “六稳六保”：六稳：稳就业、...
       ...
    ==== glossary:end ====
    <BLANKLINE>
    >>> strip_annotations(text)
    '落实“六稳六保”\\n'
    """
    if footnotes and not markdown:
        raise ValueError("footnotes need Markdown: plain text has no footnote syntax")
    if cr_only(text):  # lines broken by a lone CR: the section in CR too (breaks.py)
        lf = annotate(
            as_lf(text), glossary, markdown=markdown, footnotes=footnotes, ignore=ignore, lang=lang
        )
        return as_cr(lf)
    draft = strip_annotations(text, markdown=markdown)
    explanation = glossary.explain(draft)
    uses = prose_uses(explanation, Accepted(draft, ignore, markdown))
    if not uses or (markdown and open_fence(draft) is not None):
        return draft
    notes = [note(a, explanation.script, lang) for a in uses]
    nl = _newline(draft)
    body, labels = draft, [f"{n}." for n in range(1, len(uses) + 1)]
    if footnotes:
        prefix = label_prefix(draft)
        labels = [f"[^{prefix}{n}]" for n in range(1, len(uses) + 1)]
        refs = zip((anchor(draft, a) for a in uses), labels, strict=True)
        body = splice(draft, list(refs), marked=False)
    title = heading(explanation.script, lang)
    section = _section(notes, labels, title, markdown, footnotes, nl)
    ended = draft.endswith("\n")
    return body + (nl if ended else nl * 2) + section + (nl if ended else "")


def _newline(text: str) -> str:
    """The draft's line break: CRLF when its first line break is one."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _section(
    notes: Sequence[Note],
    labels: Sequence[str],
    title: str,
    markdown: bool,
    footnotes: bool,
    nl: str,
) -> str:
    begin, end = markers(markdown)
    lines = [begin, f"## {title}" if markdown else title]
    for label, item in zip(labels, notes, strict=True):
        lines.append("")
        if footnotes:
            lines.append(f"{label}: {markdown_note(item, link=False)}")
        elif markdown:
            lines += _markdown_item(label, item)
        else:
            lines += _text_item(label, item)
    lines.append(end)
    return nl.join(lines)


def _text_item(label: str, item: Note) -> list[str]:
    definition = [f"   {line.strip()}" for line in item.definition.splitlines() if line.strip()]
    gloss = [f"   {ENGLISH}{item.gloss}"] if item.gloss else []
    return [f"{label} {item.surface}：{item.expansion}", *definition, *gloss, f"   {item.source}"]


def _markdown_item(label: str, item: Note) -> list[str]:
    # A trailing backslash is a hard line break in CommonMark: one line each, rendered.
    parts = [sentence(escape_markdown(item.expansion), "." if item.lang == "en" else "。")]
    parts += [escape_markdown(item.definition)]
    parts += [escape_markdown(f"{ENGLISH}{item.gloss}") if item.gloss else ""]
    parts += [escape_markdown(item.source)]
    head, *rest = [p for p in parts if p]
    lines = [f"{label} **{escape_markdown(item.surface)}**：{head}", *(f"   {p}" for p in rest)]
    return [f"{line}\\" for line in lines[:-1]] + lines[-1:]
