"""Address-book exports to one table: first_name, last_name, name, email, company, position,
phone, url, connected_on, source.

LinkedIn Connections.csv (with or without its Notes preamble, the older 6-column layout, or the
whole data-export ZIP), Google CSV (legacy and current, ` ::: ` multi-values), Outlook CSV
(English, French and German headings) and vCard 2.1 (quoted-printable), 3.0 and 4.0.
"""

from __future__ import annotations

import re

import pandas as pd

from ..i18n import N_, _, ngettext
from ._source import Source, decode, load, log, plain_words, refuse_binary, zip_member
from ._table import clean_heading, drop_empty_and_repeated, find_heading, first_lines, read_rows
from ._values import parse_dates

COLUMNS = [
    "first_name", "last_name", "name", "email", "company", "position", "phone", "url",
    "connected_on", "source",
]  # fmt: skip

# Each layout: the headings that identify it, then where each of our columns comes from
# (the first heading present wins; a regex picks numbered groups such as "E-mail 1 - Value").
_LINKEDIN = {
    "first_name": ("first name",),
    "last_name": ("last name",),
    "email": ("email address",),
    "company": ("company",),
    "position": ("position",),
    "url": ("url",),
    "connected_on": ("connected on",),
}
_GOOGLE = {
    "first_name": ("given name", "first name"),
    "last_name": ("family name", "last name"),
    "name": ("name",),
    "email": (re.compile(r"^e-mail \d+ - value$"),),
    "company": ("organization 1 - name", "organization name"),
    "position": ("organization 1 - title", "organization title"),
    "phone": (re.compile(r"^phone \d+ - value$"),),
    "url": (re.compile(r"^website \d+ - value$"),),
}
_OUTLOOK = {
    "first_name": ("first name", "prénom", "vorname"),
    "last_name": ("last name", "nom", "nachname"),
    "email": ("e-mail address", "adresse de messagerie", "e-mail-adresse", "e-mail 2 address"),
    "company": ("company", "société", "firma"),
    "position": ("job title", "fonction", "position"),
    "phone": (
        "business phone", "mobile phone", "home phone", "téléphone (bureau)", "tél. mobile",
        "téléphone mobile", "telefon geschäftlich", "mobiltelefon", "telefon privat",
    ),
    "url": ("web page", "page web", "webseite"),
}  # fmt: skip
LAYOUTS: list[tuple[str, frozenset[str], dict]] = [
    ("LinkedIn", frozenset({"first name", "last name", "company", "position", "connected on"}), _LINKEDIN),
    ("Google", frozenset({"given name", "family name", "group membership"}), _GOOGLE),
    ("Google", frozenset({"first name", "last name", "organization name", "labels"}), _GOOGLE),
    ("Outlook", frozenset({"first name", "last name", "e-mail address"}), _OUTLOOK),
    ("Outlook", frozenset({"prénom", "nom", "adresse de messagerie"}), _OUTLOOK),
    ("Outlook", frozenset({"vorname", "nachname", "e-mail-adresse"}), _OUTLOOK),
]  # fmt: skip


def read_contacts(source: object) -> pd.DataFrame:
    """Read a contacts export; see the module docstring."""
    src = load(source)
    hint = N_("Check that it is the CSV or vCard file LinkedIn, Google or Outlook gave you.")
    with plain_words(src, N_("a contacts export"), hint):
        inner = zip_member(src, "Connections.csv")

        if inner is not None:
            src = inner
        refuse_binary(src)
        text = decode(src)
        if re.search(r"^\s*BEGIN:VCARD", text[:4096], re.I | re.M):
            frame, warnings = _from_vcard(src, text)
        else:
            frame, warnings = _from_csv(src, text)
        return _finish(src, frame, warnings)


def _recognise(cells: list[str]) -> tuple[str, dict] | None:
    present = set(cells)
    for name, signature, fields in LAYOUTS:
        if signature <= present:
            return name, fields
    return None


def _from_csv(src: Source, text: str) -> tuple[pd.DataFrame, list[str]]:
    found = find_heading(text, _recognise)
    if found is None:
        shown = " | ".join(first_lines(text))
        raise src.fail(
            _(
                "this is not a contacts export this workbook recognises (LinkedIn, Google or "
                "Outlook CSV, or a vCard file). The file starts with: {start}"
            ).format(start=shown[:300])
        )
    offset, delimiter, _cells, (layout, fields) = found
    table = drop_empty_and_repeated(read_rows(src, text, offset, delimiter))
    rows = table.rows
    clean = [clean_heading(h) for h in table.headings]
    columns: dict[str, pd.Series] = {}
    for field in COLUMNS:
        columns[field] = _pick(rows, clean, fields.get(field, ()))
    frame = pd.DataFrame(columns, index=rows.index)
    for field in ("email", "phone", "url"):  # Google's " ::: " packs several values in a cell
        frame[field] = frame[field].str.split(" ::: ").str[0].fillna("")
    frame["source"] = layout
    if layout == "LinkedIn":
        dates, _warning = parse_dates(frame["connected_on"], day_first=True)
        frame["connected_on"] = dates
    else:
        frame["connected_on"] = pd.NaT
    return frame, table.warnings


