"""Arrays of code points for the long-text twins: the numpy basics every stage's ``long`` shares.

numpy costs 100 ms to import, so nothing imports this module (or any ``long*`` module)
until a long text arrives.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from glossary._normalise.text import Column

Codes = npt.NDArray[np.uint32]
Ints = npt.NDArray[np.int64]


#: Code points looked up at once by ``lookup``.
CHUNK = 1 << 16


_Table = TypeVar("_Table", bound=np.generic)


def lookup(table: npt.NDArray[_Table], codes: Codes) -> npt.NDArray[_Table]:
    """``table[codes]``, a third faster: ``np.take``, a chunk of code points at a time.

    ``np.take`` first copies its indices to 8-byte integers; over a whole 10 MB text that
    took peak memory from 6.6x to 9.1x the input, while a chunk costs 512 kB.
    """
    found = np.empty(len(codes), dtype=table.dtype)
    for start in range(0, len(codes), CHUNK):
        np.take(table, codes[start : start + CHUNK], out=found[start : start + CHUNK])
    return found


def codes_of(text: str) -> Codes:
    """The code points of ``text`` as an array (a view of one UTF-32 encoding)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def decode(codes: Codes) -> str:
    """The string of an array of code points."""
    # Straight from the array's buffer: tobytes() would copy 4 bytes per character first.
    return codecs.utf_32_le_decode(codes.data, "surrogatepass", True)[0]


def runs(mask: npt.NDArray[np.bool_]) -> tuple[Ints, Ints]:
    """(starts, ends) of the runs of True in ``mask``."""
    edges = np.flatnonzero(mask[1:] != mask[:-1]) + 1
    if len(mask) and mask[0]:
        edges = np.concatenate(([0], edges))
    if len(mask) and mask[-1]:
        edges = np.concatenate((edges, [len(mask)]))
    return edges[0::2], edges[1::2]


def as_ints(values: Column) -> Ints:
    """Offsets as an int64 array (no copy when they already are one)."""
    return np.asarray(values, dtype=np.int64)
