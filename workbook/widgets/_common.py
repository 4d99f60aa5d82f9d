"""Pieces every exercise form shares: the saved/error line and a guarded save."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import functools
import html
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as w
import pandas as pd

from .._errors import InputError

WidgetT = TypeVar("WidgetT", bound=w.Widget)


def shared(model: type[w.Widget], **values: Any) -> Any:
    """One ``model(**values)`` for every widget that needs it: a layout or a style of its
    own is one more model the browser builds before it draws the page. Never change a shared
    one: a widget whose layout changes later (shown, hidden, resized) gets its own."""
    return _shared(model, tuple(sorted(values.items())))


@functools.cache
def _shared(model: type[w.Widget], values: tuple[tuple[str, Any], ...]) -> Any:
    return model(**dict(values))


def lean(kind: type[WidgetT], *args: Any, **kwargs: Any) -> WidgetT:
    """``kind(*args, **kwargs)`` with the shared plain layout when none is given, and a shared
    style: the plain one, or one per style dict such as ``{"description_width": "90px"}``."""
    kwargs.setdefault("layout", shared(w.Layout))
    style = kind.class_traits().get("style")
    if style is not None and not isinstance(kwargs.get("style"), w.Widget):
        kwargs["style"] = shared(style.klass, **kwargs.get("style", {}))
    return kind(*args, **kwargs)


def plain_text() -> Any:
    """The style of an HTML widget that keeps the default look."""
    from ipywidgets.widgets.widget_string import HTMLStyle

    return shared(HTMLStyle)


class StatusLine(w.HTML):
    """'Saved' after each edit, or the problem in red, next to what the participant edited."""

    def __init__(self, **kwargs: Any):
        super().__init__(value="", **{"style": plain_text(), "layout": shared(w.Layout), **kwargs})
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


# Seconds between the browser starting to build the page and the heavy parts being added: about
# what drawing a page of forms takes, so they come after it instead of holding it back.
SETTLE_SECONDS = 1.0


def once_the_page_is_up(then: Callable[[], None]) -> None:
    """Run ``then`` now, or in the workshop app just after the browser has drawn the page.

    A data grid or a plotly chart costs the browser a second or more to draw, and the app shows
    nothing until every widget of the page is drawn. So in the app they are added once the rest
    is on screen: the browser says it has the page's widgets (it builds a link between two
    hidden numbers, copying the 1 into the 0 and sending it back), and what waits for that runs
    SETTLE_SECONDS later, on the kernel's own event loop. One signal serves the whole page.
    """
    from .. import app

    if not app.in_the_app() or _page.up:
        then()
        return
    _page.waiting.append(then)
    if _page.signal is None:
        _page.signal = _page_signal()


class _Page:
    """What waits for the page of this kernel (the app gives each page a kernel of its own)."""

    def __init__(self) -> None:
        self.up = False
        self.waiting: list[Callable[[], None]] = []
        self.signal: tuple[w.Widget, ...] | None = None

    def arrived(self) -> None:
        self.up = True
        waiting, self.waiting = self.waiting, []
        for then in waiting:
            then()


_page = _Page()


def _page_signal() -> tuple[w.Widget, ...]:
    source, target = lean(w.IntText, value=1), lean(w.IntText, value=0)
    link = w.jsdlink((source, "value"), (target, "value"))

    def arrived(_change: dict[str, Any]) -> None:
        target.unobserve(arrived, names="value")
        for part in (link, source, target):
            part.close()
        try:
            asyncio.get_running_loop().call_later(SETTLE_SECONDS, _page.arrived)
        except RuntimeError:  # a kernel without an event loop here: no waiting, then
            _page.arrived()

    target.observe(arrived, names="value")
    return source, target, link


class WhenThePageIsUp(w.VBox):
    """Stands where the widget ``make`` returns will be: at once, or in the workshop app once
    the page is up (see once_the_page_is_up), with a line saying what is coming till then."""

    def __init__(self, make: Callable[[], w.Widget], coming: str):
        waiting = lean(w.HTML, f"<p><i>{html.escape(coming)}</i></p>")
        super().__init__([waiting])

        def show() -> None:
            self.children = (make(),)
            waiting.close()

        once_the_page_is_up(show)


def editable_grid(
    rows: pd.DataFrame,
    column_widths: dict[str, int],
    on_cell_change: Callable[[dict[str, Any]], None],
    *,
    column_size: int,
    row_header_size: int,
) -> Any:
    """A data grid of ``rows`` edited in place, a cell at a time; every value shown as text."""
    from ipydatagrid import DataGrid, TextRenderer

    grid = DataGrid(
        pd.DataFrame(),
        editable=True,
        selection_mode="cell",
        base_column_size=column_size,
        base_row_header_size=row_header_size,
        column_widths=column_widths,
        default_renderer=TextRenderer(text_wrap=False),
        layout=w.Layout(width="100%"),  # its own: show_rows sets its height
    )
    grid.on_cell_change(on_cell_change)
    show_rows(grid, rows)
    return grid


def show_rows(grid: Any, rows: pd.DataFrame) -> None:
    """New rows in a grid (None: not made yet), tall enough for each of them up to 15 (then it
    scrolls), with no empty band below."""
    if grid is not None:
        grid.data = rows
        grid.layout.height = f"{44 + 20 * min(max(len(rows), 1), 15)}px"


# The style of a label that is read out but not shown: for a field under a column heading that
# already says what it is (a screen reader still names the field).
UNSEEN_LABEL = {"description_width": "0px"}


def width(size: str) -> w.Layout:
    """The shared layout of every widget ``size`` wide (see ``shared``)."""
    return shared(w.Layout, width=size)


def heading(text: str, level: int = 3) -> w.HTML:
    return lean(w.HTML, f"<h{level} style='margin:0.6em 0 0.2em'>{html.escape(text)}</h{level}>")


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text))


class RemoveControl(w.HBox):
    """Pick a row to remove, then click twice: the first click asks, the second removes."""

    def __init__(self, noun: str, remove: Callable[[int], Any], status: StatusLine):
        self.noun = noun
        self.remove = remove
        self.status = status
        self.choice = lean(w.Dropdown, description="Remove", layout=width("420px"))
        self.button = lean(
            w.Button, description=f"Remove {noun}", icon="trash", layout=width("220px")
        )
        self.button.on_click(self._clicked)
        self._confirming: int | None = None
        super().__init__([self.choice, self.button])

    def set_rows(self, names: Any, ids: Any) -> None:
        self.choice.options = [("", None)] + [
            (str(name), int(i)) for name, i in zip(names, ids, strict=True)
        ]

    def _clicked(self, _button: w.Button) -> None:
        row_id = self.choice.value
        if row_id is None:
            self.status.error(f"Pick the {self.noun} to remove first.")
            return
        if self._confirming != row_id:
            self._confirming = row_id
            self.button.description = "Click again to remove"
            self.button.button_style = "danger"
            return
        self._confirming = None
        self.button.description = f"Remove {self.noun}"
        self.button.button_style = ""
        name = self.choice.label
        save(self.status, lambda: self.remove(row_id), f"Removed {name}")


class LiveHTML(w.HTML):
    """An HTML view of the workbook, redrawn when one of ``tables`` changes.

    Subclasses say which tables they follow and build their text in ``refresh``.
    """

    tables: tuple[str, ...] = ()

    def __init__(self, wb: Any):
        super().__init__(style=plain_text(), layout=shared(w.Layout))
        self.wb = wb
        self.refresh()
        wb.on_change(self._store_changed, key=type(self).__name__)

    def refresh(self) -> None:
        raise NotImplementedError

    def _store_changed(self, table: str) -> None:
        if not self.tables or table in self.tables:
            self.refresh()


def save_cell(
    status: StatusLine,
    cell: dict[str, Any],
    columns: dict[str, str | None],
    ids: list[int],
    update: Callable[..., Any],
    worked_out: str,
) -> bool:
    """Save one grid edit: column label -> field, grid row -> row id, through ``update``.

    A column that maps to no field is worked out, not typed: ``worked_out`` says what to change
    instead. False means nothing was saved and the caller should put the saved value back.
    """
    field = columns.get(cell["column"])
    if field is None:
        status.error(worked_out)
        return False
    row_id = ids[cell["row"]]
    return save(status, lambda: update(row_id, **{field: cell["value"]}))


def download_link(data: bytes, name: str, mime: str, label: str) -> str:
    """A link that saves ``data`` as ``name``: a data: URI, so it works in JupyterLab and in the
    app without serving files."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a download="{html.escape(name)}" href="data:{mime};base64,{encoded}" '
        "style='display:inline-block;margin-right:1em;padding:6px 14px;background:#2e8540;"
        f"color:white;border-radius:3px;text-decoration:none'>⬇ {html.escape(label)}</a>"
    )
