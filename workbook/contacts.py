"""The people a participant knows: names, where they work, what they do, and how well.

Used by every exercise after the money trail; the network exercise adds imports and plots.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._errors import InputError
from .i18n import N_, _

# How deep a relationship is, shallow to deep; the labels the forms show.
DEPTHS = {
    "contact": N_("Contact (we have met or connected)"),
    "acquaintance": N_("Acquaintance (we know each other a little)"),
    "connection": N_("Connection (we know, like and trust each other)"),
    "referral_partner": N_("Referral partner (we send each other business)"),
}
DEPTH_SHORT = {
    "contact": N_("contact"),
    "acquaintance": N_("acquaintance"),
    "connection": N_("connection"),
    "referral_partner": N_("referral partner"),
}
DEPTH_PLURAL = {
    "contact": N_("Contacts"),
    "acquaintance": N_("Acquaintances"),
    "connection": N_("Connections"),
    "referral_partner": N_("Referral partners"),
}


def depth_choices() -> list[tuple[str, str]]:
    """For a drop-down: (what the participant reads, in their language; what is stored)."""
    return [(_(label), key) for key, label in DEPTHS.items()]


CONTACT_FIELDS = {
    "first_name": "First name",
    "last_name": "Last name",
    "name": "Name",
    "email": "Email",
    "company": "Company",
    "position": "Position",
    "phone": "Phone",
    "url": "Web page",
    "profession": "Profession",
    "depth": "Relationship",
    "notes": "Notes",
}


def as_key(value: Any) -> str:
    """Typed text as a stored key: "Referral partner", "referral-partner" -> referral_partner."""
    return str(value or "").strip().lower().replace(" ", "_").replace("-", "_")


def clean_depth(value: Any) -> str:
    text = as_key(value)
    if text in DEPTHS:
        return text
    raise InputError(
        _("Relationship must be one of: {choices} (you gave {typed}).").format(
            choices=", ".join(_(label) for label in DEPTH_SHORT.values()), typed=repr(value)
        )
    )


def clean_contact(values: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Check a contact's fields and return them ready to store; the name is built from first
    and last name when it is not given."""
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"not contact fields: {sorted(unknown)}")
    clean: dict[str, Any] = {}
    for field, value in values.items():
        if field == "depth":
            clean[field] = clean_depth(value)
        else:
            clean[field] = (
                " ".join(str(value or "").split()) if field != "notes" else str(value or "").strip()
            )
    if not partial and not clean.get("name"):
        clean["name"] = " ".join(p for p in (clean.get("first_name"), clean.get("last_name")) if p)
    if ("name" in clean or not partial) and not clean.get("name"):
        raise InputError(_("Every person needs a name."))
    return clean
