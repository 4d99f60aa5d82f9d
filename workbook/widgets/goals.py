"""Exercise 3 widgets: your goals, the people for each, and warnings where a favour is early."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from .. import _frames as frames
from .. import goals as goal_rules
from ..contacts import DEPTH_SHORT, depth_choices
from ..i18n import _, ngettext
from ._common import (
    UNSEEN_LABEL,
    LiveHTML,
    StatusLine,
    aside,
    date_field,
    esc,
    heading,
    in_words,
    lean,
    save,
    shared,
    width,
)
from ._removal import Remove, UndoLine


class GoalsForm(w.VBox):
    """Write your goals; for each, name two people who could help and how well you know them."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.new_goal = lean(
            w.Text,
            description=_("New goal"),
            placeholder=_("Ten listings from retirees by June"),
            layout=width("560px"),
            style={"description_width": "90px"},
        )
        self.new_date = date_field(_("By"), style={"description_width": "30px"})
        self.add_goal_button = lean(
            w.Button, description=_("Add goal"), button_style="primary", icon="plus"
        )
        self.add_goal_button.on_click(self._add_goal_clicked)
        self.goal_boxes: dict[int, _GoalBox] = {}
        self.undo = UndoLine(wb.undo, self.status)
        self.empty = lean(w.HTML, aside(_("No goals yet: write your first one below.")))
        self.list = lean(w.VBox)
        self.progress = lean(w.HTML)
        self._rebuild()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__(
            [
                self.list,
                heading(_("Add a goal"), 4),
                lean(w.HBox, [self.new_goal, self.new_date, self.add_goal_button]),
                self.undo,
                self.progress,
            ]
        )

    def _rebuild(self) -> None:
        goals = self.wb.goals()
        people = self.wb.goal_people()
        contacts = self.wb.contacts()
        depths = dict(zip(contacts["name"], contacts["depth"], strict=True))
        # Boxes of goals still there are kept and brought up to date, so what is being typed
        # in one goal's box survives a change in another's.
        boxes: dict[int, _GoalBox] = {}
        for goal in goals.to_dict("records"):
            goal_id = int(goal["id"])
            mine = people[people["goal_id"] == goal_id]
            box = self.goal_boxes.pop(goal_id, None)
            if box is None:
                box = _GoalBox(self.wb, goal, self.status, self.undo)
            box.show(goal, mine, depths)
            boxes[goal_id] = box
        for gone in self.goal_boxes.values():
            gone.close()
        self.goal_boxes = boxes
        children = tuple(boxes.values()) or (self.empty,)
        if children != self.list.children:
            self.list.children = children
        state = goal_rules.progress(goals, people)
        if state["done"]:
            self.progress.value = "✓ " + esc(
                _("Every goal has at least two people. Check the warnings below.")
            )
        elif state["goals_needed"]:
            needed = state["goals_needed"]
            self.progress.value = esc(
                ngettext("Write {n} more goal.", "Write {n} more goals.", needed).format(n=needed)
            )
        else:
            short = ", ".join(state["goals_short_of_people"])
            self.progress.value = esc(_("Name two people for: {goals}.").format(goals=short))

    def _store_changed(self, table: str) -> None:
        if table in ("goals", "goal_people", "contacts"):
            self._rebuild()

    def _add_goal_clicked(self, _button: w.Button) -> None:
        text, day = self.new_goal.value, self.new_date.value
        if save(self.status, lambda: self.wb.add_goal(text, day), _("Goal added")):
            self.new_goal.value = ""
            self.new_date.value = ""


