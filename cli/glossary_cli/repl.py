"""The chat's terminal front end: a prompt-toolkit session around ``chat.respond``.

Only this module imports prompt-toolkit, and only the chat command imports this module,
so other commands start without paying for it. Everything the chat says comes from
``chat``; this module adds the prompt, the persistent history with grey suggestions
from it (Right arrow takes one), completion with each term's expansion beside it, the
pager for answers taller than the terminal (``pager``), and the keys: Enter on a
highlighted completion takes it (a second Enter sends the line), Ctrl-C clears the
line, Ctrl-D leaves, Esc Enter starts a new line, and a bracketed paste of several
lines stays one input.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.filters import completion_is_selected
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

from glossary_cli.chat_state import ChatState
from glossary_cli.exit_codes import Exit
from glossary_cli.later import Later
from glossary_cli.layout import Line, render
from glossary_cli.pager import page, taller
from glossary_cli.visible import visible

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

#: Inputs longer than this (pasted reports) are answered but not kept in the history:
#: recalling a whole report with the Up key helps nobody and bloats the file.
HISTORY_LIMIT = 1000
COLUMNS = 80


def history_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the chat history lives: $GLOSSARY_HISTORY, else the user's data directory.

    That is ``$XDG_DATA_HOME/glossary``, else the platform's (``glossary._load.userdirs``).

    >>> history_path({"GLOSSARY_HISTORY": "/tmp/h"}).as_posix()
    '/tmp/h'
    >>> history_path({"XDG_DATA_HOME": "/data", "HOME": "/home/u"}).as_posix()
    '/data/glossary/history'
    """
    from glossary._load.userdirs import user_dir

    env = os.environ if environ is None else environ
    explicit = env.get("GLOSSARY_HISTORY")
    if explicit:
        return Path(explicit).expanduser()
    data = user_dir("data", env)
    return Path(os.devnull) if data is None else data / "history"  # no home: this session's


class _QueryHistory(FileHistory):
    """A file history that keeps queries and leaves pasted reports out."""

    def store_string(self, string: str) -> None:
        if len(string) <= HISTORY_LIMIT:
            super().store_string(string)


