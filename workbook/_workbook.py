"""A participant's workbook: the exercises' operations, each validated, then saved at once."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import platformdirs

from . import money_trail
from ._errors import InputError
from ._follow_up import FollowUpOperations
from ._imports import ImportOperations
from ._people import PeopleOperations
from .profile import PROFILE_FIELDS, Profile, clean_profile_field, today
from .store import Store

APP_NAME = "networking-workbook"


def default_path() -> Path:
    """Where the participant's workbook lives unless told otherwise: $WORKBOOK_PATH, else the
    user data folder."""
    env = os.environ.get("WORKBOOK_PATH")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "workbook.sqlite"


class Workbook(PeopleOperations, ImportOperations, FollowUpOperations):
    """One participant's workbook file. Every method that changes something commits it."""

    def __init__(self, path: str | os.PathLike[str]):
        self.store = Store(path)

    @property
    def path(self) -> Path:
        return self.store.path

    def __repr__(self) -> str:
        return f"Workbook({str(self.path)!r})"

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def on_change(self, listener: Callable[[str], None], key: object = None) -> None:
        """Call ``listener(table)`` after each saved edit made through this workbook; a key
        replaces the listener registered before under it."""
        self.store.on_change(listener, key)

    # -- profile ------------------------------------------------------------------------

    def profile(self) -> Profile:
        row = self.store.row("profile", 1)
        values = {f: row[f] for f in PROFILE_FIELDS}
        values["share_with_cohort"] = bool(values["share_with_cohort"])
        return Profile(**values)

    def set_profile(self, **values: Any) -> None:
        clean = {field: clean_profile_field(field, value) for field, value in values.items()}
        self.store.update("profile", 1, clean)

    def today(self) -> dt.date:
        return today(self.profile())

    # -- money trail: businesses ---------------------------------------------------------

    def businesses(self) -> pd.DataFrame:
        return self.store.read("businesses")

    def spend_table(self) -> pd.DataFrame:
        """Businesses with annual and lifetime spend, asks made and declines, biggest first."""
        return self.store.kept(
            ("spend table",),
            lambda: money_trail.with_spend(self.businesses(), self.store.read("asks")),
        )

    def add_business(self, **values: Any) -> int:
        clean = money_trail.clean_business(values)
        clean.setdefault("frequency", "per_year")
        if clean["frequency"] != "per_visit":
            clean["visits_per_year"] = clean.get("visits_per_year") or 1
        return self.store.insert("businesses", clean)

    def update_business(self, business_id: int, **values: Any) -> None:
        clean = money_trail.clean_business(values, partial=True)
        clean["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.store.update("businesses", int(business_id), clean)

    def delete_business(self, business_id: int) -> None:
        """Remove a business and its asks."""
        self.store.delete("businesses", int(business_id))

    # -- money trail: asks ---------------------------------------------------------------

    def add_ask(self, business_id: int, kind: str, detail: str = "", notes: str = "") -> int:
        kind, detail = money_trail.clean_ask(kind, detail)
        self.store.row("businesses", int(business_id))  # a clear message if it is gone
        return self.store.insert(
            "asks",
            {
                "business_id": int(business_id),
                "kind": kind,
                "detail": detail,
                "notes": notes.strip(),
                "status": "planned",
                "planned_on": self.today().isoformat(),
            },
        )

    def set_ask_status(self, ask_id: int, status: str, on: dt.date | None = None) -> None:
        """Track an ask: planned, asked, agreed or declined, dated today unless told otherwise."""
        status = money_trail.clean_status(status)
        day = (on or self.today()).isoformat()
        ask = self.store.row("asks", int(ask_id))
        values: dict[str, Any] = {"status": status}
        if status == "planned":
            values |= {"asked_on": None, "answered_on": None}
        elif status == "asked":
            values |= {"asked_on": ask["asked_on"] or day, "answered_on": None}
        else:
            values |= {"asked_on": ask["asked_on"] or day, "answered_on": day}
        self.store.update("asks", int(ask_id), values)

    def set_ask_notes(self, ask_id: int, notes: str) -> None:
        self.store.update("asks", int(ask_id), {"notes": str(notes or "").strip()})

    def delete_ask(self, ask_id: int) -> None:
        self.store.delete("asks", int(ask_id))

    def asks(self) -> pd.DataFrame:
        """Every ask with its business, a readable label and talking points."""
        asks = self.store.read("asks")
        spend = self.spend_table().set_index("id")
        profile = self.profile()
        asks["business"] = asks["business_id"].map(spend["name"]).astype("str")
        asks["ask"] = [
            money_trail.ask_label(k, d) for k, d in zip(asks["kind"], asks["detail"], strict=True)
        ]
        asks["talking_points"] = [
            money_trail.talking_points(spend.loc[b].to_dict(), k, d, profile)
            for b, k, d in zip(asks["business_id"], asks["kind"], asks["detail"], strict=True)
        ]
        return asks

    def this_week(self, n: int = 2) -> pd.DataFrame:
        return money_trail.this_week(self.spend_table(), n)


def open(path: str | os.PathLike[str] | None = None) -> Workbook:  # noqa: A001 - the public verb
    """Open (or create) a participant's workbook.

    With no path: $WORKBOOK_PATH if set, else ``workbook.sqlite`` in the user data folder.
    """
    from .app import wait_for_the_page

    wait_for_the_page()  # an app kernel preheated before the page was opened: read fresh data
    target = Path(path).expanduser() if path is not None else default_path()

    if target.suffix.lower() in {".csv", ".xlsx", ".ipynb", ".vcf"}:
        raise InputError(
            f"{target} looks like a {target.suffix} file, not a workbook. "
            "Give a workbook file name such as maria.sqlite."
        )
    return Workbook(target)
