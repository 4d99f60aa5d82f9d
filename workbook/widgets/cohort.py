"""The coach's dashboard: point it at the cohort's folder, read the room, download the
introductions to read out in the session."""

from __future__ import annotations

import os

import ipywidgets as w

from .. import cohort as cohort_rules
from .. import cohort_language, i18n
from .._errors import InputError
from ..cohort_language import default_folder
from ..i18n import _, ngettext
from ._common import StatusLine, download_link, lean, width
from ._removal import close_all
from .coach_notes import NoteWriter

_FITS = (
    "<style>.workbook-cohort-view .widget-html-content{min-width:0;width:100%}"
    ".workbook-cohort-report{white-space:normal;overflow-x:auto}</style>"
)


class CohortDashboard(w.VBox):
    """Progress per participant, the programme week by week (with a programme), the room's
    totals, the professions present and missing, the introductions to make (CSV and PDF), and
    notes for participants. Emails show only for those who opted in. It speaks the cohort's
    language (``cohort_language``), which the coach can change here."""

    def __init__(self, folder: str | os.PathLike[str] | None = None):
        super().__init__()
        self.cohort: cohort_rules.Cohort | None = None
        self._build(str(folder or default_folder()))
        self.refresh()

    def _build(self, folder: str) -> None:
        """Every label, button and text of the dashboard, in the cohort's language (made
        again when it changes)."""
        try:
            chosen = cohort_language.speak(folder).language
        except InputError:  # said by refresh
            chosen = i18n.language()
        self.built_in = i18n.language()
        self.status = StatusLine()
        self.folder = lean(w.Text, value=folder, description=_("Cohort folder"),
                           style={"description_width": "150px"}, layout=width("min(100%, 680px)"))  # fmt: skip
        self.button = lean(
            w.Button, description=_("Read the cohort"), icon="refresh", button_style="primary"
        )
        self.button.on_click(lambda _b: self.refresh())
        self.language = lean(w.Dropdown, value=chosen, description=_("Language"),
                             options=[(name, code) for code, name in i18n.LANGUAGES.items()],
                             style={"description_width": "150px"}, layout=width("300px"))  # fmt: skip
        self.language.observe(lambda _c: self.set_language(), names="value")
        self.downloads = lean(w.HTML)
        self.view = lean(w.HTML)
        self.view.add_class("workbook-cohort-view")
        self.quiet_days = lean(w.BoundedIntText, value=7, min=1, max=365,
                               description=_("Quiet after (days)"),
                               style={"description_width": "130px"}, layout=width("220px"))  # fmt: skip
        self.quiet_days.observe(lambda _c: self.set_quiet_days(), names="value")
        self.programme = w.HBox([self.quiet_days], layout=w.Layout())  # shown or hidden
        self.notes = NoteWriter()
        for old in self.children:  # the parts made in the language before
            close_all(old)
        folder_row = w.HBox([self.folder, self.button], layout=w.Layout(flex_flow="row wrap"))
        self.children = [folder_row, self.language, self.status,
                         self.downloads, self.programme, self.view, self.notes]  # fmt: skip

    def set_language(self) -> None:
        """The coach chooses the cohort's language: the dashboard is made again in it, and
        every file made for the cohort from now on is in it."""
        try:
            cohort_language.save(self.folder.value, self.language.value)
        except (InputError, OSError) as exc:
            self.status.error(str(exc))
            return
        self.refresh()

    def set_quiet_days(self) -> None:
        """The coach's N: after how many days without an edit a participant shows as quiet."""
        from .. import programme

        group = self.cohort
        if group is None or group.programme is None:
            return
        if self.quiet_days.value != group.programme.quiet_days:
            programme.save(group.folder, quiet_days=self.quiet_days.value)
            self.refresh()

    def refresh(self) -> None:
        from ..report import room
        from ..report.cohort import introductions_pdf, report_body

        try:
            if cohort_language.speak(self.folder.value).language != self.built_in:
                self._build(self.folder.value)
            self.cohort = cohort_rules.load(self.folder.value)
        except InputError as exc:
            self.status.error(str(exc))
            self.view.value = self.downloads.value = ""
            return
        group = self.cohort
        # Text wraps and wide tables scroll on their own, on a narrow screen too (the widget's
        # content is otherwise as wide as its longest line).
        self.view.value = f"{_FITS}<div class='workbook-cohort-report'>{report_body(group)}</div>"
        self.notes.set_cohort(group.participants, group.folder)
        self.programme.layout.display = "" if group.programme else "none"
        if group.programme:
            self.quiet_days.value = group.programme.quiet_days
        pdf = "application/pdf"
        links = [
            (cohort_rules.introductions_csv(cohort_rules.pairs(group)), "introductions.csv",
             "text/csv", _("Introductions (CSV)")),
            (introductions_pdf(group), "introductions.pdf", pdf, _("Introductions to read out")),
        ]  # fmt: skip
        if group.participants:
            links += [
                (room.meet_pdf(group), "meet-in-this-room.pdf", pdf,
                 _("Whom to meet, a page each")),
                (room.badges_pdf(group), "badges.pdf", pdf, _("Name badges")),
                (room.room_list_pdf(group), "room-list.pdf", pdf, _("Room list")),
                (room.cards_pdf(group), "laptop-cards.pdf", pdf, _("Cards: start on a laptop")),
            ]  # fmt: skip
        self.downloads.value = " ".join(download_link(*link) for link in links)
        read = len(self.cohort.participants)
        said = ngettext("Read {n} workbook", "Read {n} workbooks", read).format(n=read)
        bad = len(self.cohort.unreadable)
        if bad:
            said += "; " + ngettext("{n} could not be read", "{n} could not be read", bad).format(
                n=bad)  # fmt: skip
        self.status.saved(said)
