"""Merging two contacts that are one person, in one transaction. Part of ``Store``; the rules
of what to keep are in ``Workbook.merge_contacts``."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

GAINS_TEXT = ("goals", "accomplishments", "interests", "networks", "skills")


class MergeOperations:
    _con: sqlite3.Connection

    if TYPE_CHECKING:  # provided by Store

        def transaction(self, *tables: str) -> Any: ...

        def changed(self, *tables: str) -> None: ...

    def merge_contacts(self, keep: int, other: int, fill: dict[str, Any]) -> None:
        """Everything that refers to contact ``other`` refers to ``keep`` (one-per-person parts
        merged into ``keep``'s), ``keep`` takes the values ``fill``, and ``other`` goes."""
        tables = ("contacts", "goal_people", "gains", "referrability", "cadences",
                  "interactions", "referrals", "promises")  # fmt: skip
        with self.transaction(*tables) as con:
            con.execute(
                "UPDATE goal_people SET why = (SELECT o.why FROM goal_people o WHERE "
                "o.contact_id = ? AND o.goal_id = goal_people.goal_id) WHERE contact_id = ? "
                "AND why = '' AND goal_id IN (SELECT goal_id FROM goal_people WHERE contact_id = ?)",
                (other, keep, other),
            )
            con.execute(
                "DELETE FROM goal_people WHERE contact_id = ? AND goal_id IN "
                "(SELECT goal_id FROM goal_people WHERE contact_id = ?)",
                (other, keep),
            )
            for table, columns, how in (
                ("gains", GAINS_TEXT, "text"),
                ("referrability", ("expert", "passionate", "honours_referrals"), "flag"),
                ("cadences", (), "keep"),
            ):
                both = con.execute(
                    f"SELECT count(*) FROM {table} WHERE contact_id IN (?, ?)", (keep, other)
                ).fetchone()[0]
                if both == 2:
                    for column in columns:
                        merged = (
                            f"CASE WHEN {table}.{column} = '' THEN o.{column} ELSE {table}.{column} END"
                            if how == "text"
                            else f"max({table}.{column}, o.{column})"
                        )
                        con.execute(
                            f"UPDATE {table} SET {column} = (SELECT {merged} FROM {table} o "
                            f"WHERE o.contact_id = ?) WHERE contact_id = ?",
                            (other, keep),
                        )
                    con.execute(f"DELETE FROM {table} WHERE contact_id = ?", (other,))
            for table in ("goal_people", "gains", "referrability", "cadences", "interactions",
                          "referrals", "promises"):  # fmt: skip
                con.execute(
                    f"UPDATE {table} SET contact_id = ? WHERE contact_id = ?", (keep, other)
                )
            sets = ", ".join(f"{f} = ?" for f in fill)
            con.execute(f"UPDATE contacts SET {sets} WHERE id = ?", (*fill.values(), keep))
            con.execute("DELETE FROM contacts WHERE id = ?", (other,))
        self.changed(*tables)  # every form showing any of them is drawn again
