"""Last contact from the participant's own files: calendars, mailboxes and LinkedIn messages,
read on their computer with no account linked.

``read_interactions`` takes a file, a folder or a ZIP (a Google Takeout, a LinkedIn export) and
recognises what is in it by content: .ics calendars, mbox mailboxes (Takeout's, Thunderbird's,
an Apple Mail .mbox folder), .eml files, LinkedIn's messages.csv. A mailbox given as a path is
streamed, never loaded whole.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from .._errors import InputError
from ..i18n import N_, _
from . import _calendar, _mail, _messages
from ._source import Source, check_entry, load, plain_words

COLUMNS = [
    "start", "kind", "direction", "email", "name", "url", "title", "attendees", "series", "uid",
    "source",
]  # fmt: skip
# The import window when none is given: the last two years, up to today.
WINDOW_DAYS = 730


def read_interactions(
    source: Any,
    *,
    me: Iterable[str] = (),
    tz: str | dt.tzinfo | None = None,
    since: Any = None,
    until: Any = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """One row per interaction and other person (see the module docstring and COLUMNS).

    ``me``: the participant's own email addresses and LinkedIn profile URL; guessed when not
    given (the most frequent sender of a mailbox, the organiser of most events). ``tz``: the
    participant's time zone; ``start`` is the wall-clock time there. ``since``/``until``: the
    window (default: the last two years up to the end of today). ``progress``: a progress bar
    while a mailbox is read (default: for mailboxes past 50 MB)."""
    zone = _calendar.zone_of(tz)
    now = dt.datetime.now(zone).replace(tzinfo=None)
    end = _moment(until, now.replace(hour=23, minute=59, second=59), end_of_day=True)
    start = _moment(since, end - dt.timedelta(days=WINDOW_DAYS))
    mine = {str(m).strip().lower() for m in me if str(m).strip()}
    rows: list[dict[str, Any]] = []
    read = 0
    for name, opened in _files(source):
        found = _rows_of(name, opened, mine, zone, start, end, progress)
        if found is not None:
            read += 1
            rows += found
    if not read:
        raise InputError(
            _("{file}: there is no calendar, mailbox or messages file in it.").format(
                file=_shown(source)
            )
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["start"] = pd.to_datetime(frame["start"]).astype("datetime64[ns]")
    frame["attendees"] = frame["attendees"].astype("int64")
    return frame.sort_values(["start", "uid", "email", "name"]).reset_index(drop=True)


def _moment(value: Any, default: dt.datetime, end_of_day: bool = False) -> dt.datetime:
    """A window's edge; a date alone ('2026-06-30') is its start, or for ``until`` its end."""
    if value is None or value == "":
        return default
    moment = pd.Timestamp(value)
    if moment.tzinfo is not None:
        moment = moment.tz_convert(None)
    whole_day = not isinstance(value, dt.datetime) and moment == moment.normalize()
    if end_of_day and whole_day:
        moment = moment + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)
    return moment.to_pydatetime()


def _shown(source: Any) -> str:
    return Path(str(source)).name if isinstance(source, (str, os.PathLike)) else "the upload"


