"""Which bank's CSV a file is: the headings each part of a transaction goes by (English,
German, French, Dutch, Spanish), and the layouts of the banks whose exports are known, with
their habits (charges positive, day first)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._table import clean_heading

# Which heading plays which part, most specific first (English, German, French).
ROLES: dict[str, tuple[str, ...]] = {
    "date": (
        "posting date", "post date", "posted date", "completed date", "booking date",
        "buchungsdatum", "buchungstag", "transaction date", "trans. date", "date", "datum",
        "date opération", "date d'opération", "fecha", "boekdatum", "started date", "value date", "wertstellung",
        "valutadatum",
    ),
    "amount": ("amount", "betrag", "umsatz", "montant", "bedrag", "importe", "transaction amount"),
    "debit": (
        "debit", "debit amount", "paid out", "money out", "withdrawals", "withdrawal",
        "withdrawal amount", "soll", "ausgang", "débit",
    ),
    "credit": (
        "credit", "credit amount", "paid in", "money in", "deposits", "deposit",
        "deposit amount", "haben", "eingang", "crédit",
    ),
    "payee": (
        "name", "counter party", "partner name", "beguenstigter/zahlungspflichtiger",
        "begünstigter/zahlungspflichtiger", "auftraggeber / begünstigter", "empfänger", "payee",
        "merchant", "merchant name", "partnername", "naam / omschrijving", "naam",
    ),
    "description": (
        "description", "transaction description", "memo", "verwendungszweck",
        "payment reference", "reference", "narrative", "transaction details", "buchungstext",
        "libellé", "omschrijving", "mededelingen", "concepto", "details",
    ),
    "account": (
        "account", "account number", "account #", "card no.", "card number", "auftragskonto",
    ),
    "status": ("status", "state"),
    "fee": ("fee",),
}  # fmt: skip
_AMOUNT_WITH_CURRENCY = re.compile(
    r"^(?:amount|betrag|montant|bedrag|importe)\s*\((?:\w+|€|\$|£)\)$"
)


@dataclass(frozen=True)
class Layout:
    bank: str
    signature: frozenset[str] = frozenset()
    charges_positive: bool = False  # card exports where a purchase is a positive number
    day_first: bool | None = None


def _layout(bank: str, headings: str, **options: bool | None) -> Layout:
    return Layout(bank, frozenset(h.strip() for h in headings.split("|")), **options)  # type: ignore[arg-type]


# Known exports (import-formats.md 1.5-1.7): the headings that identify them, and their habits.
LAYOUTS = [
    _layout("Chase", "details|posting date|description|amount|type|balance", day_first=False),
    _layout("Chase card", "transaction date|post date|description|category|type|amount|memo", day_first=False),
    _layout("Bank of America", "date|description|amount|running bal.", day_first=False),
    _layout("Bank of America card", "posted date|reference number|payee|address|amount", day_first=False),
    _layout("Capital One", "transaction date|posted date|card no.|description|debit|credit", day_first=False),
    _layout("Citi", "status|date|description|debit|credit", day_first=False),
    _layout("American Express", "date|description|amount|postcode", charges_positive=True, day_first=True),
    _layout("American Express", "date|description|card member|account #|amount", charges_positive=True, day_first=False),
    _layout("Discover", "trans. date|post date|description|amount|category", charges_positive=True, day_first=False),
    _layout("Monzo", "transaction id|date|time|type|name|emoji|category|amount", day_first=True),
    _layout("Starling", "date|counter party|reference|type", day_first=True),
    _layout("Barclays", "number|date|account|amount|subcategory|memo", day_first=True),
    _layout("Nationwide", "date|transaction type|description|paid out|paid in", day_first=True),
    _layout("Lloyds", "transaction date|transaction type|sort code|account number|transaction description", day_first=True),
    _layout("N26", "booking date|value date|partner name", day_first=True),
    _layout("N26", "datum|empfänger|verwendungszweck", day_first=True),
    _layout("Revolut", "type|product|started date|completed date|description|amount|state"),
    _layout("DKB", "buchungsdatum|wertstellung|status|zahlungspflichtige*r|zahlungsempfänger*in", day_first=True),
    _layout("DKB", "buchungstag|wertstellung|buchungstext|auftraggeber / begünstigter|verwendungszweck", day_first=True),
    _layout("Sparkasse", "auftragskonto|buchungstag|valutadatum|buchungstext|verwendungszweck|betrag", day_first=True),
    _layout("Deutsche Bank", "buchungstag|wert|umsatzart|soll|haben", day_first=True),
]  # fmt: skip


def role_columns(headings: list[str]) -> dict[str, list[int]]:
    """For each role, the positions of the headings that can play it, best first."""
    clean = [clean_heading(h) for h in headings]
    first: dict[str, int] = {}
    for position, heading in enumerate(clean):
        first.setdefault(heading, position)
    found: dict[str, list[int]] = {}
    for role, names in ROLES.items():
        positions = [first[n] for n in names if n in first]
        if role == "amount":
            positions += [i for i, h in enumerate(clean) if _AMOUNT_WITH_CURRENCY.match(h)]
        if positions:
            found[role] = list(dict.fromkeys(positions))
    return found


def recognise(cells: list[str]) -> Layout | None:
    present = set(cells)
    for layout in LAYOUTS:
        if layout.signature <= present:
            return layout
    roles = role_columns(cells)
    if "date" in roles and ("amount" in roles or "debit" in roles or "credit" in roles):
        return Layout("CSV")
    return None
