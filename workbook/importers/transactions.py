"""Bank and card exports to one table: date, amount (negative = money leaving the account
holder), description, payee, processor, account, fitid, pending, source.

CSV layouts are recognised by their headings, wherever they start; OFX/QFX and QIF by their
content. Day order and decimal mark are decided once per file.
"""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd

from ..i18n import N_, _, ngettext
from . import _ofx, _qif
from ._bank_layouts import Layout, recognise, role_columns
from ._bank_records import _BALANCE_ROW, _finish, _from_ofx, _from_qif, _named_by_bank, _texts
from ._source import Source, decode, load, plain_words, refuse_binary
from ._table import (
    DELIMITERS,
    Table,
    clean_heading,
    drop_empty_and_repeated,
    find_heading,
    first_lines,
    read_rows,
)
from ._values import parse_amounts, parse_dates, per_distinct, stripped

_PENDING = {"pending", "vorgemerkt", "authorised", "authorized", "in progress", "pending_"}
_REVERTED = {"reverted", "declined", "cancelled", "canceled", "failed", "storniert", "abgelehnt"}


def read_transactions(
    source: object, day_first: bool | None = None, *, usual_day_first: bool = False
) -> pd.DataFrame:
    """Read a bank or card export (CSV, OFX/QFX/QBO or QIF); see the module docstring.

    ``day_first`` settles the day order when the file's own dates cannot (all days 12 or less);
    without it, the bank's known habit does, and without that ``usual_day_first``: how dates
    are written where the participant lives (their locale).
    """
    src = load(source)
    hint = N_("Check that it is the CSV, OFX, QFX or QIF file your bank gave you.")
    with plain_words(src, N_("a bank export"), hint):
        refuse_binary(src)
        text = decode(src)
        if _ofx.is_ofx(text):
            return _from_ofx(src, text)
        if _qif.is_qif(text):
            return _from_qif(src, text, day_first, usual_day_first)
        return _from_csv(src, text, day_first, usual_day_first)


# -- CSV -------------------------------------------------------------------------------


def _from_csv(src: Source, text: str, day_first: bool | None, usual: bool = False) -> pd.DataFrame:
    found = find_heading(text, recognise)
    if found is None:
        return _headerless(src, text, day_first, usual)
    offset, delimiter, cells, layout = found
    amounts = role_columns(cells).get("amount", [None])[0]
    table = drop_empty_and_repeated(read_rows(src, text, offset, delimiter, numbers=amounts))
    return _frame(src, table, layout, day_first, usual)


def _column(
    table: Table, roles: dict[str, list[int]], role: str, which: int = 0
) -> pd.Series | None:
    positions = roles.get(role, [])
    if len(positions) <= which:
        return None
    return table.rows.iloc[:, positions[which]].astype(str)


def _frame(
    src: Source, table: Table, layout: Layout, day_first: bool | None, usual: bool = False
) -> pd.DataFrame:
    rows = table.rows
    warnings = list(table.warnings)
    roles = role_columns(table.headings)
    dates = _column(table, roles, "date")
    fallback = _column(table, roles, "date", 1)
    if dates is not None and fallback is not None:  # Revolut: no completed date while pending
        dates = dates.where(dates.str.strip() != "", fallback)
    if dates is None:
        shown = ", ".join(table.headings[:20])
        raise src.fail(_("it has no column of dates. Its headings are: {headings}.").format(
            headings=shown))  # fmt: skip
    parsed, warning = parse_dates(
        dates, day_first=layout.day_first if day_first is None else day_first, usual_day_first=usual
    )
    if warning:
        warnings.append(warning)
    amount = _amount(table, roles)
    if layout.charges_positive:
        amount = -amount
    description = _column(table, roles, "description")
    payee_given = _party(table, roles, amount)
    if description is None:
        description = payee_given if payee_given is not None else pd.Series("", index=rows.index)
    if payee_given is not None:
        payee_given = stripped(payee_given)
        description = stripped(description)
        joined = stripped(payee_given + " " + description)
        description = joined.where(payee_given != description, description)
    texts = _texts(description)
    balance = pd.Series(texts.pop("balance"), index=rows.index)
    clean = [clean_heading(h) for h in table.headings]
    for kind in ("buchungstext", "umsatzart", "transaction type", "type"):
        if kind in clean:  # DKB's "Abschluss" row says what it is in the booking-text column
            column = rows.iloc[:, clean.index(kind)]
            balance |= per_distinct(column, lambda d: bool(_BALANCE_ROW.match(d))).astype(bool)
    account = _column(table, roles, "account")
    status = _column(table, roles, "status")
    if status is not None:
        state = per_distinct(status, lambda s: s.strip().lower())
        pending = (state.isin(_PENDING) | state.str.startswith("pend")).to_numpy()
        reverted = state.isin(_REVERTED)
    else:
        pending = np.zeros(len(rows), dtype=bool)
        reverted = pd.Series(False, index=rows.index)
    what = f"{layout.bank} CSV" if layout.bank != "CSV" else "CSV"
    frame = pd.DataFrame(
        {
            "date": parsed,
            "amount": amount,
            **texts,
            "account": stripped(account) if account is not None else "",
            "fitid": "",
            "pending": pending,
            "source": what,
        },
        index=rows.index,
    )
    if payee_given is not None:
        frame = _named_by_bank(frame, payee_given)
    keep = _report(table, frame, balance, reverted, warnings, dates)
    return _finish(src, frame if keep.all() else frame[keep], warnings, what)


