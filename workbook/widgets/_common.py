"""Pieces every exercise form shares: the saved/error line and a guarded save."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import functools
import html
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as w

from .._errors import InputError
from ..i18n import _

WidgetT = TypeVar("WidgetT", bound=w.Widget)


def shared(model: type[w.Widget], **values: Any) -> Any:
    """One ``model(**values)`` for every widget that needs it: a layout or a style of its
    own is one more model the browser builds before it draws the page. Never change a shared
    one: a widget whose layout changes later (shown, hidden, resized) gets its own."""
    return _shared(model, tuple(sorted(values.items())))


@functools.cache
def _shared(model: type[w.Widget], values: tuple[tuple[str, Any], ...]) -> Any:
    return model(**dict(values))


def lean(kind: type[WidgetT], *args: Any, **kwargs: Any) -> WidgetT:
    """``kind(*args, **kwargs)`` with the shared plain layout when none is given, and a shared
    style: the plain one, or one per style dict such as ``{"description_width": "90px"}``."""
    kwargs.setdefault("layout", shared(w.Layout))
    style = kind.class_traits().get("style")
    if style is not None and not isinstance(kwargs.get("style"), w.Widget):
        kwargs["style"] = shared(style.klass, **kwargs.get("style", {}))
    return kind(*args, **kwargs)


def plain_text() -> Any:
    """The style of an HTML widget that keeps the default look."""
    from ipywidgets.widgets.widget_string import HTMLStyle

    return shared(HTMLStyle)


class StatusLine(w.HTML):
    """'Saved' after each edit, or the problem in red, next to what the participant edited."""

    def __init__(self, **kwargs: Any):
        super().__init__(value="", **{"style": plain_text(), "layout": shared(w.Layout), **kwargs})
        self.add_class("workbook-status")
        self.kind = ""

    def saved(self, what: str | None = None) -> None:
        self.kind = "saved"
        what = _("Saved") if what is None else what
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        self.value = (
            f'<span style="color:#1a7f37">✓ {html.escape(what)} <small>{stamp}</small></span>'
        )

    def error(self, message: str) -> None:
        self.kind = "error"
        self.value = f'<span style="color:#b42318" role="alert">⚠ {html.escape(message)}</span>'

    def clear(self) -> None:
        self.kind = ""
        self.value = ""


def save(status: StatusLine, action: Callable[[], Any], what: str | None = None) -> bool:
    """Run one edit; show 'Saved' or the participant's mistake. Bugs still raise."""
    try:
        action()
    except InputError as exc:
        status.error(str(exc))
        return False
    status.saved(what)
    return True


# Seconds between the browser starting to build the page and the heavy parts being added: about
# what drawing a page of forms takes, so they come after it instead of holding it back.
SETTLE_SECONDS = 1.0


def once_the_page_is_up(then: Callable[[], None]) -> None:
    """Run ``then`` now, or in the workshop app just after the browser has drawn the page.

    A plotly chart costs the browser a second or more to draw, and the app shows
    nothing until every widget of the page is drawn. So in the app they are added once the rest
    is on screen: the browser says it has the page's widgets (it builds a link between two
    hidden numbers, copying the 1 into the 0 and sending it back), and what waits for that runs
    SETTLE_SECONDS later, on the kernel's own event loop. One signal serves the whole page.
    """
    from .. import app

    if not app.in_the_app() or _page.up:
        then()
        return
    _page.waiting.append(then)
    if _page.signal is None:
        _page.signal = _page_signal()


class _Page:
    """What waits for the page of this kernel (the app gives each page a kernel of its own)."""

    def __init__(self) -> None:
        self.up = False
        self.waiting: list[Callable[[], None]] = []
        self.signal: tuple[w.Widget, ...] | None = None

    def arrived(self) -> None:
        self.up = True
        waiting, self.waiting = self.waiting, []
        for then in waiting:
            then()


_page = _Page()


def _page_signal() -> tuple[w.Widget, ...]:
    source, target = lean(w.IntText, value=1), lean(w.IntText, value=0)
    link = w.jsdlink((source, "value"), (target, "value"))

    def arrived(_change: dict[str, Any]) -> None:
        target.unobserve(arrived, names="value")
        for part in (link, source, target):
            part.close()
        try:
            asyncio.get_running_loop().call_later(SETTLE_SECONDS, _page.arrived)
        except RuntimeError:  # a kernel without an event loop here: no waiting, then
            _page.arrived()

    target.observe(arrived, names="value")
    return source, target, link


# The style of a label that is read out but not shown: for a field under a column heading that
# already says what it is (a screen reader still names the field).
UNSEEN_LABEL = {"description_width": "0px"}


def width(size: str) -> w.Layout:
    """The shared layout of every widget ``size`` wide (see ``shared``)."""
    return shared(w.Layout, width=size)


def in_words(day: dt.date | None) -> str:
    """A date as a participant writes it: '30 June 2027', 'June 30, 2027', '30. Juni 2027'
    ('' for none); the date fields read each of these back."""
    from .. import words

    return words.day(day, year=True) if day else ""


def date_field(description: str, day: dt.date | None = None, **kwargs: Any) -> w.Text:
    """A date typed in words or numbers ('30 June 2027', '2027-06-30'): what cannot be read
    as a date is refused in words when it is saved, never saved as no date at all."""
    kwargs.setdefault("placeholder", in_words(dt.date.today().replace(day=28)))
    kwargs.setdefault("layout", width("260px"))
    return lean(w.Text, value=in_words(day), description=description, **kwargs)


def aside(text: str) -> str:
    """A line said quietly, in italics: 'Nothing logged yet.' (escaped)."""
    return f"<p><i>{html.escape(text)}</i></p>"


def heading(text: str, level: int = 3) -> w.HTML:
    return lean(w.HTML, f"<h{level} style='margin:0.6em 0 0.2em'>{html.escape(text)}</h{level}>")


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text))


class Follows:
    """A part of a page redrawn (``refresh``) when one of its ``tables`` changes (all of
    them when it names none). ``key``: one listener per key, so a form shown again replaces
    its old copy; forms of one class that show different things need keys of their own."""

    tables: tuple[str, ...] = ()

    def refresh(self) -> None:
        raise NotImplementedError

    def follow(self, wb: Any, key: str = "") -> None:
        self.refresh()
        wb.on_change(self._store_changed, key=key or type(self).__name__)

    def _store_changed(self, table: str) -> None:
        if not self.tables or table in self.tables:
            self.refresh()


class LiveHTML(Follows, w.HTML):
    """An HTML view of the workbook, redrawn when one of ``tables`` changes.

    Subclasses say which tables they follow and build their text in ``refresh``.
    """

    def __init__(self, wb: Any):
        super().__init__(style=plain_text(), layout=shared(w.Layout))
        self.wb = wb
        self.follow(wb)


def download_link(data: bytes, name: str, mime: str, label: str) -> str:
    """A link that saves ``data`` as ``name``: a data: URI, so it works in JupyterLab and in the
    app without serving files."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a download="{html.escape(name)}" href="data:{mime};base64,{encoded}" '
        "style='display:inline-block;margin-right:1em;padding:6px 14px;background:#2e8540;"
        f"color:white;border-radius:3px;text-decoration:none'>⬇ {html.escape(label)}</a>"
    )
