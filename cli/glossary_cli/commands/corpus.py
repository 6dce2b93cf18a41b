"""``glossary corpus`` and ``glossary corpus-report``: a collection annotated on Dask, and
the page of what it uses.

The commands only: ``glossary._corpus`` runs the collection and writes the tables. Dask
and pyarrow come with the ``corpus`` extra and are imported by the run alone.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from glossary_cli.commands import add_parser
from glossary_cli.errors import UserError
from glossary_cli.exit_codes import Exit
from glossary_cli.io import IO, error, isatty, load_glossary

if TYPE_CHECKING:
    from glossary._corpus import Progress, Summary

CORPUS_EPILOG = """\
example:
  $ glossary corpus report.txt --out tables --workers 1
  1 document: 1 annotated, 0 already done, 0 unreadable

  glossary corpus reports/ --out tables
  glossary corpus reports/ --out tables --scheduler tcp://10.0.0.5:8786

Writes documents/, annotations/, counts/ and unexplained/ (Parquet) and counts.csv into
--out. A second run skips the documents whose content the tables hold; --redo starts again.
"""

REPORT_EPILOG = """\
example:
  $ glossary corpus-report tables
  wrote tables/report.html

The page is standalone: its style and its chart are inside it, nothing is fetched.
"""

#: The modules of the corpus extra: without them the commands say how to install it.
EXTRA = ("dask", "distributed", "pyarrow")
INSTALL = "pip install 'glossary[corpus]'"


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``corpus`` and ``corpus-report`` to the command line."""
    corpus = add_parser(
        subparsers,
        common,
        "corpus",
        "annotate a collection of documents on Dask into Parquet tables",
        CORPUS_EPILOG,
    )
    corpus.add_argument("paths", nargs="+", metavar="PATH", help="documents or directories")
    corpus.add_argument("--out", required=True, metavar="DIR", help="where the tables go")
    where = corpus.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="workers of the local cluster (default: one per core)",
    )
    where.add_argument(
        "--scheduler", metavar="ADDRESS", help="run on this Dask scheduler (tcp://host:8786)"
    )
    corpus.add_argument(
        "--redo", action="store_true", help="annotate every document again, done or not"
    )
    corpus.set_defaults(handler=run)
    report = add_parser(
        subparsers,
        common,
        "corpus-report",
        "write the HTML page of a corpus run's tables",
        REPORT_EPILOG,
    )
    report.add_argument("out", metavar="DIR", help="the --out of a corpus run")
    report.add_argument(
        "--output", metavar="FILE", help="where the page goes (default: DIR/report.html)"
    )
    report.set_defaults(handler=report_command)


def _positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1 (got {value!r})")
    return number


def run(args: argparse.Namespace, io: IO) -> int:
    """Annotate the collection; one line per unreadable document, a summary at the end."""
    glossary = load_glossary(args)
    bar = Bar(io)
    try:
        from glossary._corpus import run_corpus

        summary = run_corpus(
            args.paths,
            args.out,
            glossary=glossary,
            workers=args.workers,
            scheduler=args.scheduler,
            redo=args.redo,
            progress=bar.update,
        )
    except ModuleNotFoundError as exc:
        raise _missing_extra(exc) from None
    finally:
        bar.close()
    io.stdout.write(describe(summary) + "\n")
    if summary.annotated:
        io.stdout.write(
            f"{summary.annotations:,} annotations in {summary.seconds:.1f} s on "
            f"{summary.workers} worker{'s' if summary.workers != 1 else ''}; "
            f"tables in {args.out}\n"
        )
    return Exit.OK


def report_command(args: argparse.Namespace, io: IO) -> int:
    """Write the page and say where."""
    try:
        from glossary._corpus._html import write_report

        path = write_report(args.out, args.output)
    except ModuleNotFoundError as exc:
        raise _missing_extra(exc) from None
    io.stdout.write(f"wrote {path}\n")
    return Exit.OK


def _missing_extra(exc: ModuleNotFoundError) -> Exception:
    if (exc.name or "").split(".")[0] not in EXTRA:
        return exc
    return UserError(f"the corpus commands need {exc.name}: {INSTALL}", Exit.USAGE)


def describe(summary: Summary) -> str:
    """The first line of a run's summary.

    >>> from glossary._corpus import Summary
    >>> describe(Summary(documents=3, annotated=1, skipped=1, failed=1))
    '3 documents: 1 annotated, 1 already done, 1 unreadable'
    """
    plural = "" if summary.documents == 1 else "s"
    return (
        f"{summary.documents:,} document{plural}: {summary.annotated:,} annotated, "
        f"{summary.skipped:,} already done, {summary.failed:,} unreadable"
    )


class Bar:
    """A progress bar on stderr when it is a terminal; nothing otherwise but the errors.

    An unreadable document is reported on its own line as it comes, above the bar.
    """

    def __init__(self, io: IO) -> None:
        self._io = io
        self._live = isatty(io.stderr)
        self._shown = False

    def update(self, progress: Progress) -> None:
        """Show one document handled."""
        if progress.error is not None:
            self._clear()
            error(self._io, f"{progress.path}: {progress.error}")
        if self._live:
            import shutil  # its import costs every command's start-up 2 ms: a run pays it

            self._io.stderr.write("\r" + line(progress, shutil.get_terminal_size().columns))
            self._io.stderr.flush()
            self._shown = True

    def close(self) -> None:
        """Take the bar away, so that the summary starts on a clean line."""
        self._clear()

    def _clear(self) -> None:
        if self._shown:
            self._io.stderr.write("\r\x1b[K")
            self._shown = False


def line(progress: Progress, columns: int) -> str:
    """The bar for ``progress``, at most ``columns`` wide.

    >>> from glossary._corpus import Progress
    >>> line(Progress(5, 20, "a/b.txt", "annotated"), 40)
    '[#####---------------]  5/20 a/b.txt'
    """
    width = 20
    filled = width * progress.done // max(1, progress.total)
    digits = len(str(progress.total))
    text = (
        f"[{'#' * filled}{'-' * (width - filled)}] "
        f"{progress.done:>{digits}}/{progress.total} {progress.path}"
    )
    return text[: max(0, columns - 1)]
