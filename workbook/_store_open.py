"""Before a workbook file is opened for writing: is it one, is it whole, what version is it?

Everything here reads the file without changing a byte of it (SQLite's read-only mode; for a
file in WAL mode, which a workbook never is, its immutable mode, so that not even the -wal and
-shm files are made). A file that is not a workbook, another program's database, a damaged
file or one with a table or column missing is refused in words and left as it was.
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

from ._errors import InputError, WorkbookBusy
from ._schema import MIGRATIONS
from .i18n import N_, _, ngettext

_HEADER = b"SQLite format 3\x00"
_LEAVE = N_("It was left as it is.")


def version_of(path: Path) -> int | None:
    """The schema version of the workbook at ``path``, or None when there is nothing there yet
    (no file, or an empty one that is to become a workbook)."""
    try:
        if not path.exists() or path.stat().st_size == 0:
            return None
        with path.open("rb") as file:
            header = file.read(100)
    except PermissionError:
        raise InputError(
            _("{file} cannot be read: you do not have permission to open it.").format(file=path)
        ) from None
    if not header.startswith(_HEADER):
        raise InputError(
            _(
                "{file} is not a workbook file. Open a workbook made by this program, or give a "
                "new file name."
            ).format(file=path)
            + " "
            + _(_LEAVE)
        )
    wal = header[18] == 2 or header[19] == 2
    if not wal and path.with_name(path.name + "-journal").exists():
        _recover(path)
    try:
        with _read_only(path, immutable=wal) as con:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = _tables(con)
            ours = version in MIGRATIONS and "profile" in tables
            if wal or (version == 0 and tables) or (0 < version <= max(MIGRATIONS) and not ours):
                raise InputError(
                    _(
                        "{file} is a database of another program, not a workbook. Give a new "
                        "file name for your workbook."
                    ).format(file=path)
                    + " "
                    + _(_LEAVE)
                )
            if version == 0:
                return None
            if version in MIGRATIONS:
                _check_whole(path, con, tables, version)
            return version
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise WorkbookBusy(
                _(
                    "The workbook {file} is busy: another window is saving to it. Open it again "
                    "in a moment."
                ).format(file=path.name)
            ) from None
        raise damaged(path) from None
    except sqlite3.DatabaseError:
        raise damaged(path) from None


def damaged(path: Path) -> InputError:
    return InputError(
        _(
            "{file} is damaged: parts of it cannot be read. Open the backup your coach or your "
            "computer kept, or start a new workbook."
        ).format(file=path)
        + " "
        + _(_LEAVE)
    )


def given_workbook(path: Path) -> Path:
    """``path``, when it is a workbook file to read (a command's --workbook, a cohort's file):
    not missing, and not an empty file that opening would silently turn into a new workbook."""
    if not path.exists():
        raise InputError(
            _("There is no workbook at {file}. Give one with --workbook PATH.").format(file=path)
        )
    if path.is_file() and path.stat().st_size == 0:
        raise InputError(
            _("{file} is an empty file (0 bytes), not a workbook.").format(file=path)
            + " "
            + _(_LEAVE)
        )
    return path


def _recover(path: Path) -> None:
    """A program stopped mid-write left its rollback journal: any reader rolls the unfinished
    write back (to the last commit) before reading, which read-only mode cannot. Done here
    with a normal connection, as SQLite would on the first read; waits while another window
    is writing."""
    try:
        con = sqlite3.connect(path, timeout=5.0)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        pass  # the read-only check that follows says what is wrong


def _check_whole(path: Path, con: sqlite3.Connection, tables: dict, version: int) -> None:
    expected = expected_tables(version)
    missing = [name for name in expected if name not in tables]
    if missing:
        raise InputError(
            ngettext("{path} is damaged: the workbook's {tables} table is missing.",
                     "{path} is damaged: the workbook's {tables} tables are missing.",
                     len(missing)).format(path=path, tables=", ".join(missing))
            + " " + _(_LEAVE)
        )  # fmt: skip
    for name, columns in expected.items():
        gone = [column for column in columns if column not in tables[name]]
        if gone:
            raise InputError(
                ngettext("{path} is damaged: the {table} table has lost its {columns} column.",
                         "{path} is damaged: the {table} table has lost its {columns} columns.",
                         len(gone)).format(path=path, table=name, columns=", ".join(gone))
                + " " + _(_LEAVE)
            )  # fmt: skip
    problems = [row[0] for row in con.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise sqlite3.DatabaseError("; ".join(problems))


def _read_only(path: Path, immutable: bool) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    return _Closing(uri)


class _Closing(sqlite3.Connection):
    """A connection that closes at the end of its ``with`` block (sqlite3's only commits)."""

    def __init__(self, uri: str):
        super().__init__(uri, uri=True)

    def __exit__(self, *exc: object) -> bool:
        self.close()
        return False


def _tables(con: sqlite3.Connection) -> dict[str, set[str]]:
    names = [
        row[0]
        for row in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {name: {row[1] for row in con.execute(f'PRAGMA table_info("{name}")')} for name in names}


@functools.cache
def expected_tables(version: int) -> dict[str, set[str]]:
    """The tables and columns a workbook of schema ``version`` has."""
    con = sqlite3.connect(":memory:")
    try:
        for step in range(1, version + 1):
            for statement in statements(MIGRATIONS[step]):
                con.execute(statement)
        return _tables(con)
    finally:
        con.close()


def statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
