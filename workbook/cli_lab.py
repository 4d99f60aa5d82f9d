"""``workbook start`` and ``workbook demo``: JupyterLab on a copy of the exercises (their text
in the participant's language), with the participant's workbook, offline."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from . import cohort_language, i18n
from ._places import data_folder
from ._workbook import open  # noqa: A004 - the workbook's own verb
from .i18n import _
from .sample import notebooks_dir


def _working_notebooks(language: str = i18n.SOURCE) -> Path:
    """A copy of the exercise notebooks the participant can run and save freely, their text
    in the participant's language (the coach's dashboard in their cohort's, when chosen).

    The notebooks hold no data (everything lives in the workbook file), so each start copies
    the current ones over the previous copy.
    """
    target = data_folder() / "notebooks"
    shutil.copytree(
        notebooks_dir(),
        target,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(".ipynb_checkpoints"),
    )
    coach = cohort_language.chosen(cohort_language.default_folder(), language)
    for copy in target.rglob("*.ipynb"):
        if ".ipynb_checkpoints" in copy.parts:
            continue
        notebook = json.loads(copy.read_text(encoding="utf-8"))
        speaks = coach if "coach" in copy.relative_to(target).parts else language
        notebook["cells"] = i18n.notebook(notebook["cells"], speaks)
        copy.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


# JupyterLab settings for the workbook's own JupyterLab: start the notebook's kernel without
# asking, and never offer to fetch news or look for updates (the workbook stays offline).
_LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def _lab_settings() -> Path:
    folder = data_folder() / "lab-settings"
    for name, values in _LAB_SETTINGS.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, indent=2), encoding="utf-8")
    return folder


def _has_browser() -> bool:
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_lab(workbook_path: Path, port: int | None, no_browser: bool) -> int:
    with open(workbook_path) as wb:
        speaks = wb.profile().speaks
    notebooks = _working_notebooks(speaks)
    env = {**os.environ, "WORKBOOK_PATH": str(workbook_path)}
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={notebooks}",
        "--ServerApp.ip=127.0.0.1",
        # The workbook stays offline: no extension look-ups on PyPI, no news or update checks.
        "--LabApp.extension_manager=readonly",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.user_settings_dir={_lab_settings()}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # workshop machines and containers often run as root
    if port:
        command.append(f"--port={port}")
    if no_browser or not _has_browser():
        command.append("--no-browser")
        print(_("No web browser here: open the http://127.0.0.1 address printed below in one."))
    print(_("Your workbook: {path}").format(path=workbook_path))
    print(_("Exercises: {path}").format(path=notebooks))
    print(_("Start with 00_start_here. Stop with Ctrl+C."), flush=True)
    # Stopped by the system (logout, a coach's script): end as tidily as with Ctrl+C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0
