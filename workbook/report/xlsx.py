"""The whole workbook as an .xlsx file, one sheet per table, and back again without loss.

For people who live in spreadsheets. Text that Excel would run as a formula (starting with
=, +, -, @) is written as a text cell, so opening the file runs nothing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from .. import locales
from .._errors import InputError
from ..i18n import _
from ..importers._source import log

# The columns that hold the participant's money: shown in their currency, as their locale
# writes it.
MONEY = {("businesses", "amount"), ("referrals", "value"), ("transactions", "amount")}

# openpyxl is imported where it is used: it takes a tenth of a second, and every exercise
# notebook imports this package.


def export_xlsx(wb: Any, path: str | os.PathLike[str]) -> Path:
    """Write every table of the workbook to ``path``; return the path."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import TYPE_STRING

    # Written as it goes (write-only): a year of a busy account exports in about a second.
    book = openpyxl.Workbook(write_only=True)
    store = wb.store
    profile = wb.profile()
    money = locales.excel_money(profile.currency, profile.writes_in)
    for table in store.tables():
        sheet = book.create_sheet(table)
        names, rows = store.dump(table)
        sheet.append(names)
        amounts = {i for i, name in enumerate(names) if (table, name) in MONEY}
        for row in rows:
            cells: list[Any] = []
            for i, value in enumerate(row):
                if isinstance(value, str):
                    cell = WriteOnlyCell(sheet, value=_escaped(value))
                    cell.data_type = TYPE_STRING  # never a formula, whatever it starts with
                    cells.append(cell)
                elif i in amounts and value is not None:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = money  # shown as money, kept as the number it is
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)
    target = Path(path)
    book.save(target)
    return target


# XML turns a carriage return into a line feed, and refuses most other control characters:
# OOXML writes them as _xHHHH_ (as Excel does), and a literal "_x000D_" as "_x005F_x000D_".
_LITERAL = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _escaped(text: str) -> str:
    if "_" in text:
        text = _LITERAL.sub("_x005F_", text)
    return _CONTROL.sub(lambda found: f"_x{ord(found.group()):04X}_", text)


def _unescaped(text: str) -> str:
    return _ESCAPE.sub(lambda found: chr(int(found.group(1), 16)), text) if "_x" in text else text


def import_xlsx(path: str | os.PathLike[str], wb: Any) -> None:
    """Fill an empty workbook from a file made by ``export_xlsx`` (all or nothing)."""
    import openpyxl

    source = Path(path)
    if not source.is_file():
        raise InputError(_("{file}: there is no such file ({path}).").format(
            file=source.name, path=source))  # fmt: skip
    if not openpyxl.DEFUSEDXML:  # openpyxl would expand entities and fetch external ones
        raise InputError(
            _(
                "{file} was not opened: spreadsheets are read only with defusedxml, which is not "
                "installed (or OPENPYXL_DEFUSEDXML is set to False)."
            ).format(file=source.name)
        )
    store = wb.store
    try:
        content = _read_sheets(openpyxl, source, store)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - the participant gets words, the log the rest
        log.warning("%s could not be read as an xlsx export", source, exc_info=True)
        raise InputError(f"{source.name}: {_why_unreadable(exc)}") from None
    store.restore(content)


def _read_sheets(openpyxl: Any, source: Path, store: Any) -> dict[str, list[dict[str, Any]]]:
    book = openpyxl.load_workbook(source, read_only=True, data_only=False)
    content: dict[str, list[dict[str, Any]]] = {}
    for table in store.tables():
        if table not in book.sheetnames:
            raise InputError(
                _("{file} has no sheet named '{sheet}': it was not made by {command}.").format(
                    file=source.name, sheet=table, command="'workbook export xlsx'")
            )  # fmt: skip
        columns = {name: (kind, notnull) for name, kind, notnull in store.columns(table)}
        rows = book[table].iter_rows(values_only=True)
        header = [str(h) for h in next(rows, ())]
        unknown = [h for h in header if h not in columns]
        if unknown:
            raise InputError(
                _("Sheet '{sheet}' in {file} has columns this workbook does not know: "
                  "{columns}.").format(sheet=table, file=source.name, columns=", ".join(unknown))
            )  # fmt: skip
        content[table] = []
        for values in rows:
            if all(v is None for v in values):
                continue
            record = {}
            for name, value in zip(header, values, strict=False):
                kind, notnull = columns[name]
                if value is None and notnull and "TEXT" in kind:
                    value = ""  # an empty text cell comes back as nothing
                elif isinstance(value, str):
                    value = _unescaped(value)
                record[name] = value
            content[table].append(record)
    book.close()
    return content


def _why_unreadable(exc: Exception) -> str:
    """What went wrong, in words: openpyxl reads every XML part with defusedxml, which refuses
    entity declarations and external references instead of expanding or fetching them."""
    import zipfile

    causes, cause = [], exc
    while cause is not None and len(causes) < 10:  # openpyxl wraps what defusedxml raised
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(type(cause).__module__.startswith("defusedxml") for cause in causes):
        return _(
            "it holds XML that declares entities or points outside the file, which no "
            "spreadsheet export does. It was refused, and nothing was read from it."
        )
    if isinstance(exc, (zipfile.BadZipFile, KeyError, EOFError)):
        return _(
            "it is not an .xlsx workbook export (another kind of file, or a damaged one). "
            "Choose the file {command} made."
        ).format(command="'workbook export xlsx'")
    if isinstance(exc, MemoryError):
        return _("it needs more memory to open than this computer has.")
    return _("it could not be read as a workbook export: its content is damaged.")
