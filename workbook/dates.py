"""Dates as participants type them: '2027-06-30', '30 June 2027', 'June 30, 2027', '30/6/2027'.

A date field never saves something that is not a date as "no date": what cannot be read is an
InputError in words, and so is a date too far off to be meant (the year 275760, a goal for
1827). A numeric date whose day and month could be swapped (03/04/2027) is read the way the
participant's dates go when that is known, and otherwise asked for with the month in words.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import words
from ._errors import InputError
from .i18n import _

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTHS |= {name: number for name, number in words.months_typed().items() if name not in _MONTHS}
# Dates a participant means are within this many years of today.
_REACH_YEARS = 100
_EXAMPLE = dt.date(2027, 6, 30)


def parse_date(value: Any, label: str, *, day_first: bool | None = None) -> dt.date | None:
    """The date typed in a field (None when the field is empty), or InputError saying why not."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return _near(value.date(), label, value)
    if isinstance(value, dt.date):
        return _near(value, label, value)
    text = " ".join(str(value).replace(",", " ").split())
    if not text:
        return None
    day = _read(text, label, day_first)
    if day is None:
        raise InputError(
            _("{label}: {typed} is not a date. Write it like {example} (or 2027-06-30).").format(
                label=label, typed=repr(str(value).strip()), example=words.day(_EXAMPLE, year=True)
            )
        )
    return _near(day, label, value)


def _read(text: str, label: str, day_first: bool | None) -> dt.date | None:
    lowered = text.lower().rstrip(".")
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?", lowered)
    if iso:
        return _made(int(iso[1]), int(iso[2]), int(iso[3]))
    parts = lowered.replace(".", " ").split()
    named = [w for w in parts if w in _MONTHS]
    if len(named) == 1:  # 30 June 2027, June 30 2027, 30th of June 2027
        numbers = [int(n) for n in re.findall(r"\d+", lowered)]
        if len(numbers) != 2:
            return None
        small, year = (numbers[0], numbers[1]) if numbers[1] > 31 else (numbers[1], numbers[0])
        if year <= 31:
            return None
        return _made(year, _MONTHS[named[0]], small)
    numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", lowered)
    if not numeric:
        return None
    first, second, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
    if year < 100:
        year += 2000
    if first > 12 and second <= 12:
        return _made(year, second, first)
    if second > 12 and first <= 12:
        return _made(year, first, second)
    if first == second or day_first is not None:
        return (
            _made(year, second, first)
            if day_first or first == second
            else _made(year, first, second)
        )
    raise InputError(
        _("{label}: {typed} could be {one} or {other}. Write the month in words, like {example}.")
        .format(
            label=label, typed=text, one=words.day(_made(year, second, first)),
            other=words.day(_made(year, first, second)),
            example=words.day(_made(year, second, first), year=True),
        )
    )  # fmt: skip


def _made(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _near(day: dt.date, label: str, typed: Any) -> dt.date:
    today = dt.date.today()
    if abs(day.year - today.year) > _REACH_YEARS:
        raise InputError(
            _("{label}: the year {year} is more than a hundred years away; check the date "
              "({typed}).").format(label=label, year=day.year, typed=typed)
        )  # fmt: skip
    return day
