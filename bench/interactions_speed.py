"""Last contact from big files, against the libraries alone on the same files, in one run.

1. A generated mbox (default 1 GB, about 50,000 messages with realistic headers and bodies):
   ``read_interactions`` against a bare loop over Python's ``mailbox.mbox`` reading the same
   headers. Target: at least half its speed (ratio <= 2), and peak memory (tracemalloc) under
   150 MB whatever the size.
2. A 20,000-event calendar with 200 recurring series: ``read_interactions`` against
   ``icalendar`` parsing the file alone. Target: within 3x.

    python bench/interactions_speed.py [--mbox-mb 1000]
"""

from __future__ import annotations

import argparse
import mailbox
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from workbook.importers import read_interactions

WORDS = "the a referral coffee meeting next week client invoice thanks florist fair".split()


def make_mbox(path: Path, megabytes: int) -> int:
    rng = random.Random(1)
    target = megabytes * 1024 * 1024
    written = count = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        while written < target:
            n = count
            sender = "joan@bakerbooks.example" if n % 3 == 0 else f"person{n % 997}@example.org"
            to = f"person{(n * 7) % 997}@example.org" if n % 3 == 0 else "joan@bakerbooks.example"
            body_lines = rng.randint(40, 600)
            body = "\n".join(" ".join(rng.choices(WORDS, k=12)) for _ in range(body_lines))
            day = 1 + n % 28
            text = (
                f"From 1786{n:012d}@xxx Mon Jan {day:02d} 10:15:00 +0000 2026\n"
                f"X-GM-THRID: 1786{n:012d}\nX-Gmail-Labels: {'Sent' if n % 3 == 0 else 'Inbox'}\n"
                "Delivered-To: joan@bakerbooks.example\n"
                "Received: from mail.example.org (mail.example.org [192.0.2.1])\n"
                "        by mx.google.com with ESMTPS id abc123\n"
                f"        for <joan@bakerbooks.example>; Mon, {day} Jan 2026 10:15:00 +0000\n"
                f"Message-ID: <m{n}@example.org>\nDate: Mon, {day} Jan 2026 10:15:00 +0000\n"
                f"From: Person {n % 997} <{sender}>\nTo: <{to}>\n"
                f"Subject: {' '.join(rng.choices(WORDS, k=5))}\n"
                'MIME-Version: 1.0\nContent-Type: text/plain; charset="UTF-8"\n\n'
                f"{body}\n\n"
            )
            out.write(text)
            written += len(text)
            count += 1
    return count


def bare_mailbox(path: Path) -> int:
    found = 0
    for message in mailbox.mbox(path):
        for header in ("From", "To", "Cc", "Date", "Subject", "Message-ID", "X-Gmail-Labels"):
            message.get(header)
        found += 1
    return found


def make_calendar(path: Path, events: int, series: int) -> None:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    for n in range(events):
        day = 1 + n % 28
        month = 1 + (n // 28) % 12
        lines += [
            "BEGIN:VEVENT", f"UID:event-{n}@bench",
            f"DTSTART:2026{month:02d}{day:02d}T{9 + n % 8:02d}0000Z",
            f"DTEND:2026{month:02d}{day:02d}T{10 + n % 8:02d}0000Z",
            f"SUMMARY:Meeting {n}", "ORGANIZER;CN=Joan Baker:mailto:joan@bakerbooks.example",
            f"ATTENDEE;CN=Person {n % 500}:mailto:person{n % 500}@example.org",
        ]  # fmt: skip
        if n < series:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=20")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mbox-mb", type=int, default=1000)
    size = parser.parse_args().mbox_mb
    window = {"since": "2025-01-01", "until": "2026-12-31", "tz": "Europe/London"}
    with tempfile.TemporaryDirectory() as folder:
        box = Path(folder) / "All mail.mbox"
        messages = make_mbox(box, size)
        start = time.perf_counter()
        bare = bare_mailbox(box)
        theirs = time.perf_counter() - start
        tracemalloc.start()
        start = time.perf_counter()
        found = read_interactions(box, **window)
        ours = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"mbox: {box.stat().st_size / 1e6:,.0f} MB, {messages:,} messages ({bare:,} read "
              f"by mailbox), {len(found):,} rows")  # fmt: skip
        verdict = "meets" if ours / theirs <= 2 else "MISSES"
        print(f"  mailbox.mbox headers {theirs:7.1f} s   read_interactions {ours:7.1f} s   "
              f"{ours / theirs:4.2f}x ({verdict}; target <= 2x)")  # fmt: skip
        print(f"  peak memory {peak:,.0f} MB ({'meets' if peak < 150 else 'MISSES'}; < 150 MB)")
        calendar = Path(folder) / "calendar.ics"
        make_calendar(calendar, 20_000, 200)
        import icalendar

        start = time.perf_counter()
        icalendar.Calendar.from_ical(calendar.read_bytes())
        theirs = time.perf_counter() - start
        start = time.perf_counter()
        rows = read_interactions(calendar, **window)
        ours = time.perf_counter() - start
        verdict = "meets" if ours / theirs <= 3 else "MISSES"
        print(f"calendar: 20,000 events, 200 series, {len(rows):,} rows")
        print(f"  icalendar parse {theirs:6.2f} s   read_interactions {ours:6.2f} s   "
              f"{ours / theirs:4.2f}x ({verdict}; target <= 3x)")  # fmt: skip


if __name__ == "__main__":
    main()
