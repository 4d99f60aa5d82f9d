"""Whole tables at once: listing them, dumping them and filling an empty workbook from them
(the xlsx export and import). Part of ``Store``."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._errors import InputError
from ._schema import INTERNAL_TABLES, SEEDED_TABLES
from ._sql import check_name as _check_name
from ._sql import insert as _insert
from .i18n import _


class WholeTableOperations:
    _con: sqlite3.Connection

    if TYPE_CHECKING:  # provided by Store

        def transaction(self, *tables: str) -> Any: ...

        def _changed(self, table: str) -> None: ...

    def tables(self) -> list[str]:
        """The participant's tables, in the order they can be filled (parents first)."""
        names = [
            r[0]
            for r in self._con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY rowid"
            )
        ]
        return [name for name in names if name not in INTERNAL_TABLES]

    def columns(self, table: str) -> list[tuple[str, str, bool]]:
        """(name, declared type, NOT NULL) for each column of a table."""
        _check_name(table)
        return [
            (r[1], r[2].upper(), bool(r[3]))
            for r in self._con.execute(f"PRAGMA table_info({table})")
        ]

    def restore(self, content: Mapping[str, list[Mapping[str, Any]]]) -> None:
        """Fill an empty workbook with whole tables (ids kept), all in one transaction."""
        with self.transaction() as con:
            for table in self.tables():
                if (
                    con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                    and table not in SEEDED_TABLES
                ):
                    raise InputError(_("This workbook already has data: import into a new file."))
            con.execute("DELETE FROM profile")
            if content.get("cadences"):  # the saved cadences replace the defaults
                con.execute("DELETE FROM cadences")
            for table in self.tables():
                for values in content.get(table, []):
                    _insert(con, table, values, stamp=False)
            if not con.execute("SELECT count(*) FROM profile").fetchone()[0]:
                con.execute("INSERT INTO profile (id) VALUES (1)")
        for table in content:
            self._changed(table)

    def dump(self, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """A whole table as it is stored: column names and every row, in insertion order."""
        names = [name for name, _type, _notnull in self.columns(table)]
        rows = self._con.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY rowid")
        return names, rows.fetchall()

    def replace_all(self, table: str, rows: list[Mapping[str, Any]]) -> None:
        """Make ``rows`` the whole content of a small list table, in one transaction."""
        _check_name(table)
        with self.transaction() as con:
            con.execute(f"DELETE FROM {table}")
            for values in rows:
                _insert(con, table, values)
        self._changed(table)

    def import_interactions(
        self,
        batch: Mapping[str, Any],
        rows: list[dict[str, Any]],
        follow_ups: dict[int, str],
    ) -> int:
        """Record an import of calendars or mail and log its interactions, in one
        transaction: ``follow_ups`` maps a row's position to its follow-up's due time."""
        with self.transaction() as con:
            import_id = _insert(con, "interaction_imports", {**batch, "rows_added": len(rows)})
            for position, values in enumerate(rows):
                interaction = _insert(con, "interactions", {**values, "import_id": import_id})
                if position in follow_ups:
                    _insert(
                        con,
                        "follow_ups",
                        {"interaction_id": interaction, "due": follow_ups[position]},
                    )
        for table in ("interaction_imports", "interactions", "follow_ups"):
            self._changed(table)
        return import_id
