"""QIF, Quicken's old interchange format: one field per line, a code letter first, `^` ending
each record. `PINTEREST PAYMENT` is the payee code P then INTEREST PAYMENT."""

from __future__ import annotations

from ..i18n import ngettext

# Sections that hold bank-style transactions; investment and list sections are skipped.
_MONEY_SECTIONS = ("type:bank", "type:cash", "type:ccard", "type:oth a", "type:oth l")


def is_qif(text: str) -> bool:
    for line in text[:4096].splitlines()[:20]:
        if line.strip():
            return line.strip().lower().startswith(("!type:", "!account", "!option:", "!clear:"))
    return False


def records(text: str) -> tuple[list[dict[str, str]], list[str]]:
    """Each money record's fields (D, T, P, M, N, L, ACCOUNT), and warnings."""
    found: list[dict[str, str]] = []
    skipped: dict[str, int] = {}
    section = ""
    account = ""
    current: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if line.startswith("!"):
            header = line[1:].strip().lower()
            if header.startswith(("option", "clear")):
                continue
            section = header
            current = {}
            continue
        code, value = line[0], line[1:].strip()
        if code == "^":
            if section == "account":
                account = current.get("N", account)
            elif section.startswith(_MONEY_SECTIONS):
                if current:
                    found.append({**current, "ACCOUNT": account})
            elif current:
                skipped[section] = skipped.get(section, 0) + 1
            current = {}
            continue
        if code in "SE$" and section.startswith(_MONEY_SECTIONS):
            continue  # split lines: the record's own total (T) is what was paid
        current.setdefault(code, value)
    if current and section.startswith(_MONEY_SECTIONS):
        found.append({**current, "ACCOUNT": account})
    warnings = [
        ngettext("Left out {n} record of the '!{section}' section (not bank or card "
                 "transactions).", "Left out {n} records of the '!{section}' section (not bank "
                 "or card transactions).", count).format(n=count, section=name)
        for name, count in skipped.items()
    ]  # fmt: skip
    return found, warnings
