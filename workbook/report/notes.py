"""Handwritten-note cards (``workbook export notes``): one card per thank-you due and per person
to reconnect with, each with the draft as a prompt for what to write by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import i18n, words
from ..i18n import _

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
        found.append({"name": _whom(wb, refs), "why": label, "prompt": "\n".join(middle)})
    return found[:CARDS_SHOWN]


def _whom(wb: Any, refs: dict[str, int]) -> str:
    """The person a card is for: the contact of the meeting to thank for, or to reconnect with."""
    contact = refs.get("contact_id")
    if contact is None:
        contact = wb.store.row("interactions", int(refs["interaction_id"]))["contact_id"]
    return str(wb.store.row("contacts", int(contact))["name"])


def notes_pdf(wb: Any) -> bytes:
    from .pdf import typeset

    today = wb.today()
    data = {
        "title": _("Notes to write: {name}").format(name=wb.profile().name or _("your workbook")),
        "date_text": words.day(today, year=True),
        "cards": cards(wb),
        "lang": i18n.language(),
        "words": {
            "page": _("{page} of {pages}"),
            "nothing": _("Nothing to write yet: log your meetings and promises in exercise 6."),
            "mention": _("Mention:"),
        },
    }
    return typeset(_TEMPLATE, data)
