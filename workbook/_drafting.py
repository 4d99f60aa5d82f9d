"""The facts of each kind of draft, gathered from the workbook (see ``drafts``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from . import _frames as frames
from . import drafts as d
from . import i18n, words
from ._errors import InputError
from .i18n import N_, _


def draft(wb: Any, kind: str, **refs: Any) -> d.Draft:
    """``Workbook.draft``: the draft of ``kind`` for the row ``refs`` name."""
    makers = {
        "thank_you": _thank_you, "reconnect": _reconnect, "reciprocity_ask": _reciprocity_ask,
        "promise": _promise, "referral_thanks": _referral_thanks, "introduction": _introduction,
    }  # fmt: skip
    if kind not in makers:
        raise InputError(
            _("There is no kind of draft called {kind}: {kinds}.").format(
                kind=repr(kind), kinds=", ".join(d.KINDS)
            )
        )
    values, email = makers[kind](wb, **refs)
    values = {**d.own(wb.profile()), **values}
    return d.render(kind, template(wb, kind), values, email)


def template(wb: Any, kind: str) -> str:
    """The participant's own template of a kind, else the package's."""
    saved = wb.store.find("draft_templates", "kind", kind)
    return str(saved["text"].iloc[0]) if len(saved) else d.package_template(kind, i18n.language())


def _row(table: pd.DataFrame, row_id: Any, what: str) -> pd.Series:
    """The row of a workbook listing (asks, promises, referrals) a draft is about."""
    if row_id is None:
        raise InputError(_("Choose the {thing} first.").format(thing=_(what)))
    rows = table[table["id"] == int(row_id)]
    if rows.empty:
        raise InputError(_("That {thing} is no longer in the workbook.").format(thing=_(what)))
    return rows.iloc[0]


def _contact(wb: Any, contact_id: Any) -> dict[str, Any]:
    if contact_id is None or pd.isna(contact_id):
        raise InputError(_("Choose the person first."))
    return wb.store.row("contacts", int(contact_id))


def _person(contact: dict[str, Any]) -> dict[str, str]:
    name = d._text(contact.get("name"))
    return {"their_name": name, "first_name": d.first_name(name)}


def _thank_you(wb: Any, interaction_id: Any = None) -> tuple[dict[str, str], str]:
    if interaction_id is None:
        raise InputError(_("Choose the meeting first."))
    met = wb.store.row("interactions", int(interaction_id))
    contact = _contact(wb, met["contact_id"])
    labels = {"one_to_one": N_("time together"), "event": N_("conversation"), "call": N_("call"),
              "email": N_("note"), "handwritten_note": N_("note"), "other": N_("conversation")}  # fmt: skip
    day = dt.date.fromisoformat(met["on_date"])
    theirs = d.gains_of(wb.gains(), int(contact["id"]))
    if d._text(theirs.get("goals")):
        thing = _("your plans: {goals}").format(
            goals=_lower_first(d.first_sentence(theirs["goals"]))
        )
    elif d._text(theirs.get("interests")):
        thing = _("what you told me about {interests}").format(
            interests=_lower_first(d.first_sentence(theirs["interests"]))
        )
    else:
        thing = ""
    promised = wb.promises()
    mine = promised[(promised["contact_id"] == contact["id"]) & promised["open"]
                    & (promised["direction"] == "mine")]  # fmt: skip
    if len(mine):
        step = _(
            "I have not forgotten what I promised ({what}); I will see to it this week."
        ).format(what=_lower_first(mine["what"].iloc[0]))
    else:
        step = _(
            "Shall we put a date in the diary for a coffee next month? I would like to hear how "
            "it goes."
        )
    values = {
        **_person(contact), "meeting": _(labels.get(met["kind"], "conversation")),
        "when_met": d.when_in_words(day, wb.today()), "one_thing": thing,
        # Notes of a meeting name the occasion ("Dinner after the talk"); of a call or an
        # email, what the participant did: only a meeting's are quoted.
        "occasion": _lower_first(d.first_sentence(met.get("notes", "")))
        if met["kind"] in ("one_to_one", "event") else "",
        "next_step": step,
    }  # fmt: skip
    return values, d._text(contact.get("email"))


def _lower_first(text: str) -> str:
    text = d._text(text)
    if not text or text[:2].isupper() or text.split()[0] in ("I", "I'm", "I've"):
        return text
    if i18n.language() == "de":  # German nouns keep their capital ('Frühstück im Café')
        return text
    return text[0].lower() + text[1:]


def _reconnect(wb: Any, contact_id: Any = None) -> tuple[dict[str, str], str]:
    contact = _contact(wb, contact_id)
    met = wb.interactions()
    theirs = met[met["contact_id"] == contact["id"]].sort_values("on_date")
    since = ""
    if len(theirs):
        last = theirs.iloc[-1]
        day = dt.date.fromisoformat(last["on_date"])
        when = words.month(day, year=day.year != wb.today().year)
        occasion = _lower_first(d.first_sentence(last["notes"]))
        since = {
            "event": _("since we met at {occasion} in {when}") if occasion else "",
            "one_to_one": _("since we last sat down together in {when}"),
            "email": _("since I last wrote in {when}"),
            "call": _("since we last spoke in {when}"),
        }.get(last["kind"]) or _("since we were last in touch in {when}")
        since = since.format(occasion=occasion, when=when)
    elif frames.given(contact.get("connected_on")):
        since = _("since we connected in {when}").format(when=words.month(contact["connected_on"]))
    gains = wb.gains()
    shared = d.shared_words(d.gains_of(gains, None), d.gains_of(gains, int(contact["id"])))
    values = {**_person(contact), "their_company": d._text(contact.get("company")),
              "since": since, "shared": shared}  # fmt: skip
    return values, d._text(contact.get("email"))


def _reciprocity_ask(wb: Any, ask_id: Any = None) -> tuple[dict[str, str], str]:
    ask = _row(wb.asks(), ask_id, "ask")
    spend = wb.spend_table().set_index("id").loc[int(ask["business_id"])]
    profile = wb.profile()
    the_ask = _ask_sentence(ask)
    client = d._text(profile.preferred_client)
    values = {
        "business": d._text(ask["business"]),
        "years": d.years_in_words(float(spend.get("years_as_customer") or 0)),
        "spent": d.money_in_words(
            float(spend.get("lifetime_spend") or 0), profile.currency, profile.writes_in
        ),
        "referrals": d.customers_in_words(int(spend.get("referrals_sent") or 0)),
        "the_ask": the_ask,
        "why_it_fits": _("My clients are {clients}; many of them are yours too.").format(
            clients=client
        )
        if client
        else "",
        "easy_yes": _(
            "I can bring everything by this week, and you only need to say where it goes."
        ),
    }
    return values, ""


def _ask_sentence(ask: Any) -> str:
    points = [p for p in ask["talking_points"] if p.rstrip().endswith("?")]
    return points[0] if points else f"{d._text(ask['ask'])}?"


def _promise(wb: Any, promise_id: Any = None) -> tuple[dict[str, str], str]:
    promise = _row(wb.promises(), promise_id, "promise")
    contact = _contact(wb, promise["contact_id"])
    what = d._text(promise["what"])
    if promise["direction"] == "mine":
        values = {"subject": _("As promised"), "opening": _("As promised, here it is:"),
                  "what_line": f"{what}.",
                  "closing": _("I hope it helps; tell me if you need anything else.")}  # fmt: skip
    else:
        values = {"subject": _("A friendly reminder"),
                  "opening": _("I hope you are well. A gentle reminder of what we talked about:"),
                  "what_line": f"{what}.",
                  "closing": _("No rush at all, and thank you again for offering.")}  # fmt: skip
    return {**_person(contact), **values}, d._text(contact.get("email"))


def _referral_thanks(wb: Any, referral_id: Any = None) -> tuple[dict[str, str], str]:
    referral = _row(wb.referrals(), referral_id, "referral")
    contact = _contact(wb, referral["contact_id"])
    value = 0.0 if pd.isna(referral["value"]) else float(referral["value"] or 0)
    day = dt.date.fromisoformat(referral["on_date"]) if frames.given(referral["on_date"]) else None
    values = {
        **_person(contact),
        "what": _lower_first(d._text(referral["what"])) or _("a client"),
        "when": d.when_in_words(day, wb.today()) if day else "",
        "outcome": _("It turned into work worth {amount}.").format(
            amount=wb.profile().money(value, approx=True)
        )
        if value
        else "",
    }
    return values, d._text(contact.get("email"))


def _introduction(wb: Any, a: Any = None, b: Any = None) -> tuple[dict[str, str], str]:
    """Two contacts of the participant (ids), or two participants of a cohort (their
    summaries: name, business, profession, targets, markets)."""
    if a is None or b is None:
        raise InputError(_("Choose the two people to introduce."))
    return introduction_values(_who(wb, a), _who(wb, b)), ""


def introduction_values(a_p: dict[str, Any], b_p: dict[str, Any]) -> dict[str, str]:
    """The facts of an introduction between two people (name, business, profession, and,
    for participants of a cohort, their five professions and client markets)."""
    values: dict[str, str] = {}
    for key, p, other in (("a", a_p, b_p), ("b", b_p, a_p)):
        values[f"{key}_first"] = d.first_name(p["name"])
        values[f"{key}_name"] = p["name"]
        values[f"{key}_who"] = " ".join(
            x for x in (_article(p["profession"]), _at(p["business"])) if x
        )
        wanted = any(_same(t, p["profession"]) for t in other.get("targets", []))
        values[f"{key}_why"] = (
            _("You told me you wanted to meet {who}.").format(who=_article(p["profession"]))
            if wanted
            else ""
        )
    shared = sorted(set(a_p.get("markets", [])) & set(b_p.get("markets", [])))
    if shared:
        from .preferred_clients import markets

        labels = markets()
        values["both_serve"] = _("You both serve {markets}.").format(
            markets=", ".join(_(labels.get(m, m)).lower() for m in shared)
        )
    return values


def _who(wb: Any, person: Any) -> dict[str, Any]:
    if isinstance(person, dict):
        return person
    contact = _contact(wb, person)
    return {"name": d._text(contact["name"]), "business": d._text(contact.get("company")),
            "profession": d._text(contact.get("profession")), "targets": [], "markets": []}  # fmt: skip


def _article(profession: str) -> str:
    """'a baker', 'an accountant' in English; the profession alone in a language whose
    article depends on the person (the templates are written for it)."""
    profession = d._text(profession)
    if not profession:
        return ""
    if i18n.language() == "de":  # nouns keep their capital
        return profession
    if i18n.language() != "en":
        return profession.lower()
    return ("an " if profession[0].lower() in "aeiou" else "a ") + profession.lower()


def _at(business: str) -> str:
    return _("at {business}").format(business=business) if d._text(business) else ""


def _same(a: str, b: str) -> bool:
    from .preferred_clients import same_profession

    return same_profession(a, b)
