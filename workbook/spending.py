"""From bank transactions to the money trail: the local businesses you pay, how much and how
often, ready to accept into the spend table with one click.

Pure functions over DataFrames; the workbook stores the transactions and calls these.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import preferred_clients, words
from .i18n import _, ngettext
from .importers.payees import places_stripped

CANDIDATE_COLUMNS = [
    "payee", "profession", "total", "per_year", "visits", "visits_per_year", "first", "last",
    "years", "processor", "example", "in_trail", "likely_local",
]  # fmt: skip
# Money that moves but is not a business you buy from: transfers, card payments, cash, fees,
# wages, taxes. Left out of the candidates (still stored, still shown in the transactions).
NOT_A_BUSINESS = re.compile(
    r"\b(?:transfer|thank you|autopay|auto-pmt|pymt|atm|fee|fees|interest|payroll|salary|"
    r"gehalt|lohn|deposit|refund|check|cheque|überweisung|ueberweisung|online banking|"
    r"to eur|to gbp|to usd|irs|hmrc|finanzamt|mortgage payment|loan payment)\b",
    re.I,
)
# Payees that are almost never a local business someone knows by name: supermarket and
# fuel chains, online shops and subscriptions, phone and broadband, utilities, insurers,
# rent and mortgage, councils and taxes. Listed apart as "probably not local", still addable.
NOT_LOCAL = re.compile(
    r"\b(?:tesco|sainsbury'?s?|asda|morrisons|aldi|lidl|waitrose|co-?op food|iceland foods|"
    r"walmart|wal-mart|kroger|costco|whole foods|safeway|publix|rewe|edeka|kaufland|carrefour|"
    r"amazon|amzn|ebay|paypal|netflix|spotify|apple\.com|itunes|google|microsoft|deliveroo|"
    r"just eat|doordash|uber|shell|bp|esso|exxon|exxonmobil|chevron|texaco|aral|ee|bt|"
    r"vodafone|o2|virgin media|sky digital|sky uk|verizon|at&t|t-mobile|comcast|xfinity|"
    r"telekom|british gas|octopus energy|edf|e\.on|ovo energy|thames water|yorkshire water|"
    r"anglian water|severn trent|united utilities|insurance|assurance|aviva|direct line|"
    r"admiral|geico|state farm|allstate|allianz|axa|rent|landlord|mortgage|council|dvla|"
    r"tv licen[cs]e|starbucks|mcdonald'?s|costa coffee|pret a manger|greggs|ikea)\b",
    re.I,
)
# Shortest stretch a per-year figure is scaled from: a two-week file is not multiplied by 26.
MIN_DAYS_FOR_A_YEAR = 28


def dedupe_keys(tx: pd.DataFrame) -> pd.Series:
    """One key per transaction that is the same in every export that contains it.

    OFX: account, FITID, amount and date (FITIDs alone repeat across accounts and banks).
    CSV and QIF: the row's content plus how many identical rows came before it in the same
    file, so two real $5 coffees on one day are two transactions, in this export and the next.
    """
    days = tx["date"].to_numpy().astype("datetime64[D]").astype(str)
    cents = np.round(tx["amount"].to_numpy(dtype=float) * 100).astype(np.int64).astype(str)
    account = tx["account"].astype(str)
    fitid = tx["fitid"].astype(str)
    ofx = "ofx|" + account + "|" + fitid + "|" + cents + "|" + days
    content = (
        tx["source"].astype(str) + "|" + account + "|" + days + "|" + cents + "|"
        + tx["description"].astype(str)
    )  # fmt: skip
    occurrence = content.groupby(content, sort=False).cumcount().astype(str)
    return ofx.where(fitid != "", content + "#" + occurrence)


def candidates(
    tx: pd.DataFrame, business_names: list[str] | None = None, city: str = ""
) -> pd.DataFrame:
    """Money out, grouped by payee, biggest first: total, per year, visits, first and last
    payment, a guessed profession, and whether the business is already in the money trail.
    Payees are named without a trailing place (``city``, or a shared neighbourhood)."""
    if tx.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    dates = pd.to_datetime(tx["date"])
    span_days = max((dates.max() - dates.min()).days + 1, MIN_DAYS_FOR_A_YEAR)
    out = tx[(tx["amount"] < 0) & ~tx["pending"].astype(bool)].assign(date=dates)
    if out.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    out = out.assign(payee=places_stripped(out["payee"], city))
    grouped = _per_payee(out)
    grouped = grouped[~grouped["payee"].str.contains(NOT_A_BUSINESS)]
    grouped["total"] = -grouped["total"].round(2)
    # A payee paid more than once is paid at the rate the file shows; one payment is one a
    # year, never a single bill multiplied into a habit.
    scale = 365.25 / span_days
    once = grouped["visits"] < 2
    grouped["per_year"] = (grouped["total"] * scale).round(2).where(~once, grouped["total"])
    grouped["visits_per_year"] = (grouped["visits"] * scale).round(1).where(~once, 1.0)
    # The file shows "a customer since at least the first payment": a file shorter than a
    # year says nothing about the years before it, so never less than one.
    years = (grouped["last"] - grouped["first"]).dt.days / 365.25
    grouped["years"] = years.round(1).clip(lower=1.0)
    grouped["profession"] = [
        preferred_clients.profession_name(preferred_clients.guess_profession(p, e))
        for p, e in zip(grouped["payee"], grouped["example"], strict=True)
    ]
    known = {_plain(n) for n in business_names or []}
    grouped["in_trail"] = grouped["payee"].map(lambda p: _plain(p) in known).astype(bool)
    grouped["likely_local"] = ~grouped["payee"].str.contains(NOT_LOCAL)
    grouped = grouped.sort_values(["total", "payee"], ascending=[False, True])
    return grouped[CANDIDATE_COLUMNS].reset_index(drop=True)


def _per_payee(out: pd.DataFrame) -> pd.DataFrame:
    """Per payee, in order of first payment: total, visits, first and last date, and the
    processor and description of the first payment. (Each payee is found once, by factorize;
    the sums and extremes are numpy's, on its codes.)"""
    # From a plain object array: a third faster than from the str Series itself.
    codes, payees = pd.factorize(out["payee"].to_numpy(dtype=object))
    count = len(payees)
    when = out["date"].to_numpy(dtype="datetime64[ns]").view(np.int64)
    first = np.full(count, np.iinfo(np.int64).max)
    last = np.full(count, np.iinfo(np.int64).min)
    np.minimum.at(first, codes, when)
    np.maximum.at(last, codes, when)
    first_row = np.empty(count, dtype=np.int64)
    first_row[codes[::-1]] = np.arange(len(codes))[::-1]
    return pd.DataFrame(
        {
            "payee": pd.Series(payees, dtype=str),
            "total": np.bincount(codes, weights=out["amount"].to_numpy(dtype=float)),
            "visits": np.bincount(codes, minlength=count),
            "first": first.view("datetime64[ns]"),
            "last": last.view("datetime64[ns]"),
            "processor": out["processor"].to_numpy(dtype=object)[first_row],
            "example": out["description"].to_numpy(dtype=object)[first_row],
        }
    ).astype({"processor": str, "example": str})


def same_name(a: str, b: str) -> bool:
    """Whether two business names are the same, ignoring case, apostrophes and punctuation."""
    return _plain(a) == _plain(b)


def _plain(name: str) -> str:
    return re.sub(r"[^\w]+", " ", str(name).lower().replace("'", "")).strip()


def _note(visits: int, first: pd.Timestamp, last: pd.Timestamp) -> str:
    """Where a candidate's figures came from, for its notes: 'From your bank file: 12
    payments, Jan 5, 2025 to Dec 5, 2025. A customer since at least Jan 5, 2025: ...'."""
    when = words.short_day(first)
    if first != last:
        when = _("{first} to {last}").format(first=when, last=words.short_day(last))
    return ngettext(
        "From your bank file: {n} payment, {when}. A customer since at least {since}: change "
        "'Years a customer' if it is longer.",
        "From your bank file: {n} payments, {when}. A customer since at least {since}: change "
        "'Years a customer' if it is longer.",
        visits,
    ).format(n=visits, when=when, since=words.short_day(first))


def business_from(candidate: pd.Series | dict) -> dict[str, object]:
    """The spend-table row a candidate becomes: spend per year, visits a year, years a customer,
    and a note saying where the figures came from."""
    first, last = pd.Timestamp(candidate["first"]), pd.Timestamp(candidate["last"])
    return {
        "name": candidate["payee"],
        "profession": candidate["profession"],
        "amount": float(candidate["per_year"]),
        "frequency": "per_year",
        "visits_per_year": float(candidate["visits_per_year"]),
        "years_as_customer": float(candidate["years"]),
        "notes": _note(int(candidate["visits"]), first, last),
    }
