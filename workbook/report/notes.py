"""Handwritten-note cards (``workbook export notes``): one card per thank-you due and per person
to reconnect with, each with the draft as a prompt for what to write by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import words

_TEMPLATE = Path(__file__).resolve().parent / "notes.typ"
CARDS_SHOWN = 12


def cards(wb: Any) -> list[dict[str, str]]:
    """Whom to write to (thank-yous due first, then the people to reconnect with), why, and
    the draft's words without its greeting and signature."""
    from ..drafts import to_write

    found = []
    for label, (kind, refs) in to_write(wb, ("thank_you", "reconnect")):
        draft = wb.draft(kind, **refs)
        lines = [line for line in draft.body.splitlines() if line.strip()]
        middle = lines[1:-3] if len(lines) > 4 else lines[1:]
        name = label.split(" for the ")[0].removeprefix("Thank ").removeprefix("Reconnect with ")
        found.append({"name": name, "why": label, "prompt": "\n".join(middle)})
    return found[:CARDS_SHOWN]


def notes_pdf(wb: Any) -> bytes:
    from .pdf import typeset

    today = wb.today()
    data = {
        "title": f"Notes to write: {wb.profile().name or 'your workbook'}",
        "date_text": words.day(today, year=True),
        "cards": cards(wb),
    }
    return typeset(_TEMPLATE, data)