def _files(source: Any) -> Iterator[tuple[str, Any]]:
    """(name, opener) for each file to read: a path, a folder's files, a ZIP's entries (each
    streamed, so a mailbox of several GB inside a Takeout ZIP is never held whole), or an
    upload's bytes. ``opener()`` gives a binary stream."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source).expanduser()
        if path.is_dir():
            inner = path / "mbox"  # Apple Mail's .mbox bundle: a folder with an mbox inside
            if path.suffix.lower() == ".mbox" and inner.is_file():
                yield path.name, lambda: inner.open("rb")
                return
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not child.name.startswith("."):
                    yield from _files(child)
            return
        if not path.exists():
            raise InputError(
                _("{file}: there is no such file ({path}).").format(file=path.name, path=path)
            )
        with path.open("rb") as probe:
            zipped = probe.read(4) == b"PK\x03\x04"
        if not zipped:
            yield path.name, lambda: path.open("rb")
            return
        yield from _entries(path.name, lambda: path.open("rb"))
        return
    src = load(source)
    if src.data.startswith(b"PK\x03\x04"):
        yield from _entries(src.name, lambda: io.BytesIO(src.data))
    else:
        yield src.name, lambda: io.BytesIO(src.data)


def _entries(name: str, opened: Any) -> Iterator[tuple[str, Any]]:
    try:
        with opened() as raw, zipfile.ZipFile(raw) as archive:
            for info in archive.infolist():
                if info.is_dir() or Path(info.filename).name.startswith("."):
                    continue
                shown = f"{name} ({Path(info.filename).name})"
                check_entry(info, shown)
                yield shown, lambda info=info: archive.open(info)
    except (zipfile.BadZipFile, EOFError, NotImplementedError):
        raise InputError(
            _("{file} looks like a ZIP archive but is damaged; download it again.").format(
                file=name
            )
        ) from None


def _rows_of(
    name: str,
    opened: Any,
    me: set[str],
    zone: dt.tzinfo,
    since: dt.datetime,
    until: dt.datetime,
    progress: bool | None = None,
) -> list[dict[str, Any]] | None:
    """The rows of one file, or None when it is none of the kinds read here."""
    with opened() as stream:
        head = stream.read(4096)
    if head.lstrip(b"\xef\xbb\xbf \r\n").upper().startswith(b"BEGIN:VCALENDAR"):
        with opened() as stream:
            src = Source(name, stream.read())
        with plain_words(src, N_("a calendar"), N_("Export the calendar again as .ics.")):
            rows, found = _calendar.calendar_rows(src, me, zone, since, until)
    elif _mail._FROM_LINE.match(head):
        with opened() as stream, _counted(stream, name, progress) as counted:
            rows, found = _mail.mail_rows(_mail.messages(counted), name, me, zone, since, until)
    elif _looks_like_a_message(head):
        with opened() as stream:
            headers = _mail.one_message(stream.read(256 * 1024))
        rows, found = _mail.mail_rows([headers], name, me, zone, since, until)
    elif _messages.is_messages(head.decode("utf-8", "replace")):
        with opened() as stream:
            src = Source(name, stream.read())
        with plain_words(
            src, N_("LinkedIn messages"), N_("Use messages.csv from LinkedIn's export.")
        ):
            rows, found = _messages.message_rows(src, me, zone, since, until)
    else:
        return None
    me |= found  # what one file taught about the participant holds for the others
    return rows


# Mailboxes past this size are read with a progress bar unless told otherwise.
PROGRESS_FROM_BYTES = 50 * 1024 * 1024


class _counted:  # noqa: N801 - a context manager, like open()
    """The stream, read through a progress bar of its bytes when it is big (tqdm.auto: a
    widget in a notebook or the app, a text bar in a terminal)."""

    def __init__(self, stream: Any, name: str, wanted: bool | None):
        self.stream, self.bar = stream, None
        try:
            size = os.fstat(stream.fileno()).st_size
        except (OSError, AttributeError, io.UnsupportedOperation):
            size = getattr(stream, "_orig_file_size", None)  # a ZIP entry's
        if wanted or (wanted is None and (size or 0) > PROGRESS_FROM_BYTES):
            from tqdm.auto import tqdm

            self.bar = tqdm(total=size, desc=f"Reading {name}", unit="B", unit_scale=True)

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        if self.bar is not None:
            self.bar.update(len(data))
        return data

    def __enter__(self) -> _counted:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


_MESSAGE_HEADERS = (b"from:", b"received:", b"return-path:", b"message-id:", b"date:",
                    b"delivered-to:", b"mime-version:", b"x-")  # fmt: skip


def _looks_like_a_message(head: bytes) -> bool:
    """An .eml file: it starts with mail headers and has a From: among them."""
    lower = head[:4096].lower().lstrip()
    return lower.startswith(_MESSAGE_HEADERS) and (
        lower.startswith(b"from:") or b"\nfrom:" in lower
    )
