"""The demo participant: a real-estate agent whose preferred clients are retired homeowners.

Built from the files in ``data/sample/`` (read, never written), like ``px.data.tips()``.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pandas as pd

from ._workbook import Workbook

_PACKAGE = Path(__file__).resolve().parent


def sample_dir() -> Path:
    """The folder of sample files: inside the package when installed, ``data/sample`` in a checkout."""
    shipped = _PACKAGE / "_shipped" / "sample"
    return shipped if shipped.is_dir() else _PACKAGE.parent / "data" / "sample"


def notebooks_dir() -> Path:
    shipped = _PACKAGE / "_shipped" / "notebooks"
    return shipped if shipped.is_dir() else _PACKAGE.parent / "notebooks"


def businesses() -> pd.DataFrame:
    """The sample money trail. Columns: name, profession, amount, frequency, visits_per_year,
    years_as_customer, referrals_sent, notes."""
    return pd.read_csv(sample_dir() / "businesses.csv", keep_default_na=False)


def fill(wb: Workbook) -> Workbook:
    """Write the sample participant into an empty workbook."""
    folder = sample_dir()
    profile = json.loads((folder / "profile.json").read_text(encoding="utf-8"))
    wb.set_profile(**profile)
    ids = {}
    for row in businesses().to_dict("records"):
        ids[row["name"]] = wb.add_business(**row)
    asks = pd.read_csv(folder / "asks.csv", keep_default_na=False)
    for row in asks.to_dict("records"):
        ask_id = wb.add_ask(ids[row["business"]], row["kind"], row["detail"], row["notes"])
        dates = {k: row[k] or None for k in ("planned_on", "asked_on", "answered_on")}
        wb.store.update("asks", ask_id, {"status": row["status"], **dates})
    for row in pd.read_csv(folder / "contacts.csv", keep_default_na=False).to_dict("records"):
        wb.add_contact(**row)
    choices = json.loads((folder / "preferred_clients.json").read_text(encoding="utf-8"))
    wb.set_client_tags(choices["client_markets"])
    for profession in choices["target_professions"]:
        wb.add_target_profession(profession)
    goal_ids: dict[str, int] = {}
    for row in pd.read_csv(folder / "goals.csv", keep_default_na=False).to_dict("records"):
        if row["goal"] not in goal_ids:
            goal_ids[row["goal"]] = wb.add_goal(row["goal"], row["target_date"])
        wb.add_goal_person(
            goal_ids[row["goal"]], name=row["person"], depth=row["depth"], why=row["why"]
        )
    for row in pd.read_csv(folder / "gains.csv", keep_default_na=False).to_dict("records"):
        person = row.pop("person")
        wb.set_gains(wb.find_or_add_contact(person) if person else None, **row)
    for row in pd.read_csv(folder / "referrals.csv", keep_default_na=False).to_dict("records"):
        wb.add_referral(wb.find_or_add_contact(row.pop("person")), **row)
    for row in pd.read_csv(folder / "referrability.csv", keep_default_na=False).to_dict("records"):
        person = row.pop("person")
        wb.set_referrability(wb.find_or_add_contact(person) if person else None, **row)
    for row in pd.read_csv(folder / "payee_rules.csv", keep_default_na=False).to_dict("records"):
        wb.add_payee_rule(row["contains"], row["payee"])
    wb.import_transactions(folder / "bank.csv")  # a year of the checking account, Chase layout
    # Follow-up dates are kept relative to today, so the demo always has something due.
    today = wb.today()
    for row in pd.read_csv(folder / "interactions.csv", keep_default_na=False).to_dict("records"):
        wb.log_interaction(
            name=row["person"],
            on=today - dt.timedelta(days=int(row["days_ago"])),
            at=row["at_time"],
            kind=row["kind"],
            notes=row["notes"],
        )
    for row in pd.read_csv(folder / "promises.csv", keep_default_na=False).to_dict("records"):
        promise = wb.add_promise(
            name=row["person"],
            direction=row["direction"],
            kind=row["kind"],
            what=row["what"],
            due=today + dt.timedelta(days=int(row["due_in_days"])),
        )
        if row["done"]:
            wb.tick_promise(promise)
    return wb


def demo(folder: str | Path | None = None) -> Workbook:
    """A fresh copy of the sample workbook in a temporary folder (or the folder given)."""
    target_dir = (
        Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="workbook-demo-"))
    )
    path = target_dir / "demo-workbook.sqlite"
    if path.exists():
        path.unlink()
    return fill(Workbook(path))
