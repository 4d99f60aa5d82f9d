"""The whole workbook as an .xlsx file, one sheet per table, and back again without loss.

For people who live in spreadsheets. Text that Excel would run as a formula (starting with
=, +, -, @) is written as a text cell, so opening the file runs nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .._errors import InputError

# openpyxl is imported where it is used: it takes a tenth of a second, and every exercise
# notebook imports this package.


def export_xlsx(wb: Any, path: str | os.PathLike[str]) -> Path:
    """Write every table of the workbook to ``path``; return the path."""
    import openpyxl
    from openpyxl.cell.cell import TYPE_STRING

    book = openpyxl.Workbook()
    book.remove(book.active)
    store = wb.store
    for table in store.tables():
        sheet = book.create_sheet(table)
        names, rows = store.dump(table)
        sheet.append(names)
        for row in rows:
            sheet.append([None] * len(names))
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=sheet.max_row, column=column)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = TYPE_STRING  # never a formula, whatever it starts with
    target = Path(path)
    book.save(target)
    return target


def import_xlsx(path: str | os.PathLike[str], wb: Any) -> None:
    """Fill an empty workbook from a file made by ``export_xlsx`` (all or nothing)."""
    import openpyxl

    source = Path(path)
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=False)
    except Exception as exc:  # not a zip, not a spreadsheet
        raise InputError(f"{source.name} is not an .xlsx workbook export ({exc}).") from exc
    store = wb.store
    content: dict[str, list[dict[str, Any]]] = {}
    for table in store.tables():
        if table not in book.sheetnames:
            raise InputError(
                f"{source.name} has no sheet named '{table}': it was not made by "
                "'workbook export xlsx'."
            )
        columns = {name: (kind, notnull) for name, kind, notnull in store.columns(table)}
        rows = book[table].iter_rows(values_only=True)
        header = [str(h) for h in next(rows, ())]
        unknown = [h for h in header if h not in columns]
        if unknown:
            raise InputError(
                f"Sheet '{table}' in {source.name} has columns this workbook does "
                f"not know: {', '.join(unknown)}."
            )
        content[table] = []
        for values in rows:
            if all(v is None for v in values):
                continue
            record = {}
            for name, value in zip(header, values, strict=False):
                kind, notnull = columns[name]
                if value is None and notnull and "TEXT" in kind:
                    value = ""  # an empty text cell comes back as nothing
                record[name] = value
            content[table].append(record)
    book.close()
    store.restore(content)