class _GoalBox(w.VBox):
    """One goal: its heading (reword it, remove it), its people (remove one), and the line
    to add a person. Kept while the goal is there; ``show`` brings it up to date."""

    def __init__(self, wb: Any, goal: dict[str, Any], status: StatusLine, undo: UndoLine):
        self.wb = wb
        self.goal_id = int(goal["id"])
        self.status = status
        self.undo = undo
        self.title = lean(w.HTML)
        self.remove_goal = Remove(
            _("the goal '{goal}'").format(goal=goal["text"]),
            lambda: wb.what_goes_with("goals", self.goal_id),
            lambda: wb.delete_goal(self.goal_id),
            undo,
        )
        self.edit_button = lean(
            w.Button, icon="pencil", description=_("Reword"),
            tooltip=_("Reword this goal or change its date"),
            layout=shared(w.Layout, width="auto"),
        )  # fmt: skip
        self.heading = lean(
            w.HBox,
            [self.title, self.edit_button, self.remove_goal],
            layout=w.Layout(),  # its own: it is hidden while editing, the shared one never
        )
        self.heading.add_class("workbook-row-head")
        # The goal as a form, shown instead of the heading while it is being edited.
        self.goal_text = lean(
            w.Text, value=goal["text"], description=_("Goal"), layout=width("560px"),
            style={"description_width": "50px"},
        )  # fmt: skip
        self.goal_date = date_field(_("By"), None, style={"description_width": "30px"})
        self.save_goal = lean(w.Button, description=_("Save"), button_style="primary", icon="check")
        self.cancel_edit = lean(w.Button, description=_("Cancel"))
        self.editor = lean(
            w.HBox,
            [self.goal_text, self.goal_date, self.save_goal, self.cancel_edit],
            layout=w.Layout(display="none"),
        )
        self.edit_button.on_click(lambda _b: self._editing(True))
        self.cancel_edit.on_click(lambda _b: self._editing(False))
        self.save_goal.on_click(self._save_clicked)
        self.people = lean(w.VBox)
        self.lines: dict[int, w.Widget] = {}
        self.depths: dict[str, str] = {}
        self.person = lean(
            w.Combobox,
            description=_("Person"),
            placeholder=_("Pick or type a name"),
            ensure_option=False,
            style=UNSEEN_LABEL,
            layout=width("220px"),
        )
        self.depth = lean(
            w.Dropdown,
            description=_("How well you know them"),
            style=UNSEEN_LABEL,
            options=depth_choices(),
            value="contact",
            layout=width("330px"),
        )
        # Picking someone you know shows how deep that relationship already is.
        self.person.observe(
            lambda c: (
                setattr(self.depth, "value", self.depths[c["new"]])
                if c["new"] in self.depths
                else None
            ),
            names="value",
        )
        self.why = lean(
            w.Text, description=_("Why"), style=UNSEEN_LABEL, placeholder=_("Why this person"),
            layout=width("240px"),
        )  # fmt: skip
        self.add_button = lean(w.Button, description=_("Add person"), icon="user-plus")
        self.add_button.on_click(self._add_clicked)
        adding = lean(w.HBox, [self.person, self.depth, self.why, self.add_button])
        super().__init__(
            [self.heading, self.editor, self.people, adding],
            layout=w.Layout(border="1px solid #ddd", padding="4px 10px", margin="0 0 8px 0"),
        )

    def show(self, goal: dict[str, Any], people: Any, depths: dict[str, str]) -> None:
        day = _day(goal["target_date"] if frames.given(goal.get("target_date")) else "")
        by = _("by {day}").format(day=in_words(day)) if day else ""
        due = f" <small>{esc(by)}</small>" if day else ""
        self.title.value = f"<h4 style='margin:0.4em 0'>{esc(goal['text'])}{due}</h4>"
        self.goal_text.value = goal["text"]
        self.goal_date.value = in_words(day)
        self.remove_goal.name = _("the goal '{goal}'").format(goal=goal["text"])
        self.depths = depths
        if list(self.person.options) != sorted(depths):
            self.person.options = sorted(depths)
        lines: dict[int, w.Widget] = {}
        for person in people.to_dict("records"):
            link_id = int(person["id"])
            why = f" — {esc(person['why'])}" if person["why"] else ""
            text = f"{esc(person['name'])} <small>({esc(_(DEPTH_SHORT[person['depth']]))})</small>{why}"
            line = self.lines.pop(link_id, None)
            if line is None:
                remove = Remove(
                    _("{name} from this goal").format(name=person["name"]),
                    lambda: [],
                    lambda i=link_id: self.wb.remove_goal_person(i),
                    self.undo,
                )
                line = lean(w.HBox, [lean(w.HTML, text), remove])
                line.add_class("workbook-row-head")
            else:
                line.children[0].value = text
            lines[link_id] = line
        for gone in self.lines.values():
            gone.close()
        self.lines = lines
        self.people.children = tuple(lines.values())

    def _editing(self, on: bool) -> None:
        self.editor.layout.display = "flex" if on else "none"
        self.heading.layout.display = "none" if on else "flex"

    def _save_clicked(self, _button: w.Button) -> None:
        text, day = self.goal_text.value, self.goal_date.value
        if save(self.status, lambda: self.wb.update_goal(self.goal_id, text, day), _("Goal saved")):
            self._editing(False)

    def _add_clicked(self, _button: w.Button) -> None:
        name, depth, why = self.person.value, self.depth.value, self.why.value
        if save(
            self.status,
            lambda: self.wb.add_goal_person(self.goal_id, name=name, depth=depth, why=why),
            _("Added {name}").format(name=name.strip()),
        ):
            self.person.value = ""
            self.why.value = ""


class FavourWarnings(LiveHTML):
    """Where a goal leans on someone you barely know: a warning, and a first step instead."""

    tables = ("goals", "goal_people", "contacts")

    def refresh(self) -> None:
        shallow = goal_rules.warnings(self.wb.goal_people())
        if shallow.empty:
            self.value = "<p>✓ {}</p>".format(esc(_("No favours asked too early.")))
            return
        this_week = _("This week:")
        items = "".join(
            "<li>⚠ "
            + esc(_(goal_rules.TOO_EARLY[row["depth"]]).format(name=row["name"], goal=row["goal"]))
            + f" <i>{esc(this_week)}</i> {esc(row['first_step'])}</li>"
            for row in shallow.to_dict("records")
        )
        self.value = f"<ul style='color:#8a4b00'>{items}</ul>"


def _day(text: str) -> dt.date | None:
    """The date picker's value for a stored date, or None if there is none to read."""
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
