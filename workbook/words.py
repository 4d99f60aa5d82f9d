"""Small pieces of English the workbook writes in many places."""

from __future__ import annotations

import datetime as dt


def count(number: float, one: str, many: str | None = None) -> str:
    """'1 payment', '4 payments', '2.5 years': a number with its noun."""
    return f"{number:g} {one if number == 1 else many or one + 's'}"


def day(value: dt.date | str, year: bool = False) -> str:
    """A day in words: '6 December', or '6 December 2026' with the year (a date, or ISO text
    such as a week's start as saved)."""
    when = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return f"{when.day} {when:%B}" + (f" {when.year}" if year else "")


# Catalog entries that are a kind of service, not a countable person or business.
_UNCOUNTED = {"child care", "lawn care", "pest control", "auto repair", "computer repair"}


def plural(name: str) -> str:
    """A profession as people say it of several: 'Florist' -> 'florists', 'Bakery' ->
    'bakeries', 'Coach' -> 'coaches', 'HVAC technician' -> 'HVAC technicians', 'Child care'
    -> 'child care'. Words in capitals keep them."""
    words = name.split()
    if not words:
        return ""
    words = [w if w.isupper() and len(w) > 1 else w.lower() for w in words]
    said = " ".join(words)
    if said.lower() in _UNCOUNTED:
        return said
    last = words[-1]
    if last.endswith("y") and len(last) > 1 and last[-2].lower() not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch", "x", "z")):
        last += "es"
    else:
        last += "s"
    return " ".join([*words[:-1], last])
