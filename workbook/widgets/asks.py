"""Exercise 1: the ask builder, the ask tracker and this week's businesses to approach."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from .. import money_trail
from ..i18n import N_, _, ngettext
from ._common import UNSEEN_LABEL, LiveHTML, StatusLine, esc, in_words, lean, save, width
from ._removal import RemoveControl


class AskBuilder(w.VBox):
    """Pick a business and one or more asks; see talking points built from your own numbers."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.business = lean(
            w.Dropdown,
            description=_("Business"),
            layout=width("520px"),
            style={"description_width": "90px"},
        )
        self.kinds = {
            kind: lean(
                w.Checkbox, description=_(label), value=False, indent=False, layout=width("320px")
            )
            for kind, label in money_trail.ASK_KINDS.items()
        }
        self.detail = lean(
            w.Text,
            description=_("Details"),
            placeholder=_("e.g. my spring open house; for 'Something else', what you will ask"),
            layout=width("640px"),
            style={"description_width": "90px"},
        )
        self.preview = lean(w.HTML)
        self.plan_button = lean(
            w.Button, description=_("Plan these asks"), button_style="primary", icon="check"
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
                lean(w.HTML, "<b>{}</b>".format(esc(_("What will you ask for?")))),
                lean(w.GridBox, boxes, layout=w.Layout(grid_template_columns="repeat(2, 330px)")),
                self.detail,
                self.preview,
                lean(w.HBox, [self.plan_button, self.status]),
            ]
        )

    def _refresh_choices(self) -> None:
        spend = self.wb.spend_table()
        profile = self.wb.profile()
        current = self.business.value
        self.business.options = [
            (
                _("{name} · {total} lifetime").format(name=name, total=profile.money(total))
                + (" · " + _("declined before") if d else ""),
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
        if table in ("businesses", "asks", "profile"):  # asks: a decline flags the business
            self._refresh_choices()

    def chosen_kinds(self) -> list[str]:
        return [kind for kind, box in self.kinds.items() if box.value]

    def _show_preview(self) -> None:
        if self.business.value is None:
            self.preview.value = "<i>{}</i>".format(
                esc(_("Add businesses to your money trail first."))
            )
            return
        spend = self.wb.spend_table().set_index("id")
        business = spend.loc[self.business.value].to_dict()
        profile = self.wb.profile()
        line = money_trail.relationship_line(business, profile.currency, profile.writes_in)
        parts = [f"<p><b>{esc(business['name'])}</b>: {esc(line)}</p>"]
        if business["declined"]:
            said = _(
                "They declined an ask before. Is this still where you want to spend your money?"
            )
            parts.append(f"<p style='color:#b42318'>⚑ {esc(said)}</p>")
        for kind in self.chosen_kinds():
            if kind == "other" and not self.detail.value.strip():
                continue
            points = money_trail.talking_points(business, kind, self.detail.value.strip(), profile)
            items = "".join(f"<li>{esc(p)}</li>" for p in points)
            label = esc(money_trail.ask_label(kind, self.detail.value.strip()))
            said = esc(_("talking points:"))
            parts.append(f"<p><i>{label}</i> — {said}</p><ul>{items}</ul>")
        self.preview.value = "".join(parts)

    def _plan_clicked(self, _button: w.Button) -> None:
        kinds = self.chosen_kinds()
        if self.business.value is None:
            self.status.error(_("Add a business to your money trail first."))
            return
        if not kinds:
            self.status.error(_("Tick at least one ask."))
            return
        detail = self.detail.value.strip()

        def plan() -> None:
            for kind in kinds:  # check them all before saving any
                money_trail.clean_ask(kind, detail)
            for kind in kinds:
                self.wb.add_ask(self.business.value, kind, detail)

        planned = ngettext("Planned {n} ask", "Planned {n} asks", len(kinds)).format(n=len(kinds))
        if save(self.status, plan, planned):
            for box in self.kinds.values():
                box.value = False
            self.detail.value = ""


class AskTracker(w.VBox):
    """Every ask: planned, asked, agreed or declined, with dates and notes. Saves on change."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.rows: dict[int, dict[str, w.Widget]] = {}
        self.table = lean(w.VBox)
        self.remover = RemoveControl(
            _("ask"),
            wb.delete_ask,
            self.status,
            consequences=lambda i: wb.what_goes_with("asks", i),
            undo=wb.undo,
        )
        self._only_notes_changed = False
        self._rebuild()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__([self.table, self.remover, self.status])

    def _rebuild(self) -> None:
        asks = self.wb.asks()
        self.rows = {}
        lines: list[w.Widget] = []
        self.remover.set_rows(asks["business"] + ": " + asks["ask"], asks["id"])
        self.remover.layout.display = "" if len(asks) else "none"
        if asks.empty:
            self.table.children = [
                lean(w.HTML, "<i>{}</i>".format(esc(_("No asks yet. Plan one above."))))
            ]
            return
        header = [_("Business"), _("Ask"), _("Where it stands"), _("Dates"), _("Notes")]
        widths = ["190px", "260px", "150px", "200px", "220px"]
        head = lean(
            w.HBox,
            [
                lean(w.HTML, f"<b>{esc(h)}</b>", layout=width(wd))
                for h, wd in zip(header, widths, strict=True)
            ],
        )
        head.add_class("workbook-wide-only")  # on a phone each ask is a card of its own
        lines.append(head)
        for ask in asks.to_dict("records"):
            ask_id = int(ask["id"])
            status = lean(
                w.Dropdown,
                description=_("Where the ask of {business} stands").format(
                    business=ask["business"]
                ),
                style=UNSEEN_LABEL,
                options=[(_(v), k) for k, v in money_trail.ASK_STATUSES.items()],
                value=ask["status"],
                layout=width(widths[2]),
            )
            status.observe(lambda c, i=ask_id: self._status_changed(i, c["new"]), names="value")
            notes = lean(
                w.Text,
                value=ask["notes"],
                continuous_update=False,
                layout=width(widths[4]),
                placeholder=_("What they said"),
            )
            notes.observe(lambda c, i=ask_id: self._notes_changed(i, c["new"]), names="value")
            flag = (
                " <span style='color:#b42318'>⚑ {}</span>".format(esc(_("declined")))
                if ask["status"] == "declined"
                else ""
            )
            dates = lean(w.HTML, _dates(ask), layout=width(widths[3]))
            parts: list[w.Widget] = [
                lean(
                    w.HBox,
                    [
                        lean(w.HTML, f"<b>{esc(ask['business'])}</b>" + flag,
                             layout=width(widths[0])),
                        lean(w.HTML, esc(ask["ask"]), layout=width(widths[1])),
                        status,
                        dates,
                        notes,
                    ],
                )
            ]  # fmt: skip
            if ask["status"] in ("planned", "asked"):  # what to say when you make the ask
                points = " ".join(esc(p) for p in ask["talking_points"])
                say = _("Say:")
                parts.append(
                    lean(
                        w.HTML,
                        f"<div style='margin:0 0 8px 12px;color:#555'><small><i>{esc(say)}</i> "
                        f"{points}</small></div>",
                    )
                )
            card = lean(w.VBox, parts)
            card.add_class("workbook-card")
            lines.append(card)
            self.rows[ask_id] = {"status": status, "notes": notes, "dates": dates}
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
        ("planned_on", N_("planned {day}")),
        ("asked_on", N_("asked {day}")),
        ("answered_on", N_("answered {day}")),
    ):
        if isinstance(ask.get(key), str) and ask[key]:
            day = in_words(dt.date.fromisoformat(ask[key]))
            parts.append(esc(_(label).format(day=day)))
    return "<small>" + "<br>".join(parts) + "</small>"


class ThisWeek(LiveHTML):
    """The one or two businesses to approach next, and the ones that said no."""

    tables = ("businesses", "asks", "profile")

    def refresh(self) -> None:
        spend = self.wb.spend_table()
        profile = self.wb.profile()
        picks = money_trail.this_week(spend)
        if picks.empty:
            said = (
                _("Every business on your money trail has an ask. Track the answers below.")
                if len(spend)
                else _("Add the businesses you pay, then come back here.")
            )
            body = f"<p>{esc(said)}</p>"
        else:
            items = "".join(
                f"<li><b>{esc(b['name'])}</b>: {esc(money_trail.relationship_line(b, profile.currency, profile.writes_in))}</li>"
                for b in picks.to_dict("records")
            )
            approach = _("This week, approach:")
            body = f"<p>{esc(approach)}</p><ol>{items}</ol>"
        declined = spend[spend["declined"]]
        if len(declined):
            names = ", ".join(esc(n) for n in declined["name"])
            said = _(
                "Declined to reciprocate: {names}. Worth asking yourself whether to keep "
                "spending there."
            ).format(names=names)
            body += f"<p style='color:#b42318'>⚑ {said}</p>"
        self.value = body
