"""Where the workbook keeps its files on the participant's computer: the user data folder
(the workbook, the exercises, the coach's cohort) and the user log folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "networking-workbook"


def data_folder() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "workbook.log"
