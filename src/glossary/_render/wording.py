"""The words the renderers add, in the reader's language: Chinese, English or both.

``zh`` writes our headings, labels and source lines in Chinese, in the text's script;
``en`` in English (the names of documents and issuers stay as the source writes
them, in the text's script: they are names, and a translation would not find the
document); ``both`` puts the English after the Chinese. Which meaning a note gives,
the Chinese expansion or the English gloss, is ``notes.note``'s business.
"""

from __future__ import annotations

import re

from glossary._model.entries import Sense
from glossary._normalise.script import Script, to_script
from glossary._render.styles import LANGS, Lang

#: Heading of an appended list of notes, before conversion to the text's script.
HEADING = "名词解释"
#: Said in English where a sense has no English gloss, before the Chinese it falls back to.
NO_GLOSS = "no English gloss"
#: Said in ``both`` before a gloss that follows the Chinese on a line of its own.
ENGLISH = "English: "

#: Our Chinese labels (in Simplified) and what ``en`` says instead.
_ENGLISH = {
    HEADING: "Terms explained",
    "关闭": "Close",
    "术语": "Terms",
    "其他义项": "Other senses",
    "选用依据": "Why this sense",
    "文中用处": "Uses in the text",
    "区级": "district",
    "市级": "city",
    "省级": "province",
    "国家级": "national",
}


def check_lang(lang: str) -> Lang:
    """``lang`` if it is one of ``LANGS``, else ``ValueError`` naming the choices.

    >>> check_lang("en")
    'en'
    """
    for known in LANGS:
        if lang == known:
            return known
    raise ValueError(f"unknown language {lang!r}; choose from {', '.join(LANGS)}")


def label(simplified: str, script: Script, lang: Lang) -> str:
    """One of our labels: in Chinese (in ``script``), in English, or both, Chinese first.

    >>> label("名词解释", "traditional", "zh"), label("名词解释", "simplified", "en")
    ('名詞解釋', 'Terms explained')
    >>> label("名词解释", "simplified", "both")
    '名词解释 / Terms explained'
    """
    chinese = to_script(simplified, script)
    if lang == "zh":
        return chinese
    english = _ENGLISH[simplified]
    return english if lang == "en" else f"{chinese} / {english}"


def heading(script: Script, lang: Lang = "zh") -> str:
    """The heading of an appended list of notes: 名词解释 (名詞解釋), in ``lang``."""
    return label(HEADING, script, lang)


def source_line(sense: Sense, script: Script, lang: Lang = "zh") -> str:
    """Say in one line where a sense comes from: its document, issuer, date and item.

    ``both`` says it in Chinese: the line is the same facts, the gloss is what differs.

    >>> from glossary import Source, Scope
    >>> sense = Sense("x", "", Scope("深圳市", "city"), (), "official",
    ...               Source("政府工作报告", "区政府", "2023-01-12", 5))
    >>> source_line(sense, "simplified", "en")
    'Source: 《政府工作报告》 (区政府, 2023-01-12), glossary item 5'
    """
    if lang == "en":
        return _english_source(sense, script)
    if sense.origin == "document":
        return to_script("本文自行定义", script)
    if sense.source is None:
        return to_script("出处未载", script)
    source = sense.source
    where = f"{_title(source.document)}（{source.issuer}，{source.date}）"
    if sense.origin == "editorial":
        words = f"编者释义，非官方定义；用例见{where}"
    elif sense.origin == "published":
        words = f"释义依据已发表的解读：{where}"
    else:
        item = f"第{source.item}条" if source.item is not None else ""
        words = f"来源：{where}，{HEADING}{item}"
    return one_line(to_script(words, script))


def _english_source(sense: Sense, script: Script) -> str:
    """``source_line`` in English, the names of document and issuer as written."""
    if sense.origin == "document":
        return "Defined by this text itself"
    if sense.source is None:
        return "Source not recorded"
    source = sense.source
    names = to_script(f"{_title(source.document)} ({source.issuer}", script)
    where = f"{names}, {source.date})"
    if sense.origin == "editorial":
        words = f"Editorial explanation, not an official definition; used in {where}"
    elif sense.origin == "published":
        words = f"Based on a published explanation: {where}"
    else:
        item = f", glossary item {source.item}" if source.item is not None else ""
        words = f"Source: {where}{item}"
    return one_line(words)


def _title(document: str) -> str:
    return document if document.startswith("《") else f"《{document}》"


def meaning(expansion: str, gloss: str, lang: Lang) -> str:
    """What a term means on one line, in ``lang``: expansion, gloss, or both.

    ``en`` falls back to the Chinese where a sense has no gloss, and says so.

    >>> meaning("双区驱动", "the two zones", "both"), meaning("双区驱动", "", "en")
    ('双区驱动; the two zones', 'no English gloss: 双区驱动')
    """
    if lang == "zh":
        return expansion
    if lang == "en":
        return gloss or (f"{NO_GLOSS}: {expansion}" if expansion else NO_GLOSS)
    return f"{expansion}; {gloss}" if gloss else expansion


def one_line(text: str) -> str:
    """Join the lines of ``text`` with spaces, for places that promise a single line.

    >>> one_line(" 第一行\\n 第二行 ")
    '第一行 第二行'
    """
    return " ".join(text.split())


_CAVEAT = re.compile(
    r"sense of (?P<sense>[^;]+); (?:this text is about (?P<text>.+)|the text names no region)"
)


def caveat_line(caveat: str, script: Script, lang: Lang = "zh") -> str:
    """An annotation's region caveat as a note says it, in the note's language; "" for none.

    Only a text about another region gets it in prose: that a text names no region is
    kept in the data (JSON, the corpus tables), since every snippet would carry it.

    >>> caveat_line("sense of 深圳市罗湖区; this text is about 深圳市福田区", "simplified")
    '注意：释义为深圳市罗湖区的用法，本文所述为深圳市福田区'
    >>> caveat_line("sense of 深圳市罗湖区; this text is about 深圳市福田区", "taiwan", "en")
    'Note: sense of 深圳市罗湖区; this text is about 深圳市福田区'
    >>> caveat_line("sense of 深圳市; the text names no region", "simplified")
    ''
    """
    found = _CAVEAT.fullmatch(caveat)
    if not caveat or (found is not None and not found["text"]):
        return ""
    english = f"Note: {one_line(caveat)}"
    if lang == "en" or found is None:
        return english
    chinese = to_script(f"注意：释义为{found['sense']}的用法，本文所述为{found['text']}", script)
    return chinese if lang == "zh" else f"{chinese} / {english}"
