from __future__ import annotations

from pathlib import Path

import pytest

import workbook


@pytest.fixture
def tmp_workbook(tmp_path: Path):
    """A fresh, empty workbook file per test."""
    wb = workbook.open(tmp_path / "participant.sqlite")
    yield wb
    wb.close()


@pytest.fixture
def demo_workbook(tmp_path: Path):
    """A fresh copy of the sample participant's workbook."""
    wb = workbook.demo(tmp_path)
    yield wb
    wb.close()


def browser_edit(grid, row: int, column: str, value) -> None:
    """Deliver a cell edit to a DataGrid exactly as the browser sends it over the comm."""
    message = {
        "event_type": "cell-changed",
        "row": row,
        "column_index": grid._column_name_to_index(column),
        "value": value,
    }
    grid._DataGrid__handle_custom_msg(None, message, None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Mark a failed test on its node, so a browser fixture can save a screenshot."""
    outcome = yield
    if outcome.get_result().failed:
        item.failed = True
