"""Bank and card exports to one table: date, amount (negative = money leaving the account
holder), description, payee, processor, account, fitid, pending, source.

CSV layouts are recognised by their headings, wherever they start; OFX/QFX and QIF by their
content. Day order and decimal mark are decided once per file.
"""

from __future__ import annotations

import csv
import html
import re

import numpy as np
import pandas as pd

from . import _ofx, _qif
from ._bank_layouts import Layout, recognise, role_columns
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
from .payees import masked_digits, normalise_all, normalise_many

COLUMNS = [
    "date", "amount", "description", "payee", "processor", "account", "fitid", "pending", "source",
]  # fmt: skip

_PENDING = {"pending", "vorgemerkt", "authorised", "authorized", "in progress", "pending_"}
_REVERTED = {"reverted", "declined", "cancelled", "canceled", "failed", "storniert", "abgelehnt"}
_BALANCE_ROW = re.compile(
    r"^\s*(?:beginning|opening|closing|ending|starting) balance|^\s*(?:abschluss|saldo|"
    r"kontostand|anfangssaldo|endsaldo|alter kontostand|neuer kontostand)\b",
    re.I,
)


def read_transactions(
    source: object, day_first: bool | None = None, *, usual_day_first: bool = False
) -> pd.DataFrame:
    """Read a bank or card export (CSV, OFX/QFX/QBO or QIF); see the module docstring.

    ``day_first`` settles the day order when the file's own dates cannot (all days 12 or less);
    without it, the bank's known habit does, and without that ``usual_day_first``: how dates
    are written where the participant lives (their locale).
    """
    src = load(source)
    hint = "Check that it is the CSV, OFX, QFX or QIF file your bank gave you."
    with plain_words(src, "a bank export", hint):
        refuse_binary(src)
        text = decode(src)
        if _ofx.is_ofx(text):
            return _from_ofx(src, text)
        if _qif.is_qif(text):
            return _from_qif(src, text, day_first, usual_day_first)
        return _from_csv(src, text, day_first, usual_day_first)


def _texts(description: pd.Series) -> dict[str, np.ndarray]:
    """Description (HTML entities unescaped, ends stripped), payee, processor and whether the
    row is a balance line.

    All descriptions are unescaped, stripped and digit-masked as one string (by C code), and a
    payee is worked out once per shape: descriptions that differ only in their digits (store
    numbers, dates, references) share one. A 100,000-row export has a few thousand shapes.
    """
    texts = description.astype(str).to_numpy(dtype=object)
    if not len(texts):
        nothing = np.asarray([], dtype=object)
        return {
            "description": nothing,
            "payee": nothing,
            "processor": nothing,
            "balance": nothing.astype(bool),
        }
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a NUL inside a description: one by one
        clean = np.asarray([html.unescape(text).strip() for text in texts], dtype=object)
        shapes = [masked_digits(text) for text in clean]
    else:
        items = html.unescape(joined).split("\x00") if "&" in joined else texts
        stripped = [text.strip() for text in items]
        tidy = "\x00".join(stripped)
        # Nothing unescaped or stripped (the usual case): the texts are kept as they came.
        same = items is texts and len(tidy) == len(joined)
        clean = texts if same else np.asarray(stripped, dtype=object)
        shapes = masked_digits(tidy).split(b"\x00")  # UTF-8 has no 0 byte but NUL's own
    codes, shape_names = pd.factorize(np.asarray(shapes, dtype=object))
    first = np.full(len(shape_names), -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]  # first text of each shape
    examples = [clean[i] for i in first]
    names, processors = normalise_many(examples)
    balance = [bool(_BALANCE_ROW.match(text)) for text in examples]
    return {
        "description": clean,
        "payee": np.asarray(names, dtype=object)[codes],
        "processor": np.asarray(processors, dtype=object)[codes],
        "balance": np.asarray(balance, dtype=bool)[codes],
    }


def _named_by_bank(frame: pd.DataFrame, given: pd.Series) -> pd.DataFrame:
    """Where the bank gives the other party's name in a column of its own, that is the payee."""
    use = (given != "").to_numpy()
    if not use.any():
        return frame
    named, processors = normalise_all(given)
    return frame.assign(
        payee=named.where(use, frame["payee"]), processor=processors.where(use, frame["processor"])
    )


