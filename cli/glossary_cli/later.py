"""A value made in a background thread once started, waited for when first needed.

The terminal chat draws its prompt first and loads the glossary behind it, while the
user reads the greeting and types (``glossary_cli.repl``): the load and the imports it
needs take as long as prompt-toolkit's own start-up, and nobody types that fast.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar, cast

T = TypeVar("T")


class Later(Generic[T]):
    """``make()``, run in a thread by ``start`` (or inline by ``get`` if never started).

    >>> later = Later(lambda: 6 * 7)
    >>> later.peek() is None, later.get(), later.peek()
    (True, 42, 42)
    >>> Later.now("ready").get()
    'ready'
    """

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self._value: T | None = None
        self._error: BaseException | None = None

    @classmethod
    def now(cls, value: T) -> Later[T]:
        """A value already made."""
        later = cls(lambda: value)
        later._run()
        return later

    def start(self) -> None:
        """Begin making the value in a daemon thread; a second call does nothing."""
        if self._thread is None and not self._done.is_set():
            self._thread = threading.Thread(target=self._run, name="glossary-later", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._make()
        except BaseException as exc:  # handed to the caller of ``get``, in its thread
            self._error = exc
        finally:
            self._done.set()

    def peek(self) -> T | None:
        """The value if it is made (and making it did not fail); None otherwise. Never waits."""
        return self._value if self._done.is_set() and self._error is None else None

    def get(self) -> T:
        """The value, waiting for it (or making it here, if never started).

        Raises what making it raised.
        """
        if self._thread is None and not self._done.is_set():
            self._run()
        self._done.wait()
        if self._error is not None:
            raise self._error
        return cast(T, self._value)

    def join(self) -> None:
        """Wait for the thread, if one was started; never raises what ``make`` raised."""
        if self._thread is not None:
            self._thread.join()
