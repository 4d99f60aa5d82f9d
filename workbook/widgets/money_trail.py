"""Exercise 1 widgets: the spend table, charts, the ask builder, the ask tracker, this week."""

from __future__ import annotations

import json
from typing import Any

import ipywidgets as w
import pandas as pd
from ipydatagrid import DataGrid, TextRenderer

from .. import money_trail, plots
from ..profile import format_money
from ._common import StatusLine, esc, heading, save

# Grid columns: label shown -> business field (None: worked out, not editable).
_GRID_COLUMNS: dict[str, str | None] = {
    **{label: field for field, label in money_trail.BUSINESS_FIELDS.items()},
    "A year": None,
    "Lifetime": None,
    "Asks": None,
}
_PROFESSION_HINTS = [
    "Accountant",
    "Auto repair",
    "Bakery",
    "Barber",
    "Coffee shop",
    "Dentist",
    "Dry cleaner",
    "Florist",
    "Gym",
    "Hair stylist",
    "Hardware store",
    "Insurance agent",
    "Lawn care",
    "Massage therapist",
    "Pet groomer",
    "Pharmacy",
    "Printer",
    "Restaurant",
    "Veterinarian",
    "Yoga studio",
]


def _number(value: float) -> str:
    return f"{value:g}"


class SpendTable(w.VBox):
    """The businesses you pay, editable in place; add and remove below the grid."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.totals = w.HTML()
        self.grid = DataGrid(
            self._frame(),
            editable=True,
            selection_mode="cell",
            base_column_size=80,
            base_row_header_size=36,
            column_widths={
                "Business": 180,
                "Profession": 120,
                "How often": 90,
                "Visits a year": 100,
                "Years a customer": 125,
                "Referrals sent": 110,
                "A year": 80,
                "Lifetime": 85,
                "Asks": 90,
                "Notes": 260,
            },
            default_renderer=TextRenderer(text_wrap=False),
            layout=w.Layout(width="100%"),
        )
        self.grid.on_cell_change(self._cell_changed)
        self.form = _AddBusinessForm(wb, self.status)
        self.remove_choice = w.Dropdown(description="Remove", layout=w.Layout(width="420px"))
        self.remove_button = w.Button(
            description="Remove business", icon="trash", layout=w.Layout(width="200px")
        )
        self.remove_button.on_click(self._remove_clicked)
        self._confirming: int | None = None
        self._refresh_view()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__(
            [
                w.HTML(
                    "<small>Double-click a cell to change it; press Enter to save. "
                    "<i>A year</i> and <i>Lifetime</i> are worked out for you.</small>"
                ),
                self.grid,
                self.status,
                self.totals,
                heading("Add a business", 4),
                self.form,
                w.HBox([self.remove_choice, self.remove_button]),
            ]
        )

    # -- view ---------------------------------------------------------------------------

    def _frame(self) -> pd.DataFrame:
        spend = self.wb.spend_table()
        currency = self.wb.profile().currency
        self._ids = [int(i) for i in spend["id"]]
        frame = pd.DataFrame(
            {
                "Business": spend["name"],
                "Profession": spend["profession"],
                "Amount": spend["amount"].map(_number),
                "How often": spend["frequency"].map(money_trail.FREQUENCIES),
                "Visits a year": [
                    _number(v) if f == "per_visit" else ""
                    for v, f in zip(spend["visits_per_year"], spend["frequency"], strict=True)
                ],
                "Years a customer": spend["years_as_customer"].map(_number),
                "Referrals sent": spend["referrals_sent"].map(str),
                "A year": spend["annual_spend"].map(lambda v: format_money(v, currency)),
                "Lifetime": spend["lifetime_spend"].map(lambda v: format_money(v, currency)),
                "Asks": [
                    f"{n} · declined" if d else str(n)
                    for n, d in zip(spend["asks"], spend["declined"], strict=True)
                ],
                "Notes": spend["notes"],
            },
            dtype=object,
        )
        frame.index = pd.Index(range(1, len(frame) + 1), name="#")
        return frame

    def _refresh_view(self) -> None:
        self.grid.data = self._frame()
        # Tall enough for every row (up to 15, then it scrolls), with no empty band below.
        rows = max(len(self._ids), 1)
        self.grid.layout.height = f"{44 + 20 * min(rows, 15)}px"
        spend = self.wb.spend_table()
        currency = self.wb.profile().currency
        sums = money_trail.totals(spend)
        self.totals.value = (
            f"<b>{sums['businesses']}</b> businesses · "
            f"<b>{format_money(sums['annual_spend'], currency)}</b> a year · "
            f"<b>{format_money(sums['lifetime_spend'], currency)}</b> invested in all · "
            f"<b>{sums['referrals_sent']}</b> referrals sent"
        )
        self.remove_choice.options = [("", None)] + [
            (f"{name}", int(i)) for name, i in zip(spend["name"], spend["id"], strict=True)
        ]

    def _store_changed(self, table: str) -> None:
        if table in ("businesses", "asks", "profile"):
            self._refresh_view()

    # -- edits --------------------------------------------------------------------------

    def _cell_changed(self, cell: dict[str, Any]) -> None:
        field = _GRID_COLUMNS.get(cell["column"])
        business_id = self._ids[cell["row"]]
        if field is None:
            self.status.error(
                f"{cell['column']} is worked out for you: change the amount, "
                "how often or the years instead."
            )
            self._refresh_view()
            return
        ok = save(
            self.status, lambda: self.wb.update_business(business_id, **{field: cell["value"]})
        )
        if not ok:
            self._refresh_view()  # put the saved value back in the cell

    def _remove_clicked(self, _button: w.Button) -> None:
        business_id = self.remove_choice.value
        if business_id is None:
            self.status.error("Pick the business to remove first.")
            return
        if self._confirming != business_id:
            self._confirming = business_id
            self.remove_button.description = "Click again to remove"
            self.remove_button.button_style = "danger"
            return
        self._confirming = None
        self.remove_button.description = "Remove business"
        self.remove_button.button_style = ""
        name = self.remove_choice.label
        save(self.status, lambda: self.wb.delete_business(business_id), f"Removed {name}")


class _AddBusinessForm(w.VBox):
    def __init__(self, wb: Any, status: StatusLine):
        self.wb = wb
        self.status = status
        style = {"description_width": "130px"}
        wide = w.Layout(width="360px")
        self.name = w.Text(
            description="Business", placeholder="Blue Ridge Hair Studio", style=style, layout=wide
        )
        self.profession = w.Combobox(
            description="Profession",
            placeholder="Hair stylist",
            options=_PROFESSION_HINTS,
            ensure_option=False,
            style=style,
            layout=wide,
        )
        self.amount = w.Text(description="Amount", placeholder="65", style=style, layout=wide)
        self.frequency = w.Dropdown(
            description="How often",
            options=[(label, key) for key, label in money_trail.FREQUENCIES.items()],
            value="per_visit",
            style=style,
            layout=wide,
        )
        self.visits = w.Text(
            description="Visits a year", placeholder="10", style=style, layout=wide
        )
        self.years = w.Text(
            description="Years a customer", placeholder="5", style=style, layout=wide
        )
        self.referrals = w.Text(
            description="Referrals sent", placeholder="0", style=style, layout=wide
        )
        self.notes = w.Text(description="Notes", style=style, layout=w.Layout(width="730px"))
        self.add_button = w.Button(description="Add business", button_style="primary", icon="plus")
        self.add_button.on_click(self._add_clicked)
        self.frequency.observe(self._frequency_changed, names="value")
        super().__init__(
            [
                w.HBox([self.name, self.profession]),
                w.HBox([self.amount, self.frequency]),
                w.HBox([self.visits, self.years]),
                w.HBox([self.referrals]),
                self.notes,
                self.add_button,
            ]
        )

    def _frequency_changed(self, change: dict[str, Any]) -> None:
        self.visits.disabled = change["new"] != "per_visit"

    def _add_clicked(self, _button: w.Button) -> None:
        values = {
            "name": self.name.value,
            "profession": self.profession.value,
            "amount": self.amount.value,
            "frequency": self.frequency.value,
            "visits_per_year": self.visits.value if self.frequency.value == "per_visit" else 1,
            "years_as_customer": self.years.value or 1,
            "referrals_sent": self.referrals.value,
            "notes": self.notes.value,
        }
        if self.frequency.value == "per_visit" and not str(self.visits.value).strip():
            self.status.error("Say how many visits a year (for example 10), or pick 'per month'.")
            return
        if save(
            self.status, lambda: self.wb.add_business(**values), f"Added {values['name'].strip()}"
        ):
            for box in (
                self.name,
                self.profession,
                self.amount,
                self.visits,
                self.years,
                self.referrals,
                self.notes,
            ):
                box.value = ""


class MoneyTrailCharts(w.VBox):
    """The ranking and the treemap, redrawn after every saved edit."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.output = w.Output()
        self.figures: list[Any] = []
        self.redraw()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__([self.output])

    def redraw(self) -> None:
        spend = self.wb.spend_table()
        currency = self.wb.profile().currency
        self.figures = [
            plots.money_trail(spend, currency),
            plots.money_trail_treemap(spend, currency),
        ]
        # Setting the outputs directly (rather than display() inside the Output) redraws in one
        # step and does not depend on which cell is running; building the bundle here skips
        # IPython's formatters, which would also render each chart as a 4 MB HTML page.
        self.output.outputs = tuple(_chart_output(fig) for fig in self.figures)

    def _store_changed(self, table: str) -> None:
        if table in ("businesses", "asks", "profile"):
            self.redraw()


