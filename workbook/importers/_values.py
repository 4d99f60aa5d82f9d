"""Dates and amounts as banks print them, decided once per file and parsed per distinct value.

A file's day order is decided from all of its dates together (a day above 12 settles it), then
from the bank's known habit, then month-first with a warning; never row by row. A file's
decimal mark is decided the same way. Only distinct values are parsed in Python, so a 100,000-row
export with a few hundred distinct dates costs a few hundred parses.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .. import words
from ..i18n import _

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "januar", "janv", "janvier", "jän"),
            ("feb", "february", "februar", "fév", "févr", "février"),
            ("mar", "march", "mär", "märz", "mars"),
            ("apr", "april", "avr", "avril"),
            ("may", "mai"),
            ("jun", "june", "juni", "juin"),
            ("jul", "july", "juli", "juil", "juillet"),
            ("aug", "august", "aoû", "août"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "okt", "oktober", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "december", "dez", "dezember", "déc", "décembre"),
        ],
        start=1,
    )
    for name in names
}

_ISO = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[T ].*)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:\s.*)?")
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?:[T ].*)?")
_QUICKEN = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*'\s*(\d{1,4})")
_DAY_NAMED = re.compile(r"(\d{1,2})[ .-]+([^\W\d_]{3,9})\.?[ ,.-]+(\d{4}|\d{2})")
_NAMED_DAY = re.compile(r"([^\W\d_]{3,9})\.? +(\d{1,2}),? +(\d{4})")


class DayOrder:
    """The day order of one file: decided from its values, a bank's habit, or a default."""

    def __init__(
        self,
        values: list[str],
        *,
        day_first: bool | None = None,
        quicken: bool = False,
        usual_day_first: bool = False,
    ):
        pairs = []
        pattern = _QUICKEN if quicken else _SLASHED
        for value in values:
            m = pattern.fullmatch(value) or (_SLASHED.fullmatch(value) if quicken else None)
            if m:
                pairs.append((int(m.group(1)), int(m.group(2))))
        self._decide(
            any(a > 12 for a, _ in pairs),
            any(b > 12 for _, b in pairs),
            pairs[0] if pairs else None,
            day_first,
            usual_day_first,
        )

    @classmethod
    def of_numbers(
        cls, first: np.ndarray, second: np.ndarray, day_first: bool | None, usual: bool = False
    ) -> DayOrder:
        """The order of dates written a/b/year, from all their a's and b's (at least one)."""
        order = cls.__new__(cls)
        pair = (int(first[0]), int(second[0]))
        order._decide(bool((first > 12).any()), bool((second > 12).any()), pair, day_first, usual)
        return order

    def _decide(
        self,
        first_big: bool,
        second_big: bool,
        example: tuple[int, int] | None,
        day_first: bool | None,
        usual_day_first: bool = False,
    ) -> None:
        self.warning = ""
        if first_big and second_big:
            self.day_first: bool | None = None  # mixed: the file contradicts itself
        elif first_big:
            self.day_first = True
        elif second_big:
            self.day_first = False
        elif day_first is not None:
            self.day_first = day_first
        elif usual_day_first:  # as the participant's locale writes dates (3/4 is 3 April)
            self.day_first = True
            if example:
                a, b = example
                self.warning = _(
                    "Dates such as {example} could be read either way; they were read day "
                    "first, as dates are written where you live ({day}). If that is wrong, "
                    "import the file again choosing month first."
                ).format(example=f"{a}/{b}", day=_day_said(2000, b, a))
        else:
            self.day_first = False
            if example:
                a, b = example
                self.warning = _(
                    "Dates such as {example} could be read either way; they were read month "
                    "first (US style: {day}). If that is wrong, import the file again choosing "
                    "day first."
                ).format(example=f"{a}/{b}", day=_day_said(2000, a, b))


def _year(text: str, *, quicken_mark: bool = False) -> int:
    year = int(text)
    if len(text) <= 2:
        if quicken_mark:
            return 2000 + year
        pivot = dt.date.today().year % 100 + 1
        return 2000 + year if year <= pivot else 1900 + year
    return year


