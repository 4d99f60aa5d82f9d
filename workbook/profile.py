"""Exercise 0, start here: who the participant is, in the words the other exercises reuse."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, fields
from functools import cache

from ._errors import InputError
from .i18n import N_, _

# The currencies offered in the profile form; any other three-letter code is accepted too.
CURRENCIES = {
    "USD": "$",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
    "GBP": "£",
    "EUR": "€",
    "CHF": "CHF ",
    "SEK": "SEK ",
    "NOK": "NOK ",
    "DKK": "DKK ",
    "PLN": "zł ",
    "INR": "₹",
    "JPY": "¥",
    "CNY": "CN¥",
    "ZAR": "R ",
    "MXN": "MX$",
    "BRL": "R$",
}


@dataclass(frozen=True)
class Profile:
    name: str = ""
    business: str = ""
    profession: str = ""
    preferred_client: str = ""
    city: str = ""
    currency: str = "USD"
    time_zone: str = ""
    email: str = ""
    # The participant lets the coach's cohort dashboard and its exports show their email.
    share_with_cohort: bool = False
    week_starts: str = "monday"  # or "sunday": where the weekly check-in's week begins
    locale: str = ""  # en-GB, de-CH...; '' until chosen (see ``writes_in``)
    language: str = ""  # en, es, de; '' until chosen (see ``speaks``)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.strip() else _("you")

    @property
    def speaks(self) -> str:
        """The language the workbook speaks to the participant: theirs, else the language of
        the locale they chose when the workbook has it, else English."""
        from . import i18n

        if self.language:
            return self.language
        spoken = self.locale.split("-")[0]
        return spoken if spoken in i18n.LANGUAGES else i18n.SOURCE

    @property
    def writes_in(self) -> str:
        """The locale the participant's money, numbers and dates are written in: theirs, or the
        one their language, currency and time zone suggest."""
        from . import locales

        return self.locale or locales.suggest(self.currency, self.time_zone, self.speaks)

    def money(self, amount: float, approx: bool = False) -> str:
        """An amount in the participant's currency, written as in their locale."""
        return format_money(amount, self.currency, approx, self.writes_in)


PROFILE_FIELDS = [f.name for f in fields(Profile)]

LABELS = {
    "name": N_("Your name"),
    "business": N_("Your business"),
    "profession": N_("Your profession"),
    "preferred_client": N_("Your preferred client, in words"),
    "city": N_("City or town"),
    "currency": N_("Currency"),
    "time_zone": N_("Time zone"),
    "email": N_("Your email"),
    "share_with_cohort": N_("My coach may share my email with my workshop group"),
    "week_starts": N_("My week starts on"),
    "locale": N_("Money and dates as in"),
    "language": N_("Language"),
}


@cache
def time_zones() -> list[str]:
    """Time-zone names a participant can pick, like 'America/New_York'."""
    return sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith("Etc"))


def clean_profile_field(field: str, value: object) -> str | int:
    """The value to store for one profile field, or InputError saying what is wrong."""
    if field not in PROFILE_FIELDS:
        raise ValueError(f"not a profile field: {field!r}")
    if field == "share_with_cohort":
        if isinstance(value, str):
            return int(value.strip().lower() in ("1", "true", "yes", "y"))
        return int(bool(value))
    text = "" if value is None else str(value).strip()
    if field == "week_starts":
        day = text.lower() or "monday"
        if day not in ("monday", "sunday"):
            raise InputError(
                _("A week starts on Monday or Sunday (you typed {typed}).").format(typed=repr(text))
            )
        return day
    if field == "locale":
        from . import locales

        return locales.clean(text)
    if field == "language":
        from . import i18n

        return i18n.clean(text)
    if field == "email" and text and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise InputError(_("{typed} does not look like an email address.").format(typed=repr(text)))
    if field == "currency":
        code = text.upper()
        if len(code) != 3 or not code.isalpha():
            raise InputError(
                _(
                    "Currency should be a three-letter code such as USD, GBP or EUR "
                    "(you typed {typed})."
                ).format(typed=repr(text))
            )
        return code
    if field == "time_zone" and text:
        if text not in zoneinfo.available_timezones():
            raise InputError(
                _(
                    "{typed} is not a time zone this computer knows. "
                    "Pick one from the list, such as America/New_York or Europe/London."
                ).format(typed=repr(text))
            )
    if len(text) > 2000:
        raise InputError(
            _("{field} is too long: keep it under 2,000 characters.").format(field=_(LABELS[field]))
        )
    return text


def today(profile: Profile) -> dt.date:
    """Today's date where the participant lives (the computer's own zone if none is set)."""
    if profile.time_zone:
        return dt.datetime.now(zoneinfo.ZoneInfo(profile.time_zone)).date()
    return dt.date.today()


def format_money(
    amount: float, currency: str = "USD", approx: bool = False, locale: str | None = None
) -> str:
    """'$3,000', '£450', '1.234,50 €' (Babel, as written in ``locale``; US English when none
    is given), or with approx=True a round figure for talking points ('$3,100'). Cents only
    where they matter: not on round sums nor past a thousand."""
    from . import locales

    if approx:
        amount = round_for_speech(amount)
    whole = approx or float(amount).is_integer() or abs(amount) >= 1000
    return locales.money(amount, currency, locale, whole=whole)


def round_for_speech(amount: float) -> float:
    """Two significant figures: 3,140 becomes 3,100 and 487 becomes 490; small sums stay."""
    value = abs(float(amount))
    if value < 100:
        return round(float(amount))
    digits = len(str(int(value))) - 2
    return round(float(amount), -digits)
