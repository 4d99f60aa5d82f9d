"""Plotly figures as SVG, drawn by one kaleido browser per process.

The browser starts on first use with one tab and opens one more in the background after the
first charts. Each chart goes to a free tab as soon as it is built, as one call of kaleido's
own page function, so the browser draws while Python builds the next chart and gathers the
plan's text. Kaleido's own calc_fig cost about 45 ms a chart before any drawing and reloads
the tab after every chart; a freshly loaded page draws about half as fast as one that has
drawn before, so tabs stay loaded and are reloaded, in the background, only every
RELOAD_AFTER charts (their memory stays flat in between) or after a failure. MathJax is
switched off: kaleido would otherwise fetch it from a CDN on every page load, and the
workbook makes no network requests.

Drawn charts are kept by content (the figure's JSON and size), so exporting a plan whose
charts have not changed since the last export, or since the preview drew them, draws nothing.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import hashlib
import json
import math
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from typing import Any

from ..plots import CHART_WIDTH

TABS = 2
WIDTH = CHART_WIDTH
RELOAD_AFTER = 300  # charts a tab draws between reloads
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
    asked = fig["layout"].get("height") if isinstance(fig, dict) else fig.layout.height
    return min(max(int(asked or 450), 300), 460)


def figure_json(fig: Any) -> str:
    """A plotly Figure's JSON; for a figure as plain data (``plots.Spec``), the JSON
    ``go.Figure(spec).to_json()`` would give, written without plotly's checks and copies (a
    third of the time a plan's charts took to build): plotly's default template added,
    numeric arrays as plotly.js typed arrays. A test holds the two equal."""
    if not isinstance(fig, dict):
        return fig.to_json()
    plain = _for_json({"data": fig.get("data", []), "layout": fig.get("layout", {})})
    template = _template()
    if template is not None:  # plotly adds none either when no default is set
        plain["layout"].setdefault("template", template)  # plain JSON already
    return json.dumps(plain)


def _template() -> dict[str, Any] | None:
    import plotly.io as pio

    name = pio.templates.default
    if name not in _templates:
        _templates[name] = pio.templates[name].to_plotly_json() if name else None
    return _templates[name]


_templates: dict[str, Any] = {}
# numpy's names for what plotly.js reads as typed arrays, and plotly.js's for them
_TYPED = {"int8": "i1", "uint8": "u1", "int16": "i2", "uint16": "u2", "int32": "i4"}
_TYPED |= {"uint32": "u4", "float32": "f4", "float64": "f8"}
_AS_LISTS = {"geojson", "layer", "layers", "range"}  # arrays plotly writes as lists


def _for_json(value: Any, key: str = "") -> Any:
    """numpy arrays and scalars as plotly writes them: arrays as typed arrays (64-bit
    integers narrowed to the smallest type that holds them), except under _AS_LISTS; NaN
    and infinity as null."""
    import numpy as np

    if isinstance(value, dict):
        return {k: _for_json(v, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_for_json(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None  # as plotly writes NaN and infinity: JSON has neither
    if not isinstance(value, np.ndarray):
        return value
    if key in _AS_LISTS:
        return value.tolist()
    if value.size and value.dtype.kind in "iu" and value.dtype.itemsize == 8:
        low, high = value.min(), value.max()
        for bits in (8, 16, 32):
            narrower = np.dtype(f"{'u' if value.dtype.kind == 'u' else ''}int{bits}")
            if np.iinfo(narrower).min <= low and high <= np.iinfo(narrower).max:
                value = value.astype(narrower)
                break
    if not value.size or value.dtype.name not in _TYPED:
        return value.tolist()
    typed = {"dtype": _TYPED[value.dtype.name], "bdata": base64.b64encode(value).decode()}
    if value.ndim > 1:
        typed["shape"] = str(value.shape)[1:-1]
    return typed


def _key(spec: str, size: tuple[int, int]) -> str:
    return hashlib.sha256(f"{size}\n{spec}".encode()).hexdigest()


def draw(figures: Sequence[Any]) -> list[bytes]:
    """Each figure as SVG bytes, in order. Raises if the browser cannot be started."""
    return drawing(figures)()


def drawing(figures: Iterable[Any]) -> Callable[[], list[bytes]]:
    """Start drawing the figures and return; calling the result waits for the SVGs (as
    ``draw`` gives them, raising what it would raise). Each figure goes to the browser as
    soon as it comes, so a generator's next figure is built while the last one is drawn, and
    the caller can do other work meanwhile: the PDF gathers the plan's text. The browser
    draws in its own processes."""
    keys: list[str] = []
    found: dict[str, bytes] = {}
    pending: dict[str, Future[list[bytes]]] = {}
    for fig in figures:
        spec, size = figure_json(fig), (WIDTH, height(fig))
        key = _key(spec, size)
        keys.append(key)
        with _lock:
            if key in _drawn:
                found[key] = _drawn[key]
        if key not in found and key not in pending:
            pending[key] = _started().submit([(spec, size)])

    def result() -> list[bytes]:
        for key, future in pending.items():
            (found[key],) = future.result(timeout=120)
            with _lock:
                _drawn[key] = found[key]
                _drawn.move_to_end(key)
                while len(_drawn) > KEEP:
                    _drawn.popitem(last=False)
        return [found[key] for key in keys]

    return result


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


# Runs in kaleido's page: its own render function (the one kaleido calls for one chart) for
# each chart sent (``submit`` sends one or several). Each answer is {code, message, result};
# code 0 is a drawn chart.
_DRAW_ALL = """function(specs) {
  return Promise.all(specs.map((s) => kaleido_scopes.plotly(
    {format: "svg", width: s.width, height: s.height, scale: 1, data: JSON.parse(s.fig)}
  ))).then((answers) => answers.map((a) => ({code: a.code, message: a.message, svg: a.result})));
}"""


def _pictures(answer: dict[str, Any], count: int) -> list[bytes]:
    """The SVGs out of the browser's answer, or a RuntimeError saying what went wrong."""
    if "error" in answer:
        raise RuntimeError(f"the chart browser refused the charts: {answer['error']}")
    result = answer.get("result", {})
    if "exceptionDetails" in result:
        details = result["exceptionDetails"]
        text = details.get("exception", {}).get("description") or details.get("text")
        raise RuntimeError(f"the chart page failed: {text}")
    charts = result.get("result", {}).get("value")
    if not isinstance(charts, list) or len(charts) != count:
        raise RuntimeError(f"the chart browser sent back {charts!r:.200} instead of {count} charts")
    failed = [c.get("message") or f"code {c.get('code')}" for c in charts if c.get("code") != 0]
    if failed:
        raise RuntimeError(f"a chart could not be drawn: {failed[0]}")
    return [c["svg"].encode() for c in charts]


