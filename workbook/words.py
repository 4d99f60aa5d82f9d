"""Small pieces of text the workbook writes in many places: counts, and dates in words as the
participant's locale writes them (Babel, CLDR's patterns)."""

from __future__ import annotations

import datetime as dt

from babel import dates

from . import i18n


def count(number: float, one: str, many: str | None = None) -> str:
    """'1 payment', '4 payments', '2.5 years': a number with its noun."""
    return f"{figure(number)} {one if number == 1 else many or one + 's'}"


def figure(number: float) -> str:
    """A number as the participant's locale writes it: '2.5', '2,5', '1,234', '1.234'."""
    from babel import numbers

    return numbers.format_decimal(number, locale=i18n.locale())


def _date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def day(value: dt.date | str, year: bool = False, weekday: bool = False) -> str:
    """A day in words as the participant's locale writes it: '6 December' (en-GB), 'December
    6' (en-US), '6. Dezember', '6 de diciembre'; with the year, or the day of the week (a
    date, or ISO text such as a week's start as saved)."""
    when = _date(value)
    if weekday and year:
        return dates.format_date(when, "full", locale=i18n.locale())
    skeleton = ("y" if year else "") + "MMMM" + ("EEEE" if weekday else "") + "d"
    return dates.format_skeleton(skeleton, when, locale=i18n.locale())


def short_day(value: dt.date | str, year: bool = True) -> str:
    """A day with the month shortened, for tables: '6 Dec 2026', 'Dec 6, 2026', '6. Dez. 2026'."""
    return dates.format_skeleton("yMMMd" if year else "MMMd", _date(value), locale=i18n.locale())


def month(value: dt.date | str, year: bool = True) -> str:
    """A month in words: 'December 2026', 'Dezember 2026', 'diciembre de 2026'; or 'December'."""
    when = _date(value)
    if year:
        return dates.format_skeleton("yMMMM", when, locale=i18n.locale())
    return dates.format_date(when, "LLLL", locale=i18n.locale())


def weekday(value: dt.date | str) -> str:
    """The day of the week: 'Monday', 'Montag', 'lunes'."""
    return dates.format_date(_date(value), "EEEE", locale=i18n.locale())


def listed(parts: list[str]) -> str:
    """'a, b and c', 'a, b y c', 'a, b und c': a list as the participant's language says it."""
    from babel.lists import format_list

    return format_list(parts, locale=i18n.locale()) if parts else ""


def months_typed() -> dict[str, int]:
    """Each month's names as a participant may type them, in every language the workbook
    speaks ('june', 'jun', 'juni', 'junio', 'märz', 'mrz'), lowered and without dots."""
    found: dict[str, int] = {}
    for language in i18n.LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                names = dates.get_month_names(width, context, locale=language)
                for number, name in names.items():
                    found.setdefault(name.lower().strip(".").strip(), number)
    return found


# Catalog entries that are a kind of service, not a countable person or business.
_UNCOUNTED = {"child care", "lawn care", "pest control", "auto repair", "computer repair"}


def plural(name: str) -> str:
    """A profession as people say it of several: 'Florist' -> 'florists', 'Bakery' ->
    'bakeries', 'Coach' -> 'coaches', 'HVAC technician' -> 'HVAC technicians', 'Child care'
    -> 'child care'. Words in capitals keep them. In Spanish and German, the profession as it
    is written (their plurals are not made by a rule)."""
    if i18n.language() != i18n.SOURCE:
        return name
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
