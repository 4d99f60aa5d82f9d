"""Memory of the whole app (every process ``workbook app`` starts: Voilà and its kernels), as
PSS summed over the process tree, against a hello-world Voilà page served the same way.

Measured: idle after start; after opening every exercise in turn in one page and coming back
to the first; after 20 more page visits (reloads, each a new page), once the server has let go
of the pages that were left. Targets: at most 400 MB idle, 600 MB after every exercise, and no
growth with more visits.

    python bench/app_memory.py [--visits 20]
"""

from __future__ import annotations

import argparse
import sys
import time

from _app import browser, cleanup, go_to, hello_world, open_page, pss_mb, scratch, settle, the_app


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=20)
    args = parser.parse_args()
    folder = scratch()
    try:
        with sync_playwright() as p:
            chromium = browser(p)
            with hello_world(folder) as hello:
                settle(hello.process.pid)
                base_idle = pss_mb(hello.process.pid)
                page, _ = open_page(chromium.new_context(), hello.url)
                settle(hello.process.pid)
                base_open = pss_mb(hello.process.pid)
                page.close()
            with the_app(folder) as server:
                pid = server.process.pid
                settle(pid)
                idle = pss_mb(pid)
                context = chromium.new_context()
                page, _ = open_page(context, server.url + "?exercise=0", ".workbook-app")
                for number in [1, 2, 3, 4, 5, 6, 7, 0]:
                    go_to(page, number)
                settle(pid)
                every = pss_mb(pid)
                for _visit in range(args.visits):
                    page.reload()
                    page.locator(".workbook-app").first.wait_for(timeout=120_000)
                    settle(pid, seconds=1.0)
                page.close()
                time.sleep(2)
                settle(pid)
                after = pss_mb(pid)
            chromium.close()
    finally:
        cleanup(folder)
    print("PSS of the whole process tree, MB")
    print(f"  hello-world Voilà: idle {base_idle:.0f}, page open {base_open:.0f}")
    print(f"  app idle:                        {idle:6.0f}  {idle / base_idle:.2f}x  (target 400)")
    print(
        f"  app after every exercise:        {every:6.0f}  {every / base_open:.2f}x  (target 600)"
    )
    print(
        f"  app after {args.visits} more visits, pages left: {after:6.0f}  "
        f"{after / base_open:.2f}x  (growth {after - every:+.0f})"
    )


if __name__ == "__main__":
    sys.exit(main())
