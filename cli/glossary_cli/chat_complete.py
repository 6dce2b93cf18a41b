"""Completion of a chat line: the slash commands, their arguments, or glossary terms."""

from __future__ import annotations

from glossary_cli.chat import COMMANDS, ChatState, find_command
from glossary_cli.complete import Suggestion, complete_term


def complete_line(before: str, state: ChatState) -> list[Suggestion]:
    """Completions for the text before the cursor: commands, their arguments, or terms."""
    if not before.startswith("/"):
        return complete_term(before, state.glossary)
    name, space, argument = before[1:].partition(" ")
    if not space:
        return [
            Suggestion(f"/{c.name}", len(before), c.summary)
            for c in COMMANDS.values()
            if c.name.startswith(name.lower())
        ]
    cmd = find_command(name.lower())
    if cmd is None or cmd.arguments is None:
        return []
    if cmd.name == "source":
        return complete_term(argument, state.glossary) if argument else []
    typed = argument.lstrip()
    values = cmd.arguments(state)
    # Prefixes first; then containment, since a region is typed by its last part (罗湖).
    ranked = [v for v in values if v[0].startswith(typed)]
    ranked += [v for v in values if typed and typed in v[0] and v not in ranked]
    return [Suggestion(value, len(typed), note) for value, note in ranked]
