"""What the renderers say about an annotation, in the script of the text it annotates.

Everything the renderers add (expansion, definition, source, headings) is written in
the glossary's Simplified and converted here with ``to_script``; the surface of a term
is the text's own and is never converted. ``note`` says it in the reader's language
(``Lang``), with the words of ``wording``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from urllib.parse import urlsplit

from glossary._annotations.explanation import Annotated
from glossary._model.annotation import Annotation
from glossary._model.entries import Sense
from glossary._normalise.keys import term_key
from glossary._normalise.quotes import PAIRS, SYMMETRIC
from glossary._normalise.script import Script, to_script
from glossary._normalise.text import PINYIN
from glossary._render.styles import Lang
from glossary._render.wording import ENGLISH, caveat_line, meaning, one_line, source_line

#: The footnote labels ``[^gloss-1]`` of the ``markdown`` style and of ``annotate``; a
#: text that uses the prefix already gets ``gloss1-``, ``gloss2-``, ...
LABEL_PREFIX = "gloss-"

_FORBIDDEN_IN_URL = frozenset("<>\"'`\\{}|^")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_FULL_STOPS = "。．.！？!?…"
_STOP = {"zh": "。", "en": "."}
_CLOSERS = "）)】]" + "".join(PAIRS.values()) + SYMMETRIC


@dataclass(frozen=True, slots=True)
class Note:
    """One annotation described in words, ready to be laid out by a renderer."""

    surface: str  # the term as the text writes it, on one line
    expansion: str  # one line: the meaning in the note's language (``en``: the gloss)
    definition: str  # "" in ``en`` where the gloss takes its place
    source: str  # one line saying where the sense comes from
    url: str  # the source's address when ``linkable``, else ""; never converted, not prose
    gloss: str = ""  # one line; only ``both`` gives it, beside the Chinese
    lang: Lang = "zh"
    caveat: str = ""  # one line: whose sense this is, when the text is about another region


def first_occurrences(explanation: Annotated) -> tuple[Annotation, ...]:
    """The occurrence of each entry to explain, in text order, after checking the offsets.

    A reader needs a term explained once; repeating it at every occurrence buries the
    text. That is its first occurrence, unless the surface there already says what the
    expansion says (绿水青山就是金山银山 for 两山): then the first occurrence that does
    not, so that the later “两山” gets explained. Raises ``ValueError`` when annotations
    overlap, are out of order or do not match the text, which no renderer could lay
    out faithfully.
    """
    chosen: dict[str, Annotation] = {}
    previous_end = 0
    for annotation in explanation.annotations:
        start, end = annotation.start, annotation.end
        fits = previous_end <= start < end <= len(explanation.text)
        if not fits or explanation.text[start:end] != annotation.text:
            raise ValueError(f"annotation {start}:{end} {annotation.text!r} does not fit the text")
        previous_end = end
        current = chosen.get(annotation.entry.id)
        if current is None or (says_nothing(current) and not says_nothing(annotation)):
            chosen[annotation.entry.id] = annotation
    return tuple(sorted(chosen.values(), key=lambda annotation: annotation.start))


def says_nothing(annotation: Annotation) -> bool:
    """Whether the expansion only repeats the surface, quotes and script aside.

    >>> from glossary import Entry, Reading, Scope, Sense
    >>> sense = Sense("绿水青山就是金山银山", "", Scope("全国", "national"), (), "editorial", None)
    >>> entry = Entry("liang-shan", "两山", "slogan", (sense,))
    >>> surfaces = ("“綠水青山就是金山銀山”", "两山")
    >>> [says_nothing(Annotation(0, len(s), s, Reading(entry, sense, (), ""))) for s in surfaces]
    [True, False]
    """
    return term_key(annotation.text) == term_key(annotation.sense.expansion)


def anchor(text: str, annotation: Annotation) -> int:
    """Where an addition after ``annotation`` goes: past pinyin and a closing quote.

    “20+8（…）”产业 reads as if the brackets were part of the quotation, and 企业（…）(yè)
    tears a character from its pinyin; “20+8”（…）产业 and 企业(yè)（…） do not.

    >>> from glossary import Entry, Reading
    >>> entry = Entry("x", "20+8", "numeric-formula", ())
    >>> anchor("发展“20+8”产业", Annotation(3, 7, "20+8", Reading(entry, None, (), "")))
    8
    >>> anchor("“國高企業(yè)”50家", Annotation(1, 5, "國高企業", Reading(entry, None, (), "")))
    10
    """
    position = annotation.end
    # Pinyin some sites put after a character (灣區(qū)): the reader sees it as part of it.
    pinyin = PINYIN.match(text, position)
    if pinyin:
        position = pinyin.end()
    opening = text[annotation.start - 1] if annotation.start > 0 else ""
    closing = text[position : position + 1]
    quoted = bool(opening) and (
        PAIRS.get(opening) == closing or (opening in SYMMETRIC and closing == opening)
    )
    return position + 1 if quoted else position


def note(annotation: Annotation, script: Script, lang: Lang = "zh") -> Note:
    """Describe an annotation's chosen sense in ``script`` and ``lang``, one line where promised.

    ``en`` gives the English gloss in place of expansion and definition, or says there is
    none and falls back to the Chinese; ``both`` keeps the Chinese and adds the gloss.

    >>> from glossary import Entry, Reading, Scope, Sense, Source
    >>> sense = Sense("粤港澳大湾区和深圳先行示范区", "定义。", Scope("深圳市", "city"), (2023,),
    ...               "official", Source("龙岗区2023年政府工作报告", "深圳市龙岗区人民政府",
    ...                                  "2023-01-12", 5), gloss="the two zones")
    >>> entry = Entry("shuang-qu", "双区驱动", "slogan", (sense,))
    >>> annotation = Annotation(0, 4, "雙區驅動", Reading(entry, sense, (), ""))
    >>> note(annotation, "traditional").source
    '來源：《龍崗區2023年政府工作報告》（深圳市龍崗區人民政府，2023-01-12），名詞解釋第5條'
    >>> english = note(annotation, "traditional", "en")
    >>> english.expansion, english.definition
    ('the two zones', '')
    """
    sense = annotation.sense
    expansion = one_line(to_script(sense.expansion, script))
    definition = to_script(sense.definition.strip(), script)
    gloss = one_line(sense.gloss)
    if lang == "en":
        expansion, definition = meaning(expansion, gloss, "en"), "" if gloss else definition
    return Note(
        surface=one_line(annotation.text),  # a match may span a line break
        expansion=expansion,
        definition=definition,
        source=source_line(sense, script, lang),
        url=shown_url(sense),
        gloss=gloss if lang == "both" else "",
        lang=lang,
        caveat=caveat_line(annotation.caveat, script, lang),
    )


def shown_url(sense: Sense) -> str:
    """The address of a sense's source, or "" when it has none that ``linkable`` accepts."""
    url = (sense.source.url or "") if sense.source else ""
    return url if linkable(url) else ""


