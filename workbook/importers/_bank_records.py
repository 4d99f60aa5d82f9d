"""Bank exports made of records rather than rows (OFX/QFX and QIF), and what every bank file
ends as: the one table of transactions (see ``transactions``), its text columns split into
description, payee and processor."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from ..i18n import _
from . import _ofx, _qif
from ._source import Source
from ._values import parse_amounts, parse_dates
from .payees import masked_digits, normalise_all, normalise_many

COLUMNS = [
    "date", "amount", "description", "payee", "processor", "account", "fitid", "pending", "source",
]  # fmt: skip


_BALANCE_ROW = re.compile(
    r"^\s*(?:beginning|opening|closing|ending|starting) balance|^\s*(?:abschluss|saldo|"
    r"kontostand|anfangssaldo|endsaldo|alter kontostand|neuer kontostand)\b",
    re.I,
)


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
        why = f" ({'; '.join(warnings[:3])})" if warnings else ""
        raise src.fail(
            _(
                "this {kind} file has no transactions in it{why}. Export it again with a date "
                "range that has some."
            ).format(kind=what, why=why)
        )
    frame = frame[COLUMNS].reset_index(drop=True)
    frame.attrs["warnings"] = warnings
    return frame


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
            _("Left out a record with an unreadable date or amount ({fields}).").format(
                fields=f"{date_field} {frame.at[index, date_field]!r}, "
                f"{amount_field} {frame.at[index, amount_field]!r}"
            )
        )
    return _finish(src, out[~bad], warnings, source)
