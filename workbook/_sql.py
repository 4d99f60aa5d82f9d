"""Small SQL helpers the store's modules share: a timestamp, a checked name, an insert."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from typing import Any


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def check_name(name: str) -> None:
    # Table and column names come from our own code, never from the user; guard anyway.
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a column or table name: {name!r}")


def insert(
    con: sqlite3.Connection, table: str, values: Mapping[str, Any], *, stamp: bool = True
) -> int:
    check_name(table)
    if stamp:  # a new row; a restored one keeps the values it had
        values = {"created_at": now(), **values}
    for name in values:
        check_name(name)
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cur = con.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values()))
    return int(cur.lastrowid or 0)