def _chart_output(fig: Any) -> dict[str, Any]:
    """The display bundle plotly's own mime renderer would make. Built by hand because
    plotly.io's renderer module imports nbformat and jsonschema: a second on first use."""
    figure = json.loads(fig.to_json())
    figure["config"] = {"displaylogo": False, "responsive": True}
    bundle = {
        "application/vnd.plotly.v1+json": figure,
        "text/plain": f"[chart] {fig.layout.title.text or ''}",
    }
    return {"output_type": "display_data", "data": bundle, "metadata": {}}


class AskBuilder(w.VBox):
    """Pick a business and one or more asks; see talking points built from your own numbers."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.business = w.Dropdown(
            description="Business",
            layout=w.Layout(width="520px"),
            style={"description_width": "90px"},
        )
        self.kinds = {
            kind: w.Checkbox(
                description=label, value=False, indent=False, layout=w.Layout(width="320px")
            )
            for kind, label in money_trail.ASK_KINDS.items()
        }
        self.detail = w.Text(
            description="Details",
            placeholder="e.g. my spring open house; for 'Something else', what you will ask",
            layout=w.Layout(width="640px"),
            style={"description_width": "90px"},
        )
        self.preview = w.HTML()
        self.plan_button = w.Button(
            description="Plan these asks", button_style="primary", icon="check"
        )
        self.plan_button.on_click(self._plan_clicked)
        for box in (self.business, self.detail, *self.kinds.values()):
            box.observe(lambda _c: self._show_preview(), names="value")
        self._refresh_choices()
        wb.on_change(self._store_changed, key=type(self).__name__)
        boxes = list(self.kinds.values())
        super().__init__(
            [
                self.business,
                w.HTML("<b>What will you ask for?</b>"),
                w.GridBox(boxes, layout=w.Layout(grid_template_columns="repeat(2, 330px)")),
                self.detail,
                self.preview,
                w.HBox([self.plan_button, self.status]),
            ]
        )

    def _refresh_choices(self) -> None:
        spend = self.wb.spend_table()
        currency = self.wb.profile().currency
        current = self.business.value
        self.business.options = [
            (
                f"{name} · {format_money(total, currency)} lifetime"
                + (" · declined before" if d else ""),
                int(i),
            )
            for name, total, d, i in zip(
                spend["name"], spend["lifetime_spend"], spend["declined"], spend["id"], strict=True
            )
        ]
        ids = [value for _label, value in self.business.options]
        self.business.value = current if current in ids else (ids[0] if ids else None)
        self._show_preview()

    def _store_changed(self, table: str) -> None:
        if table in ("businesses", "profile"):
            self._refresh_choices()

    def chosen_kinds(self) -> list[str]:
        return [kind for kind, box in self.kinds.items() if box.value]

    def _show_preview(self) -> None:
        if self.business.value is None:
            self.preview.value = "<i>Add businesses to your money trail first.</i>"
            return
        spend = self.wb.spend_table().set_index("id")
        business = spend.loc[self.business.value].to_dict()
        profile = self.wb.profile()
        line = money_trail.relationship_line(business, profile.currency)
        parts = [f"<p><b>{esc(business['name'])}</b>: {esc(line)}</p>"]
        if business["declined"]:
            parts.append(
                "<p style='color:#b42318'>⚑ They declined an ask before. "
                "Is this still where you want to spend your money?</p>"
            )
        for kind in self.chosen_kinds():
            if kind == "other" and not self.detail.value.strip():
                continue
            points = money_trail.talking_points(business, kind, self.detail.value.strip(), profile)
            items = "".join(f"<li>{esc(p)}</li>" for p in points)
            label = esc(money_trail.ask_label(kind, self.detail.value.strip()))
            parts.append(f"<p><i>{label}</i> — talking points:</p><ul>{items}</ul>")
        self.preview.value = "".join(parts)

    def _plan_clicked(self, _button: w.Button) -> None:
        kinds = self.chosen_kinds()
        if self.business.value is None:
            self.status.error("Add a business to your money trail first.")
            return
        if not kinds:
            self.status.error("Tick at least one ask.")
            return
        detail = self.detail.value.strip()

        def plan() -> None:
            for kind in kinds:  # check them all before saving any
                money_trail.clean_ask(kind, detail)
            for kind in kinds:
                self.wb.add_ask(
                    self.business.value, kind, detail if kind == "other" or detail else ""
                )

        if save(self.status, plan, f"Planned {len(kinds)} ask{'s' if len(kinds) > 1 else ''}"):
            for box in self.kinds.values():
                box.value = False
            self.detail.value = ""


class AskTracker(w.VBox):
    """Every ask: planned, asked, agreed or declined, with dates and notes. Saves on change."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.rows: dict[int, dict[str, w.Widget]] = {}
        self.table = w.VBox()
        self._only_notes_changed = False
        self._rebuild()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__([self.table, self.status])

    def _rebuild(self) -> None:
        asks = self.wb.asks()
        self.rows = {}
        lines: list[w.Widget] = []
        if asks.empty:
            self.table.children = [w.HTML("<i>No asks yet. Plan one above.</i>")]
            return
        header = ["Business", "Ask", "Where it stands", "Dates", "Notes", ""]
        widths = ["190px", "260px", "150px", "200px", "220px", "60px"]
        lines.append(
            w.HBox(
                [
                    w.HTML(f"<b>{h}</b>", layout=w.Layout(width=wd))
                    for h, wd in zip(header, widths, strict=True)
                ]
            )
        )
        for ask in asks.to_dict("records"):
            ask_id = int(ask["id"])
            status = w.Dropdown(
                options=[(v, k) for k, v in money_trail.ASK_STATUSES.items()],
                value=ask["status"],
                layout=w.Layout(width=widths[2]),
            )
            status.observe(lambda c, i=ask_id: self._status_changed(i, c["new"]), names="value")
            notes = w.Text(
                value=ask["notes"],
                continuous_update=False,
                layout=w.Layout(width=widths[4]),
                placeholder="What they said",
            )
            notes.observe(lambda c, i=ask_id: self._notes_changed(i, c["new"]), names="value")
            remove = w.Button(
                icon="trash", tooltip="Remove this ask", layout=w.Layout(width="44px")
            )
            remove.on_click(
                lambda _b, i=ask_id: save(self.status, lambda: self.wb.delete_ask(i), "Removed")
            )
            flag = (
                " <span style='color:#b42318'>⚑ declined</span>"
                if ask["status"] == "declined"
                else ""
            )
            dates = w.HTML(_dates(ask), layout=w.Layout(width=widths[3]))
            lines.append(
                w.HBox(
                    [
                        w.HTML(esc(ask["business"]) + flag, layout=w.Layout(width=widths[0])),
                        w.HTML(esc(ask["ask"]), layout=w.Layout(width=widths[1])),
                        status,
                        dates,
                        notes,
                        remove,
                    ]
                )
            )
            self.rows[ask_id] = {"status": status, "notes": notes, "remove": remove, "dates": dates}
        self.table.children = lines

    def _store_changed(self, table: str) -> None:
        # A notes edit needs no redraw (it would take the cursor out of the box).
        if table in ("asks", "businesses") and not self._only_notes_changed:
            self._rebuild()

    def _status_changed(self, ask_id: int, status: str) -> None:
        save(self.status, lambda: self.wb.set_ask_status(ask_id, status))

    def _notes_changed(self, ask_id: int, notes: str) -> None:
        self._only_notes_changed = True
        try:
            save(self.status, lambda: self.wb.set_ask_notes(ask_id, notes))
        finally:
            self._only_notes_changed = False


