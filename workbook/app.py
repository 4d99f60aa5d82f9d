"""The workshop app: the exercises as one page served by Voilà, code hidden, on this machine only.

``workbook app`` runs Voilà on 127.0.0.1 on one small notebook of this package (``APP``). Its
kernel plays the exercise notebooks (the one source of the coaching text and of the widgets'
order, as in JupyterLab): each exercise's text and forms, built the first time it is opened and
kept, with the exercise list at the top of every page. So one kernel serves every exercise of
a page, and moving between exercises opened before is instant.

One kernel is kept warm for the next page opened (started, everything imported, waiting for
the page to be asked for: then it opens the workbook, so what it shows is never stale). A
kernel whose page was closed is shut down when the page says so, and otherwise (a lid shut, a
dropped connection) once it has been idle for a few minutes without a page: the server pings
each page every 30 s and lets go of one that stops answering.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .i18n import _

TEMPLATES = Path(__file__).resolve().parent / "app_templates"
TEMPLATE = "workbook"
APP = TEMPLATES / "app.ipynb"  # the page: warm up, then show the exercises
# A kernel without a page, idle this long, is shut down (one with a page open never is).
IDLE_KERNEL_SECONDS = 180

_in_the_app = False
# The width of the participant's screen, in CSS pixels, as the page reports it (0: not yet).
_page_width = 0
_width_listeners: list[Callable[[], None]] = []
NARROW_PX = 700  # below this, a phone: charts are drawn for the width they have


def voila_options() -> list[str]:
    """What the app asks of Voilà, standalone (``workbook app``) or in a workshop server."""
    return [
        f"--VoilaConfiguration.template={TEMPLATE}",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.strip_sources=True",
    ]


def kernel_culling() -> list[str]:
    """Shut down kernels whose page is gone; never one whose page is open, busy or not."""
    return [
        "--MappingKernelManager.cull_interval=30",
        f"--MappingKernelManager.cull_idle_timeout={IDLE_KERNEL_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
        "--MappingKernelManager.cull_busy=False",
    ]


def page_words() -> dict[str, str]:
    """The page's own words in the language spoken now: the tab's title, the line shown while
    the page is made, the mark of an exercise done. The template says them from the first
    visit (``command``); the page keeps them for the next one, in case the participant
    switched language since."""
    from . import i18n

    return {"lang": i18n.language(), "title": _("Networking Workbook"),
            "opening": _("Opening your workbook…"), "done": _("(done)").strip("()")}  # fmt: skip


def command(
    port: int | None = None, *, preheat: bool = True, words: dict[str, str] | None = None
) -> list[str]:
    """The Voilà command line for the app; ``words``: the page's own words (``page_words``)
    for its template."""
    line = [
        sys.executable,
        "-m",
        "voila",
        str(APP),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        *voila_options(),
        *kernel_culling(),
    ]
    if preheat:
        line += ["--preheat_kernel=True", "--pool_size=1"]
    if port:
        line.append(f"--port={port}")
    if words:
        resources = json.dumps({"workbook_words": words}, ensure_ascii=False)
        line.append(f"--VoilaConfiguration.resources={resources}")
    return line


def environment(workbook_path: Path, notebooks: Path | None = None) -> dict[str, str]:
    """The app's environment: the participant's workbook, the exercises, and our template on
    Jupyter's path."""
    from .sample import notebooks_dir

    paths = [str(TEMPLATES), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    return {
        **os.environ,
        "WORKBOOK_PATH": str(workbook_path),
        "WORKBOOK_NOTEBOOKS": str(notebooks or notebooks_dir()),
        "JUPYTER_PATH": os.pathsep.join(paths),
    }


def run(workbook_path: Path, port: int | None) -> int:
    print(_("Your workbook: {path}").format(path=workbook_path))
    print(
        _(
            "The app runs on this computer only. Open the http://127.0.0.1 address printed "
            "below; stop it with Ctrl+C."
        ),
        flush=True,
    )
    # The participant's language, spoken since their workbook was opened to check it.
    line, env = command(port, words=page_words()), environment(workbook_path)
    if os.name == "posix":
        # Voilà takes this process's place: what this one imported to check the workbook
        # (pandas and the rest, some 60 MB) is not kept beside the app all day.
        os.execve(line[0], line, env)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        return subprocess.call(line, env=env)
    except KeyboardInterrupt:
        return 0


# -- in the app's kernel -----------------------------------------------------------------


def in_the_app() -> bool:
    """Whether this kernel is showing the app's page (rather than a notebook in JupyterLab)."""
    return _in_the_app


def narrow() -> bool:
    """Whether the app's page is on a screen as narrow as a phone's."""
    return 0 < _page_width < NARROW_PX


def chart_width() -> int:
    """How wide to draw a chart: the page's width on a phone, else the plan's width."""
    from .plots import CHART_WIDTH

    return max(300, _page_width - 28) if narrow() else CHART_WIDTH


def page_width_is(pixels: int) -> None:
    """The page says how wide it is (again after a turn of the phone): what is drawn for a
    width is drawn again when it goes from narrow to wide or back."""
    global _page_width
    was = narrow()
    _page_width = int(pixels)
    if narrow() != was:
        for listener in list(_width_listeners):
            listener()


def on_width_change(listener: Callable[[], None]) -> None:
    _width_listeners.append(listener)


def warm() -> None:
    """Before the page is asked for: import what every exercise uses, then (in a kernel kept
    warm for the next page) wait here until a participant opens the page."""
    from . import widgets  # noqa: F401 - the forms, the charts, pandas, plotly
    from .widgets import app_page  # noqa: F401

    # While nobody is looking: one full collection now, and what the imports made (a large,
    # lasting heap) left out of later ones. Otherwise the first collection that comes along
    # after the page is opened walks all of it, and the participant waits for that.
    gc.collect()
    gc.freeze()
    if os.environ.get("VOILA_PREHEAT", "False") != "False":
        from voila.utils import wait_for_request

        wait_for_request()


def page() -> Any:
    """The app's page for the workbook of $WORKBOOK_PATH, at the exercise the address asks
    for (``?exercise=3``), or at the exercise list."""
    global _in_the_app
    from urllib.parse import parse_qs

    from ._workbook import open as open_workbook
    from ._workbook import share
    from .sample import notebooks_dir
    from .widgets.app_page import AppPage

    _in_the_app = True
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    wanted = (query.get("exercise") or [""])[0]
    folder = Path(os.environ.get("WORKBOOK_NOTEBOOKS") or notebooks_dir())
    wb = open_workbook()
    share(wb)
    return AppPage(wb, folder, int(wanted) if wanted.isdigit() else None)