def parse_date(value: str, order: DayOrder, *, quicken: bool = False) -> dt.date | None:
    text = value.strip()
    if not text:
        return None
    try:
        if quicken and (m := _QUICKEN.fullmatch(text)):
            a, b = int(m.group(1)), int(m.group(2))
            year = _year(m.group(3), quicken_mark=True)
            day, month = (a, b) if order.day_first else (b, a)
            return dt.date(year, month, day)
        if quicken and (m := _SLASHED.fullmatch(text)) and len(m.group(3)) == 2:
            a, b, year = int(m.group(1)), int(m.group(2)), 1900 + int(m.group(3))
            day, month = (a, b) if order.day_first else (b, a)
            return dt.date(year, month, day)
        if m := _ISO.fullmatch(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _COMPACT.fullmatch(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DOTTED.fullmatch(text):
            return dt.date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _SLASHED.fullmatch(text):
            if order.day_first is None:
                return None
            a, b = int(m.group(1)), int(m.group(2))
            day, month = (a, b) if order.day_first else (b, a)
            return dt.date(_year(m.group(3)), month, day)
        if m := _DAY_NAMED.fullmatch(text):
            month = MONTHS.get(m.group(2).lower())
            return dt.date(_year(m.group(3)), month, int(m.group(1))) if month else None
        if m := _NAMED_DAY.fullmatch(text):
            month = MONTHS.get(m.group(1).lower())
            return dt.date(int(m.group(3)), month, int(m.group(2))) if month else None
    except ValueError:  # 31 February and friends
        return None
    return None


def parse_dates(
    values: pd.Series,
    *,
    day_first: bool | None = None,
    quicken: bool = False,
    usual_day_first: bool = False,
) -> tuple[pd.Series, str]:
    """Dates (datetime64, NaT where a value is not a date) and a warning when the day order
    had to be guessed."""
    codes, distinct = _distinct(values)
    if not quicken and (at_once := _parse_plain_dates(distinct, day_first, usual_day_first)):
        parsed, warning = at_once
        return _spread(parsed, codes, values.index), warning
    order = DayOrder(
        [v.strip() for v in distinct],
        day_first=day_first,
        quicken=quicken,
        usual_day_first=usual_day_first,
    )
    days = [parse_date(v, order, quicken=quicken) for v in distinct]
    # A day datetime64[ns] cannot hold (year 1500, 9999) is no date this workbook can read.
    days = [d if d is not None and _FIRST_DAY <= d <= _LAST_DAY else None for d in days]
    parsed = pd.to_datetime(pd.Series(days, dtype=object), errors="coerce")
    return _spread(parsed.astype("datetime64[ns]"), codes, values.index), order.warning


_FIRST_DAY = (pd.Timestamp.min + pd.Timedelta(days=1)).date()
_LAST_DAY = pd.Timestamp.max.date() - dt.timedelta(days=1)


# Every distinct date of a file in one plain layout (no spaces, no times, four-digit years),
# joined by newlines: the common case, parsed by numpy instead of one by one. The result is
# what parse_date gives each value (NaT where it gives None).
_ALL_SLASHED = re.compile(r"\d{1,2}/\d{1,2}/\d{4}(?:\n\d{1,2}/\d{1,2}/\d{4})*")
_ALL_ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:\n\d{4}-\d{1,2}-\d{1,2})*")
_ALL_DOTTED = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}(?:\n\d{1,2}\.\d{1,2}\.\d{4})*")
_DATE_PARTS = re.compile(r"[-/.\n]")


def _parse_plain_dates(
    distinct: list[str], day_first: bool | None, usual_day_first: bool = False
) -> tuple[pd.Series, str] | None:
    """parse_dates for distinct values all in one plain layout; None for any other file."""
    joined = "\n".join(distinct)
    if not joined:
        return None
    layouts = ((_ALL_SLASHED, "slashed"), (_ALL_ISO, "iso"), (_ALL_DOTTED, "dotted"))
    layout = next((name for pattern, name in layouts if pattern.fullmatch(joined)), None)
    if layout is None:
        return None
    a, b, c = np.array(_DATE_PARTS.split(joined), dtype=np.int64).reshape(-1, 3).T
    year = a if layout == "iso" else c
    if year.min() < 1700 or year.max() > 2200:  # near the ends of datetime64[ns]: one by one
        return None
    warning = ""
    if layout == "iso":
        year, month, day = a, b, c
    elif layout == "dotted":
        day, month, year = a, b, c
    else:
        order = DayOrder.of_numbers(a, b, day_first, usual_day_first)
        warning = order.warning
        if order.day_first is None:  # the file contradicts itself: no date can be trusted
            return pd.Series(pd.NaT, index=range(len(distinct)), dtype="datetime64[ns]"), warning
        (day, month), year = ((a, b) if order.day_first else (b, a)), c
    parsed = pd.to_datetime(
        pd.DataFrame({"year": year, "month": month, "day": day}), errors="coerce"
    ).astype("datetime64[ns]")
    return parsed, warning


