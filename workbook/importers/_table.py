"""CSV exports with whatever comes before the headings: find the heading row by what it says
(never a fixed number of lines to skip), then read the rows under it as text."""

from __future__ import annotations

import codecs
import csv
import io
import warnings as warnings_module
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd
from pandas.errors import ParserError, ParserWarning

from ..i18n import N_, _, ngettext
from ._source import Source, log

_UNREADABLE = N_(
    "its rows could not be split into columns (a quote mark left open, or a cell broken "
    "across lines). Export the file again."
)

T = TypeVar("T")
DELIMITERS = (",", ";", "\t", "|")
# Heading rows are looked for among the first lines only: preambles are short.
HEADER_SEARCH_LINES = 60
HEADER_SEARCH_BYTES = 256 * 1024
# No export has this many columns (Google's widest has about a hundred): a line with more
# delimiters is not a heading row, and is not worth the time of reading as one.
MAX_HEADINGS = 500


def clean_heading(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').split()).lower()


@dataclass
class Table:
    rows: pd.DataFrame  # every cell as text, headings as printed
    headings: list[str]
    first_line: int  # the file's line number of the first row under the headings
    warnings: list[str] = field(default_factory=list)


def find_heading(
    text: str, recognise: Callable[[list[str]], T | None]
) -> tuple[int, str, list[str], T] | None:
    """(offset of the heading line, delimiter, its cells, what ``recognise`` made of them)."""
    offset = 0
    # Only the start of the file is searched (and copied): the headings are near the top.
    for number, line in enumerate(io.StringIO(text[:HEADER_SEARCH_BYTES], newline="")):
        if number >= HEADER_SEARCH_LINES:
            break
        if line.strip():
            for delimiter in DELIMITERS:
                if delimiter not in line or line.count(delimiter) > MAX_HEADINGS:
                    continue
                cells = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), [])
                found = recognise([clean_heading(c) for c in cells])
                if found is not None:
                    return offset, delimiter, cells, found
        offset += len(line)
    return None


def first_lines(text: str, count: int = 3) -> list[str]:
    lines = []
    for line in io.StringIO(text[: 64 * 1024]):
        if line.strip():
            lines.append(line.strip()[:120])
        if len(lines) == count:
            break
    return lines


def read_rows(
    src: Source,
    text: str,
    offset: int,
    delimiter: str,
    *,
    header: bool = True,
    numbers: int | None = None,
) -> Table:
    """The rows from ``offset`` on, all as text. Rows with more cells than headings (beyond a
    trailing empty one, as Chase writes) are left out and listed; blank rows are dropped.

    ``numbers``: the position of a column that is likely plain numbers (an amount column). It is
    read as floats when every cell in it is one (the C reader converts them far faster than
    anything after it); else, as the other columns, as text.
    """
    first_line = text.count("\n", 0, offset) + (2 if header else 1)
    bom = 3 if src.data.startswith(codecs.BOM_UTF8) else 0
    if len(text.encode("utf-8", "surrogatepass")) == len(src.data) - bom:
        # The file is UTF-8: pandas reads its bytes directly, faster than from a string.
        start = bom + len(text[:offset].encode("utf-8", "surrogatepass"))
        body: Any = src.data[start:]
        opened: Callable[[], Any] = lambda: io.BytesIO(body)  # noqa: E731
    else:
        body = text[offset:]
        opened = lambda: io.StringIO(body)  # noqa: E731
    options = dict(
        sep=delimiter,
        header=0 if header else None,
        dtype=object,
        encoding="utf-8",
        keep_default_na=False,
        na_filter=False,
        index_col=False,
        skip_blank_lines=True,
    )
    warnings: list[str] = []
    try:
        with warnings_module.catch_warnings():
            # Chase ends every row with a comma: index_col=False is how pandas is told so.
            warnings_module.simplefilter("ignore", ParserWarning)
            rows = _numbers_read(opened, options, numbers, delimiter)
            if rows is None:
                rows = pd.read_csv(opened(), **options)
    except ParserError:
        extra: list[list[str]] = []

        def keep_aside(cells: list[str]) -> None:
            extra.append(cells)
            return None

        try:
            rows = pd.read_csv(opened(), engine="python", on_bad_lines=keep_aside, **options)
            # The C reader gives a short row's missing cells as "", this one as None.
            rows = rows.fillna("")
        except (ParserError, csv.Error):
            log.warning("%s: rows could not be split", src.name, exc_info=True)
            raise src.fail(_(_UNREADABLE)) from None
        for cells in extra[:5]:
            warnings.append(
                _("Left out a row with more columns than the headings: {row}").format(
                    row=delimiter.join(cells)[:100]
                )
            )
        if len(extra) > 5:
            more = len(extra) - 5
            warnings.append(
                ngettext("... and {n} more row like it.", "... and {n} more rows like it.", more)
                .format(n=more)
            )  # fmt: skip
    except (csv.Error, UnicodeError, pd.errors.EmptyDataError):
        log.warning("%s: rows could not be split", src.name, exc_info=True)
        raise src.fail(_(_UNREADABLE)) from None
    rows.columns = [str(c) for c in rows.columns]
    headings = list(rows.columns)
    return Table(rows, headings, first_line, warnings)


def _numbers_read(
    opened: Callable[[], Any], options: dict[str, Any], numbers: int | None, delimiter: str
) -> pd.DataFrame | None:
    """The rows with column ``numbers`` as floats, or None when a cell in it is not a plain
    number (a currency sign, a decimal comma, a blank): then every column is read as text."""
    if numbers is None:
        return None
    head = opened().readline()
    width = len(head.split(delimiter.encode() if isinstance(head, bytes) else delimiter)) + 1
    # One more than the headings: Chase ends its rows with a comma. Text as str, which the
    # object columns would become anyway beside a float one, one pass sooner (about 10% of
    # the read).
    types: dict[int, Any] = dict.fromkeys(range(width), str) | {numbers: "float64"}
    try:
        return pd.read_csv(opened(), **(options | {"dtype": types}))
    except (ValueError, TypeError, IndexError):  # IndexError: no rows under the headings
        return None


def drop_empty_and_repeated(table: Table) -> Table:
    """Rows of only commas and repeated heading rows are left out, and said so."""
    rows = table.rows
    if rows.empty:
        return table
    # Exact comparisons run in C. Only rows whose first cell is empty (or is the first
    # heading) can be empty (or a repeated heading row): the other columns are checked for those.
    first = rows.columns[0]
    cells = rows[first].to_numpy()
    if cells.dtype != object:  # read as numbers: neither blank nor a heading anywhere
        return table
    # numpy compares the cells about three times as fast as a Series comparison.
    empty = cells == ""
    repeated = cells == first
    if empty.any():
        some = rows[empty]
        empty[empty] = (some == "").all(axis=1).to_numpy()
    if repeated.any():
        some = rows[repeated]
        headings = pd.Series(list(rows.columns), index=rows.columns)
        repeated[repeated] = (some == headings).all(axis=1).to_numpy()
    if empty.any():
        n = int(empty.sum())
        table.warnings.append(
            ngettext("Left out {n} empty row.", "Left out {n} empty rows.", n).format(n=n)
        )
    if repeated.any():
        n = int(repeated.sum())
        table.warnings.append(
            ngettext(
                "Left out {n} repeated heading row.", "Left out {n} repeated heading rows.", n
            ).format(n=n)
        )
    dropped = empty | repeated
    if dropped.any():  # else the rows stay as they are, not copied
        table.rows = rows[~dropped]
    return table


def line_of(table: Table, index: int) -> int:
    return table.first_line + int(index)