def _finish(src: Source, frame: pd.DataFrame, warnings: list[str], what: str) -> pd.DataFrame:
    if frame.empty:
        raise src.fail(
            f"this {what} file has no transactions in it"
            + (f" ({'; '.join(warnings[:3])})" if warnings else "")
            + ". Export it again with a date range that has some."
        )
    frame = frame[COLUMNS].reset_index(drop=True)
    frame.attrs["warnings"] = warnings
    return frame


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
        raise src.fail(f"it has no column of dates. Its headings are: {shown}.")
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
        warnings.append(f"Left out {int(balance.sum())} balance line(s).")
    if reverted.any():
        warnings.append(f"Left out {int(reverted.sum())} reverted or cancelled transaction(s).")
    for label, mask, values in (
        ("no date this workbook can read", no_date & ~balance & ~reverted, dates),
        ("no amount", no_amount & ~no_date & ~balance & ~reverted, frame["description"]),
    ):
        bad = mask[mask].index
        for index in bad[:5]:
            line = table.first_line + int(index)
            warnings.append(f"Left out line {line}: {label} ({str(values[index])[:60]!r}).")
        if len(bad) > 5:
            warnings.append(f"... and {len(bad) - 5} more line(s) with {label}.")
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
        "this is not a bank or card export this workbook recognises: no row of column "
        "headings with a date and an amount was found. " + _headings_found(text)
    )


def _headings_found(text: str) -> str:
    lines = first_lines(text, 1)
    if not lines:
        return ""
    line = lines[0]
    delimiter = max(DELIMITERS, key=line.count)
    cells = [c.strip() for c in next(csv.reader([line], delimiter=delimiter), []) if c.strip()]
    if len(cells) < 2:
        return f"The file starts with: {line[:200]}"
    return "The first row has: " + ", ".join(cells[:20]) + (" ..." if len(cells) > 20 else "") + "."


# -- OFX and QIF -----------------------------------------------------------------------


def _records(found: list[dict[str, str]], fields: list[str]) -> pd.DataFrame:
    """Records of tag texts as a table of text, a missing tag as an empty string."""
    return pd.DataFrame(
        {field: [record.get(field, "") for record in found] for field in fields}, dtype=str
    )


def _from_ofx(src: Source, text: str) -> pd.DataFrame:
    found, _reader = _ofx.records(src, text)
    frame = _records(found, ["DTPOSTED", "TRNAMT", "NAME", "MEMO", "PAYEE", "FITID", "ACCOUNT"])
    digits = frame["DTPOSTED"].str.replace(r"\D", "", regex=True).str[:8]
    dates = pd.to_datetime(digits, format="%Y%m%d", errors="coerce").astype("datetime64[ns]")
    amounts = parse_amounts(frame["TRNAMT"].str.strip(), comma=None)
    name = frame["NAME"].where(frame["NAME"].str.strip() != "", frame["PAYEE"])
    description = (
        name.str.strip() + " " + frame["MEMO"].where(frame["MEMO"] != name, "").str.strip()
    ).str.strip()
    return _from_records(
        src, frame, dates, amounts, description, name.str.strip(), "OFX",
        account=frame["ACCOUNT"].str.strip(), fitid=frame["FITID"].str.strip(),
        shown=("DTPOSTED", "TRNAMT"),
    )  # fmt: skip


def _from_qif(src: Source, text: str, day_first: bool | None, usual: bool = False) -> pd.DataFrame:
    found, warnings = _qif.records(text)
    frame = _records(found, ["D", "T", "U", "P", "M", "N", "ACCOUNT"])
    dates, warning = parse_dates(
        frame["D"], day_first=day_first, quicken=True, usual_day_first=usual
    )
    if warning:
        warnings.append(warning)
    amount = parse_amounts(frame["T"].where(frame["T"] != "", frame["U"]))
    description = (frame["P"].str.strip() + " " + frame["M"].str.strip()).str.strip()
    return _from_records(
        src, frame, dates, amount, description, frame["P"].str.strip(), "QIF",
        account=frame["ACCOUNT"], fitid="", shown=("D", "T"), warnings=warnings,
    )  # fmt: skip


def _from_records(
    src: Source,
    frame: pd.DataFrame,
    dates: pd.Series,
    amounts: pd.Series,
    description: pd.Series,
    named: pd.Series,
    source: str,
    *,
    account: pd.Series | str,
    fitid: pd.Series | str,
    shown: tuple[str, str],
    warnings: list[str] | None = None,
) -> pd.DataFrame:
    """The table of an OFX or QIF file's records; records whose date or amount cannot be read
    are left out and listed with the two fields (``shown``) as the file wrote them."""
    warnings = list(warnings or [])
    out = pd.DataFrame(
        {
            "date": dates,
            "amount": amounts,
            **_texts(description),
            "account": account,
            "fitid": fitid,
            "pending": False,
            "source": source,
        }
    )
    out = _named_by_bank(out, named)
    bad = out["date"].isna() | out["amount"].isna()
    date_field, amount_field = shown
    for index in bad[bad].index[:5]:
        warnings.append(
            f"Left out a record with an unreadable date or amount ({date_field} "
            f"{frame.at[index, date_field]!r}, {amount_field} {frame.at[index, amount_field]!r})."
        )
    return _finish(src, out[~bad], warnings, source)
