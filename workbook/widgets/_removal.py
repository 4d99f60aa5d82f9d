"""Removing something from a form: say what goes with it and ask first; then offer Undo.

``Remove`` is a button that, clicked, opens the question in place ("Remove Matilda? She is on
your goal '...'" with *Yes, remove* and *Keep it*); ``UndoLine`` is the line that stays after
the row has gone ("Removed Matilda · Undo") and brings it back with all that went with it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from .._errors import InputError
from ..i18n import _
from ._common import StatusLine, lean, save, shared


class UndoLine(w.HBox):
    """'Removed X' and an Undo button, after a removal (hidden until then)."""

    def __init__(self, undo: Callable[[int], str], status: StatusLine | None = None):
        self.do_undo = undo
        self.removal = 0
        self.status = status or StatusLine()
        self.button = lean(w.Button, description=_("Undo"), icon="undo")
        self.button.on_click(lambda _b: self.undo())
        self.button.layout = w.Layout(width="auto", display="none")  # its own: shown, hidden
        super().__init__([self.status, self.button], layout=shared(w.Layout))
        self.add_class("workbook-undo")

    def offer(self, label: str, removal: int) -> None:
        self.removal = removal
        self.status.saved(_("Removed {name}").format(name=label))
        self.button.layout.display = "" if removal else "none"

    def undo(self) -> None:
        if not self.removal:
            return
        removal, self.removal = self.removal, 0
        if save(self.status, lambda: self.do_undo(removal), _("Brought back")):
            self.button.layout.display = "none"


class Remove(w.VBox):
    """A Remove button that asks first, saying what goes with the row (see module)."""

    def __init__(
        self,
        name: str,
        consequences: Callable[[], list[str]],
        remove: Callable[[], int],
        undo: UndoLine,
        *,
        description: str = "",
    ):
        self.name = name
        self.consequences = consequences
        self.do_remove = remove
        self.undo_line = undo
        self.button = lean(
            w.Button,
            description=description or _("Remove"),
            icon="trash",
            tooltip=_("Remove {name}").format(name=name),
            layout=shared(w.Layout, width="auto"),
        )
        self.button.on_click(lambda _b: self.ask())
        self.question: w.VBox | None = None
        super().__init__([self.button], layout=shared(w.Layout))

    def ask(self) -> None:
        if self.question is not None:
            return
        try:
            going = self.consequences()
        except InputError as exc:  # already gone (another window)
            self.undo_line.status.error(str(exc))
            return
        self.question, self.yes = question(self.name, going, self.confirm, self.keep)
        self.children = (self.button, self.question)

    def keep(self) -> None:
        asked, self.question = self.question, None
        self.children = (self.button,)
        if asked is not None:
            close_all(asked)

    def confirm(self) -> None:
        self.keep()
        found: list[int] = []
        if save(self.undo_line.status, lambda: found.append(self.do_remove()), _("Removed")):
            self.undo_line.offer(self.name, found[0])


def question(
    name: str, going: list[str], yes: Callable[[], None], keep: Callable[[], None]
) -> tuple[w.VBox, w.Button]:
    """'Remove Matilda?', what goes with her, and *Yes, remove* / *Keep it*: the box, and its
    Yes button."""
    text = "<b>{}</b>".format(html.escape(_("Remove {name}?").format(name=name))) + "".join(
        f"<br>{html.escape(sentence)}" for sentence in going
    )
    yes_button = lean(w.Button, description=_("Yes, remove"), button_style="danger", icon="trash")
    keep_button = lean(w.Button, description=_("Keep it"))
    yes_button.on_click(lambda _b: yes())
    keep_button.on_click(lambda _b: keep())
    box = lean(w.VBox, [lean(w.HTML, text), lean(w.HBox, [yes_button, keep_button])])
    box.add_class("workbook-row-question")
    return box, yes_button


def close_all(widget: w.Widget) -> None:
    """Close a widget and every widget inside it (the browser forgets their models)."""
    for child in getattr(widget, "children", ()):
        close_all(child)
    widget.close()


PICK = -1  # the value of "(pick the ...)": no row has it


class RemoveControl(w.VBox):
    """Pick one of a list to remove (a promise, an imported file, a rule): the button asks
    first, saying what goes with it, and the removal can be undone."""

    def __init__(
        self,
        noun: str,
        remove: Callable[[int], int],
        status: StatusLine,
        *,
        consequences: Callable[[int], list[str]] | None = None,
        undo: Callable[[int], str] | None = None,
    ):
        self.noun = noun
        self.remove = remove
        self.consequences = consequences or (lambda _row_id: [])
        self.undo_line = UndoLine(undo or (lambda _removal: ""), status)
        self.has_undo = undo is not None
        self.choice = lean(
            w.Dropdown,
            description=_("Remove"),
            style={"description_width": "initial"},
            layout=shared(w.Layout, width="100%", max_width="560px"),
        )
        self.button = lean(
            w.Button,
            description=_("Remove {thing}…").format(thing=noun),
            icon="trash",
            layout=shared(w.Layout, width="auto"),
        )
        self.button.on_click(lambda _b: self.ask())
        self.question: w.VBox | None = None
        super().__init__(
            [lean(w.HBox, [self.choice, self.button]), self.undo_line], layout=w.Layout()
        )

    @property
    def status(self) -> StatusLine:
        return self.undo_line.status

    def set_rows(self, names: Any, ids: Any) -> None:
        # A value of its own for "pick one": a drop-down whose value is None shows blank.
        self.choice.options = [(_("(pick the {thing})").format(thing=self.noun), PICK)] + [
            (str(name), int(i)) for name, i in zip(names, ids, strict=True)
        ]
        self.choice.value = PICK

    def ask(self) -> None:
        row_id = self.choice.value
        if row_id in (None, PICK):
            self.status.error(_("Pick the {thing} to remove first.").format(thing=self.noun))
            return
        self.keep()
        try:
            going = self.consequences(row_id)
        except InputError as exc:
            self.status.error(str(exc))
            return
        name = self.choice.label
        self.question, self.yes = question(
            name, going, lambda: self.confirm(row_id, name), self.keep
        )
        self.children = (self.children[0], self.question, self.undo_line)

    def keep(self) -> None:
        asked, self.question = self.question, None
        if asked is not None:
            self.children = (self.children[0], self.undo_line)
            close_all(asked)

    def confirm(self, row_id: int, name: str) -> None:
        self.keep()
        found: list[int] = []
        if save(
            self.status,
            lambda: found.append(self.remove(row_id)),
            _("Removed {name}").format(name=name),
        ):
            self.undo_line.offer(name, found[0] if self.has_undo else 0)
