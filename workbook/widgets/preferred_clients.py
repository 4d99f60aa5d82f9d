"""Exercise 2 widgets: your preferred client, your five professions, questions and name tags."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from .. import preferred_clients
from .._errors import InputError
from ..i18n import _
from ._common import LiveHTML, StatusLine, esc, lean, save, width


class PreferredClientForm(w.VBox):
    """Your preferred client in words, and the client markets they belong to."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.description = lean(
            w.Textarea,
            value=wb.profile().preferred_client,
            description=_("In words"),
            placeholder=_("Retired homeowners who are ready to downsize to a smaller, easier home"),
            rows=3,
            layout=width("640px"),
            style={"description_width": "120px"},
        )
        self.description.observe(self._description_changed, names="value")
        self._labels = preferred_clients.markets()  # tag -> label
        self._tags = {label: tag for tag, label in self._labels.items()}
        self.markets = lean(
            w.TagsInput,
            value=[self._labels[t] for t in wb.client_tags()],
            allowed_tags=sorted(self._labels.values()),
            allow_duplicates=False,
            placeholder=_("Start typing: retirees, new parents, pet owners…"),
            layout=width("640px"),
        )
        self.markets.observe(self._markets_changed, names="value")
        super().__init__(
            [
                self.description,
                lean(
                    w.HTML,
                    "<b>{}</b> <small>{}</small>".format(
                        esc(_("Client markets")), esc(_("(pick two or three)"))
                    ),
                ),  # fmt: skip
                self.markets,
                self.status,
            ]
        )

    def _description_changed(self, change: dict[str, Any]) -> None:
        save(self.status, lambda: self.wb.set_profile(preferred_client=change["new"]))

    def _markets_changed(self, change: dict[str, Any]) -> None:
        tags = [self._tags[label] for label in change["new"] if label in self._tags]
        save(self.status, lambda: self.wb.set_client_tags(tags))


class TargetProfessions(w.VBox):
    """Pick exactly five professions, other than your own, that serve your preferred clients."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.suggestions = lean(
            w.Select,
            description=_("Suggested"),
            rows=8,
            layout=width("420px"),
            style={"description_width": "90px"},
        )
        self.typed = lean(
            w.Combobox,
            description=_("Or type"),
            options=preferred_clients.professions(),
            ensure_option=False,
            placeholder=preferred_clients.profession_name("Financial planner"),
            layout=width("420px"),
            style={"description_width": "90px"},
        )
        self.add_button = lean(
            w.Button, description=_("Add to my five"), button_style="primary", icon="plus"
        )
        self.add_button.on_click(self._add_clicked)
        # Shown when the catalog takes the profession typed for one already chosen.
        self.keep_both = lean(
            w.Button, description=_("Keep both"), icon="check", layout=w.Layout(display="none")
        )
        self.keep_both.on_click(self._keep_both_clicked)
        self._waiting = ""
        self.chosen = lean(w.VBox)
        self.count = lean(w.HTML)
        self._refresh()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__(
            [
                lean(
                    w.HBox,
                    [
                        lean(w.VBox, [self.suggestions, self.typed]),
                        lean(w.VBox, [self.count, self.chosen]),
                    ],
                ),
                lean(w.HBox, [self.add_button, self.status, self.keep_both]),
            ]
        )

    def _refresh(self) -> None:
        chosen = self.wb.target_professions()
        own = self.wb.profile().profession
        suggestions = [
            p
            for p in preferred_clients.suggest(self.wb.client_tags(), own, limit=20)
            if not any(preferred_clients.same_profession(p, c) for c in chosen)
        ]
        self.suggestions.options = suggestions
        five = _("Your five")
        hint = _("(pick from the suggestions or type one)")
        self.count.value = (
            f"<b>{esc(five)}</b>: "
            + esc(_("{n} of {total}").format(n=len(chosen), total=preferred_clients.TARGET_COUNT))
            + (
                ""
                if len(chosen) == preferred_clients.TARGET_COUNT
                else f" <small>{esc(hint)}</small>"
            )
        )
        rows = []
        for profession in chosen:
            remove = lean(
                w.Button,
                icon="times",
                tooltip=_("Remove {name}").format(name=profession),
                layout=width("36px"),
            )
            remove.on_click(
                lambda _b, p=profession: save(
                    self.status,
                    lambda: self.wb.remove_target_profession(p),
                    _("Removed {name}").format(name=p),
                )
            )
            rows.append(
                lean(w.HBox, [lean(w.HTML, f"{esc(profession)}", layout=width("260px")), remove])
            )
        self.chosen.children = rows

    def _store_changed(self, table: str) -> None:
        if table in ("target_professions", "client_tags", "profile"):
            self._refresh()

    def _add_clicked(self, _button: w.Button) -> None:
        choice = self.typed.value.strip() or (self.suggestions.value or "")
        self._add(choice, keep_both=False)

    def _keep_both_clicked(self, _button: w.Button) -> None:
        self._add(self._waiting, keep_both=True)

    def _add(self, choice: str, keep_both: bool) -> None:
        self.keep_both.layout.display = "none"
        try:
            self.wb.add_target_profession(choice, keep_both=keep_both)
        except preferred_clients.CountsAsAnother as alike:
            self._waiting = alike.profession
            self.status.error(str(alike))
            self.keep_both.layout.display = ""
            return
        except InputError as exc:
            self.status.error(str(exc))
            return
        self.status.saved(_("Added {name}").format(name=choice))
        self.typed.value = ""


class ClientQuestions(LiveHTML):
    """What to ask a good client, and the words to look for on name tags at the next event."""

    tables = ("target_professions",)

    def refresh(self) -> None:
        questions = "".join(f"<li>{esc(_(q))}</li>" for q in preferred_clients.QUESTIONS)
        targets = self.wb.target_professions()
        words = "".join(
            f"<li><b>{esc(p)}</b>: {esc(', '.join(preferred_clients.name_tag_words(p)))}</li>"
            for p in targets
        ) or "<li><i>{}</i></li>".format(esc(_("Pick your five professions first.")))
        ask = _("Ask a good client:")
        look = _("At your next event, look for these words on name tags and cards:")
        self.value = (
            f"<p><b>{esc(ask)}</b></p><ol>{questions}</ol><p><b>{esc(look)}</b></p><ul>{words}</ul>"
        )


class CoverageSteps(LiveHTML):
    """One line per target profession: who you know there, or whom to go and meet."""

    tables = ("target_professions", "contacts")

    def refresh(self) -> None:
        table = self.wb.coverage()
        items = "".join(
            f"<li><b>{esc(row['profession'])}</b>: {esc(row['next_step'])}</li>"
            for row in table.to_dict("records")
        )
        self.value = f"<ul>{items}</ul>" if items else ""
