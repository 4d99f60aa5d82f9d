"""'Write it': the words for a follow-up, drafted from the workbook (``workbook.drafts``), to
edit, copy, or open in the participant's own email program. Edits are not kept unless saved
as their own template for that kind of message."""

from __future__ import annotations

import html
import itertools
from typing import Any

import ipywidgets as w
import pandas as pd

from .._errors import InputError
from ..drafts import to_write
from ..i18n import _
from ._common import Follows, StatusLine, lean, width

_IDS = itertools.count(1)
# Copy: the browser's clipboard, or, where it is not allowed (a page not on https), the text
# selected and copied the old way. The textarea is found by the class its widget carries.
_COPY = (
    "<button class='jupyter-button workbook-copy' type='button' onclick=\"(function(){{"
    "var t=document.querySelector('.{cls} textarea');if(!t)return;"
    "var done=function(){{var b=document.querySelector('.{cls}-said');if(b)b.textContent='{copied}';}};"
    "if(navigator.clipboard&&window.isSecureContext){{navigator.clipboard.writeText(t.value).then(done);}}"
    "else{{t.select();document.execCommand('copy');done();}}}})()\">{copy}</button>"
    "<span class='{cls}-said' style='margin-left:.5em;color:#1a7f37'></span>"
)


class DraftWriter(Follows, w.VBox):
    """Pick what to write; the draft appears, to edit, copy or open in your email."""

    tables = ("follow_ups", "promises", "interactions", "referrals", "asks", "contacts",
              "businesses", "gains", "profile", "draft_templates")  # fmt: skip

    def __init__(self, wb: Any, kinds: tuple[str, ...] = ()):
        """``kinds``: only these kinds of draft (exercise 1: the asks; 5: referral thanks)."""
        self.wb = wb
        self.kinds = tuple(kinds)
        self.cls = f"workbook-draft-{next(_IDS)}"
        self.status = StatusLine()
        self.pick = lean(w.Dropdown, description=_("Write"), options=[],
                         style={"description_width": "50px"}, layout=width("min(100%, 640px)"))  # fmt: skip
        self.pick.observe(lambda _c: self.show(), names="value")
        self.subject = lean(w.Text, description=_("Subject"), style={"description_width": "50px"},
                            layout=width("min(100%, 640px)"))  # fmt: skip
        self.body = lean(w.Textarea, layout=w.Layout(width="min(100%, 640px)", height="16em"))
        self.body.add_class(self.cls)
        self.script = lean(w.HTML)
        self.actions = lean(w.HTML)
        self.keep = lean(w.Button, description=_("Keep my wording for this kind"), icon="save",
                         layout=w.Layout(width="auto"))  # fmt: skip
        self.keep.on_click(lambda _b: self.save_template())
        self.draft: Any = None
        super().__init__([self.pick, self.script, self.subject, self.body, self.actions,
                          self.keep, self.status])  # fmt: skip
        # Exercises 1, 5 and 6 each show one, for different kinds: one listener for each.
        self.follow(wb, key=f"{type(self).__name__}{self.kinds}")

    def refresh(self) -> None:
        options = to_write(self.wb, self.kinds)
        current = self.pick.value
        nothing = {
            ("reciprocity_ask",): _("Nothing to say yet: plan an ask above"),
            ("referral_thanks",): _("Nothing to write yet: log a referral you received"),
        }.get(self.kinds) or _("Nothing to write yet: log a meeting or a promise")
        self.pick.options = options or [(nothing, None)]
        values = [value for _label, value in options]
        self.pick.value = current if current in values else (values[0] if values else None)
        self.show()

    def show(self) -> None:
        chosen = self.pick.value
        if chosen is None:
            self.subject.value = self.body.value = self.actions.value = self.script.value = ""
            return
        kind, refs = chosen
        try:
            self.draft = self.wb.draft(kind, **refs)
        except InputError as exc:
            self.status.error(str(exc))
            return
        self.subject.value = self.draft.subject
        self.body.value = self.draft.body
        hint = html.escape(self.draft.channel_hint)
        say, write, open_mail = _("What to say"), _("Or write it:"), _("Open in my email")
        self.script.value = (
            f"<p><b>{html.escape(say)}</b> ({hint}):</p><pre "
            "style='white-space:pre-wrap;font-family:inherit'>"
            + html.escape(self.draft.script)
            + f"</pre><p><b>{html.escape(write)}</b></p>"
            if self.draft.script
            else "<small>{}</small>".format(
                html.escape(_("Best as: {channel}").format(channel=self.draft.channel_hint))
            )
        )
        mail = (
            f" <a class='jupyter-button' href='{html.escape(self.draft.mailto)}' "
            f"target='_blank'>{html.escape(open_mail)}</a>"
            if self.draft.mailto
            else ""
        )
        copy = _COPY.format(
            cls=self.cls,
            copy=html.escape(_("Copy")),
            copied=html.escape(_("Copied").replace("'", "’")),
        )
        self.actions.value = copy + mail
        self.status.clear()

    def save_template(self) -> None:
        """The text as edited becomes the participant's template for this kind: the person's
        and the participant's own names turned back into fields."""
        if self.draft is None:
            return
        kind, refs = self.pick.value
        values = _names(self.wb, self.draft, refs)
        text = f"Subject: {self.subject.value}\nChannel: {self.draft.channel_hint}\n\n{self.body.value}"
        text = text.replace("$", "$$")
        for value, name in sorted(values.items(), key=lambda item: -len(item[0])):
            text = text.replace(value, f"${{{name}}}")
        try:
            self.wb.save_template(kind, text)
        except InputError as exc:
            self.status.error(str(exc))
            return
        self.status.saved(_("Kept: your next drafts of this kind use your wording"))


def _names(wb: Any, draft: Any, refs: dict[str, int]) -> dict[str, str]:
    from .. import drafts

    profile = wb.profile()
    found = {}
    for value, name in ((profile.name, "my_name"), (profile.business, "my_business")):
        if drafts._text(value):
            found[drafts._text(value)] = name
    contact_id = refs.get("contact_id")
    if contact_id is None and "interaction_id" in refs:
        contact_id = wb.store.row("interactions", refs["interaction_id"])["contact_id"]
    if contact_id is None and "promise_id" in refs:
        contact_id = wb.store.row("promises", refs["promise_id"])["contact_id"]
    if contact_id is None and "referral_id" in refs:
        contact_id = wb.store.row("referrals", refs["referral_id"])["contact_id"]
    if contact_id is not None and not pd.isna(contact_id):
        name = drafts._text(wb.store.row("contacts", int(contact_id))["name"])
        if name:
            found[name] = "their_name"
            found.setdefault(drafts.first_name(name), "first_name")
    return found
