"""The chat's handlers: a line the user typed, and the state, in; a reply out.

Pure functions with no terminal: the REPL (``repl``) and the pipe mode print what they
return. ``respond`` decides what a line is:

- a slash command (``/help``, ``/region 罗湖``...), run from the ``COMMANDS`` registry;
- a term (``1+1+10+N``, ``雙區驅動``, ``“20+8”``): the entry, its senses and relatives;
- a question about a term (``什么是双区驱动``): its frame is peeled off (``questions``),
  and failing that the terms ``explain()`` finds in the question are answered;
- a passage (several lines, or a long line that asks nothing): annotated in the chosen
  style and followed by the list of terms found;
- anything else: the nearest terms by ``search()``, never a bare "not found".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from glossary import SearchHit
from glossary_cli import answers, questions
from glossary_cli.chat_lang import choose_lang, lang_arguments
from glossary_cli.chat_save import plain_arguments, plain_command, save
from glossary_cli.chat_state import ChatState as ChatState  # re-exported: the chat's API
from glossary_cli.chat_state import Reply as Reply
from glossary_cli.chat_state import finish, say
from glossary_cli.complete import by_pinyin, meta
from glossary_cli.layout import Line
from glossary_cli.regions import choose_region, regions

if TYPE_CHECKING:
    from glossary import Entry, Glossary

_SUGGESTIONS = 5
#: The longest text searched for the nearest terms. Search compares the text with every
#: entry, and the two-character parts of an unknown phrase search once each: over a long
#: line that is seconds per megabyte, to find nothing a reader would want.
_SEARCHED = 200
_HAN = re.compile(r"[\u3400-\u9fff]")
_CLEAR = ("-", "none", "off", "clear", "all")


def respond(line: str, state: ChatState) -> Reply:
    """Answer one line of the conversation.

    >>> from glossary import Glossary
    >>> reply = respond("双区驱动是啥？", ChatState(Glossary.default()))
    >>> reply.kind, [e.term for e in reply.entries]
    ('term', ['双区驱动'])
    """
    return finish(_answer(line, state))


def _answer(line: str, state: ChatState) -> Reply:
    """The reply to one line, before ``finish`` (``/plain``, the last answer)."""
    text = line.strip()
    if not text:
        return Reply("nothing", (), state)
    if text.startswith("/") and "\n" not in text:
        return run_command(text, state)
    if "\n" in text:
        return annotate(text, state)
    for candidate in questions.candidates(text):
        found = state.glossary.lookup(candidate)
        if found:
            return term_reply(found, state, text)
    explanation = state.glossary.explain(text, region=state.region or None)
    if explanation and questions.is_question(text):
        entries = {a.entry.id: a.entry for a in explanation}
        return term_reply(tuple(entries.values()), state, text)
    if explanation:
        return annotate(text, state)
    spelt = by_pinyin(state.glossary, text)
    if len(spelt) == 1:  # sqqd, shuangququdong: one entry spelt so
        return term_reply(spelt, state, text)
    if questions.is_prose(text):
        return no_terms(text, state)
    return suggest(questions.term_of(text) or text, state)


def _convert(text: str) -> answers.Convert:
    """Answer in the script the user writes: 雙區驅動 gets a Traditional answer."""
    from glossary._normalise.script import detect_script

    return answers.converter(detect_script(text))


def term_reply(entries: Sequence[Entry], state: ChatState, asked: str) -> Reply:
    """Describe entries (the region's first), separated by blank lines."""
    tr = _convert(asked)
    ordered = answers.ordered_entries(entries, state.region)
    lines: list[Line] = []
    for entry in ordered:
        if lines:
            lines.append(Line.of(""))
        lines += answers.entry_lines(
            entry, state.glossary, region=state.region, tr=tr, lang=state.lang
        )
    return Reply("term", tuple(lines), state, ordered)


def annotate(text: str, state: ChatState) -> Reply:
    """Annotate a passage in the state's style and list the terms found in it."""
    explanation = state.glossary.explain(text, region=state.region or None)
    tr = answers.converter(explanation.script)
    lines = answers.passage_lines(explanation, state.style, state.lang)
    if state.style != "json":  # JSON holds both lists itself
        lines += [Line.of(""), *answers.found_lines(explanation, tr, state.lang)]
        lines += answers.unexplained_lines(explanation, tr)
    entries = tuple({a.entry.id: a.entry for a in explanation}.values())
    return Reply("passage", tuple(lines), state, entries)


def nearest(query: str, glossary: Glossary) -> tuple[SearchHit, ...]:
    """The entries nearest to ``query``; failing that, pinyin spellings or two-character parts.

    A question about an unknown phrase (数字政府建设) may still share a word with
    known terms, which is a better answer than none. A text longer than ``_SEARCHED``
    is near nothing.
    """
    if len(query) > _SEARCHED:
        return ()
    hits = glossary.search(query, limit=_SUGGESTIONS)
    if not hits and query.isascii():  # perhaps pinyin: sq, shuangqu
        spelt = by_pinyin(glossary, query)[:_SUGGESTIONS]
        return tuple(SearchHit(entry, 0.0, "pinyin") for entry in spelt)
    if hits or len(query) < 3 or not _HAN.search(query):
        return hits  # Latin letter pairs would match English glosses at random
    pooled: dict[str, SearchHit] = {}
    for start in range(len(query) - 1):
        for hit in glossary.search(query[start : start + 2], limit=_SUGGESTIONS):
            kept = pooled.get(hit.entry.id)
            if kept is None or hit.score > kept.score:
                pooled[hit.entry.id] = hit
    ranked = sorted(pooled.values(), key=lambda h: (-h.score, len(h.entry.term), h.entry.id))
    return tuple(ranked[:_SUGGESTIONS])


def suggest(query: str, state: ChatState) -> Reply:
    """Offer the nearest terms for a query the glossary does not know."""
    query = questions.unquoted(query)  # 「二十加八」 is named as “二十加八”, not “「二十加八」”
    hits = nearest(query, state.glossary)
    lines = answers.suggestion_lines(query, hits, _convert(query))
    return Reply("suggestions", tuple(lines), state, tuple(h.entry for h in hits))


def no_terms(sentence: str, state: ChatState) -> Reply:
    """Say that a sentence holds no term; offer terms only if search finds it close to one.

    Unlike ``suggest``, no two-character parts: a sentence shares some with many terms.
    """
    hits = state.glossary.search(sentence, limit=_SUGGESTIONS) if len(sentence) <= _SEARCHED else ()
    lines = answers.no_term_lines(sentence, hits, _convert(sentence))
    return Reply("suggestions", tuple(lines), state, tuple(h.entry for h in hits))


# --- slash commands ---------------------------------------------------------------------

Handler = Callable[[str, ChatState], Reply]
Arguments = Callable[[ChatState], Sequence[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class Command:
    """A slash command: its name, how it is called, what it does and its handler."""

    name: str
    usage: str
    summary: str
    handler: Handler
    arguments: Arguments | None = None  # completions of its argument: (value, meta)
    aliases: tuple[str, ...] = ()


COMMANDS: dict[str, Command] = {}


def command(
    name: str,
    usage: str,
    summary: str,
    *,
    arguments: Arguments | None = None,
    aliases: tuple[str, ...] = (),
) -> Callable[[Handler], Handler]:
    """Register a slash command; ``/help`` lists the registry in registration order."""

    def register(handler: Handler) -> Handler:
        COMMANDS[name] = Command(name, usage, summary, handler, arguments, aliases)
        return handler

    return register


def find_command(name: str) -> Command | None:
    """The command called ``name`` or one of its aliases."""
    for cmd in COMMANDS.values():
        if name == cmd.name or name in cmd.aliases:
            return cmd
    return None


def run_command(text: str, state: ChatState) -> Reply:
    """Run ``/name argument``; an unknown name gets the list of commands."""
    name, _, argument = text[1:].partition(" ")
    cmd = find_command(name.strip().lower())
    if cmd is None:
        close = [f"/{c}" for c in COMMANDS if c != "help" and c.startswith(name[:1].lower())]
        if close:
            return say(state, f"No command /{name}. Try {', '.join(close)}, or /help.")
        every = [f"/{c}" for c in COMMANDS]
        return say(state, f"No command /{name}. Try {', '.join(every[:-1])} or {every[-1]}.")
    return cmd.handler(argument.strip(), state)


@command("help", "/help", "show this help", aliases=("h", "?"))
def _help(argument: str, state: ChatState) -> Reply:
    lines = [
        Line.of("Type a term (1+1+10+N, 雙區驅動) or ask about one (什么是双区驱动？)."),
        Line.of("Paste a passage or a whole report to have its terms explained in place."),
        Line.of("Tab completes terms, also by pinyin initials (sqqd → 双区驱动)."),
        Line.of(("meta", f"The glossary holds {len(state.glossary)} terms.")),
        Line.of(""),
    ]
    for cmd in COMMANDS.values():
        lines.append(Line.of(("term", f"{cmd.usage:<18}"), cmd.summary, indent=2, hang=20))
    lines.append(Line.of(""))
    lines.append(Line.of(("hint", "Ctrl-C clears the line; Ctrl-D or /quit leaves.")))
    return Reply("command", tuple(lines), state)


def _region_arguments(state: ChatState) -> list[tuple[str, str]]:
    return [(r, f"{n} senses") for r, n in regions(state.glossary).items()] + [("-", "no region")]


@command(
    "region",
    "/region [R]",
    "show or set the region whose senses come first (- for none)",
    arguments=_region_arguments,
)
def _region(argument: str, state: ChatState) -> Reply:
    known = regions(state.glossary)
    if not argument:
        current = state.region or "none (the broadest sense, or the text's own cues)"
        return say(
            state,
            f"Region: {current}.",
            f"Known: {'、'.join(known)}.",
            hint="/region 罗湖 sets it.",
        )
    if argument.lower() in _CLEAR:
        return say(replace(state, region=""), "Region cleared.")
    chosen = choose_region(argument, state.glossary)
    if isinstance(chosen, str):
        return say(replace(state, region=chosen), f"Region set to {chosen}.")
    if chosen.matches:
        return say(
            state, f"“{argument}” could be {'、'.join(chosen.matches)}.", hint="Say which one."
        )
    return say(state, f"No region “{argument}” in the glossary.", f"Known: {'、'.join(known)}.")


def _style_arguments(state: ChatState) -> list[tuple[str, str]]:
    from glossary import STYLES

    return [(s, "current" if s == state.style else "") for s in STYLES]


@command(
    "format",
    "/format [style]",
    "show or set how pasted passages come back: inline, footnotes, markdown, html, json",
    arguments=_style_arguments,
)
def _format(argument: str, state: ChatState) -> Reply:
    from glossary import STYLES

    if not argument:
        return say(state, f"Format: {state.style}.", f"Styles: {', '.join(STYLES)}.")
    for style in STYLES:
        if style == argument.lower():
            return say(replace(state, style=style), f"Pasted passages now come back as {style}.")
    return say(state, f"No format “{argument}”.", f"Styles: {', '.join(STYLES)}.")


@command("lang", "/lang [L]", "show or set the language: zh, en or both", arguments=lang_arguments)
def _lang(argument: str, state: ChatState) -> Reply:
    lang, said = choose_lang(argument, state.lang)
    return say(replace(state, lang=lang), *said)


def _term_arguments(state: ChatState) -> list[tuple[str, str]]:
    return [(e.term, meta(e)) for e in state.glossary]


@command(
    "source",
    "/source TERM",
    "say where a term's senses come from and which file defines it",
    arguments=_term_arguments,
)
def _source(argument: str, state: ChatState) -> Reply:
    if not argument:
        return say(state, "Which term? /source 双区驱动, for example.")
    found: tuple[Entry, ...] = ()
    for candidate in questions.candidates(argument):
        found = state.glossary.lookup(candidate)
        if found:
            break
    if not found:
        return suggest(argument, state)
    lines: list[Line] = []
    for entry in answers.ordered_entries(found, state.region):
        lines.append(Line.of(("term", entry.term), "  ", ("meta", f"id {entry.id}")))
        lines.append(Line.of(("label", "file: "), answers.shown_path(entry.origin_file), indent=2))
        for number, sense in enumerate(answers.ordered_senses(entry, state.region), 1):
            lines.append(Line.of(("label", f"sense {number}: "), sense.expansion, indent=2, hang=4))
            lines.append(Line.of(answers.source_text(sense), indent=4, hang=6))
            if sense.source is not None and sense.source.url:
                lines.append(Line.of(sense.source.url, indent=4, hang=4))
    return Reply("command", tuple(lines), state, tuple(found))


def _kind_arguments(state: ChatState) -> list[tuple[str, str]]:
    from glossary import KINDS

    counts = {k: sum(1 for e in state.glossary if e.kind == k) for k in KINDS}
    return [(k, f"{n} terms") for k, n in counts.items() if n]


@command(
    "list",
    "/list [kind]",
    "list the terms, all by kind or those of one kind (slogan, numeric-formula...)",
    arguments=_kind_arguments,
)
def _list(argument: str, state: ChatState) -> Reply:
    from glossary import KINDS

    if argument and argument not in KINDS:
        return say(state, f"No kind “{argument}”.", f"Kinds: {', '.join(KINDS)}.")
    entries = sorted(state.glossary, key=lambda e: (e.kind, e.term))
    lines: list[Line] = []
    if argument:
        for entry in (e for e in entries if e.kind == argument):
            lines.append(Line.of(("term", entry.term), "  ", meta(entry), indent=2, hang=4))
        return Reply("command", tuple(lines), state)
    for kind in KINDS:
        terms = [e.term for e in entries if e.kind == kind]
        if terms:  # one per line: a term may hold any separator (保健康、防重症)
            lines.append(Line.of(("meta", f"{kind} ({len(terms)})")))
            lines += [Line.of(("term", term), indent=2, hang=4) for term in terms]
    lines.append(Line.of(("hint", "/list KIND shows one kind with its expansions.")))
    return Reply("command", tuple(lines), state)


command("save", "/save FILE", "write the last answer to FILE, as plain text")(save)
command(
    "plain",
    "/plain [on|off]",
    "leave out (on) or keep the invisible U+2060 marks around added notes",
    arguments=plain_arguments,
)(plain_command)


@command("quit", "/quit", "leave (Ctrl-D does too)", aliases=("exit", "q"))
def _quit(argument: str, state: ChatState) -> Reply:
    return Reply("command", (), state, quit=True)