def _amount(table: Table, roles: dict[str, list[int]]) -> pd.Series:
    positions = roles.get("amount", [])
    if positions:
        signed = table.rows.iloc[:, positions[0]]
        # Read as numbers already when every cell was a plain one (read_rows).
        amount = signed if pd.api.types.is_float_dtype(signed) else parse_amounts(signed)
    else:
        debit = _column(table, roles, "debit")
        credit = _column(table, roles, "credit")
        out = parse_amounts(debit).abs() if debit is not None else None
        into = parse_amounts(credit).abs() if credit is not None else None
        if out is not None and into is not None:
            # A blank or 0 in the unused column; Citi prints credits negative: abs() covers both.
            amount = into.fillna(0) - out.fillna(0)
            amount[out.isna() & into.isna()] = np.nan
        else:
            amount = -out if out is not None else into  # type: ignore[operator]
    fee = _column(table, roles, "fee")
    if fee is not None:
        amount = amount - parse_amounts(fee).fillna(0).abs()
    return amount.astype(float)


def _party(table: Table, roles: dict[str, list[int]], amount: pd.Series) -> pd.Series | None:
    clean = [clean_heading(h) for h in table.headings]
    if "zahlungsempfänger*in" in clean and "zahlungspflichtige*r" in clean:  # DKB: both parties
        to = table.rows.iloc[:, clean.index("zahlungsempfänger*in")].astype(str)
        frm = table.rows.iloc[:, clean.index("zahlungspflichtige*r")].astype(str)
        return to.where(amount < 0, frm)
    return _column(table, roles, "payee")


def _report(
    table: Table,
    frame: pd.DataFrame,
    balance: pd.Series,
    reverted: pd.Series,
    warnings: list[str],
    dates: pd.Series,
) -> pd.Series:
    """Which rows are transactions; the others are listed in the warnings."""
    no_date = frame["date"].isna()
    no_amount = frame["amount"].isna()
    skip = balance | reverted | no_date | no_amount
    if balance.any():
        n = int(balance.sum())
        warnings.append(
            ngettext("Left out {n} balance line.", "Left out {n} balance lines.", n).format(n=n)
        )
    if reverted.any():
        n = int(reverted.sum())
        warnings.append(
            ngettext(
                "Left out {n} reverted or cancelled transaction.",
                "Left out {n} reverted or cancelled transactions.",
                n,
            ).format(n=n)
        )
    for label, mask, values in (
        (_("no date this workbook can read"), no_date & ~balance & ~reverted, dates),
        (_("no amount"), no_amount & ~no_date & ~balance & ~reverted, frame["description"]),
    ):
        bad = mask[mask].index
        for index in bad[:5]:
            line = table.first_line + int(index)
            warnings.append(
                _("Left out line {line}: {why} ({value}).").format(
                    line=line, why=label, value=repr(str(values[index])[:60])
                )
            )
        if len(bad) > 5:
            more = len(bad) - 5
            warnings.append(
                ngettext("... and {n} more line with {why}.", "... and {n} more lines with {why}.",
                         more).format(n=more, why=label)
            )  # fmt: skip
    return ~skip


HEADERLESS_COLUMNS = 30


def _headerless(
    src: Source, text: str, day_first: bool | None, usual: bool = False
) -> pd.DataFrame:
    """Wells Fargo and HSBC UK write no headings: find the date, amount and text columns from
    the values."""
    lines = first_lines(text, 20)
    for delimiter in (",", ";", "\t"):
        # Files without headings have a handful of columns (Wells Fargo 5, HSBC 3).
        if not lines or not 2 <= lines[0].count(delimiter) <= HEADERLESS_COLUMNS:
            continue
        table = read_rows(src, text, 0, delimiter, header=False)
        table = drop_empty_and_repeated(table)
        sample = table.rows.head(50)
        date_col = amount_col = None
        for position in range(sample.shape[1]):
            column = sample.iloc[:, position]
            if date_col is None and parse_dates(column)[0].notna().mean() > 0.8:
                date_col = position
            elif amount_col is None and parse_amounts(column).notna().mean() > 0.8:
                amount_col = position
        if date_col is None or amount_col is None:
            continue
        others = [p for p in range(sample.shape[1]) if p not in (date_col, amount_col)]
        text_col = max(others, key=lambda p: sample.iloc[:, p].str.len().mean(), default=None)
        names = {date_col: "date", amount_col: "amount"}
        if text_col is not None:
            names[text_col] = "description"
        table.headings = [names.get(p, f"column {p + 1}") for p in range(table.rows.shape[1])]
        table.rows.columns = table.headings
        wells = sample.shape[1] == 5 and (sample.iloc[:, 2] == "*").all()
        layout = Layout("Wells Fargo" if wells else "CSV", day_first=False if wells else None)
        return _frame(src, table, layout, day_first, usual)
    raise src.fail(
        _(
            "this is not a bank or card export this workbook recognises: no row of column "
            "headings with a date and an amount was found."
        )
        + " "
        + _headings_found(text)
    )


def _headings_found(text: str) -> str:
    lines = first_lines(text, 1)
    if not lines:
        return ""
    line = lines[0]
    delimiter = max(DELIMITERS, key=line.count)
    cells = [c.strip() for c in next(csv.reader([line], delimiter=delimiter), []) if c.strip()]
    if len(cells) < 2:
        return _("The file starts with: {start}").format(start=line[:200])
    shown = ", ".join(cells[:20]) + (" ..." if len(cells) > 20 else "")
    return _("The first row has: {cells}.").format(cells=shown)
