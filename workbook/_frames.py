"""Small tables row by row, without pandas' cost per call.

``itertuples`` and ``to_dict("records")`` pay for every column on every call; on the
workbook's tables of a few dozen rows that cost is most of the time. These read each column
once as a Python list (native values, as ``to_dict`` gives: str, int, float, NaN, Timestamp).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd


def columns(table: pd.DataFrame, *names: str) -> list[list[Any]]:
    """The named columns as Python lists."""
    return [table[name].tolist() for name in names]


def rows(table: pd.DataFrame, *names: str) -> Iterator[tuple[Any, ...]]:
    """The named columns, row by row, as tuples."""
    return zip(*columns(table, *names), strict=True)


def records(table: pd.DataFrame, *names: str) -> list[dict[str, Any]]:
    """The named columns, row by row, as dicts (``to_dict("records")`` of those columns)."""
    return [dict(zip(names, row, strict=True)) for row in rows(table, *names)]


def given(value: Any) -> bool:
    """A stored text that is there: not NULL, which pandas reads as None in a column with no
    text at all and as NaN (which counts as true) beside texts, and not empty."""
    return isinstance(value, str) and value != ""
