"""The workshop server under a room's load: N participants log in through the hub's form at the
same moment (chromium, one context each), open "Start here" and type their business, then open
every exercise in turn. Against the baseline of one participant logging in alone, measured in
the same run on the same hub.

Printed: time from "Sign in" to the first exercise ready to type in (p50, p95, worst), PSS per
participant's server (app open on the first exercise, and after every exercise) and for the hub
with its proxy and culler, and CPU seconds per login (the participant's processes and the
hub's share). ``--record`` writes the figures to deploy/kubernetes/sizing.toml, which the
Kubernetes config's memory figures and the README's sizing are checked against.

Needs root (it makes system accounts, removed afterwards) and configurable-http-proxy.

    sudo .venv/bin/python bench/hub_load.py [--participants 8] [--record]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import _hub
from _app import CHROMIUM, CHROMIUM_ARGS, pss_of, tree

sys.path.insert(0, str(_hub.DEPLOY))
import add_participants  # noqa: E402
import workshop  # noqa: E402

import workbook  # noqa: E402

SIZING = _hub.DEPLOY / "kubernetes" / "sizing.toml"
EXERCISES = range(1, 8)


def cpu_of(pids: list[int]) -> float:
    """User and system CPU seconds of these processes and of their children already reaped."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15])
    return total / tick


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _participant(browser, base: str, account, typed: str) -> dict:  # noqa: ANN001
    """Log in, type into "Start here" (saved), then open every exercise. Returns the seconds
    from "Sign in" to the first exercise ready, and to every exercise opened."""
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(f"{base}/hub/login")
    await page.fill("#username_input", account.login)
    await page.fill("#password_input", account.password)
    start = time.perf_counter()
    await page.click("#login_submit")
    await page.get_by_role("button", name="0 · Start here").click(timeout=300_000)
    field = page.get_by_placeholder("Whitfield Homes")
    await field.wait_for(timeout=120_000)
    usable = time.perf_counter() - start
    cpu_login = cpu_of(_hub.processes_of(account.login))
    await field.fill(typed)
    await field.press("Tab")
    for number in EXERCISES:
        await page.locator(".workbook-strip .jupyter-button").nth(number + 1).click()
        await page.locator(f".workbook-app.workbook-at-{number}").wait_for(timeout=120_000)
        await page.wait_for_function(
            "() => !document.querySelector('.workbook-opening')", timeout=120_000
        )
    every = time.perf_counter() - start
    return {"login": account.login, "usable": usable, "every": every, "cpu_login": cpu_login}


def _business(login: str) -> str:
    with workbook.open(workshop.workbook_path(login)) as wb:
        return wb.profile().business


async def _wave(base: str, accounts: list) -> list[dict]:  # noqa: ANN001
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        done = await asyncio.gather(
            *(_participant(browser, base, a, f"{a.name}'s business") for a in accounts)
        )
        await asyncio.sleep(5)  # what was typed last reaches the workbook; servers settle
        for result in done:
            pids = _hub.processes_of(result["login"])
            result["pss"] = pss_of(pids)
            result["cpu"] = cpu_of(pids)
            result["saved"] = _business(result["login"]).endswith("'s business")
        await browser.close()
    return done


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=8)
    parser.add_argument("--record", action="store_true", help="write deploy/kubernetes/sizing.toml")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("makes system accounts: run it as root")
    folder = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    settings_file = _hub.write_settings(folder)
    os.environ["WORKBOOK_WORKSHOP_SETTINGS"] = str(settings_file)
    setup = workshop.settings()
    rows = [
        f"Participant {i:02d} Tester,p{i}@example.org,,Baker" for i in range(args.participants + 1)
    ]
    try:
        accounts = add_participants.add(_hub.roster(folder, rows), setup)[1:]  # not the coach
        with _hub.installed() as target, _hub.hub(target, settings_file, setup.port, folder) as hub:
            alone = asyncio.run(_wave(hub.base, accounts[:1]))[0]
            hub_cpu = cpu_of(tree(hub.process.pid))
            wave = asyncio.run(_wave(hub.base, accounts[1:]))
            theirs = {p for a in accounts for p in _hub.processes_of(a.login)}
            hub_pids = [p for p in tree(hub.process.pid) if p not in theirs]
            hub_pss = pss_of(hub_pids)
            hub_cpu_wave = cpu_of(tree(hub.process.pid)) - hub_cpu
    finally:
        _hub.remove_accounts(setup)
    n = len(wave)
    usable = [r["usable"] for r in wave]
    every = [r["every"] for r in wave]
    pss = [r["pss"] for r in wave]
    cpu_login = [r["cpu_login"] + hub_cpu_wave / n for r in wave]
    cpu = [r["cpu"] + hub_cpu_wave / n for r in wave]
    print(f"{n} participants logging in at once on {os.cpu_count()} cores; baseline: one alone")
    print(f"  every typed business saved: {all(r['saved'] for r in [alone, *wave])}")
    print(f"  Sign in -> first exercise ready, s: alone {alone['usable']:.1f}; "
          f"p50 {statistics.median(usable):.1f} ({statistics.median(usable) / alone['usable']:.2f}x), "
          f"p95 {_percentile(usable, 0.95):.1f} ({_percentile(usable, 0.95) / alone['usable']:.2f}x), "
          f"worst {max(usable):.1f}")  # fmt: skip
    print(f"  Sign in -> every exercise opened, s: alone {alone['every']:.1f}; "
          f"p50 {statistics.median(every):.1f}, worst {max(every):.1f}")  # fmt: skip
    print(f"  PSS per participant after every exercise, MB: alone {alone['pss']:.0f}; "
          f"median {statistics.median(pss):.0f}, largest {max(pss):.0f}")  # fmt: skip
    print(f"  PSS of the hub, its proxy and the culler, MB: {hub_pss:.0f}")
    print(f"  CPU seconds per login, to the first exercise (their server, and the hub's share): "
          f"alone {alone['cpu_login']:.1f}; median {statistics.median(cpu_login):.1f}, "
          f"largest {max(cpu_login):.1f}")  # fmt: skip
    print(f"  CPU seconds per participant to every exercise opened: alone {alone['cpu']:.1f}; "
          f"median {statistics.median(cpu):.1f}, largest {max(cpu):.1f}")  # fmt: skip
    if args.record:
        SIZING.write_text(
            "# Measured by bench/hub_load.py --record: what the Kubernetes config's memory\n"
            "# figures and the README's sizing are checked against (tests/test_deploy.py).\n"
            f'measured = "{date.today()}"\n'
            f"cores = {os.cpu_count()}\nparticipants_at_once = {n}\n"
            f"participant_pss_mb_alone = {alone['pss']:.0f}\n"
            f"participant_pss_mb_median = {statistics.median(pss):.0f}\n"
            f"participant_pss_mb_largest = {max(pss):.0f}\n"
            f"hub_pss_mb = {hub_pss:.0f}\n"
            f"login_seconds_p50 = {statistics.median(usable):.1f}\n"
            f"login_seconds_p95 = {_percentile(usable, 0.95):.1f}\n"
            f"login_seconds_alone = {alone['usable']:.1f}\n"
            f"cpu_seconds_per_login = {statistics.median(cpu_login):.1f}\n"
            f"cpu_seconds_every_exercise = {statistics.median(cpu):.1f}\n",
            encoding="utf-8",
        )
        print(f"  written to {SIZING.relative_to(_hub.ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
