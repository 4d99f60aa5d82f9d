"""How soon the workshop app is usable, against a hello-world Voilà page served the same way.

Three measurements, each on a fresh demo workbook, in a headless chromium (/usr/bin/chromium,
driven by playwright):

- **start**: from running ``workbook app`` to the exercise list on screen, with the page asked
  for as soon as the server answers (what a participant does when the browser opens), against
  the same for hello-world;
- **first paint**: opening the app at an exercise (``/?exercise=N``) against opening
  hello-world, each after the warm kernel for the next page is ready, median of ``--runs``;
  target: at most 1.3x;
- **opened at once after start**: an exercise asked for the moment the server answers, while
  everything is still warming (target: usable within 5 s more than the list), and **switch**:
  moving to an exercise opened before in the same page (target: at most 1 s).

    python bench/app_first_paint.py [--runs N] [NUMBER ...]   (default: every exercise)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import _app


def _after_start(start_server, url_tail: str, ready, folder) -> float:  # noqa: ANN001
    """Seconds from running the server to ``ready(page)`` returning, the page asked for as soon
    as the server answers."""
    from playwright.sync_api import sync_playwright

    with start_server(folder) as server, sync_playwright() as p:
        browser = _app.browser(p)
        page = browser.new_page()
        page.goto(server.url.rstrip("/") + url_tail, timeout=120_000)
        ready(page)
        seconds = time.monotonic() - server.started
        browser.close()
    return seconds


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("numbers", nargs="*", type=int, help="exercises such as 1 5")
    args = parser.parse_args()
    numbers = args.numbers or list(range(8))
    folder = _app.scratch()
    hello_ready = lambda page: page.get_by_text("Hello").wait_for(timeout=120_000)  # noqa: E731
    try:
        start_hello = _after_start(_app.hello_world, "/", hello_ready, folder / "h0")
        start_list = _after_start(
            _app.the_app, "/", lambda page: page.locator(".workbook-home").wait_for(
                timeout=120_000), folder / "a0"
        )  # fmt: skip
        at_once = {
            n: _after_start(_app.the_app, f"/?exercise={n}",
                            lambda page, n=n: _app.shown(page, n, 120), folder / f"a{n + 1}")
            for n in (1, 5)
        }  # fmt: skip

        times: dict[str, list[float]] = {"hello": [], **{str(n): [] for n in numbers}}
        switches: list[float] = []
        with (
            _app.hello_world(folder / "h") as hello,
            _app.the_app(folder / "a") as the_app,
            sync_playwright() as p,
        ):
            browser = _app.browser(p)
            for _ in range(args.runs):
                # Round by round, hello-world first in each, each after its server has a warm
                # kernel again (as for a participant opening a page a few seconds after the
                # previous one): each page timed under the same conditions as the baseline.
                for name in times:
                    server = hello if name == "hello" else the_app
                    _app.settle(server.process.pid)
                    context = browser.new_context()
                    if name == "hello":
                        page = context.new_page()
                        start = time.perf_counter()
                        page.goto(server.url, timeout=120_000)
                        hello_ready(page)
                    else:
                        page = context.new_page()
                        start = time.perf_counter()
                        page.goto(f"{server.url}?exercise={name}", timeout=120_000)
                        _app.shown(page, int(name), 120)
                    times[name].append(time.perf_counter() - start)
                    if name != "hello":
                        # Another exercise, then back: the second visit is a switch.
                        other = (int(name) + 1) % 8
                        _app.go_to(page, other, 120)
                        switches.append(_app.go_to(page, int(name), 60))
                    context.close()
            browser.close()
    finally:
        _app.cleanup(folder)

    print("from `workbook app` to usable, the page asked for as soon as the server answers")
    print(f"  hello-world page:     {start_hello:5.1f} s")
    print(f"  the exercise list:    {start_list:5.1f} s  {start_list / start_hello:.2f}x")
    for n, seconds in at_once.items():
        print(
            f"  exercise {n} at once:   {seconds:5.1f} s  ({seconds - start_list:+.1f} s after the "
            "list; target: at most +5 s)"
        )
    base = statistics.median(times.pop("hello"))
    print(f"first paint, median of {args.runs}, warm kernel")
    print(f"  hello-world: {base:.2f} s")
    results = {name: statistics.median(seconds) for name, seconds in times.items()}
    for name, seconds in results.items():
        print(f"  exercise {name}: {seconds:.2f} s  {seconds / base:.2f}x")
    worst = max(results.values())
    print(f"worst: {worst / base:.2f}x (target: at most 1.3x)")
    print(
        f"switch to an exercise opened before: median {statistics.median(switches):.2f} s, "
        f"worst {max(switches):.2f} s (target: at most 1 s)"
    )


if __name__ == "__main__":
    sys.exit(main())
