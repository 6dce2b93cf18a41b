"""The plain-text styles: ``inline``, ``footnotes`` and ``markdown``.

All three splice their additions into the text with ``marked.splice``, the
appended list of notes included, so ``marked.unmark`` strips any of them.
"""

from __future__ import annotations

from glossary._annotations.explanation import Annotated
from glossary._model.annotation import Annotation
from glossary._render.marked import splice
from glossary._render.notes import (
    Note,
    anchor,
    first_occurrences,
    label_prefix,
    markdown_note,
    note,
    says_nothing,
)
from glossary._render.styles import Lang
from glossary._render.wording import ENGLISH, heading, meaning

_RULE = "─" * 16


def render_inline(explanation: Annotated, lang: Lang = "zh") -> str:
    """Write each term's expansion (or gloss) in full-width brackets after its first occurrence.

    An expansion that only repeats the term is left out: in ``en`` and ``both`` the gloss
    is still given.

    >>> from glossary._render.marked import unmark
    >>> unmark(render_inline(Annotated("no terms here", ())))
    'no terms here'
    """
    runs = [
        (anchor(explanation.text, a), f"（{said}）")
        for a in first_occurrences(explanation)
        if (said := _inline(a, explanation, lang)) is not None
    ]
    return splice(explanation.text, runs)


def _inline(annotation: Annotation, explanation: Annotated, lang: Lang) -> str | None:
    """What the brackets after a term hold; None for nothing worth saying."""
    item = note(annotation, explanation.script, lang)  # its gloss is given in ``both`` only
    if says_nothing(annotation):  # 绿水青山就是金山银山（绿水青山就是金山银山） helps nobody
        if lang == "zh" or not annotation.sense.gloss.strip():
            return None
        return item.expansion if lang == "en" else item.gloss
    return meaning(item.expansion, item.gloss, "both")


def render_footnotes(explanation: Annotated, lang: Lang = "zh") -> str:
    """Mark each term's first occurrence with ``[n]`` and append the numbered notes."""
    firsts = first_occurrences(explanation)
    if not firsts:
        return splice(explanation.text, ())
    notes = [note(a, explanation.script, lang) for a in firsts]
    runs = [(anchor(explanation.text, a), f"[{n}]") for n, a in enumerate(firsts, 1)]
    items = "\n\n".join(_footnote(n, item) for n, item in enumerate(notes, 1))
    appendix = f"\n\n{_RULE}\n{heading(explanation.script, lang)}\n\n{items}"
    return splice(explanation.text, [*runs, (_appendix_at(explanation.text, runs), appendix)])


def _footnote(number: int, item: Note) -> str:
    lines = [f"[{number}] {item.surface}：{item.expansion}"]
    lines += [f"    {line}" for line in item.definition.splitlines() if line.strip()]
    if item.gloss:
        lines.append(f"    {ENGLISH}{item.gloss}")
    lines.append(f"    {item.source} {item.url}".rstrip())
    if item.caveat:
        lines.append(f"    {item.caveat}")
    return "\n".join(lines)


def render_markdown(explanation: Annotated, lang: Lang = "zh") -> str:
    """Add a footnote reference ``[^n]`` after each first occurrence and the definitions last.

    The text itself is left as Markdown source, as an extension annotating a Markdown
    document would; only what we add is escaped. Footnote labels get a prefix when the
    text already uses footnotes, so that its references never point at our notes.
    """
    firsts = first_occurrences(explanation)
    if not firsts:
        return splice(explanation.text, ())
    prefix = label_prefix(explanation.text) if "[^" in explanation.text else ""
    labels = [f"[^{prefix}{n}]" for n in range(1, len(firsts) + 1)]
    runs = [(anchor(explanation.text, a), label) for a, label in zip(firsts, labels, strict=True)]
    notes = (note(a, explanation.script, lang) for a in firsts)
    definitions = "\n".join(
        f"{label}: {markdown_note(item)}" for label, item in zip(labels, notes, strict=True)
    )
    end = _appendix_at(explanation.text, runs)
    return splice(explanation.text, [*runs, (end, f"\n\n{definitions}")])


def _appendix_at(text: str, runs: list[tuple[int, str]]) -> int:
    """Where the appended notes go: after the text's last visible character.

    The white space that ends the text (its final line break above all) then ends the
    output too, as a text file's should, and the mark that opens the notes stands at the
    end of the text's last line rather than alone on a line of its own.

    >>> _appendix_at("正文。\\n\\n", []), _appendix_at("正文", [(2, "[1]")])
    (3, 2)
    """
    return max(len(text.rstrip()), runs[-1][0] if runs else 0)
