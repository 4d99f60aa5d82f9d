"""The workshop app's page: every exercise in one page, played from its notebook.

An exercise is built the first time it is opened, from its notebook's cells in order (the
coaching text as HTML, each code cell's widget; cells tagged ``lab-only`` are JupyterLab's
own hints and stay out), then kept: going back to it is only showing it again. Every page
shows the exercise list with what is done, and links back to it and on to the next exercise.
"""

from __future__ import annotations

import ast
import html
import json
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w

from .. import app, i18n, progress
from ..i18n import _
from ._common import lean, shared
from ._removal import close_all

LAB_ONLY = "lab-only"  # a cell's tag: shown in JupyterLab, left out of the app
log = logging.getLogger(__name__)


def markdown_html(text: str) -> str:
    """A notebook's markdown as the HTML the app shows (mistune, as Jupyter's own tools use)."""
    import mistune

    return str(mistune.html(text))


def play(notebook: Path) -> list[w.Widget]:
    """The widgets an exercise notebook shows, in order: its text, and what each code cell's
    last line gives (a setup cell's, such as the workbook itself, is not shown)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    namespace: dict[str, Any] = {"__name__": "__main__"}
    shown: list[w.Widget] = []
    for cell in cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if LAB_ONLY in tags:
            continue
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            part = lean(w.HTML, markdown_html(i18n.notebook_text(source)))
            part.add_class("workbook-text")
            shown.append(part)
        elif cell["cell_type"] == "code":
            value = _run(source, namespace, f"{notebook.name}, cell {len(shown)}")
            if isinstance(value, w.Widget) and "setup" not in tags:
                shown.append(value)
    return shown


def _run(source: str, namespace: dict[str, Any], where: str) -> Any:
    """Run a cell's code; return the value of its last line when that is an expression."""
    tree = ast.parse(source, filename=where)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, where, "exec"), namespace)  # noqa: S102 - our own notebooks' cells
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), where, "eval"), namespace)  # noqa: S307


class AppPage(w.VBox):
    """The exercise list, then the exercise being worked on (or the list alone, at the start)."""

    def __init__(self, wb: Any, folder: Path, start: int | None = None):
        self.wb = wb
        self.folder = folder
        self.views: dict[int, w.Widget] = {}
        self.current: int | None = None
        self.done: dict[str, bool] = {}
        self.notice = lean(w.HTML)
        # The page writes its width here (the template's script), for charts on a phone.
        self.width = w.IntText(value=0, description="Page width", layout=w.Layout(display="none"))
        self.width.add_class("workbook-page-width")
        self.width.observe(lambda c: app.page_width_is(c["new"]), names="value")
        # The page's own words for the template's script: the tab's title, the loading line.
        self.words = w.Text(value="", description="Page words", layout=w.Layout(display="none"))
        self.words.add_class("workbook-words")
        super().__init__()
        self.add_class("workbook-app")
        self._dress()
        wb.on_change(self._changed, key="AppPage")
        self.go(start if start in self.by_number else None)

    def _dress(self) -> None:
        """The exercise list and strip in the participant's language; every exercise built
        before is built again in it when next shown (what was typed is in the workbook)."""
        self.speaks = i18n.language()
        self.exercises = progress.exercises(self.folder)
        self.by_number = {e.number: e for e in self.exercises}
        if self.views:  # made again in the new language: the old forms stop following edits
            for view in self.views.values():
                close_all(view)
            self.wb.forget_listeners()
            self.wb.on_change(self._changed, key="AppPage")
        self.views = {}
        self.strip = _ExerciseStrip(self.exercises, self.go)
        self.home = _Home(self.exercises, self.go)
        self.words.value = json.dumps(app.page_words(), ensure_ascii=False)
        self.children = [self.strip, self.notice, self.width, self.words, self.home]
        self.done = {}
        self._refresh_done()

    def _changed(self, table: str) -> None:
        if table == "profile" and i18n.language() != self.speaks:
            self._dress()  # the participant chose another language: the page speaks it now
            self.go(self.current)
            return
        self._refresh_done()

    def go(self, number: int | None) -> None:
        """Show exercise ``number`` (None: the exercise list), building it the first time."""
        if number is not None and number not in self.views:
            exercise = self.by_number[number]
            self.notice.value = "<p class='workbook-opening'>{}</p>".format(
                html.escape(_("Opening {exercise}…").format(exercise=exercise.label))
            )
            try:
                self.views[number] = self._build(exercise)
            except Exception:  # a bug: say so in words, keep the page usable, log the details
                traceback.print_exc(file=sys.stderr)
                said = _(
                    "Something went wrong opening {exercise}. Everything you saved is safe; "
                    "reload the page to try again."
                ).format(exercise=exercise.label)
                self.notice.value = f"<p role='alert' style='color:#b42318'>{html.escape(said)}</p>"
                return
            self.children = (*self.children, self.views[number])
        self.notice.value = ""
        if self.current is not None:
            self.remove_class(f"workbook-at-{self.current}")
        self.current = number
        self.add_class("workbook-at-home" if number is None else f"workbook-at-{number}")
        if number is not None:
            self.remove_class("workbook-at-home")
        self.home.layout.display = "" if number is None else "none"
        for shown, view in self.views.items():
            view.layout.display = "" if shown == number else "none"
        self.strip.show(number, self.done)

    def _build(self, exercise: progress.Exercise) -> w.Widget:
        parts = play(exercise.notebook)
        later = [e for e in self.exercises if e.number > exercise.number]
        footer = _Footer(later[0] if later else None, self.go)
        return w.VBox([*parts, footer], layout=w.Layout())  # its own layout: shown and hidden

    def _refresh_done(self) -> None:
        done = progress.done(self.wb)
        if done != self.done:
            self.done = done
            self.strip.show(self.current, done)
            self.home.show(done)


