"""Test-run wide settings: notebooks executed by nbval get a demo workbook, never a real one."""

import os
import tempfile
from pathlib import Path


def pytest_configure(config):
    if os.environ.get("WORKBOOK_TEST_KEEP_PATH"):
        return
    import workbook

    folder = Path(tempfile.mkdtemp(prefix="workbook-tests-"))
    wb = workbook.demo(folder)
    os.environ["WORKBOOK_PATH"] = str(wb.path)
    wb.close()
