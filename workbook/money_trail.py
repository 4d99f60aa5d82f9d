"""Exercise 1, the money trail: the local businesses you pay, and what to ask of them in return.

Pure functions over DataFrames; the Workbook stores what they return.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from . import i18n
from ._errors import InputError
from .i18n import N_, _, ngettext
from .profile import Profile, format_money
from .words import figure

FREQUENCIES = {
    "per_visit": N_("per visit"),
    "per_month": N_("per month"),
    "per_year": N_("per year"),
}
_FREQUENCY_WORDS = {
    "per_visit": ("per visit", "visit", "each visit", "per time", "per appointment", "each time"),
    "per_month": ("per month", "month", "monthly", "a month", "each month"),
    "per_year": ("per year", "year", "yearly", "annually", "annual", "a year", "each year"),
}

ASK_KINDS = {
    "newsletter_ad": N_("Put an ad for you in their newsletter"),
    "display_cards": N_("Display your brochure or cards"),
    "coupon": N_("Hand out your coupon at the register"),
    "announcement": N_("Post your announcement"),
    "sponsor_event": N_("Sponsor your event"),
    "introduction": N_("Introduce you to someone"),
    "other": N_("Something else"),
}
ASK_STATUSES = {
    "planned": N_("Planned"),
    "asked": N_("Asked"),
    "agreed": N_("Agreed"),
    "declined": N_("Declined"),
}

# What the participant edits, with the label the forms and grid show.
BUSINESS_FIELDS = {
    "name": N_("Business"),
    "profession": N_("Profession"),
    "amount": N_("Amount"),
    "frequency": N_("How often"),
    "visits_per_year": N_("Visits a year"),
    "years_as_customer": N_("Years a customer"),
    "referrals_sent": N_("Referrals sent"),
    "notes": N_("Notes"),
}
_NUMBER_FIELDS = ("amount", "visits_per_year", "years_as_customer", "referrals_sent")


def parse_number(value: Any, label: str, *, whole: bool = False) -> float:
    """A number of 0 or more from what was typed ('1,200', '$45.50', '1.234,50 €' as written
    in the participant's locale, 3), or InputError."""
    if isinstance(value, bool):
        raise InputError(_("{label} must be a number.").format(label=label))
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0.0
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = re.sub(r"[\s$£€¥₹'’]", "", str(value))
        if text == "":
            return 0.0
        number = _typed_number(text)
        if number is None:
            raise InputError(
                _("{label} must be a number (you typed {typed}).").format(
                    label=label, typed=repr(str(value).strip())
                )
            )
    if not math.isfinite(number):
        raise InputError(_("{label} must be an ordinary number.").format(label=label))
    if number < 0:
        raise InputError(
            _("{label} cannot be negative (you typed {typed}).").format(label=label, typed=value)
        )
    if whole and not number.is_integer():
        raise InputError(
            _("{label} must be a whole number (you typed {typed}).").format(
                label=label, typed=value
            )
        )
    return number


def _typed_number(text: str) -> float | None:
    """A number as the participant's locale writes it ('1.234,50' in Germany, '1,234.50' in
    the US), else with a decimal point and commas between thousands ('65.50' typed anywhere)."""
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        return float(parse_decimal(text, locale=i18n.locale(), strict=True))
    except (NumberFormatError, ValueError):
        pass
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def parse_frequency(value: Any) -> str:
    text = str(value or "").strip().lower().replace("_", " ")
    for key, words in _FREQUENCY_WORDS.items():
        if text in words:
            return key
    raise InputError(
        _("How often must be one of: {choices} (you typed {typed}).").format(
            choices=", ".join(_(label) for label in FREQUENCIES.values()), typed=repr(str(value))
        )
    )


def clean_business(values: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Check a business's fields as typed and return them ready to store.

    With partial=True only the given fields are checked (an edit to one cell).
    """
    unknown = set(values) - set(BUSINESS_FIELDS)
    if unknown:
        raise ValueError(f"not business fields: {sorted(unknown)}")
    clean: dict[str, Any] = {}
    for field, value in values.items():
        label = _(BUSINESS_FIELDS[field])
        if field in _NUMBER_FIELDS:
            number = parse_number(value, label, whole=field == "referrals_sent")
            clean[field] = int(number) if field == "referrals_sent" else number
        elif field == "frequency":
            clean[field] = parse_frequency(value)
        else:
            clean[field] = "" if value is None else str(value).strip()
    if ("name" in clean or not partial) and not clean.get("name"):
        raise InputError(_("Every business needs a name."))
    if clean.get("years_as_customer", 0) > 100:
        raise InputError(_("Years a customer looks too large: more than 100 years?"))
    return clean


def annual_spend(amount: float, frequency: str, visits_per_year: float) -> float:
    if frequency == "per_visit":
        return amount * visits_per_year
    if frequency == "per_month":
        return amount * 12
    return amount


def with_spend(businesses: pd.DataFrame, asks: pd.DataFrame | None = None) -> pd.DataFrame:
    """The spend table: each business with its annual and lifetime spend, biggest first.

    With asks given, also whether the business declined an ask (``declined``) and how many
    asks it has (``asks``).
    """
    table = businesses.copy()
    per_visit = table["frequency"] == "per_visit"
    per_month = table["frequency"] == "per_month"
    table["annual_spend"] = table["amount"].where(
        ~per_visit, table["amount"] * table["visits_per_year"]
    )
    table["annual_spend"] = table["annual_spend"].where(~per_month, table["amount"] * 12)
    table["lifetime_spend"] = table["annual_spend"] * table["years_as_customer"]
    table["declined"] = False
    table["asks"] = 0
    if asks is not None and len(asks):
        declined_ids = set(asks.loc[asks["status"] == "declined", "business_id"])
        table["declined"] = table["id"].isin(declined_ids)
        table["asks"] = table["id"].map(asks["business_id"].value_counts()).fillna(0).astype(int)
    return table.sort_values(["lifetime_spend", "name"], ascending=[False, True]).reset_index(
        drop=True
    )


def totals(spend: pd.DataFrame) -> dict[str, float]:
    return {
        "businesses": len(spend),
        "annual_spend": float(spend["annual_spend"].sum()) if len(spend) else 0.0,
        "lifetime_spend": float(spend["lifetime_spend"].sum()) if len(spend) else 0.0,
        "referrals_sent": int(spend["referrals_sent"].sum()) if len(spend) else 0,
    }


def this_week(spend: pd.DataFrame, n: int = 2) -> pd.DataFrame:
    """The one or two businesses to approach next: most invested, no ask yet."""
    candidates = spend[(spend["asks"] == 0) & (spend["lifetime_spend"] > 0)]
    return candidates.head(n)


def clean_ask(kind: str, detail: str = "") -> tuple[str, str]:
    if kind not in ASK_KINDS:
        raise InputError(
            _("Pick an ask from the menu ({choices}).").format(
                choices=", ".join(_(label) for label in ASK_KINDS.values())
            )
        )
    detail = (detail or "").strip()
    if kind == "other" and not detail:
        raise InputError(
            _("Say what you will ask for: type it in the box next to 'Something else'.")
        )
    return kind, detail


def clean_status(status: str) -> str:
    if status not in ASK_STATUSES:
        raise InputError(
            _("An ask is one of: {choices}.").format(
                choices=", ".join(_(label) for label in ASK_STATUSES.values())
            )
        )
    return status


def ask_label(kind: str, detail: str = "") -> str:
    if kind == "other":
        return detail
    return f"{_(ASK_KINDS[kind])} ({detail})" if detail else _(ASK_KINDS[kind])


def relationship_line(business: Mapping[str, Any], currency: str, locale: str | None = None) -> str:
    """'5 years a client, about $3,000 spent, 4 people referred' from the participant's numbers
    (the amount written as in ``locale``)."""
    years = float(business["years_as_customer"])
    parts = []
    if years >= 1:
        parts.append(
            ngettext("{n} year a client", "{n} years a client", years).format(n=figure(years))
        )
    elif years > 0:
        parts.append(_("a client for less than a year"))
    if business["lifetime_spend"] > 0:
        spent = format_money(business["lifetime_spend"], currency, True, locale)
        parts.append(_("about {amount} spent").format(amount=spent))
    referrals = int(business["referrals_sent"])
    if referrals:
        parts.append(
            ngettext("{n} person referred", "{n} people referred", referrals).format(n=referrals)
        )
    return ", ".join(parts)


_ASK_SENTENCES = {
    "newsletter_ad": N_(
        "Would you put a short ad for {business} in your next customer newsletter?"
    ),
    "display_cards": N_("Could I leave a small stand of my cards or brochures at your counter?"),
    "coupon": N_("Would you hand my coupon to customers at the register for a month?"),
    "announcement": N_("Could you post my announcement on your notice board or social media?"),
    "sponsor_event": N_(
        "Would you sponsor my next event? I will thank you by name to everyone there."
    ),
    "introduction": N_("Would you introduce me to someone you know who might need a {what}?"),
    "other": N_("Would you {detail}?"),
}


def talking_points(
    business: Mapping[str, Any], kind: str, detail: str, profile: Profile
) -> list[str]:
    """What to say when making an ask, built from the participant's own numbers."""
    name = business["name"]
    years = float(business["years_as_customer"])
    if business["lifetime_spend"] > 0:
        opener = ngettext(
            "I have been your customer for {n} year and have spent about {amount} with {name}.",
            "I have been your customer for {n} years and have spent about {amount} with {name}.",
            years,
        )
    else:
        opener = ngettext(
            "I have been your customer for {n} year.", "I have been your customer for {n} years.",
            years,
        )  # fmt: skip
    amount = profile.money(business["lifetime_spend"], approx=True)
    points = [opener.format(n=figure(years), amount=amount, name=name)]
    referrals = int(business["referrals_sent"])
    if referrals:
        points.append(
            ngettext(
                "I have sent you {n} customer and I am glad to keep doing it.",
                "I have sent you {n} customers and I am glad to keep doing it.",
                referrals,
            ).format(n=referrals)
        )
    else:
        points.append(_("I recommend you to people I know, and I want to keep doing it."))
    if kind == "introduction" and not profile.profession:
        sentence = _("Would you introduce me to someone you know who might need my services?")
    else:
        sentence = _(_ASK_SENTENCES[kind])
    ask = sentence.format(
        business=profile.business or _("my business"),
        what=profile.profession.lower(),
        detail=detail[:1].lower() + detail[1:] if detail else "",
    )
    if detail and kind != "other":
        ask += f" ({detail})"
    points.append(ask)
    if profile.preferred_client:
        points.append(
            _("My best clients are {clients}; many are yours too.").format(
                clients=profile.preferred_client.rstrip(".")
            )
        )
    return points