class _ExerciseStrip(w.HBox):
    """On every page: the list button and one button per exercise, ticked when done."""

    def __init__(self, exercises: list[progress.Exercise], go: Callable[[int | None], None]):
        self.exercises = exercises
        self.list_button = lean(
            w.Button,
            description="☰ " + _("All"),
            tooltip=_("All exercises"),
            layout=shared(w.Layout, width="auto"),
        )
        self.list_button.on_click(lambda _b: go(None))
        self.buttons = {}
        for exercise in exercises:
            button = lean(
                w.Button,
                description=str(exercise.number),
                tooltip=exercise.label,
                layout=shared(w.Layout, width="auto", min_width="40px"),
            )
            button.on_click(lambda _b, n=exercise.number: go(n))
            self.buttons[exercise.number] = button
        super().__init__([self.list_button, *self.buttons.values()], layout=shared(w.Layout))
        self.add_class("workbook-strip")

    def show(self, current: int | None, done: dict[str, bool]) -> None:
        for exercise in self.exercises:
            button = self.buttons[exercise.number]
            ticked = done.get(exercise.key, False)
            button.description = f"{exercise.number}{' ✓' if ticked else ''}"
            button.tooltip = exercise.label + (" " + _("(done)") if ticked else "")
            button.button_style = "primary" if exercise.number == current else ""
        self.list_button.button_style = "primary" if current is None else ""


class _Home(w.VBox):
    """The exercise list: where to start, and what is done."""

    def __init__(self, exercises: list[progress.Exercise], go: Callable[[int | None], None]):
        self.exercises = exercises
        self.lines = {}
        for exercise in exercises:
            button = lean(
                w.Button, description=exercise.label, layout=shared(w.Layout, width="100%")
            )
            button.on_click(lambda _b, n=exercise.number: go(n))
            self.lines[exercise.number] = button
        intro = lean(
            w.HTML,
            "<h1>{}</h1><p>{}</p>".format(
                html.escape(_("Networking Workbook")),
                html.escape(
                    _(
                        "Work through the exercises in order. Everything you type is saved at "
                        "once, on this computer; nothing is sent anywhere."
                    )
                ),
            ),
        )
        super().__init__([intro, *self.lines.values()], layout=w.Layout())
        self.add_class("workbook-home")

    def show(self, done: dict[str, bool]) -> None:
        for exercise in self.exercises:
            ticked = done.get(exercise.key, False)
            line = self.lines[exercise.number]
            line.description = exercise.label + ("  ✓ " + _("done") if ticked else "")
            line.icon = "check" if ticked else ""


class _Footer(w.HBox):
    """At the end of an exercise: on to the next one, or back to the list."""

    def __init__(self, following: progress.Exercise | None, go: Callable[[int | None], None]):
        back = lean(w.Button, description=_("All exercises"), layout=shared(w.Layout, width="auto"))
        back.on_click(lambda _b: go(None))
        parts: list[w.Widget] = [back]
        if following is not None:
            onward = lean(
                w.Button,
                description=_("Next: {exercise} →").format(exercise=following.label),
                button_style="primary",
                layout=shared(w.Layout, width="auto"),
            )
            onward.on_click(lambda _b: go(following.number))
            parts.append(onward)
        super().__init__(parts, layout=shared(w.Layout))
        self.add_class("workbook-footer")