class _Browser:
    """A kaleido browser with up to TABS tabs, run on its own event loop in a daemon thread."""

    def __init__(self) -> None:
        import kaleido

        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="chart-browser", daemon=True).start()
        # One tab to start with, so the first charts are not kept waiting while every tab loads
        # plotly.js; the others open in the background once those are drawn.
        self.kaleido = kaleido.Kaleido(n=1, mathjax=False, timeout=60)
        try:
            self._run(self.kaleido.open(), timeout=60)
        except BaseException:
            self.loop.call_soon_threadsafe(self.loop.stop)
            raise
        atexit.register(self.close)
        self.grown = not hasattr(self.kaleido, "_create_kaleido_tab")
        self.drawn_on: dict[Any, int] = {}
        self.background: set[asyncio.Future[Any]] = set()

    def _run(self, coroutine: Any, timeout: float) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def submit(self, jobs: list[tuple[str, tuple[int, int]]]) -> Future[list[bytes]]:
        """Draw the charts on one tab in one call; a Future of their SVGs."""
        specs = [{"fig": spec, "width": w, "height": h} for spec, (w, h) in jobs]

        async def on_a_tab() -> list[bytes]:
            tab = await self.kaleido._get_kaleido_tab()
            healthy = False
            try:
                answer = await tab.tab.send_command(
                    "Runtime.callFunctionOn",
                    params={
                        "functionDeclaration": _DRAW_ALL,
                        "arguments": [{"value": specs}],
                        "returnByValue": True,
                        "awaitPromise": True,
                        "executionContextId": tab._current_js_id,
                    },
                )
                pictures = _pictures(answer, len(specs))
                healthy = True
            finally:
                self._give_back(tab, len(specs), reload=not healthy)
            if not self.grown:  # after the first charts, not during: they share the processors
                self.grown = True
                more = [self.kaleido._create_kaleido_tab() for _ in range(TABS - 1)]
                self._in_background(asyncio.wait_for(_quietly(more), 60))
            return pictures

        return asyncio.run_coroutine_threadsafe(on_a_tab(), self.loop)

    def _give_back(self, tab: Any, charts: int, reload: bool) -> None:
        """The tab back to the queue at once; after a failure, or every RELOAD_AFTER charts,
        it is reloaded first, in the background. Not after every chart as kaleido does: a
        freshly loaded page draws about half as fast as one that has drawn before."""
        self.drawn_on[tab] = self.drawn_on.get(tab, 0) + charts
        if not reload and self.drawn_on[tab] < RELOAD_AFTER:
            self.kaleido.tabs_ready.put_nowait(tab)
            return
        self.drawn_on[tab] = 0

        async def fresh() -> None:
            await tab.reload()
            await self.kaleido.tabs_ready.put(tab)

        self._in_background(fresh())

    def _in_background(self, coroutine: Any) -> None:
        """Run on the browser's loop, holding a reference so the task is not collected."""
        task = asyncio.ensure_future(coroutine)
        self.background.add(task)
        task.add_done_callback(self.background.discard)

    def close(self) -> None:
        try:
            self._run(self.kaleido.close(), timeout=10)
        except Exception:  # noqa: BLE001 - the process is ending; the browser goes with it
            pass
        self.loop.call_soon_threadsafe(self.loop.stop)
