"""Pieces every exercise form shares: the saved/error line and a guarded save."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from .._errors import InputError


class StatusLine(w.HTML):
    """'Saved' after each edit, or the problem in red, next to what the participant edited."""

    def __init__(self, **kwargs: Any):
        super().__init__(value="", **kwargs)
        self.add_class("workbook-status")
        self.kind = ""

    def saved(self, what: str = "Saved") -> None:
        self.kind = "saved"
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        self.value = (
            f'<span style="color:#1a7f37">✓ {html.escape(what)} <small>{stamp}</small></span>'
        )

    def error(self, message: str) -> None:
        self.kind = "error"
        self.value = f'<span style="color:#b42318" role="alert">⚠ {html.escape(message)}</span>'

    def clear(self) -> None:
        self.kind = ""
        self.value = ""


def save(status: StatusLine, action: Callable[[], Any], what: str = "Saved") -> bool:
    """Run one edit; show 'Saved' or the participant's mistake. Bugs still raise."""
    try:
        action()
    except InputError as exc:
        status.error(str(exc))
        return False
    status.saved(what)
    return True


def heading(text: str, level: int = 3) -> w.HTML:
    return w.HTML(f"<h{level} style='margin:0.6em 0 0.2em'>{html.escape(text)}</h{level}>")


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text))
