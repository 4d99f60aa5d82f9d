"""The participant's locale: how money and numbers are written for them, and which way round
a date such as 03/04 is read (Babel, from CLDR's data); suggested from the currency and time
zone of their profile until they choose.

A locale is written the way people read it, ``en-GB`` or ``de-CH``. The suggestion is the
participant's language as written in their country when CLDR has it (``en-DE``: "1.234,50 €",
``es-US``), else English there, else the country's own language (``es-MX``). The language the
words are in is ``i18n``'s; a locale's is only how things are written.
"""

from __future__ import annotations

import re
import zoneinfo
from functools import cache

from babel import Locale, UnknownLocaleError, localedata, numbers
from babel.core import get_global

from ._errors import InputError

# The locales the profile offers first; any other that CLDR knows is accepted too.
OFFERED = ("en-US", "en-GB", "en-IE", "en-AU", "en-NZ", "en-CA", "en-IN", "en-ZA", "en-DE",
           "en-AT", "en-CH", "de-DE", "de-AT", "de-CH", "es-ES", "es-MX")  # fmt: skip
DEFAULT = "en-US"
LANGUAGE = "en"  # the language the workbook's words are in


def clean(text: object) -> str:
    """A locale as stored ('en-GB'), from what a participant types ('en_gb', 'EN-GB'); ''
    for none (then the suggestion is used). One CLDR does not know is refused in words."""
    typed = str(text or "").split(" · ")[0].strip()  # 'en-GB · English (United Kingdom)'
    if not typed:
        return ""
    parts = re.split(r"[-_\s]+", typed)
    if len(parts) == 2 and parts[0].isalpha() and parts[1].isalpha():
        name = f"{parts[0].lower()}_{parts[1].upper()}"
        if localedata.exists(name):
            return name.replace("_", "-")
    from .i18n import _

    raise InputError(
        _("{typed} is not a language and country this computer knows. Pick one from the list, "
          "such as en-GB (English, United Kingdom) or de-DE (German, Germany).").format(
            typed=repr(typed))
    )  # fmt: skip


