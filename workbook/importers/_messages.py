"""LinkedIn's messages.csv (in the data export ZIP) to messages: one row per message and other
person. Names come back from that export as UTF-8 read as Latin-1 ('JosÃ© GarcÃ­a'): they are
read again as the UTF-8 they were."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

import pandas as pd

from ..i18n import _
from ._source import Source, decode
from ._table import find_heading, read_rows

MESSAGE = "message"
_HEADINGS = {"from", "to", "date", "sender profile url"}
_MOJIBAKE = re.compile("[ÃÂÅÄ][\u0080-\u00bf]")


def is_messages(text: str) -> bool:
    return (
        find_heading(text[:4096], lambda cells: True if _HEADINGS <= set(cells) else None)
        is not None
    )


def unmangled(text: str) -> str:
    """'JosÃ© GarcÃ­a' -> 'José García'; text that is not mangled stays as it is."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        try:
            return text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text


def message_rows(
    src: Source, me: set[str], zone: dt.tzinfo, since: dt.datetime, until: dt.datetime
) -> tuple[list[dict[str, Any]], set[str]]:
    text = decode(src)
    found = find_heading(text, lambda cells: True if _HEADINGS <= set(cells) else None)
    if found is None:
        raise src.fail(_("is not LinkedIn's messages.csv: it has no FROM, TO and DATE columns."))
    offset, delimiter, _cells, _layout = found
    table = read_rows(src, text, offset, delimiter)
    rows = table.rows
    column = {h.strip().lower(): h for h in table.headings}

    def cells(name: str) -> pd.Series:
        heading = column.get(name)
        return rows[heading].astype(str) if heading else pd.Series("", index=rows.index)

    senders, sender_urls = cells("from"), cells("sender profile url").str.strip()
    recipients, recipient_urls = cells("to"), cells("recipient profile urls")
    moments = pd.to_datetime(cells("date").str.replace(" UTC", "", regex=False), errors="coerce")
    folders = cells("folder").str.lower()
    subjects = cells("subject").where(cells("subject") != "", cells("conversation title"))
    if not any("linkedin.com" in m for m in me):  # they sent most messages of their export
        counted = Counter(u for u in sender_urls if u)
        if counted:
            me = me | {counted.most_common(1)[0][0].lower()}
    out = []
    for i in rows.index:
        moment = moments[i]
        if pd.isna(moment) or folders[i] in ("spam", "trash"):
            continue
        start = moment.tz_localize("UTC").tz_convert(zone).tz_localize(None).to_pydatetime()
        if not since <= start <= until:
            continue
        if sender_urls[i].lower() in me:
            names = [unmangled(n.strip()) for n in recipients[i].split(",")]
            urls = [u.strip() for u in recipient_urls[i].split(",")]
            people = list(zip(names, urls + [""] * (len(names) - len(urls)), strict=False))
            direction = "sent"
        else:
            people = [(unmangled(senders[i].strip()), sender_urls[i])]
            direction = "received"
        people = [(n, u) for n, u in people if (n or u) and u.lower() not in me]
        for name, url in people:
            out.append(
                {"start": start, "kind": MESSAGE, "direction": direction, "email": "",
                 "name": name, "url": url, "title": " ".join(subjects[i].split()),
                 "attendees": len(people), "series": "",
                 "uid": f"{cells('conversation id')[i]}/{moment.isoformat()}/{sender_urls[i]}",
                 "source": src.name}
            )  # fmt: skip
    return out, me