def linkable(url: str) -> bool:
    """Whether ``url`` may become a link: an absolute ``http``/``https`` address, nothing odd.

    Anything else (``javascript:``, a relative path, white space or a control or
    formatting character anywhere, quotes or angle brackets, a user name before the
    host) is never written as an address: the plain-text and Markdown styles leave it
    out (``Note.url``) and the page shows it escaped as text, so that no data can
    smuggle a script, a tag, a line of its own or a misleading address into an
    ``href`` or an autolink. Validation only checks the ``http(s)://`` prefix.

    >>> linkable("https://www.lg.gov.cn/a.html?x=1#y"), linkable("javascript:alert(1)")
    (True, False)
    >>> linkable("https://a.cn/\\n"), linkable('https://a.cn/"><img onerror=x>')
    (False, False)
    """
    if any(c in _FORBIDDEN_IN_URL or unicodedata.category(c)[0] in "CZ" for c in url):
        return False
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port  # both raise on a malformed address
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and url.startswith(f"{parts.scheme}://")
        and bool(host)
        and "@" not in parts.netloc
    )


# ---------------------------------------------------------------------------------------
# Markdown: the ``markdown`` style and the managed section of ``annotate`` write alike


def label_prefix(text: str) -> str:
    """The first footnote-label prefix no reference of ``text`` starts with.

    >>> label_prefix("plain"), label_prefix("[^gloss-1]"), label_prefix("[^gloss1-2][^gloss-1]")
    ('gloss-', 'gloss1-', 'gloss2-')
    """
    return next(p for p in _label_prefixes() if f"[^{p}" not in text)


def _label_prefixes() -> Iterator[str]:
    yield LABEL_PREFIX
    for n in count(1):
        yield f"{LABEL_PREFIX[:-1]}{n}-"


def escape_markdown(text: str) -> str:
    """``text`` on one line, with the characters Markdown would read as markup escaped.

    >>> escape_markdown("a*b_[c]\\n#1")
    'a\\\\*b\\\\_\\\\[c\\\\] \\\\#1'
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))


def sentence(text: str, stop: str = "。") -> str:
    """End ``text`` with a full ``stop`` unless a sentence already ends there.

    A closing bracket or quote ends a sentence only after a full stop of its own.

    >>> sentence("军民融合）"), sentence("（一句。）"), sentence("规模以上"), sentence("“好！”")
    ('军民融合）。', '（一句。）', '规模以上。', '“好！”')
    >>> sentence("the two zones", ".")
    'the two zones.'
    """
    core = text.rstrip(_CLOSERS)
    return text if core and core[-1] in _FULL_STOPS else f"{text}{stop}"


def markdown_note(item: Note, *, link: bool = True) -> str:
    """A note as one line of Markdown: the surface in bold, then expansion, definition, source.

    With ``link``, the source's address follows as an autolink, which no full stop joins.
    Each sentence ends with the full stop of its language; in ``both`` the gloss comes
    after the definition.
    """
    zh, en = _STOP["zh"], _STOP["en" if item.lang == "en" else "zh"]
    gloss = f"{ENGLISH}{item.gloss}" if item.gloss else ""
    parts = (
        (item.expansion, en),
        (item.definition, zh),
        (gloss, _STOP["en"]),
        (item.source, en),
        (item.caveat, en),
    )
    said = [sentence(escape_markdown(part), stop) for part, stop in parts if part.strip()]
    # An English sentence is followed by a space, as a Chinese one is not; zh stays as it was.
    spaced = item.lang != "zh"
    words = "".join(f"{s} " if spaced and s[-1].isascii() else s for s in said).rstrip(" ")
    address = f" <{item.url}>" if link and item.url else ""
    return f"**{escape_markdown(item.surface)}**：{words}{address}"
