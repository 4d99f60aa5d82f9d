"""Many rows in one transaction: an import batch (all of it or none) and a column changed in
many rows. Part of ``Store``."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._sql import check_name as _check_name
from ._sql import insert as _insert
from ._sql import now as _now

# Imported rows are written this many at a time, so a progress bar can follow a big file.
IMPORT_CHUNK = 5000


class BatchOperations:
    _con: sqlite3.Connection

    if TYPE_CHECKING:  # provided by Store

        def transaction(self, *tables: str) -> Any: ...

        def _changed(self, table: str) -> None: ...

        def columns(self, table: str) -> list[tuple[str, str]]: ...

    def import_batch(
        self,
        batch: Mapping[str, Any],
        table: str,
        rows: pd.DataFrame,
        updates: Sequence[tuple[int, Mapping[str, Any]]] = (),
        *,
        drop: Sequence[int] = (),
        progress: Callable[[int], None] | None = None,
    ) -> tuple[int, int]:
        """Record an import batch and write its rows in one transaction: all of it or none.

        Rows whose unique key is already stored are skipped (``INSERT OR IGNORE``), so an
        overlapping export adds only what is new. ``updates`` fill in existing rows by id;
        ``drop`` names stored rows (by id) the batch replaces. Returns (batch id, rows added);
        ``progress`` is called with each chunk's row count.
        """
        _check_name(table)
        names = list(rows.columns)
        for name in names:
            _check_name(name)
        with_batch = "batch_id" in {c[0] for c in self.columns(table)}
        columns = names + ["created_at"] + (["batch_id"] if with_batch else [])
        sql = (
            f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})"
        )
        now = _now()
        with self.transaction() as con:
            batch_id = _insert(con, "import_batches", batch)
            con.executemany(f"DELETE FROM {table} WHERE id = ?", [(int(i),) for i in drop])
            extra = (now, batch_id) if with_batch else (now,)
            before = con.total_changes
            # tolist() gives Python numbers, which sqlite3 binds (numpy integers it does not).
            values = zip(*(rows[name].tolist() for name in names), strict=True)
            for _start in range(0, len(rows), IMPORT_CHUNK):
                chunk = [(*row, *extra) for row in itertools.islice(values, IMPORT_CHUNK)]
                con.executemany(sql, chunk)
                if progress:
                    progress(len(chunk))
            added = con.total_changes - before
            for row_id, change in updates:
                for name in change:
                    _check_name(name)
                assignments = ", ".join(f"{name} = ?" for name in change)
                con.execute(
                    f"UPDATE {table} SET {assignments} WHERE id = ?", (*change.values(), row_id)
                )
            con.execute("UPDATE import_batches SET rows_added = ? WHERE id = ?", (added, batch_id))
        self._changed(table)
        self._changed("import_batches")
        return batch_id, added

    def update_many(self, table: str, column: str, changes: Sequence[tuple[Any, int]]) -> None:
        """Set one column on many rows, ``(value, id)`` pairs, in one transaction."""
        _check_name(table)
        _check_name(column)
        if not changes:
            return
        with self.transaction(table) as con:
            con.executemany(f"UPDATE {table} SET {column} = ? WHERE id = ?", changes)
        self._changed(table)
