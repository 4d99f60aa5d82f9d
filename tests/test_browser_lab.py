"""A participant in JupyterLab, in a real browser: fill in the profile and a money trail of ten
businesses with mouse and keyboard, restart the kernel, and find everything still there.

Drives Debian's chromium (/usr/bin/chromium) with Python playwright; `.ci/run` installs both.
"""

from __future__ import annotations

import re

import pytest

from conftest import chromium_page, db_rows, needs_chromium, wait_for

pytestmark = needs_chromium


@pytest.fixture
def page(request):
    with chromium_page(request, viewport={"width": 1400, "height": 1000}) as page:
        yield page


def _open_and_run(page, base: str, token: str, notebook: str) -> None:
    page.goto(f"{base}/lab/tree/{notebook}?reset&token={token}")  # reset: only this tab
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    # The notebook on show (tabs opened before stay in the page, hidden).
    prompts = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt")
    for _attempt in range(4):  # a click while the kernel is still connecting runs too little
        page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=60_000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        if wait_for(lambda: re.search(r"\[[0-9]+\]", prompts.last.inner_text()), 30):
            return
    raise AssertionError(f"Run All did nothing in {notebook}")


def test_profile_and_ten_businesses_survive_a_kernel_restart(lab_server, page):
    base, token, path = lab_server.base, lab_server.token, lab_server.workbook

    _open_and_run(page, base, token, "00_start_here.ipynb")
    name = page.get_by_placeholder("Dana Whitfield")
    name.click()
    name.press_sequentially("Zoë Łukasz")  # key by key into the field (never to JupyterLab)
    page.get_by_placeholder("Whitfield Homes").fill("Łukasz Lawn & Garden")
    page.keyboard.press("Tab")  # on to the next field, as a participant does

    def profile() -> list[tuple]:
        return db_rows(path, "SELECT name, business FROM profile")

    assert wait_for(
        lambda: profile() == [("Zoë Łukasz", "Łukasz Lawn & Garden")],
        timeout=60,  # a kernel that shares the machine with the rest of the suite
    ), profile()
    assert page.get_by_text("✓ Saved").first.is_visible()

    _open_and_run(page, base, token, "01_money_trail.ipynb")
    page.get_by_role("button", name="Add business").wait_for(timeout=60_000)
    for i in range(10):
        page.get_by_placeholder("Blue Ridge Hair Studio").fill(f"Shop {i}")
        page.get_by_placeholder("Hair stylist").fill("Florist" if i % 2 else "Barber")
        page.get_by_placeholder("65").fill(str(20 + i))
        page.get_by_placeholder("10", exact=True).fill("12")
        page.get_by_placeholder("5", exact=True).fill("3")
        page.get_by_role("button", name="Add business").click()
        assert wait_for(lambda i=i: db_rows(path, "SELECT count(*) FROM businesses")[0][0] == i + 1)
        # The form empties itself for the next business.
        assert wait_for(
            lambda: page.get_by_placeholder("Blue Ridge Hair Studio").input_value() == ""
        )
    page.get_by_text("10 businesses").wait_for()

    # An invalid form entry gets a message next to the table and is not saved.
    page.get_by_placeholder("Blue Ridge Hair Studio").fill("Vet")
    page.get_by_placeholder("65").fill("-40")
    page.get_by_placeholder("10", exact=True).fill("2")
    page.get_by_role("button", name="Add business").click()
    page.get_by_text("Amount cannot be negative").wait_for()
    assert db_rows(path, "SELECT count(*) FROM businesses")[0][0] == 10

    # A row changed in place: Shop 9 is the top row (largest lifetime spend).
    row = page.locator(".workbook-row", has_text="Shop 9").first
    row.get_by_role("button", name="Change").click()
    amount = row.get_by_label("Amount")
    amount.fill("100")
    amount.press("Tab")
    assert wait_for(
        lambda: db_rows(path, "SELECT amount FROM businesses WHERE name = 'Shop 9'") == [(100.0,)]
    )

    # Both charts are drawn.
    assert wait_for(lambda: page.locator(".js-plotly-plot").count() >= 2)

    # Plan an ask and see it in the tracker with its talking points in the builder.
    page.get_by_text("Hand out your coupon at the register").click()
    page.get_by_text("about $3,600 spent").first.wait_for()
    page.get_by_role("button", name="Plan these asks").click()
    assert wait_for(
        lambda: db_rows(path, "SELECT kind, status FROM asks") == [("coupon", "planned")]
    )

    # Restart the kernel and run everything again: what was saved is shown again.
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.get_by_text("Restart Kernel and Run All Cells…").click()
    page.get_by_role("button", name="Confirm Kernel Restart").click()
    page.get_by_text("10 businesses").wait_for(timeout=60_000)
    page.get_by_text("$11,376 invested in all").wait_for()  # 100·12·3 + (20+…+28)·12·3
    assert page.get_by_text("Hand out your coupon at the register").count() >= 2
    assert db_rows(path, "SELECT name FROM profile") == [("Zoë Łukasz",)]
