"""Mailboxes (.mbox from Google Takeout, Thunderbird, Apple Mail; .eml files) to emails: one
row per message and other person, from the headers alone.

A mailbox is read as a stream of lines, never whole: the headers of each message are kept and
its body is skipped, so a mailbox of several GB needs the memory of one message's headers. A
message starts at a 'From ' line after a blank line (or at the start of the file) that has a
sender and a date, as mbox writers put it: a body line that merely starts with 'From ' is
body.
"""

from __future__ import annotations

import datetime as dt
import email.header
import email.utils
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

EMAIL = "email"
# Gmail labels of what is not correspondence the participant sent or received as mail.
_LEFT_OUT_LABELS = {"chat", "chats", "drafts", "draft", "spam", "trash", "bin"}
# "From sender@example.org Thu Nov 14 12:00:00 +0000 2024", "From 1786@xxx Mon Jan  1 ..."
_FROM_LINE = re.compile(rb"From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")
_WANTED = {b"from", b"to", b"cc", b"date", b"subject", b"message-id", b"x-gmail-labels"}


def messages(stream: IO[bytes], chunk: int = 1 << 22) -> Iterator[dict[str, str]]:
    """The wanted headers of each message of an mbox, as text (folded lines joined).

    Read in blocks: each message's headers are parsed, and its body is skipped by searching
    the block for the next 'From ' line after a blank one (in C), never line by line. At most
    a block and one message's headers are held."""
    data = stream.read(chunk)
    eof = not data

    def more(keep_from: int) -> int:
        """Read the next block, keeping ``data`` from ``keep_from`` on; the offset the kept
        part moved by (-1 at the end of the file)."""
        nonlocal data, eof
        block = b"" if eof else stream.read(chunk)
        if not block:
            eof = True
            return -1
        data = data[keep_from:] + block
        return keep_from

    at = 0 if _FROM_LINE.match(data) else _next_message(data, 0)
    while at is not None:
        ends = _headers_end(data, at)
        while ends is None:
            moved = more(at)
            if moved < 0:
                break
            at -= moved
            ends = _headers_end(data, at)
        if ends is None:
            ends = len(data)
        yield _parsed(data[at:ends].splitlines()[1:])
        found = _next_message(data, ends)
        while found is None and not eof:
            keep = max(ends, len(data) - _KEEP)  # a 'From ' line may straddle two blocks
            if more(keep) < 0:
                break
            ends = 0
            found = _next_message(data, 0)
        at = found


# Bytes kept from the end of a block when the next message is not in it yet.
_KEEP = 1024


def _headers_end(data: bytes, at: int) -> int | None:
    """Where the headers of the message starting at ``at`` end (the blank line), if in
    ``data``."""
    lf = data.find(b"\n\n", at)
    crlf = data.find(b"\r\n\r\n", at, lf if lf >= 0 else len(data))  # never past the LF one
    found = [i for i in (lf, crlf) if i >= 0]
    return min(found) if found else None


def _next_message(data: bytes, at: int) -> int | None:
    """The start of the next message's 'From ' line after ``at``: one after a blank line that
    has a sender and a weekday, as mbox writers put it. None when not in ``data``."""
    while True:
        found = data.find(b"\nFrom ", at)
        if found < 0:
            return None
        line = found + 1
        blank_before = (
            found == 0 or data[found - 1 : found] == b"\n" or data[found - 2 : found] == b"\n\r"
        )
        if blank_before and _FROM_LINE.match(data, line):
            return line
        at = line


def one_message(data: bytes) -> dict[str, str]:
    """The wanted headers of one .eml file."""
    head = data.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    headers: list[bytes] = []
    for line in head.splitlines():
        if line[:1] in (b" ", b"\t") and headers:
            headers[-1] += b" " + line.strip()
        elif line.strip():
            headers.append(line)
    return _parsed(headers)


def _parsed(lines: list[bytes]) -> dict[str, str]:
    joined: list[bytes] = []
    for line in lines:  # a folded header goes on on lines that start with a space or a tab
        if line[:1] in (b" ", b"\t") and joined:
            joined[-1] += b" " + line.strip()
        else:
            joined.append(line)
    found: dict[str, str] = {}
    for line in joined:
        name, colon, value = line.partition(b":")
        key = name.strip().lower()
        if colon and key in _WANTED:
            text = value.strip().decode("utf-8", "replace")
            found[key.decode()] = (found.get(key.decode(), "") + ", " + text).strip(", ")
    return found


def _decoded(text: str) -> str:
    """An encoded header ('=?UTF-8?B?...?=') as the words it says."""
    if "=?" not in text:
        return text
    try:
        return str(email.header.make_header(email.header.decode_header(text)))
    except (UnicodeDecodeError, LookupError, email.errors.HeaderParseError):
        return text


def _addresses(text: str) -> list[tuple[str, str]]:
    """(name, email) of every address in a header, names decoded."""
    return [
        (" ".join(_decoded(name).split()).strip("'\""), address.strip().lower())
        for name, address in email.utils.getaddresses([text])
        if "@" in address
    ]


def _when(text: str, zone: dt.tzinfo) -> dt.datetime | None:
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(zone).replace(tzinfo=None)


def mail_rows(
    found: Iterable[dict[str, str]],
    source: str,
    me: set[str],
    zone: dt.tzinfo,
    since: dt.datetime,
    until: dt.datetime,
    progress: Callable[[], None] | None = None,
) -> tuple[list[dict[str, Any]], set[str]]:
    """One row per message and other person: a message the participant sent, one per
    recipient (To and Cc); one they received, one for the sender. Chats, drafts, spam and trash
    (Gmail's labels) are left out, and so is anything outside ``[since, until]``."""
    kept = []
    senders: Counter[str] = Counter()
    for headers in found:
        if progress is not None:
            progress()
        labels = {label.strip().lower() for label in headers.get("x-gmail-labels", "").split(",")}
        if labels & _LEFT_OUT_LABELS:
            continue
        start = _when(headers.get("date", ""), zone)
        if start is None or not since <= start <= until:
            continue
        sender = _addresses(headers.get("from", ""))
        if not sender:
            continue
        recipients = _addresses(headers.get("to", "")) + _addresses(headers.get("cc", ""))
        senders[sender[0][1]] += 1
        kept.append((start, sender[0], recipients, headers))
    if not any("@" in m for m in me) and senders:  # they send most mail in their mailbox
        ranked = senders.most_common(2)
        top, sent = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        # Too few to tell (one message, or a tie): everything is taken as received.
        if sent >= 2 and sent > runner_up and sent >= 0.3 * senders.total():
            me = me | {top}
    rows = []
    for start, (sender_name, sender), recipients, headers in kept:
        subject = " ".join(_decoded(headers.get("subject", "")).split())
        uid = headers.get("message-id", "").strip() or f"{sender}/{start.isoformat()}/{subject}"
        if sender in me:
            others = {a: n for n, a in recipients if a not in me}
            direction = "sent"
        else:
            others = {sender: sender_name}
            direction = "received"
        for address, name in others.items():
            rows.append(
                {"start": start, "kind": EMAIL, "direction": direction, "email": address,
                 "name": name, "url": "", "title": subject, "attendees": len(others),
                 "series": "", "uid": uid, "source": source}
            )  # fmt: skip
    return rows, me
