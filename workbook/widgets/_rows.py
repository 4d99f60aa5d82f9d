"""A table as a list of rows a participant changes in place, by mouse, keyboard or touch.

Each row is one line (what it says in words) with *Change* and *Remove*. *Change* opens the
row's fields right under it (choices as drop-downs, professions with suggestions), each saved
as soon as it is left; the list keeps its order while a row is open, so the row being fixed
never jumps away, and rows are never made again under the cursor. *Remove* says first what goes
with the row and asks; a removal can be undone. Long lists show a page at a time, with a search.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as w

from .._errors import InputError
from ..i18n import _
from ._common import StatusLine, lean, save, shared
from ._removal import UndoLine, close_all, question


@dataclass(frozen=True)
class Field:
    """One field of a row: the row's key (also the keyword its update takes), the label shown,
    and how it is typed: text, number, long (notes), choice (a drop-down of (label, value)
    pairs) or suggest (free text with suggestions)."""

    name: str
    label: str
    kind: str = "text"
    options: Sequence[Any] = field(default_factory=tuple)
    placeholder: str = ""
    shown: Callable[[dict[str, Any]], bool] | None = None  # shown only for such rows


def _field_widget(spec: Field, value: Any) -> w.ValueWidget:
    common = {
        "description": spec.label,
        "style": {"description_width": "140px"},
        "layout": shared(w.Layout, width="100%", max_width="520px"),
    }
    if spec.kind == "choice":
        options = list(spec.options)
        values = [v for _label, v in options]
        return lean(w.Dropdown, options=options, value=value if value in values else None, **common)
    text = "" if value is None or (isinstance(value, float) and value != value) else value
    if spec.kind == "number" and isinstance(text, float) and text.is_integer():
        text = int(text)
    if spec.kind == "suggest":
        return lean(
            w.Combobox,
            options=list(spec.options),
            ensure_option=False,
            value=str(text),
            placeholder=spec.placeholder,
            continuous_update=False,
            **common,
        )
    kind = w.Textarea if spec.kind == "long" else w.Text
    return lean(
        kind, value=str(text), placeholder=spec.placeholder, continuous_update=False, **common
    )


class _Row(w.VBox):
    """One row: its line, and (once asked) its fields or the question before removing it."""

    def __init__(self, owner: RowList, record: dict[str, Any]):
        self.owner = owner
        self.record = record
        self.row_id = int(record["id"])
        self.line = lean(w.HTML)
        self.line.add_class("workbook-row-line")
        self.change = lean(
            w.Button,
            description=_("Change"),
            icon="pencil",
            tooltip=_("Change {name}").format(name=owner.name_of(record)),
            layout=shared(w.Layout, width="auto"),
        )
        self.change.on_click(lambda _b: self.toggle())
        parts: list[w.Widget] = [self.change]
        if owner.remove is not None:
            self.remove = lean(
                w.Button,
                description=_("Remove"),
                icon="trash",
                tooltip=_("Remove {name}").format(name=owner.name_of(record)),
                layout=shared(w.Layout, width="auto"),
            )
            self.remove.on_click(lambda _b: self.ask_to_remove())
            parts.append(self.remove)
        # Few models per row (a page of rows is built before it is drawn): the buttons sit in
        # the line's own box, and the row's status line is made when its fields are opened.
        self.head = lean(w.HBox, [self.line, *parts])
        self.head.add_class("workbook-row-head")
        self.status: StatusLine | None = None
        self.fields: dict[str, w.ValueWidget] = {}
        self.editor: w.VBox | None = None
        self.question: w.VBox | None = None
        super().__init__([self.head], layout=shared(w.Layout))
        self.add_class("workbook-row")
        self.show(record)

    @property
    def is_open(self) -> bool:
        return self.editor is not None

    def show(self, record: dict[str, Any]) -> None:
        self.record = record
        self.line.value = self.owner.summary(record)
        for spec in self.owner.fields:
            box = self.fields.get(spec.name)
            if box is not None and spec.shown is not None:
                box.layout.display = "" if spec.shown(record) else "none"

    def toggle(self) -> None:
        if self.editor is None:
            self._close_question()
            self.fields = {}
            for spec in self.owner.fields:
                box = _field_widget(spec, self.record.get(spec.name))
                if spec.shown is not None:
                    box.layout = w.Layout(width="100%", max_width="520px")  # its own: hidden
                    box.layout.display = "" if spec.shown(self.record) else "none"
                box.observe(lambda c, s=spec: self._changed(s, c["new"]), names="value")
                self.fields[spec.name] = box
            done = lean(w.Button, description=_("Done"), button_style="primary", icon="check")
            done.on_click(lambda _b: self.toggle())
            self.status = self.status or StatusLine()
            self.editor = lean(w.VBox, [*self.fields.values(), lean(w.HBox, [done, self.status])])
            self.editor.add_class("workbook-row-editor")
            self.children = (self.head, self.editor)
            self.change.description = _("Close")
        else:
            editor, self.editor = self.editor, None
            self.children = (self.head,)
            for part in [*self.fields.values(), editor]:
                part.close()
            self.fields = {}
            self.change.description = _("Change")
            self.owner.row_closed()

    def _changed(self, spec: Field, value: Any) -> None:
        if value is None and spec.kind == "choice":
            return
        save(
            self.status or self.owner.status,
            lambda: self.owner.update(self.row_id, **{spec.name: value}),
        )

    def ask_to_remove(self) -> None:
        if self.question is not None:
            return
        if self.is_open:
            self.toggle()
        try:
            going = self.owner.what_goes_with(self.row_id) if self.owner.what_goes_with else []
        except InputError as exc:  # gone already (another window)
            self.owner.status.error(str(exc))
            return
        self.question, self.yes = question(
            self.owner.name_of(self.record),
            going,
            lambda: self.owner.removed(self),
            self._close_question,
        )
        self.children = (self.head, self.question)

    def _close_question(self) -> None:
        if self.question is not None:
            asked, self.question = self.question, None
            self.children = (self.head,)
            close_all(asked)

    def close(self) -> None:
        for part in [*self.fields.values(), self.editor, self.question]:
            if part is not None:
                part.close()
        for part in (self.line, self.change, getattr(self, "remove", None), self.head,
                     self.status):  # fmt: skip
            if part is not None:
                part.close()
        super().close()


class RowList(w.VBox):
    """The rows of a table, a page at a time; see the module's docstring."""

    def __init__(
        self,
        *,
        fields: Sequence[Field],
        update: Callable[..., Any],
        summary: Callable[[dict[str, Any]], str],
        name_of: Callable[[dict[str, Any]], str],
        remove: Callable[[int], int] | None = None,
        what_goes_with: Callable[[int], list[str]] | None = None,
        undo: Callable[[int], str] | None = None,
        noun: str = "row",
        empty: str = "",
        page_size: int = 20,
        searchable: bool = False,
    ):
        self.fields = list(fields)
        self.update = update
        self.summary = summary
        self.name_of = name_of
        self.remove = remove
        self.what_goes_with = what_goes_with
        self.undo_removal = undo
        self.noun = noun
        self.empty = empty or _("Nothing here yet.")
        self.page_size = page_size
        self.shown_count = page_size
        self.records: list[dict[str, Any]] = []
        self.order: list[int] = []  # the ids in the order shown
        self.rows: dict[int, _Row] = {}
        self.undo_line = UndoLine(undo or (lambda _removal: ""))
        self.status = self.undo_line.status
        self.search = lean(
            w.Text,
            placeholder=_("Find a {thing}").format(thing=noun),
            description=_("Find"),
            continuous_update=True,
            layout=shared(w.Layout, width="100%", max_width="420px"),
        )
        self.search.observe(lambda _c: self._search_changed(), names="value")
        self.more = lean(
            w.Button, description=_("Show more"), layout=shared(w.Layout, width="auto")
        )
        self.more.on_click(lambda _b: self._show_more())
        self.more.layout = w.Layout(width="auto", display="none")
        self.count = lean(w.HTML)
        self.list = lean(w.VBox)
        top = [self.search] if searchable else []
        super().__init__(
            [*top, self.count, self.list, self.more, self.undo_line],
            layout=shared(w.Layout),
        )
        self.add_class("workbook-rows")

    # -- what is shown -------------------------------------------------------------------

    def show(self, records: list[dict[str, Any]]) -> None:
        """The table's rows, in the order to show them (unless a row is open: then the order
        stays, rows gone are taken out and new ones come last)."""
        self.records = records
        wanted = [r for r in records if self._matches(r)]
        by_id = {int(r["id"]): r for r in wanted}
        if any(row.is_open or row.question is not None for row in self.rows.values()):
            order = [i for i in self.order if i in by_id]
            order += [i for i in by_id if i not in set(order)]
        else:
            order = list(by_id)
        self.order = order
        visible = order[: self.shown_count]
        for row_id in list(self.rows):
            if row_id not in by_id or row_id not in visible:
                self.rows.pop(row_id).close()
        for row_id in visible:
            if row_id in self.rows:
                self.rows[row_id].show(by_id[row_id])
            else:
                self.rows[row_id] = _Row(self, by_id[row_id])
        children = tuple(self.rows[i] for i in visible)
        if children != self.list.children:
            self.list.children = children
        hidden = len(order) - len(visible)
        self.more.description = _("Show {more} more (of {hidden} not shown)").format(
            more=min(hidden, self.page_size), hidden=hidden
        )
        self.more.layout.display = "" if hidden > 0 else "none"
        if not records:
            self.count.value = f"<p><i>{html.escape(self.empty)}</i></p>"
        elif len(wanted) < len(records):
            self.count.value = "<small>{}</small>".format(
                _("{found} of {total} found").format(found=len(wanted), total=len(records))
            )
        else:
            self.count.value = ""

    def _matches(self, record: dict[str, Any]) -> bool:
        wanted = self.search.value.strip().lower()
        return not wanted or wanted in self.summary(record).lower()

    def _search_changed(self) -> None:
        self.shown_count = self.page_size
        self.show(self.records)

    def _show_more(self) -> None:
        self.shown_count += self.page_size
        self.show(self.records)

    def row_closed(self) -> None:
        if not any(row.is_open or row.question is not None for row in self.rows.values()):
            self.show(self.records)  # now the list may take its order again

    # -- removing and undoing ------------------------------------------------------------

    def removed(self, row: _Row) -> None:
        name = self.name_of(row.record)
        row._close_question()
        assert self.remove is not None
        remove = self.remove
        found: list[int] = []
        if save(
            self.status,
            lambda: found.append(remove(row.row_id)),
            _("Removed {name}").format(name=name),
        ):
            self.undo_line.offer(name, found[0] if self.undo_removal else 0)