def _pick(rows: pd.DataFrame, clean: list[str], wanted: tuple) -> pd.Series:
    """The first non-empty value among the headings that can hold a field."""
    result = pd.Series("", index=rows.index, dtype=str)
    for want in reversed(wanted):
        if isinstance(want, re.Pattern):
            positions = [i for i, h in enumerate(clean) if want.match(h)]
        else:
            positions = [clean.index(want)] if want in clean else []
        for position in reversed(positions):
            values = rows.iloc[:, position].astype(str).str.strip()
            result = values.where(values != "", result)
    return result


def _from_vcard(src: Source, text: str) -> tuple[pd.DataFrame, list[str]]:
    import vobject

    warnings: list[str] = []
    records = []
    cards = re.split(r"(?im)^(?=BEGIN:VCARD)", text)
    for number, chunk in enumerate(c for c in cards if c.strip()):
        try:
            card = vobject.readOne(_join_soft_breaks(chunk), allowQP=True)
        except Exception:  # noqa: BLE001 - one damaged card must not lose the others
            log.warning("%s: card %d could not be read", src.name, number + 1, exc_info=True)
            named = re.search(r"(?im)^FN[;:](?:.*?:)?(.+)$", chunk)
            who = f" ({named.group(1).strip()[:60]})" if named else ""
            warnings.append(
                _("Left out card {n}{who}: it is damaged.").format(n=number + 1, who=who)
            )
            continue
        records.append(_card_fields(card))
    return pd.DataFrame(records, columns=COLUMNS[:-1]), warnings


def _join_soft_breaks(chunk: str) -> str:
    """Quoted-printable values of vCard 2.1 continue on the next line after a trailing '='."""
    return re.sub(r"=\r?\n(?![ \t])", "", chunk) if "QUOTED-PRINTABLE" in chunk.upper() else chunk


def _card_fields(card) -> dict[str, object]:
    contents = card.contents

    def first(key: str) -> object | None:
        values = contents.get(key)
        return values[0].value if values else None

    n = first("n")
    given = str(getattr(n, "given", "") or "").strip() if n is not None else ""
    family = str(getattr(n, "family", "") or "").strip() if n is not None else ""
    org = first("org")
    company = (org[0] if isinstance(org, list) and org else str(org or "")).strip()
    tel = str(first("tel") or "").strip()
    return {
        "first_name": given,
        "last_name": family,
        "name": str(first("fn") or "").strip(),
        "email": str(first("email") or "").strip(),
        "company": company,
        "position": str(first("title") or first("role") or "").strip(),
        "phone": tel[4:] if tel.lower().startswith("tel:") else tel,
        "url": str(first("url") or "").strip(),
        "connected_on": pd.NaT,
    }


def _finish(src: Source, frame: pd.DataFrame, warnings: list[str]) -> pd.DataFrame:
    for field in COLUMNS[:-2]:
        frame[field] = frame[field].fillna("").astype(str).str.split().str.join(" ").fillna("")
    built = (frame["first_name"] + " " + frame["last_name"]).str.strip()
    frame["name"] = frame["name"].where(frame["name"] != "", built)
    frame["name"] = frame["name"].where(frame["name"] != "", frame["email"])
    nameless = frame["name"] == ""
    if nameless.any():
        n = int(nameless.sum())
        warnings.append(
            ngettext(
                "Left out {n} contact with neither a name nor an email.",
                "Left out {n} contacts with neither a name nor an email.",
                n,
            ).format(n=n)
        )
    frame = frame[~nameless]
    if frame.empty:
        why = f" ({'; '.join(warnings[:3])})" if warnings else ""
        raise src.fail(
            _("this contacts file has headings but no contacts with a name in it{why}.").format(
                why=why
            )
        )
    frame["connected_on"] = pd.to_datetime(frame["connected_on"], errors="coerce").astype(
        "datetime64[ns]"
    )
    if "source" not in frame:
        frame["source"] = "vCard"
    frame["source"] = frame["source"].fillna("vCard")
    frame = frame[COLUMNS].reset_index(drop=True)
    frame.attrs["warnings"] = warnings
    return frame
