"""Network figure: build time (layout + figure) and JSON size at 1,000, 10,000 and 30,000
contacts. Target at 30,000: under 1 s and under 3 MB.

Baseline, measured in the same run: a bare plotly Scattergl of the same number of points with
the same hover text, so the ratio shows what the ring-and-sector layout and labels add.

    python bench/network_figure.py
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from workbook import network, plots

TITLES = [
    "Wealth Manager",
    "Realtor",
    "Attorney",
    "Dentist",
    "Owner",
    "Teacher",
    "Engineer",
    "Nurse",
    "Loan Officer",
    "Office Manager",
    "Consultant",
    "Pastor",
]


def contacts(n: int) -> pd.DataFrame:
    """A LinkedIn-sized network: varied titles and companies, most people mere contacts."""
    rng = np.random.default_rng(n)
    return pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "name": [f"Firstname{i} Lastname{i}" for i in range(n)],
            "company": [f"Company {i % (n // 6 + 1)}" for i in range(n)],
            "position": [f"{t} {i % 400}" for i, t in enumerate(rng.choice(TITLES, n))],
            "profession": [""] * n,
            "depth": rng.choice(list(network.RINGS), n, p=[0.02, 0.08, 0.2, 0.7]),
        }
    )


def best_of(runs: int, build) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = build()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    print(f"{'contacts':>9} {'ours s':>8} {'bare s':>8} {'ratio':>6} {'ours MB':>8} {'bare MB':>8}")
    for n in (1_000, 10_000, 30_000):
        people = contacts(n)
        referrals = pd.DataFrame({"contact_id": people["id"].sample(n // 20, random_state=1)})

        def ours(people=people, referrals=referrals):
            return plots.network(network.layout(people, referrals), "You").to_json()

        def bare(people=people, n=n):
            angle = np.linspace(0, 2 * np.pi, n)
            hover = people["name"] + "<br>" + people["company"] + " · " + people["position"]
            return go.Figure(
                go.Scattergl(x=np.cos(angle), y=np.sin(angle), mode="markers", text=list(hover))
            ).to_json()

        ours_s, ours_json = best_of(3, ours)
        bare_s, bare_json = best_of(3, bare)
        print(
            f"{n:9,d} {ours_s:8.3f} {bare_s:8.3f} {ours_s / bare_s:6.2f} "
            f"{len(ours_json) / 1e6:8.2f} {len(bare_json) / 1e6:8.2f}"
        )
        if n == 30_000:
            verdict = "meets" if ours_s < 1 and len(ours_json) < 3e6 else "MISSES"
            print(f"target at 30,000 (under 1 s, under 3 MB): {verdict}")


if __name__ == "__main__":
    main()
