"""Removing rows so that they can be brought back: each removal keeps the row and every row
the schema deletes with it (ON DELETE CASCADE), and ``undo`` puts them all back, ids and all.
Part of ``Store``; only the store's modules touch SQLite."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._errors import InputError
from ._schema import KEPT_REMOVALS
from ._sql import check_name as _check_name
from ._sql import insert as _insert
from .i18n import _


class RemovalOperations:
    _con: sqlite3.Connection

    if TYPE_CHECKING:  # provided by Store

        def transaction(self, *tables: str) -> Any: ...

        def _reading(self, table: str) -> None: ...

        def _changed(self, table: str) -> None: ...

    def delete(self, table: str, row_id: int, label: str = "") -> int:
        """Remove a row and every row that hangs on it (deleted with it by the schema), in one
        transaction, keeping them all so ``undo`` can bring them back. Returns the removal's id
        (0: the row was not there)."""
        _check_name(table)
        with self.transaction() as con:
            taken = _with_dependants(con, table, row_id)
            if not taken:
                return 0
            con.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
            removal = _insert(con, "removals", {"label": label, "content": json.dumps(taken)})
            con.execute(
                "DELETE FROM removals WHERE id <= ?", (removal - KEPT_REMOVALS,)
            )  # the oldest are let go of
        for name in dict.fromkeys(t for t, _values in taken):
            self._changed(name)
        return removal

    def dependants(self, table: str, row_id: int) -> dict[str, list[dict[str, Any]]]:
        """The rows that would go with this one if it were removed, by table (not itself)."""
        _check_name(table)
        found: dict[str, list[dict[str, Any]]] = {}
        for name, values in _with_dependants(self._con, table, row_id)[1:]:
            self._reading(name)
            found.setdefault(name, []).append(values)
        return found

    def removals(self) -> pd.DataFrame:
        """What can be undone, newest first: id, label, created_at."""
        return pd.read_sql_query(
            "SELECT id, label, created_at FROM removals ORDER BY id DESC", self._con
        )

    def undo(self, removal_id: int) -> str:
        """Bring back a removal: the row and everything that went with it, with their ids.
        Returns its label."""
        with self.transaction() as con:
            found = con.execute(
                "SELECT label, content FROM removals WHERE id = ?", (int(removal_id),)
            ).fetchone()
            if found is None:
                raise InputError(_("That removal was already undone."))
            label, content = found
            taken = json.loads(content)
            try:
                for name, values in taken:
                    _insert(con, name, values, stamp=False)
            except sqlite3.IntegrityError as exc:
                raise InputError(
                    _("{what} cannot be brought back: something in the workbook now takes its "
                      "place (it was added again, or what it belonged to was removed).").format(
                        what=label or _("That"))
                ) from exc  # fmt: skip
            con.execute("DELETE FROM removals WHERE id = ?", (int(removal_id),))
        for name in dict.fromkeys(t for t, _values in taken):
            self._changed(name)
        return str(label)


def _with_dependants(
    con: sqlite3.Connection, table: str, row_id: int
) -> list[tuple[str, dict[str, Any]]]:
    """The row and, depth first, every row deleted with it (ON DELETE CASCADE): each parent
    before the rows that point to it, the order to insert them back in."""
    children = _cascades(con)
    taken: list[tuple[str, dict[str, Any]]] = []

    def visit(name: str, where: str, value: Any) -> None:
        cur = con.execute(f"SELECT * FROM {name} WHERE {where} = ? ORDER BY id", (value,))
        names = [d[0] for d in cur.description]
        for values in cur.fetchall():
            row = dict(zip(names, values, strict=True))
            taken.append((name, row))
            for child, column, parent_column in children.get(name, ()):
                visit(child, column, row[parent_column])

    visit(table, "id", row_id)
    return taken


def _cascades(con: sqlite3.Connection) -> dict[str, list[tuple[str, str, str]]]:
    """Parent table -> (child table, its column, the parent's column) for each foreign key
    that deletes the child with the parent."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for child in tables:
        for key in con.execute(f"PRAGMA foreign_key_list({child})"):
            parent, column, parent_column, on_delete = key[2], key[3], key[4], key[6]
            if on_delete.upper() == "CASCADE":
                found.setdefault(parent, []).append((child, column, parent_column or "id"))
    return found
