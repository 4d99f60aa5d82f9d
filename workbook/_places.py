"""Where the workbook keeps its files on the participant's computer: the user data folder
(the workbook, the exercises, the coach's cohort) and the user log folder."""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import platformdirs

APP_NAME = "networking-workbook"


def data_folder() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "workbook.log"


def file_stem(text: str, fallback: str) -> str:
    """Text a person typed, made safe as part of a file name: letters and digits of any
    language, words joined by '-', never a '/', '..' or a leading dot, at most 60 characters.
    'Dana Whitfield' -> 'Dana-Whitfield'; 'AC/DC Ltd.' -> 'AC-DC-Ltd'; '../x' -> 'x'."""
    stem = "-".join(re.findall(r"\w+", unicodedata.normalize("NFC", str(text))))[:60].strip("-_")
    return stem or fallback


@contextlib.contextmanager
def built_whole(path: Path) -> Iterator[Path]:
    """Make a file all or nothing: the block writes to a temporary file beside ``path``, which
    becomes ``path`` when the block ends and is removed when it fails. A run killed part-way
    leaves only the temporary file, which the next run starts again from nothing."""
    temporary = path.with_name(f".{path.name}.partial")
    for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
        leftover.unlink(missing_ok=True)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
