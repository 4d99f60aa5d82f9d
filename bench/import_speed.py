"""Import speed and memory.

1. ``read_transactions`` plus grouping into money-trail candidates on a generated 100,000-row
   bank CSV (Chase layout, trailing commas, realistic descriptions: Square/Toast/PayPal prefixes,
   Wells-Fargo-style wrappers with dates and references, store numbers, city and state),
   against plain ``pandas.read_csv`` of the same file in the same run. Target: at most 3x.
2. Peak memory of the import (tracemalloc) against the file's size: a small multiple.
3. ``read_contacts`` on a 30,000-row LinkedIn Connections.csv with its Notes preamble, against
   ``pandas.read_csv(skiprows=3)`` of the same file.

    python bench/import_speed.py
"""

from __future__ import annotations

import io
import statistics
import time
import tracemalloc

import numpy as np
import pandas as pd

from workbook import spending
from workbook.importers import read_contacts, read_transactions

MERCHANTS = [
    "JOES BARBER SHOP", "HAPPY PAWS VET CLINIC", "GREEN THUMB LAWN CARE", "SUNNY PAWS PET CARE",
    "BRIGHT SMILES DENTAL", "MARSH PLUMBING", "CORNER CAFE", "OAK STREET BAKERY",
    "MAIN ST AUTO REPAIR", "ELITE FITNESS GYM", "SPARKLE DRY CLEANERS", "BLOOM FLORIST",
    "TACO SHACK", "HARBOR BOOKS", "PINE HARDWARE", "RIVERSIDE PHARMACY", "LOTUS YOGA STUDIO",
    "CITY PRINT SHOP", "FRESH MARKET", "BELLA NAIL SALON",
]  # fmt: skip
PLACES = [
    "", "NORTH", "SOUTH", "EAST", "WEST", "BIG", "LITTLE", "GOLDEN", "SILVER", "BLUE", "OLD TOWN",
    "LAKESIDE", "HILLTOP", "DOWNTOWN", "UPTOWN",
]  # fmt: skip
CITIES = ["AUSTIN TX", "ROUND ROCK TX", "CEDAR PARK TX", "GEORGETOWN TX"]


def bank_csv(rows: int, seed: int = 1) -> bytes:
    """A Chase checking export with as many distinct descriptions as a real account has."""
    rng = np.random.default_rng(seed)
    days = pd.Timestamp("2016-01-01") + pd.to_timedelta(np.sort(rng.integers(0, 3650, rows)), "D")
    merchants = [f"{p} {m}".strip() for p in PLACES for m in MERCHANTS]  # 300 businesses
    pick = rng.integers(0, len(merchants), rows)
    style = rng.integers(0, 5, rows)
    store = rng.integers(100, 9999, rows)
    lines = ["Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #"]
    for day, m, s, number in zip(days, pick, style, store, strict=True):
        name = merchants[m]
        city = CITIES[m % len(CITIES)]
        if s == 0:
            text = f"SQ *{name} {city}"
        elif s == 1:
            text = f"TST*{name} {city}{number:06d}AA"
        elif s == 2:
            text = f"PURCHASE AUTHORIZED ON {day:%m/%d} {name} {city} S3{number:013d} CARD 4321"
        elif s == 3:
            text = f"{name} #{number} {city}"
        else:
            text = f"PAYPAL *{name}"
        amount = -round(float(rng.gamma(2.0, 25.0)) + 1, 2)
        lines.append(f"DEBIT,{day:%m/%d/%Y},{text},{amount:.2f},DEBIT_CARD,1000.00,,")
    return ("\r\n".join(lines) + "\r\n").encode()


def linkedin_csv(rows: int, seed: int = 2) -> bytes:
    rng = np.random.default_rng(seed)
    note = (
        'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."\r\n\r\n'
    )
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i in range(rows):
        email = f"person{i}@example.com" if rng.random() < 0.3 else ""
        lines.append(
            f"First{i},Last{i % 977},https://www.linkedin.com/in/p{i},{email},"
            f'"Company {i % 4000}, LLC",Owner,{1 + i % 28:02d} Mar {2010 + i % 15}'
        )
    return (note + "\r\n".join(lines) + "\r\n").encode()


def best_of(runs: int, *actions) -> list[tuple[float, float]]:
    """(best, median) time of each action, run in turns (one of each per round), so a slower
    or faster spell of the machine falls on both alike."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, spent in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            spent.append(time.perf_counter() - start)
    return [(min(spent), statistics.median(spent)) for spent in times]


def main() -> None:
    data = bank_csv(100_000)
    print(f"bank CSV: 100,000 rows, {len(data) / 1e6:.1f} MB")
    baseline, ours = best_of(
        7,
        lambda: pd.read_csv(io.BytesIO(data), index_col=False),
        lambda: spending.candidates(read_transactions(io.BytesIO(data))),
    )
    found = read_transactions(io.BytesIO(data))
    print(
        f"  pandas.read_csv:                  best {baseline[0]:.3f} s, median {baseline[1]:.3f} s"
    )
    print(f"  read_transactions + candidates:   best {ours[0]:.3f} s, median {ours[1]:.3f} s")
    print(f"  ratio (best): {ours[0] / baseline[0]:.2f}x   (target: at most 3x)")
    print(f"  {found['payee'].nunique()} payees from {found['description'].nunique()} descriptions")
    tracemalloc.start()
    spending.candidates(read_transactions(io.BytesIO(data)))
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    tracemalloc.start()
    pd.read_csv(io.BytesIO(data), index_col=False)
    _now, base_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  peak memory: ours {peak / 1e6:.0f} MB = {peak / len(data):.1f}x the file; "
        f"pandas.read_csv {base_peak / 1e6:.0f} MB = {base_peak / len(data):.1f}x"
    )

    people = linkedin_csv(30_000)
    print(f"LinkedIn Connections.csv: 30,000 rows, {len(people) / 1e6:.1f} MB")
    baseline, ours = best_of(
        5,
        lambda: pd.read_csv(io.BytesIO(people), skiprows=3),
        lambda: read_contacts(io.BytesIO(people)),
    )
    print(f"  pandas.read_csv(skiprows=3): best {baseline[0]:.3f} s")
    print(f"  read_contacts:               best {ours[0]:.3f} s")
    print(f"  ratio (best): {ours[0] / baseline[0]:.2f}x")


if __name__ == "__main__":
    main()
