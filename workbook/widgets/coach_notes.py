"""The coach's notes: shown to the participant in the exercise that holds the line each one is
about (``CoachNotes``), and written by the coach in the dashboard into their copy of a
participant's workbook (``NoteWriter``)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import coach_notes
from ..i18n import _
from ..words import day
from ._common import LiveHTML, StatusLine, lean, save, width


class CoachNotes(LiveHTML):
    """The notes from your coach on this exercise's lines (nothing when there are none); by
    default exercise 8's: those on the plan as a whole."""

    tables = ("coach_notes", "asks", "businesses", "goals", "follow_ups", "promises",
              "check_ins")  # fmt: skip

    def __init__(self, wb: Any, exercise: int = 8):
        self.exercise = exercise
        super().__init__(wb)
        self.add_class("workbook-coach-notes")

    def follow(self, wb: Any, key: str = "") -> None:
        super().follow(wb, key or f"CoachNotes{self.exercise}")

    def refresh(self) -> None:
        notes = self.wb.coach_notes(self.exercise)
        if self.exercise == 8:  # the check-ins' own notes stand beside each week
            notes = notes[notes["about_table"] != "check_ins"]
        if not len(notes):
            self.value = ""
            return
        items = "".join(
            f"<li><b>{html.escape(about)}</b> <small>({day(on)})</small><br>"
            f"{html.escape(text)}</li>"
            for about, text, on in zip(notes["about_now"], notes["text"], notes["written_on"],
                                        strict=True)
        )  # fmt: skip
        heading = _("From your coach")
        self.value = (
            "<div style='border-left:4px solid #4c78a8;padding:2px 10px;margin:8px 0'>"
            f"<p>✎ <b>{html.escape(heading)}</b></p><ul>{items}</ul></div>"
        )


class NoteWriter(w.VBox):
    """For the coach: pick a participant and a line of their plan (or the plan as a whole),
    write a note, keep it in your copy of their workbook."""

    def __init__(self) -> None:
        self.status = StatusLine()
        self.files: dict[str, Path] = {}
        self.person = lean(w.Dropdown, description=_("Note for"), options=[],
                           style={"description_width": "80px"},
                           layout=width("min(100%, 360px)"))  # fmt: skip
        self.person.observe(lambda _c: self.show_lines(), names="value")
        self.line = lean(w.Dropdown, description=_("About"), options=[],
                         style={"description_width": "80px"},
                         layout=width("min(100%, 640px)"))  # fmt: skip
        self.text = lean(w.Textarea, placeholder=_("a line or two for them to read"),
                         layout=width("min(100%, 640px)"))  # fmt: skip
        self.button = lean(w.Button, description=_("Keep the note"), icon="check",
                           button_style="primary", layout=w.Layout(width="auto"))  # fmt: skip
        self.button.on_click(lambda _b: self.write())
        self.written = lean(w.HTML)
        said = _(
            "Kept in your copy of their workbook; they see them once the notes go back "
            "({on_a_server} on a server, or the file handed back and {merge})."
        ).format(on_a_server="deploy/return_notes.py", merge="<code>workbook merge-notes</code>")
        heading = _("Notes for participants")
        super().__init__([lean(w.HTML, f"<h3>{heading}</h3><p>{said}</p>"),
                          self.person, self.line, self.text,
                          lean(w.HBox, [self.button, self.status]), self.written])  # fmt: skip

    def set_cohort(self, participants: list[dict[str, Any]], folder: Path) -> None:
        self.files = {p["name"]: folder / p["file"] for p in participants}
        self.person.options = list(self.files)

    def _open(self) -> Any:
        from .._workbook import Workbook

        return Workbook(self.files[self.person.value])

    def show_lines(self) -> None:
        if not self.person.value:
            self.line.options, self.written.value = [], ""
            return
        with self._open() as wb:
            table = coach_notes.lines(wb)
            notes = wb.coach_notes()
        self.line.options = [
            (about, (t, None if pd.isna(i) else int(i)))
            for about, t, i in zip(table["about"], table["about_table"], table["about_id"],
                                   strict=True)
        ]  # fmt: skip
        self.written.value = (
            "<ul>" + "".join(f"<li><small>{html.escape(a)}:</small> {html.escape(t)}</li>"
                             for a, t in zip(notes["about_now"], notes["text"], strict=True))
            + "</ul>" if len(notes) else ""
        )  # fmt: skip

    def write(self) -> None:
        if not self.person.value or self.line.value is None:
            self.status.error(_("Read the cohort and pick a participant first."))
            return
        table, row_id = self.line.value

        def keep() -> None:
            with self._open() as wb:
                wb.add_coach_note(self.text.value, table, row_id)

        if save(self.status, keep, _("Note kept for {name}").format(name=self.person.value)):
            self.text.value = ""
            self.show_lines()
