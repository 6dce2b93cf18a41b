"""Corpus runs: annotate a collection of documents on Dask into Parquet tables, and report.

A client of the library: it uses the public API of ``glossary`` alone. Installed with
the ``corpus`` extra (dask, distributed, pyarrow), which this package imports only when
a run or a report needs it, never at import: ``glossary`` and its commands stay free
of them (docs/commands/corpus.md).
"""

from glossary._corpus._run import Progress, Summary, run_corpus

__all__ = ["Progress", "Summary", "run_corpus"]
