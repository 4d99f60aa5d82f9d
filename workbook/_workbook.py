"""A participant's workbook: the exercises' operations, each validated, then saved at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from . import money_trail
from ._errors import InputError
from ._follow_up import FollowUpOperations
from ._imports import ImportOperations
from ._last_contact import LastContactOperations
from ._people import PeopleOperations
from ._places import data_folder
from ._this_week import ThisWeekOperations
from .i18n import _
from .profile import PROFILE_FIELDS, Profile, clean_profile_field, format_money, today
from .store import Store


def default_path() -> Path:
    """Where the participant's workbook lives unless told otherwise: $WORKBOOK_PATH, else the
    user data folder."""
    env = os.environ.get("WORKBOOK_PATH")
    if env:
        return Path(env).expanduser()
    return data_folder() / "workbook.sqlite"


class Workbook(
    PeopleOperations,
    ImportOperations,
    FollowUpOperations,
    LastContactOperations,
    ThisWeekOperations,
):
    """One participant's workbook file. Every method that changes something commits it."""

    def __init__(self, path: str | os.PathLike[str]):
        self.store = Store(path)
        self._speaking = False  # whether this process speaks this workbook's language

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

    def forget_listeners(self) -> None:
        """Forget every listener (the page that registered them was made again)."""
        self.store.forget_listeners()

    # -- profile ------------------------------------------------------------------------

    def profile(self) -> Profile:
        row = self.store.row("profile", 1)
        values = {f: row[f] for f in PROFILE_FIELDS}
        values["share_with_cohort"] = bool(values["share_with_cohort"])
        return Profile(**values)

    def set_profile(self, **values: Any) -> None:
        clean = {field: clean_profile_field(field, value) for field, value in values.items()}
        if not self._speaking:
            self.store.update("profile", 1, clean)
            return
        before = self.profile()
        # The forms that hear of this edit redraw in the language and locale it gives.
        self.speak(dataclasses.replace(before, **clean))
        try:
            self.store.update("profile", 1, clean)
        except Exception:
            self.speak(before)
            raise

    def speak(self, profile: Profile | None = None) -> None:
        """Speak the participant's language and write as in their locale, in this process
        (``workbook.open`` does it; the coach's tools, opening many workbooks, do not)."""
        from . import i18n, locales

        profile = profile or self.profile()
        currency, locale = profile.currency, profile.writes_in

        def example(dollars: float) -> str:  # a worked example's amount, as their price
            return format_money(locales.example_amount(dollars, currency), currency, True, locale)

        i18n.use(profile.speaks, locale, money=example)
        self._speaking = True

    def today(self) -> dt.date:
        return today(self.profile())

    # -- the words to say ---------------------------------------------------------------

    def draft(self, kind: str, **refs: Any) -> Any:
        """A personal message drafted from the workbook (see ``workbook.drafts``): kind is
        thank_you (interaction_id), reconnect (contact_id), reciprocity_ask (ask_id),
        promise (promise_id), referral_thanks (referral_id) or introduction (a, b)."""
        from ._drafting import draft

        return draft(self, kind, **refs)

    def save_template(self, kind: str, text: str) -> None:
        """Keep the participant's own version of a kind of draft ('' goes back to ours)."""
        from . import drafts

        found = self.store.find("draft_templates", "kind", kind)
        for row_id in found["id"]:
            self.store.delete("draft_templates", int(row_id), f"your {kind} template")
        if text.strip():
            self.store.insert(
                "draft_templates", {"kind": kind, "text": drafts.check_template(kind, text)}
            )

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

    def delete_business(self, business_id: int) -> int:
        """Remove a business and its asks; returns the removal, for ``undo``."""
        name = self.store.row("businesses", int(business_id))["name"]
        return self.store.delete("businesses", int(business_id), str(name))

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

    def delete_ask(self, ask_id: int) -> int:
        ask = self.store.row("asks", int(ask_id))
        business = self.store.row("businesses", int(ask["business_id"]))["name"]
        label = _("the ask of {business}: {ask}").format(
            business=business, ask=money_trail.ask_label(ask["kind"], ask["detail"]))  # fmt: skip
        return self.store.delete("asks", int(ask_id), label)

    # -- removals -----------------------------------------------------------------------

    def plan_made(self, on: dt.date | None = None) -> None:
        """The participant took their action plan home (the PDF was made for them): the last
        exercise counts as done."""
        self.store.update("profile", 1, {"plan_made_on": (on or dt.date.today()).isoformat()})

    def plan_made_on(self) -> dt.date | None:
        made = self.store.row("profile", 1).get("plan_made_on") or ""
        return dt.date.fromisoformat(made) if made else None

    def what_goes_with(self, table: str, row_id: int) -> list[str]:
        """Before a removal: what would go with the row, in sentences (see ``removals``)."""
        from . import removals

        return removals.consequences(self.store, table, int(row_id))

    def undo(self, removal_id: int) -> str:
        """Bring back a removal and everything that went with it; returns what it was."""
        label = self.store.undo(int(removal_id))
        self._apply_rules()  # a payee rule brought back names its payments again
        return label

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


_shared: Workbook | None = None


def share(wb: Workbook) -> None:
    """Make ``open()`` with no path give ``wb``: the workshop app's page, whose exercises'
    cells each open the workbook, edits one workbook, and every form hears every edit."""
    global _shared
    _shared = wb


def open(path: str | os.PathLike[str] | None = None) -> Workbook:  # noqa: A001 - the public verb
    """Open (or create) a participant's workbook.

    With no path: $WORKBOOK_PATH if set, else ``workbook.sqlite`` in the user data folder.
    """
    if path is None and _shared is not None:
        return _shared  # the app's page: every exercise on it edits the same workbook
    target = Path(path).expanduser() if path is not None else default_path()

    if target.suffix.lower() in {".csv", ".xlsx", ".ipynb", ".vcf"}:
        raise InputError(
            _(
                "{path} looks like a {kind} file, not a workbook. Give a workbook file name such "
                "as maria.sqlite."
            ).format(path=target, kind=target.suffix)
        )
    wb = Workbook(target)
    wb.speak()
    return wb