def open_history(path: Path, warn: Callable[[str], None]) -> History:
    """The history file at ``path`` (its directory created), or memory if it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
    except OSError as exc:
        warn(f"cannot keep the chat history in {path} ({exc.strerror}); it lasts this session")
        return InMemoryHistory()
    return _QueryHistory(str(path))


class TermCompleter(Completer):
    """Completes commands and terms, each shown with its one-line expansion."""

    def __init__(self, state: Callable[[], ChatState | None]) -> None:
        self.state = state  # None while the glossary is still loading: nothing to offer

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterable[Completion]:
        from glossary_cli.chat_complete import complete_line

        state = self.state()
        if state is None:
            return
        for suggestion in complete_line(document.text_before_cursor, state):
            # prompt-toolkit shows C0 and C1 controls as ^[ and <9b>, but not bidi overrides.
            yield Completion(
                suggestion.text,
                start_position=-suggestion.length,
                display=visible(suggestion.text),
                display_meta=visible(suggestion.meta),
            )


def key_bindings() -> KeyBindings:
    """Tab completes, Enter takes a highlighted completion, Ctrl-C clears the line instead
    of leaving, Esc Enter breaks the line."""
    bindings = KeyBindings()

    @bindings.add("enter", filter=completion_is_selected)
    def _accept(event: KeyPressEvent) -> None:
        # As in pgcli and ptpython: Enter on a highlighted completion takes it and closes
        # the menu; the line is sent by the next Enter, once the user has seen it.
        buffer = event.current_buffer
        if buffer.complete_state is not None and buffer.complete_state.current_completion:
            buffer.apply_completion(buffer.complete_state.current_completion)

    @bindings.add("c-c")
    def _clear(event: KeyPressEvent) -> None:
        event.current_buffer.reset()

    @bindings.add("tab")
    def _complete(event: KeyPressEvent) -> None:
        # Insert the best completion at once (prompt-toolkit's Tab only opens the menu
        # when the completion changes what was typed, as sqqd -> 双区驱动 does).
        buffer = event.current_buffer
        if buffer.complete_state:
            buffer.complete_next()
        else:
            buffer.start_completion(select_first=True)

    @bindings.add("escape", "enter")
    def _newline(event: KeyPressEvent) -> None:
        event.current_buffer.insert_text("\n")

    return bindings


def prompt_text(state: ChatState | None) -> str:
    """The prompt, naming the region when one is set (None: the chat is still loading).

    >>> from glossary import Glossary
    >>> prompt_text(ChatState(Glossary(()), region="深圳市罗湖区")), prompt_text(None)
    ('glossary 深圳市罗湖区> ', 'glossary> ')
    """
    return f"glossary {visible(state.region)}> " if state and state.region else "glossary> "


def banner() -> tuple[Line, ...]:
    """What the chat says first, laid out (and wrapped) as answers are."""
    return (
        Line.of("glossary chat: type a term or a question, or paste a passage."),
        Line.of(("hint", "/help lists the commands; Ctrl-D leaves.")),
        Line.of(""),
    )


def run_repl(
    state: ChatState | Later[ChatState],
    *,
    out: TextIO,
    history: History,
    colour: bool,
    input: Input | None = None,
    output: Output | None = None,
    pager: Callable[[], Sequence[str] | None] | None = None,
) -> int:
    """Converse until Ctrl-D or /quit; answers go to ``out``. Returns the exit code.

    ``state`` may still be to make (a ``Later``, not started: the glossary to load). It
    is made, and the handlers are imported, once the first prompt is drawn, while the
    user reads and types: the prompt waits for neither, the first answer for both. What
    making it raises comes out of the first answer.
    An answer taller than the terminal goes through the pager ``pager()`` names (the
    arguments of a command: ``pager.pager_command``), asked at the first such answer,
    when there is one and it runs.
    """
    loading = state if isinstance(state, Later) else Later.now(state)
    ready = Later(lambda: _prepared(loading))
    current: list[ChatState | None] = [loading.peek()]
    session: PromptSession[str] = PromptSession(
        history=history,
        completer=TermCompleter(lambda: current[0] or ready.peek()),
        complete_while_typing=True,
        auto_suggest=AutoSuggestFromHistory(),
        key_bindings=key_bindings(),
        input=input,
        output=output,
    )
    session.app.after_render += lambda _: ready.start()
    size = session.output.get_size()
    out.write(render(banner(), min(COLUMNS, size.columns), colour=colour))
    out.flush()
    try:
        while True:
            try:
                line = session.prompt(prompt_text(current[0]))
            except EOFError:
                break
            except KeyboardInterrupt:  # a Ctrl-C the binding did not see (before the app ran)
                continue
            from glossary_cli.chat import respond

            reply = respond(line, current[0] or ready.get())
            current[0] = reply.state
            if reply.lines:
                _show(
                    render(reply.lines, _columns(session), colour=colour) + "\n",
                    session,
                    out,
                    pager,
                )
            if reply.quit:
                break
    finally:
        ready.join()  # a load or an import cut short at exit could fail noisily
    return Exit.OK


def _prepared(loading: Later[ChatState]) -> ChatState:
    """The state, made here (in the background), and the handlers imported."""
    import glossary_cli.chat
    import glossary_cli.chat_complete  # noqa: F401

    return loading.get()


def _columns(session: PromptSession[str]) -> int:
    return min(COLUMNS, session.output.get_size().columns)


def _show(
    text: str,
    session: PromptSession[str],
    out: TextIO,
    pager: Callable[[], Sequence[str] | None] | None,
) -> None:
    """Print an answer, or page it when it is taller than the terminal and a pager runs."""
    paged = pager is not None and taller(text, session.output.get_size().rows)
    command = pager() if paged and pager is not None else None
    if not (command and page(text, command, out)):
        out.write(text)
        out.flush()