def _dates(ask: dict[str, Any]) -> str:
    parts = []
    for key, label in (
        ("planned_on", "planned"),
        ("asked_on", "asked"),
        ("answered_on", "answered"),
    ):
        if isinstance(ask.get(key), str) and ask[key]:
            parts.append(f"{label} {esc(ask[key])}")
    return "<small>" + "<br>".join(parts) + "</small>"


class ThisWeek(w.HTML):
    """The one or two businesses to approach next, and the ones that said no."""

    def __init__(self, wb: Any):
        super().__init__()
        self.wb = wb
        self.refresh()
        wb.on_change(self._store_changed, key=type(self).__name__)

    def _store_changed(self, table: str) -> None:
        if table in ("businesses", "asks", "profile"):
            self.refresh()

    def refresh(self) -> None:
        spend = self.wb.spend_table()
        profile = self.wb.profile()
        picks = money_trail.this_week(spend)
        if picks.empty:
            body = (
                "<p>Every business on your money trail has an ask. Track the answers below.</p>"
                if len(spend)
                else "<p>Add the businesses you pay, then come back here.</p>"
            )
        else:
            items = "".join(
                f"<li><b>{esc(b['name'])}</b>: {esc(money_trail.relationship_line(b, profile.currency))}</li>"
                for b in picks.to_dict("records")
            )
            body = f"<p>This week, approach:</p><ol>{items}</ol>"
        declined = spend[spend["declined"]]
        if len(declined):
            names = ", ".join(esc(n) for n in declined["name"])
            body += (
                f"<p style='color:#b42318'>⚑ Declined to reciprocate: {names}. "
                "Worth asking yourself whether to keep spending there.</p>"
            )
        self.value = body
