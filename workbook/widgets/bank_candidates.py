"""Exercise 1: the businesses found in the participant's bank files, biggest spend first,
each one click from the money trail."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from .. import words
from ..i18n import N_, _, ngettext
from ._common import (
    UNSEEN_LABEL,
    StatusLine,
    esc,
    heading,
    lean,
    once_the_page_is_up,
    save,
    shared,
    width,
)

# Candidates shown at once: the biggest spend first; the rest are a scroll away in the table.
SHOWN_CANDIDATES = 8


class _CandidateRow(w.HBox):
    """One business to add: name, profession and amount to check, the file's facts, a button.
    Its parts share their layouts and styles with every other row (see ``lean``)."""

    def __init__(self, candidate: pd.Series, profile: Any, accept: Any):
        currency = profile.currency
        self.payee = str(candidate["payee"])
        self.name = lean(
            w.Text,
            description=_("Business"),
            style=UNSEEN_LABEL,
            value=self.payee,
            layout=width(_COLUMNS["Business"]),
        )
        self.profession = lean(
            w.Text,
            description=_("Profession"),
            style=UNSEEN_LABEL,
            value=str(candidate["profession"]),
            placeholder=_("profession"),
            layout=width(_COLUMNS["Profession"]),
        )
        self.per_year = lean(
            w.Text,
            description=_("A year ({currency})").format(currency=currency),
            style=UNSEEN_LABEL,
            value=words.figure(round(float(candidate["per_year"]))),
            layout=width(_COLUMNS["Per year"]),
        )
        first, last = pd.Timestamp(candidate["first"]), pd.Timestamp(candidate["last"])
        when = words.month(first)
        if (first.year, first.month) != (last.year, last.month):
            when = _("{first} to {last}").format(first=when, last=words.month(last))
        visits = int(candidate["visits"])
        said = ngettext(
            "{n} payment, {when}, {total} in all", "{n} payments, {when}, {total} in all", visits
        ).format(n=visits, when=when, total=profile.money(float(candidate["total"])))
        if candidate["processor"]:
            said += ", " + _("via {processor}").format(processor=candidate["processor"])
        facts = lean(
            w.HTML,
            f"<small>{esc(said)}</small>",
            layout=width(_COLUMNS["From your file"]),
        )
        self.button = lean(
            w.Button, description=_("Add to my money trail"), icon="plus", layout=width("190px")
        )
        self.button.on_click(lambda _b: accept(self))
        parts = [self.name, self.profession, self.per_year, facts, self.button]
        super().__init__(parts, layout=shared(w.Layout))
        self.add_class("workbook-card")


_COLUMNS = {
    "Business": "220px",
    "Profession": "150px",
    "Per year": "100px",
    "From your file": "300px",
}
_HEADINGS = {
    "Business": N_("Business"),
    "Profession": N_("Profession"),
    "Per year": N_("Per year"),
    "From your file": N_("From your file"),
}


class BankCandidates(w.VBox):
    """The businesses found in your bank files, biggest spend first: check the name, the
    profession and the yearly amount, then add each one you want to your money trail.

    The first SHOWN_CANDIDATES are listed, and "Show more" lists the next ones; those already
    in the money trail are named in one line."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.shown = SHOWN_CANDIDATES
        self.status = StatusLine()
        self.rows = lean(w.VBox)
        self.intro = lean(w.HTML)
        self.in_trail = lean(w.HTML)
        self.more = lean(
            w.Button,
            description=_("Show more"),
            icon="chevron-down",
            layout=shared(w.Layout, width="auto"),
        )
        self.more.on_click(self._show_more)
        # Chains, online shops, utilities, rent: after the local ones, under this line.
        self.apart = lean(w.HTML)
        self.header = lean(
            w.HBox,
            [
                lean(w.HTML, f"<b>{esc(_(_HEADINGS[key]))}</b>", layout=width(size))
                for key, size in _COLUMNS.items()
            ],
        )
        self.header.add_class("workbook-wide-only")  # on a phone each row names its fields
        super().__init__(
            [heading(_("Found in your bank files"), 4), self.intro, self.rows, self.in_trail]
            + [self.status]
        )
        # In the app, the rows come once the page is up (as grids and charts do): they are
        # a few dozen widgets for the browser to build before it shows anything.
        looking = _("Looking through your bank files…")
        self.intro.value = f"<p><i>{esc(looking)}</i></p>"
        self._listed: tuple[pd.DataFrame, int] | None = None  # what the rows show, and how many
        self._rows: dict[str, _CandidateRow] = {}  # payee -> its row, while it is listed
        once_the_page_is_up(self.refresh)  # nothing new if a file chosen meanwhile listed them
        wb.on_change(self._store_changed, key="BankCandidates")

    def _store_changed(self, table: str) -> None:
        if table in ("transactions", "businesses", "import_batches", "payee_rules"):
            self.refresh()

    def _show_more(self, _button: w.Button) -> None:
        self.shown += SHOWN_CANDIDATES
        self.refresh()

    def refresh(self) -> None:
        found = self.wb.money_trail_candidates()
        listed = self._listed
        if listed is not None and listed[1] == self.shown and listed[0].equals(found):
            return  # the same list: rows made again would lose a click or an edit under way
        self._listed = (found, self.shown)
        profile = self.wb.profile()
        if found.empty:
            said = _(
                "Nothing yet: choose a bank or card export above, and the businesses you pay "
                "will be listed here."
            )
            self.intro.value = f"<p><i>{esc(said)}</i></p>"
            self.rows.children = ()
            for old in self._rows.values():
                old.close()
            self._rows = {}
            self.in_trail.value = ""
            return
        waiting = found[~found["in_trail"]]
        # The local ones first (biggest first), then those probably not local.
        waiting = pd.concat([waiting[waiting["likely_local"]], waiting[~waiting["likely_local"]]])
        added = found[found["in_trail"]]
        said = _(
            "{found} businesses in your bank files, {added} already in your money trail. "
            "Amounts are per year at the rate your file shows (a single payment counts once a "
            "year). Change the name, profession or amount if you like, then add the ones you "
            "want to approach."
        ).format(found=len(found), added=len(added))
        self.intro.value = f"<p>{esc(said)}</p>"
        already = _("Already in your money trail: {names}").format(names=", ".join(added["payee"]))
        self.in_trail.value = f"<p><small>&#10003; {esc(already)}</small></p>" if len(added) else ""
        # Rows still waiting keep their widgets (and whatever is being typed in them); only
        # the ones added or gone change, so an Add never redraws the row under the cursor.
        shown = waiting.head(self.shown)
        keep: dict[str, _CandidateRow] = {}
        for _i, candidate in shown.iterrows():
            payee = str(candidate["payee"])
            row = self._rows.pop(payee, None)
            keep[payee] = (
                row if row is not None else _CandidateRow(candidate, profile, self._accept)
            )
        for old in self._rows.values():  # its own parts; the shared layouts and styles stay
            for part in old.children:
                part.close()
            old.close()
        self._rows = keep
        rows: list[w.Widget] = list(keep.values())
        local = int(shown["likely_local"].sum())  # listed first: the rest are apart
        if local < len(shown):
            elsewhere = len(waiting) - int(waiting["likely_local"].sum())
            said = _(
                "chains, online shops, fuel, phone and broadband, utilities, insurers, rent and "
                "the council. Add one if you know the people there."
            )
            apart = _("Probably not local")
            self.apart.value = f"<p><b>{esc(apart)}</b> ({elsewhere}): {esc(said)}</p>"
            rows.insert(local, self.apart)
        if len(waiting) > self.shown:
            self.more.description = _("Show more ({n} not shown)").format(
                n=len(waiting) - self.shown
            )
            rows.append(self.more)
        children = tuple(([self.header] if keep else []) + rows)
        if children != self.rows.children:
            self.rows.children = children

    def _accept(self, row: _CandidateRow) -> None:
        changes = {
            "name": row.name.value,
            "profession": row.profession.value,
            "amount": row.per_year.value,
        }
        save(
            self.status,
            lambda: self.wb.accept_candidate(row.payee, **changes),
            _("Added {name} to your money trail").format(name=row.name.value.strip() or row.payee),
        )
