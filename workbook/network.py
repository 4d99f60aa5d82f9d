"""Exercise 5, my network: who you know, how well, and the referrals that flow each way.

The network picture puts you at the centre, one ring per relationship depth (referral
partners closest), one sector per profession. The layout is computed directly from those two
facts, in one pass over the contacts: no force simulation, so 30,000 contacts take well under
a second.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from ._errors import InputError
from .goals import clean_date
from .i18n import N_, _
from .money_trail import parse_number
from .preferred_clients import with_professions

# Ring radius per depth: the deeper the relationship, the closer to you.
RINGS = {"referral_partner": 1.0, "connection": 2.0, "acquaintance": 3.0, "contact": 4.0}
DIRECTIONS = {
    "given": N_("I referred business to them"),
    "received": N_("They referred business to me"),
}

# The three things that make someone safe to refer (and make you referrable).
CRITERIA = {
    "expert": N_("An expert in their trade"),
    "passionate": N_("Passionate about what they do"),
    "honours_referrals": N_(
        "Honours referrals: looks after the people you send, and makes you look good"
    ),
}


def clean_referral(direction: str, on_date: Any, what: str = "", value: Any = 0) -> dict[str, Any]:
    if direction not in DIRECTIONS:
        raise InputError(_("Say whether you gave this referral or received it."))
    day = clean_date(on_date, "Date") or dt.date.today().isoformat()
    return {
        "direction": direction,
        "on_date": day,
        "what": " ".join(str(what or "").split()),
        "value": parse_number(value, _("Value of the business")),
    }


def reciprocity(contacts: pd.DataFrame, referrals: pd.DataFrame) -> pd.DataFrame:
    """Per person with any referral: given and received (count and value), and the balance.

    A positive balance means you have given more than you have received from them so far.
    """
    columns = [
        "contact_id",
        "name",
        "given",
        "received",
        "value_given",
        "value_received",
        "balance",
    ]
    if referrals.empty:
        return pd.DataFrame(columns=columns)
    names = contacts.set_index("id")["name"]
    counts = pd.crosstab(referrals["contact_id"], referrals["direction"])
    values = referrals.pivot_table(
        index="contact_id", columns="direction", values="value", aggfunc="sum", fill_value=0
    )
    table = pd.DataFrame(
        {
            "contact_id": counts.index,
            "given": counts.get("given", 0),
            "received": counts.get("received", 0),
            "value_given": values.get("given", 0.0),
            "value_received": values.get("received", 0.0),
        }
    ).reset_index(drop=True)
    table["name"] = table["contact_id"].map(names).astype(str)
    table["balance"] = table["given"] - table["received"]
    return (
        table[columns]
        .sort_values(["balance", "name"], ascending=[False, True])
        .reset_index(drop=True)
    )


def layout(contacts: pd.DataFrame, referrals: pd.DataFrame | None = None) -> pd.DataFrame:
    """x, y, ring and sector for every contact, plus ``exchanged`` (referrals both ways).

    Sectors are sized by how many contacts each profession has; within a sector, each ring's
    people are spread evenly along their arc. Contacts with no profession share one sector.
    """
    table = with_professions(contacts)[
        ["id", "name", "company", "position", "depth", "known_as", "guessed"]
    ].copy()
    table["sector"] = table["known_as"].replace("", _("Profession not known"))
    table["radius"] = table["depth"].map(RINGS).fillna(RINGS["contact"])
    exchanged = (
        referrals["contact_id"].value_counts()
        if referrals is not None and len(referrals)
        else pd.Series(dtype="int64")
    )
    table["exchanged"] = table["id"].map(exchanged).fillna(0).astype(int)
    if table.empty:
        return table.assign(x=[], y=[], angle=[])
    sizes = table["sector"].value_counts()
    order = list(sizes.index)  # biggest profession first, clockwise from the top
    share = sizes / sizes.sum() * 2 * np.pi
    start = share.cumsum() - share  # each sector's first angle
    table["sector_start"] = table["sector"].map(start)
    table["sector_width"] = table["sector"].map(share)
    # Position of each person along their own (sector, ring) arc.
    table = table.sort_values(["sector", "radius", "name"], kind="stable")
    group = table.groupby(["sector", "radius"], sort=False)
    rank = group.cumcount().to_numpy()
    count = group["id"].transform("size").to_numpy()
    angle = (
        table["sector_start"].to_numpy() + table["sector_width"].to_numpy() * (rank + 0.5) / count
    )
    radius = table["radius"].to_numpy()
    table["angle"] = angle
    table["x"] = radius * np.sin(angle)
    table["y"] = radius * np.cos(angle)
    table.attrs["sectors"] = [(name, float(start[name]), float(share[name])) for name in order]
    return table.drop(columns=["sector_start", "sector_width"]).sort_index()
