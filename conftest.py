"""Test-run wide settings: notebooks executed by nbval get a demo workbook (and the coach's
dashboard a demo cohort), never a real one."""

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
    from workbook import cohort

    os.environ["COHORT_DIR"] = str(cohort.demo(folder / "cohort"))


try:
    from hypothesis import settings

    # Shared CI machines are noisy: judge properties, not per-example timings.
    settings.register_profile("workbook", deadline=None, max_examples=150)
    settings.load_profile("workbook")
except ImportError:  # hypothesis comes with the test extra
    pass