# -- amounts ----------------------------------------------------------------------------

_CURRENCY = re.compile(r"[€$£¥₹]|\b(?:EUR|USD|GBP|CHF|CAD|AUD|SEK|NOK|DKK|PLN|HUF|CZK)\b", re.I)
_PLAIN = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_ENDS_COMMA = re.compile(r"\d,\d{1,2}\D*$")
_ENDS_POINT = re.compile(r"\d\.\d{1,2}\D*$")


def decimal_comma(values: list[str]) -> bool:
    """Whether a file writes 12,50 for twelve and a half: decided from all its amounts."""
    commas = sum(1 for v in values if _ENDS_COMMA.search(v))
    points = sum(1 for v in values if _ENDS_POINT.search(v))
    return commas > points


def parse_amount(value: str, comma: bool) -> float:
    """One printed amount as a float (NaN when it is not one): currency signs, spaces,
    apostrophes and thousands marks dropped; (12.00), 12.00-, --12,00 and 12.00 DR negative."""
    text = str(value).replace("\u00a0", " ").replace("\u202f", " ").strip()
    if not text:
        return math.nan
    negative = False
    upper = text.upper()
    if upper.endswith(("CR", "DR")):
        negative = upper.endswith("DR")
        text = text[:-2]
    text = _CURRENCY.sub("", text).strip()
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text.endswith("-"):
        negative, text = True, text.rstrip("-").strip()
    signs = len(text) - len(text.lstrip("+-"))
    if "-" in text[:signs]:
        negative = True
    text = _CURRENCY.sub("", text[signs:]).replace(" ", "").replace("'", "")
    text = text.replace(".", "").replace(",", ".") if comma else text.replace(",", "")
    if not _PLAIN.fullmatch(text):
        return math.nan
    number = float(text)
    return -number if negative else number


def parse_amounts(values: pd.Series, comma: bool | None = None) -> pd.Series:
    """Amounts as floats; NaN where a value is empty or not an amount."""
    text = values.astype(str)
    if comma is None:
        comma = decimal_comma([str(v) for v in pd.unique(text.to_numpy(dtype=object))[:5000]])
    if not comma:
        fast = pd.to_numeric(text, errors="coerce")
        missing = fast.isna()
        if not missing.any():
            return fast.astype(float)
        slow = missing & (text.where(missing, "").str.strip() != "")
        parsed = per_distinct(text[slow], lambda v: parse_amount(v, comma))
        return fast.where(~slow, parsed).astype(float)
    return per_distinct(text, lambda v: parse_amount(v, comma)).astype(float)


def per_distinct(values: pd.Series, func: Callable[[str], Any]) -> pd.Series:
    """``func`` of every value, computed once per distinct value: exports repeat themselves."""
    codes, distinct = _distinct(values)
    return _spread(pd.Series([func(v) for v in distinct]), codes, values.index)


def _distinct(values: pd.Series) -> tuple[Any, list[str]]:
    """Each value's code, and the distinct values (as text) the codes point into."""
    codes, distinct = pd.factorize(values.astype(str).to_numpy(dtype=object))
    return codes, [str(v) for v in distinct]


def _spread(per_value: pd.Series, codes: Any, index: pd.Index) -> pd.Series:
    """A result per distinct value back out to every row (by the codes, in C)."""
    out = per_value.take(codes) if len(codes) else per_value.iloc[:0]
    return out.set_axis(index)


def stripped(values: pd.Series) -> pd.Series:
    return per_distinct(values, str.strip).astype(str)


def _day_said(year: int, month: int, day: int) -> str:
    """A day and month in words as the participant writes them ('3 April', 'April 3'), or the
    numbers as they are when they are no date."""
    try:
        return words.day(dt.date(year, month, day))
    except ValueError:
        return f"{day}/{month}"
