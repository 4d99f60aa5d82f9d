"""The one place that touches SQLite: open, migrate, read and write a participant's workbook.

Every write is its own transaction, committed before the call returns, so a closed tab or a
killed kernel loses at most the edit in flight. Rows are updated one field at a time by id,
so two windows on the same file do not overwrite each other's rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ._errors import InputError, WorkbookBusy
from ._schema import MIGRATIONS, SCHEMA_VERSION
from ._sql import check_name as _check_name
from ._sql import insert as _insert
from ._sql import now as _now
from ._store_batches import BatchOperations
from ._store_merge import MergeOperations
from ._store_open import statements as _statements
from ._store_open import version_of
from ._store_removals import RemovalOperations
from ._store_tables import WholeTableOperations
from .i18n import N_, _

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store"]

# How long one write waits for another window's lock, and how often it tries again after that.
BUSY_TIMEOUT_S = 5.0
BUSY_RETRIES = 3


class Store(RemovalOperations, MergeOperations, WholeTableOperations, BatchOperations):
    """A participant's workbook file: schema, transactions and plain row operations."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path).expanduser().resolve()
        self._listeners: dict[object, Callable[[str], None]] = {}
        # Tables as last read, and tables worked out from them, each with the tables it was
        # made from, while those are unchanged (see ``read`` and ``kept``).
        self._reads: dict[tuple[str, ...], tuple[pd.DataFrame, frozenset[str]]] = {}
        self._making: list[set[str]] = []  # the tables read so far by each value being made
        self._read_at: tuple[int, int] | None = None
        if self.path.is_dir():
            raise InputError(
                _("{path} is a folder; give the path of a workbook file.").format(path=self.path)
            )
        # Checked without writing a byte: not a workbook, damaged, or another program's.
        existed = version_of(self.path) is not None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            self._con.execute("PRAGMA foreign_keys = ON")
            # A rollback journal keeps every committed edit in the main file, so a coach who
            # copies the file gets everything; FULL sync makes each commit survive a crash.
            self._con.execute("PRAGMA journal_mode = DELETE")
            self._con.execute("PRAGMA synchronous = FULL")
            version = self._con.execute("PRAGMA user_version").fetchone()[0]
        except (sqlite3.DatabaseError, OSError):
            raise InputError(
                _(
                    "{file} cannot be opened: its folder is not one you can write to. Give a "
                    "file in a folder of your own (your Documents)."
                ).format(file=self.path)
            ) from None
        if version > SCHEMA_VERSION:
            raise InputError(
                _(
                    "{file} was saved by a newer version of the workbook (schema {version}, "
                    "this one knows {known}). Update the program to open it."
                ).format(file=self.path, version=version, known=SCHEMA_VERSION)
            )
        if version < SCHEMA_VERSION:
            try:
                self.backup_path: Path | None = (
                    self._backup(version) if existed and version > 0 else None
                )
                self._migrate(version)
            except (sqlite3.OperationalError, OSError):
                self._con.close()
                raise InputError(
                    _("{path} was made by an older version and must be updated to open, but it "
                      "cannot be written where it is (a read-only folder or file). Copy it to a "
                      "folder of your own and open the copy. It was left as it is.").format(
                        path=self.path)
                ) from None  # fmt: skip
        else:
            self.backup_path = None

    # -- schema -------------------------------------------------------------------------

    def _backup(self, version: int) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(
            f"{self.path.stem}.v{version}-backup-{stamp}{self.path.suffix}"
        )
        copy = sqlite3.connect(target)
        try:
            self._con.backup(copy)
        finally:
            copy.close()
        return target

    def _migrate(self, version: int) -> None:
        for step in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction(edit=False) as con:
                for statement in _statements(MIGRATIONS[step]):
                    con.execute(statement)
                con.execute(f"PRAGMA user_version = {step}")

    def last_edit(self) -> dt.datetime | None:
        """When the participant last changed anything (UTC), from the file itself: a copy
        keeps it, whatever the copy's own time. For a file from before it was kept, the
        newest time a row was made or changed; None for a workbook never edited."""
        found = self._con.execute("SELECT at FROM last_edit WHERE id = 1").fetchone()
        stamps = [found[0]] if found else []
        if not stamps:
            for table in self.tables():
                names = {name for name, _kind, _notnull in self.columns(table)}
                for column in ("created_at", "updated_at") if table != "cadences" else ():
                    if column in names:
                        stamps += [
                            r[0] for r in self._con.execute(f"SELECT max({column}) FROM {table}")
                        ]
        stamps = [s for s in stamps if s]
        return dt.datetime.fromisoformat(max(stamps)) if stamps else None

    @property
    def schema_version(self) -> int:
        return self._con.execute("PRAGMA user_version").fetchone()[0]

    # -- transactions -------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, *tables: str, edit: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed when the block ends, retried while the file is busy.

        ``tables`` are the tables the block writes: what was kept from the others stays. A
        block that names none (a delete, which cascades; an import; the schema) may have
        written anything, and every kept table is read again. The time of each ``edit`` is
        kept in the file itself (see ``last_edit``); a schema update is not one."""
        self._busy_retried("BEGIN IMMEDIATE")
        # The file is locked for writing from here: what another window committed before
        # is seen now, and nothing more can come in until this block ends.
        self._forget_if_changed_elsewhere()
        try:
            yield self._con
            if edit:
                self._con.execute(
                    "INSERT OR REPLACE INTO last_edit (id, at) VALUES (1, ?)", (_now(),)
                )
        except sqlite3.OperationalError as exc:
            self._con.execute("ROLLBACK")
            if "readonly" in str(exc):
                raise self._read_only() from None
            raise
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        finally:
            self._forget(set(tables) if tables else None)
        try:  # a reader may hold the file a moment: the commit waits as the start did
            self._busy_retried("COMMIT")
        except BaseException:
            self._con.execute("ROLLBACK")  # never left inside a transaction
            raise

    def _busy_retried(self, statement: str) -> None:
        """Run ``statement`` (BEGIN IMMEDIATE, COMMIT), waiting while another connection keeps
        the file locked; still locked after that: WorkbookBusy, in words."""
        for attempt in range(BUSY_RETRIES + 1):
            try:
                self._con.execute(statement)
                return
            except sqlite3.OperationalError as exc:
                if "readonly" in str(exc):
                    raise self._read_only() from None
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if attempt == BUSY_RETRIES:
                    raise WorkbookBusy(
                        _(
                            "The workbook {file} is busy: another window has kept it locked. "
                            "Your last change was not saved; try it again in a moment."
                        ).format(file=self.path.name)
                    ) from exc
                time.sleep(0.05 * (attempt + 1))

    def _read_only(self) -> InputError:
        return InputError(
            _(
                "Your change was not saved: the workbook {file} can be read but not changed "
                "here (a read-only file or folder). Copy it to a folder of your own and open the "
                "copy; everything saved before is in it."
            ).format(file=self.path.name)
        )

    def on_change(self, listener: Callable[[str], None], key: object = None) -> None:
        """Call ``listener(table)`` after every committed write in this process.

        A listener given with a key replaces the one registered before under that key, so a
        form shown again (a cell run twice) does not leave its old copy redrawing too.
        """
        self._listeners[listener if key is None else key] = listener

    def forget_listeners(self) -> None:
        """No listener any more: the forms that followed the workbook are gone."""
        self._listeners.clear()

    def changed(self, *tables: str) -> None:
        """Tell every listener that ``tables`` changed (after a transaction that wrote them)."""
        for table in tables:
            self._changed(table)

    def _changed(self, table: str) -> None:
        for listener in list(self._listeners.values()):
            listener(table)

    # -- rows ---------------------------------------------------------------------------

    def read(self, table: str, order_by: str = "id") -> pd.DataFrame:
        """Every row of a table. A table read again while it is unchanged comes from memory:
        an action plan reads the contacts seven times and a dozen tables in all. "Unchanged":
        no write to it through this workbook (``transaction``), and no commit by another
        connection (other windows, other processes: SQLite's data_version), which forgets
        every table. Each caller gets its own copy (copy-on-write: changing it leaves the
        kept one as it was)."""
        _check_name(table)
        _check_name(order_by)

        def make() -> pd.DataFrame:
            self._reading(table)
            return pd.read_sql_query(f"SELECT * FROM {table} ORDER BY {order_by}", self._con)

        return self.kept(("table", table, order_by), make)

    def kept(self, key: tuple[str, ...], make: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """``make()``, computed once while the tables it reads are unchanged (as for ``read``):
        for tables worked out from the stored ones alone, never from the date or the clock.
        The tables it reads (through ``read``, ``kept``, ``row`` or ``find``) are noted, so
        an edit of the businesses leaves the network layout kept, and one of the contacts
        does not."""
        self._forget_if_changed_elsewhere()
        found = self._reads.get(key)
        if found is None:
            self._making.append(set())
            try:
                frame = make()
            finally:
                made_from = frozenset(self._making.pop())
            found = self._reads[key] = (frame, made_from)
        for making in self._making:  # a value made from this one is made from its tables
            making.update(found[1])
        return found[0].copy(deep=False)

    def _reading(self, table: str) -> None:
        for making in self._making:
            making.add(table)

    def _state(self) -> tuple[int, int]:
        """SQLite's count of commits by other connections (other windows, other programs),
        and of the rows this connection changed."""
        return self._con.execute("PRAGMA data_version").fetchone()[0], self._con.total_changes

    def _forget_if_changed_elsewhere(self) -> None:
        """Forget everything kept if the file changed other than through ``transaction``."""
        state = self._state()
        if state != self._read_at:
            self._reads.clear()
            self._read_at = state

    def _forget(self, tables: set[str] | None) -> None:
        """Forget what was kept from these tables (None: from any table), after a write."""
        if tables is None:
            self._reads.clear()
        else:
            for key in [k for k, (_, made_from) in self._reads.items() if made_from & tables]:
                del self._reads[key]
        self._read_at = self._state()

    def row(self, table: str, row_id: int) -> dict[str, Any]:
        _check_name(table)
        self._reading(table)
        cur = self._con.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        values = cur.fetchone()
        if values is None:
            raise _gone(table)
        return dict(zip([d[0] for d in cur.description], values, strict=True))

    def insert(self, table: str, values: Mapping[str, Any]) -> int:
        with self.transaction(table) as con:
            row_id = _insert(con, table, values)
        self._changed(table)
        return row_id

    def insert_linked(
        self,
        table: str,
        values: Mapping[str, Any],
        child: str,
        child_values: Mapping[str, Any],
        link: str,
    ) -> int:
        """Insert a row and a row that points to it (``child.link = id``) in one transaction."""
        with self.transaction(table, child) as con:
            row_id = _insert(con, table, values)
            _insert(con, child, {**child_values, link: row_id})
        self._changed(table)
        self._changed(child)
        return row_id

    def update(self, table: str, row_id: int, values: Mapping[str, Any]) -> None:
        if not values:
            return
        _check_name(table)
        for name in values:
            _check_name(name)
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self.transaction(table) as con:
            cur = con.execute(
                f"UPDATE {table} SET {assignments} WHERE id = ?", (*values.values(), row_id)
            )
            if cur.rowcount == 0:
                raise _gone(table)
        self._changed(table)

    def find(self, table: str, column: str, value: Any) -> pd.DataFrame:
        """The rows of a table where one column has a value."""
        _check_name(table)
        _check_name(column)
        self._reading(table)
        return pd.read_sql_query(
            f"SELECT * FROM {table} WHERE {column} = ? ORDER BY id", self._con, params=(value,)
        )

    def close(self) -> None:
        self._reads.clear()  # a 100,000-row transactions table is tens of MB
        self._con.close()


def _gone(table: str) -> InputError:
    said = {
        "businesses": N_(
            "That business is no longer in the workbook (it may have been deleted in another "
            "window)."
        ),
        "asks": N_(
            "That ask is no longer in the workbook (it may have been deleted in another window)."
        ),
    }.get(
        table, N_("That is no longer in the workbook (it may have been deleted in another window).")
    )
    return InputError(_(said))