def _territory(currency: str, time_zone: str) -> str:
    """The participant's country: from the time zone, else from a currency one country uses."""
    if time_zone:
        try:
            zoneinfo.ZoneInfo(time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
        else:
            found = get_global("zone_territories").get(time_zone)
            if found and found != "001":
                return str(found)
    return _currency_territories().get(currency.upper(), "")


@cache
def _currency_territories() -> dict[str, str]:
    """Each currency used by exactly one country (with CLDR's own data): USD -> US, GBP -> GB,
    INR -> IN; the euro is used by many, so its country comes from the time zone."""
    users: dict[str, set[str]] = {}
    for territory, money in get_global("territory_currencies").items():
        for code, _since, until, tender in money:
            if until is None and tender:  # in use now, legal tender
                users.setdefault(code, set()).add(territory)
    found = {code: next(iter(t)) for code, t in users.items() if len(t) == 1}
    return found | {"USD": "US", "AUD": "AU", "NZD": "NZ", "CHF": "CH", "GBP": "GB", "INR": "IN"}


def suggest(currency: str = "", time_zone: str = "", language: str = LANGUAGE) -> str:
    """The locale to write the participant's money, numbers and dates in until they choose
    one: their language as written in their country ('es-MX', 'en-DE'), else the country's
    own; with no country, their language's usual one ('de-DE', 'es-ES', 'en-US')."""
    if language != LANGUAGE and not time_zone and currency.upper() in ("", "USD"):
        currency = ""  # the profile's first currency, not yet chosen: the language says more
    territory = _territory(currency, time_zone)
    if not territory:
        if language == LANGUAGE:
            return DEFAULT
        likely = str(get_global("likely_subtags").get(language, "")).split("_")
        return f"{language}-{likely[-1]}" if len(likely) > 1 else DEFAULT
    if localedata.exists(f"{language}_{territory}"):
        return f"{language}-{territory}"
    if localedata.exists(f"{LANGUAGE}_{territory}"):
        return f"{LANGUAGE}-{territory}"
    spoken = get_global("territory_languages").get(territory, {})
    for language in sorted(spoken, key=lambda lang: -spoken[lang]["population_percent"]):
        if spoken[language].get("official_status") and localedata.exists(f"{language}_{territory}"):
            return f"{language}-{territory}"
    return DEFAULT


@cache
def babel_locale(locale: str | None) -> Locale:
    try:
        return Locale.parse((locale or DEFAULT).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT.replace("-", "_"))


def money(amount: float, currency: str, locale: str | None = None, whole: bool = False) -> str:
    """An amount as written in the locale ('$3,000', '1.234,50 €', '₹1,23,456', "CHF
    1'234.50"); ``whole`` drops the cents, as for large and round sums."""
    where = babel_locale(locale)
    code = currency.upper()
    if whole:
        pattern = re.sub(r"\.0+", "", where.currency_formats["standard"].pattern)
        text = numbers.format_currency(round(float(amount)), code, format=pattern, locale=where,
                                       currency_digits=False)  # fmt: skip
    else:
        text = numbers.format_currency(float(amount), code, locale=where)
    # CLDR's currency spacing, which Babel leaves out: a symbol of letters stands apart from
    # the digits ('XYZ 10', 'CHF 10', not 'XYZ10').
    symbol = numbers.get_currency_symbol(code, locale=where)
    if symbol[-1:].isalpha():
        text = re.sub(rf"{re.escape(symbol)}(?=[\d])", symbol + " ", text, count=1)
    if symbol[:1].isalpha():
        text = re.sub(rf"(?<=\d){re.escape(symbol)}", " " + symbol, text, count=1)
    return text


def number(value: float, locale: str | None = None) -> str:
    """A number as written in the locale (1,234.5 / 1.234,5 / 1,23,456)."""
    return numbers.format_decimal(value, locale=babel_locale(locale))


def chart_separators(locale: str | None = None) -> str:
    """Plotly's ``layout.separators`` for the locale: its decimal mark, then its thousands
    mark."""
    where = babel_locale(locale)
    return numbers.get_decimal_symbol(where) + numbers.get_group_symbol(where)


def day_first(locale: str | None = None) -> bool:
    """Whether dates such as 03/04/2025 are day first where the participant lives (3 April in
    the UK, March 4 in the US): from the locale's short date pattern."""
    pattern = babel_locale(locale).date_formats["short"].pattern
    return pattern.find("d") < pattern.find("M")


def name(locale: str) -> str:
    """'English (United Kingdom)' for 'en-GB', in the language the workbook speaks."""
    from . import i18n

    return babel_locale(locale).get_display_name(i18n.language()) or locale


def choice(locale: str) -> str:
    """How a locale is offered in the profile: 'en-GB · English (United Kingdom)'."""
    return f"{locale} · {name(locale)}"


# About what a US dollar buys in each currency, for a worked example's amounts (a haircut, a
# year of grooming): rounded to two figures, they read as prices of that country, not as an
# exchange rate. Currencies not listed are shown with the same figures.
_PRICE_LEVEL = {"USD": 1, "CAD": 1.3, "AUD": 1.5, "NZD": 1.6, "GBP": 0.8, "EUR": 0.9,
                "CHF": 0.9, "SEK": 10, "NOK": 10, "DKK": 7, "PLN": 4, "CZK": 22, "INR": 80,
                "JPY": 150, "CNY": 7, "ZAR": 18, "MXN": 17, "BRL": 5}  # fmt: skip


def example_amount(dollars: float, currency: str) -> float:
    """A worked example's amount (written in US dollars) as a price in ``currency``: $65 is
    £52, 59 €, ₹5,200."""
    from .profile import round_for_speech

    return round_for_speech(dollars * _PRICE_LEVEL.get(currency.upper(), 1))


def excel_money(currency: str, locale: str | None = None) -> str:
    """A spreadsheet's number format for money in the locale: '"$"#,##0.00',
    '#,##0.00\\ "€"', '"CHF"\\ #,##0.00'. The symbol sits where the locale puts it, with its
    space; the marks are the spreadsheet's own codes (each program shows them as its computer
    writes numbers)."""
    before, after = chart_money(currency, locale)
    symbol = f'"{(before or after).strip()}"'
    space = "\\ " if (before or after) != (before or after).strip() else ""
    return f"{symbol}{space}#,##0.00" if before else f"#,##0.00{space}{symbol}"


def chart_money(currency: str, locale: str | None = None) -> tuple[str, str]:
    """The currency's symbol around a chart's numbers as the locale writes it: ('$', '') in
    the US, ('', ' €') in Germany, ('CHF ', '') in Switzerland."""
    where = babel_locale(locale)
    symbol = numbers.get_currency_symbol(currency.upper(), locale=where)
    pattern = where.currency_formats["standard"].pattern.split(";")[0]
    spaced = symbol[-1:].isalpha() or bool(re.search(r"¤\s|\s¤", pattern))
    gap = " " if spaced else ""
    if pattern.strip().startswith("¤"):
        return symbol + gap, ""
    return "", gap + symbol
