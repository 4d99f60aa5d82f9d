"""Plotly figures as SVG, drawn by one kaleido browser per process.

The browser starts on first use with one tab and opens a few more in the background after the
first charts, so later charts are drawn side by side. Kaleido reloads a tab after every chart; the reload runs after the chart is handed back
instead of before, so the next export does not wait for it. MathJax is switched off: kaleido
would otherwise fetch it from a CDN on every page load, and the workbook makes no network
requests.

Drawn charts are kept by content (the figure's JSON and size), so exporting a plan whose
charts have not changed since the last export, or since the preview drew them, draws nothing.
"""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

TABS = 3
WIDTH = 900
KEEP = 48  # drawn charts remembered, newest first out last

_lock = threading.Lock()
_drawn: OrderedDict[str, bytes] = OrderedDict()
_browser: _Browser | None = None


def browser_path() -> str | None:
    """The Chrome or Chromium kaleido will use ($BROWSER_PATH first), or None."""
    chosen = os.environ.get("BROWSER_PATH")
    if chosen:
        return chosen if os.access(chosen, os.X_OK) else None
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=False)


def height(fig: Any) -> int:
    """A page is about 900 pixels wide; tall charts are kept short enough for three a page."""
    return min(max(int(fig.layout.height or 450), 300), 460)


def _key(spec: str, size: tuple[int, int]) -> str:
    return hashlib.sha256(f"{size}\n{spec}".encode()).hexdigest()


def draw(figures: Sequence[Any]) -> list[bytes]:
    """Each figure as SVG bytes, in order. Raises if the browser cannot be started."""
    specs = [fig.to_json() for fig in figures]
    sizes = [(WIDTH, height(fig)) for fig in figures]
    keys = [_key(spec, size) for spec, size in zip(specs, sizes, strict=True)]
    with _lock:
        known = {key: _drawn[key] for key in keys if key in _drawn}
    todo = {key: (spec, size) for key, spec, size in zip(keys, specs, sizes, strict=True)}
    todo = {key: job for key, job in todo.items() if key not in known}
    if todo:
        drawn = _started().draw(list(todo.values()))
        known.update(zip(todo, drawn, strict=True))
        with _lock:
            for key, svg in zip(todo, drawn, strict=True):
                _drawn[key] = svg
            while len(_drawn) > KEEP:
                _drawn.popitem(last=False)
    return [known[key] for key in keys]


def draw_soon(figures: Sequence[Any]) -> threading.Thread:
    """Draw figures in the background (while the participant reads the preview), so the PDF
    made a moment later finds them drawn. Failures are left for that PDF to report."""

    def quietly() -> None:
        try:
            draw(figures)
        except Exception:  # noqa: BLE001, S110 - to_pdf draws again and says what went wrong
            pass

    thread = threading.Thread(target=quietly, name="chart-predraw", daemon=True)
    thread.start()
    return thread


def _started() -> _Browser:
    global _browser
    with _lock:
        if _browser is None:
            _browser = _Browser()
        return _browser


async def _quietly(coroutines: list[Any]) -> None:
    """Extra tabs are a speed-up only: if one fails to open, charts use the tabs there are."""
    await asyncio.gather(*coroutines, return_exceptions=True)


class _Browser:
    """A kaleido browser with TABS tabs, run on its own event loop in a daemon thread."""

    def __init__(self) -> None:
        import kaleido

        class Kaleido(kaleido.Kaleido):
            async def _return_kaleido_tab(self, tab: Any) -> None:
                # Hand the chart back now; the tab rejoins the queue once it has reloaded.
                async def reload() -> None:
                    await tab.reload()
                    await self.tabs_ready.put(tab)

                task = asyncio.ensure_future(reload())
                self._main_render_coroutines.add(task)
                task.add_done_callback(self._main_render_coroutines.discard)

        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="chart-browser", daemon=True).start()
        # One tab to start with, so the first charts are not kept waiting while every tab loads
        # plotly.js; the others open in the background once those are drawn.
        self.kaleido = Kaleido(n=1, mathjax=False, timeout=60)
        try:
            self._run(self.kaleido.open(), timeout=60)
        except BaseException:
            self.loop.call_soon_threadsafe(self.loop.stop)
            raise
        atexit.register(self.close)
        self.grown = not hasattr(self.kaleido, "_create_kaleido_tab")

    def _run(self, coroutine: Any, timeout: float) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def draw(self, jobs: list[tuple[str, tuple[int, int]]]) -> list[bytes]:
        import json

        async def all_of() -> list[bytes]:
            return await asyncio.gather(
                *(
                    self.kaleido.calc_fig(
                        json.loads(spec), opts={"format": "svg", "width": w, "height": h}
                    )
                    for spec, (w, h) in jobs
                )
            )

        drawn = self._run(all_of(), timeout=120)
        if not self.grown:  # after the first charts, not during: they share the processors
            self.grown = True
            more = [self.kaleido._create_kaleido_tab() for _ in range(TABS - 1)]
            asyncio.run_coroutine_threadsafe(asyncio.wait_for(_quietly(more), 60), self.loop)
        return drawn

    def close(self) -> None:
        try:
            self._run(self.kaleido.close(), timeout=10)
        except Exception:  # noqa: BLE001 - the process is ending; the browser goes with it
            pass
        self.loop.call_soon_threadsafe(self.loop.stop)
