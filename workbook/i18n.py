"""The participant's language: every word the workbook shows goes through ``_`` (gettext), with
the catalogs in ``workbook/locale/<language>/LC_MESSAGES/workbook.po``.

English is the source: the text in the code and in the exercise notebooks is the catalog's key.
Spanish and German are the ``.po`` files, read with Babel and compiled in memory the first time
a language is used, so a change to a ``.po`` file needs no build step. The notebooks stay one
English set: their text cells are looked up in the same catalogs, by the app as it plays them
and when the exercises are copied for JupyterLab (``notebook``).

The language and locale in use are the process's own (one participant's workbook per kernel,
one coach per command); ``workbook.open`` sets them from the profile. Keep the language and the
locale apart: a participant in Zürich may read Spanish and write money as in ``de-CH``.

``python -m workbook._catalogs`` brings the catalogs up to date with the code and the
notebooks; ``tests/test_i18n.py`` fails when a catalog is out of date or incomplete.
"""

from __future__ import annotations

import copy
import gettext
import io
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CATALOGS = HERE / "locale"
DOMAIN = "workbook"
SOURCE = "en"  # the language the code and the notebooks are written in
LANGUAGES = {"en": "English", "es": "Español", "de": "Deutsch"}  # each in its own words

_state = {"language": SOURCE, "locale": "en-US"}
# How a worked example's amount (in US dollars, as the notebooks write it) is said to the
# participant: set with their currency by ``use``.
_money: dict[str, Callable[[float], str]] = {}


def use(
    language: str | None = None,
    locale: str | None = None,
    money: Callable[[float], str] | None = None,
) -> None:
    """Speak ``language`` ('en', 'es', 'de') and write dates and numbers as in ``locale``
    ('de-CH') from now on, in this process; ``money`` says a worked example's amount (US
    dollars) in the participant's currency. An unknown language falls back to English."""
    if language is not None:
        _state["language"] = language if language in LANGUAGES else SOURCE
    if locale:
        _state["locale"] = locale
    if money is not None:
        _money["example"] = money
    elif locale:
        _money.pop("example", None)


def clean(text: object) -> str:
    """A language as stored ('es'), from the code or how the profile offers it ('es · Español');
    '' for none. One the workbook is not written in is refused in words."""
    from ._errors import InputError

    typed = str(text or "").split(" · ")[0].strip()
    if not typed:
        return ""
    for code, name in LANGUAGES.items():
        if typed.lower() in (code, name.lower()):
            return code
    raise InputError(
        _("The workbook is written in {languages}; {typed} is not one of them.").format(
            languages=", ".join(LANGUAGES.values()), typed=repr(typed)
        )
    )


def language() -> str:
    return _state["language"]


def locale() -> str:
    """The locale dates and numbers are written in now, as Babel names it ('de_CH')."""
    return _state["locale"].replace("-", "_")


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of ``language``, compiled from its ``.po`` source (English: none)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = CATALOGS / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == SOURCE or not source.exists():  # English, and a variant without a catalog
        return gettext.NullTranslations()
    with source.open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


# Where English is written the British way ('current account', 'at the till'): the en_GB
# catalog holds only the messages whose words differ; every other one is the source's.
BRITISH = {"GB", "IE", "AU", "NZ", "IN", "ZA", "SG", "HK", "MT", "CY"}
VARIANTS = ("en_GB",)


def _catalog() -> gettext.NullTranslations:
    language = _state["language"]
    if language == SOURCE and _state["locale"].split("-")[-1] in BRITISH:
        return translations("en_GB")
    return translations(language)


def _(message: str) -> str:
    """``message`` in the participant's language (British or American English as they
    write it)."""
    return _catalog().gettext(message)


def ngettext(one: str, many: str, number: float) -> str:
    """The singular or plural of a message, as the participant's language counts."""
    count = int(number) if float(number).is_integer() else 2
    return _catalog().ngettext(one, many, count)


def read_back(message: str, text: str) -> dict[str, str] | None:
    """The fields of ``text`` when it is ``message`` in any language the workbook speaks, as
    written then ('Thank {name} within 48 hours' and 'Thank Ana within 48 hours' give
    {'name': 'Ana'}); None when it is none of them. What a participant saved in one language
    is still understood after they switch."""
    for language in LANGUAGES:
        template = translations(language).gettext(message)
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", re.escape(template))
        found = re.fullmatch(pattern, text)
        if found:
            return found.groupdict()
    return None


def N_(message: str) -> str:  # noqa: N802 - the name gettext's tools look for
    """Marks text kept in a table for ``_`` to translate where it is shown."""
    return message


def NN_(one: str, many: str) -> tuple[str, str]:  # noqa: N802 - as N_, for a plural pair
    """Marks a singular and plural kept in a table, for ``ngettext`` where they are shown."""
    return one, many


def notebook_text(source: str) -> str:
    """A notebook's text cell in the participant's language (the whole cell is one message,
    so its markdown stays whole), a worked example's amounts (written '\\$5,200': US dollars,
    the '$' escaped for markdown) as prices in the participant's currency."""
    key = source.strip()
    return _EXAMPLE_AMOUNT.sub(_example, _(key)) if key else source


_EXAMPLE_AMOUNT = re.compile(r"\\\$(\d[\d,]*\d|\d)")


def _example(found: re.Match[str]) -> str:
    """The amount as markdown: a '$' escaped, so two in a paragraph are never typeset as a
    formula."""
    amount = float(found.group(1).replace(",", ""))
    said = _money.get("example")
    if said is None:
        from .profile import format_money

        said = lambda dollars: format_money(dollars, "USD", locale=_state["locale"])  # noqa: E731
    return said(amount).replace("$", "\\$")


def notebook(cells: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    """An exercise notebook's cells with their text in ``language`` (code cells untouched)."""
    before = _state["language"]
    use(language)
    try:
        translated = copy.deepcopy(cells)
        for cell in translated:
            if cell["cell_type"] == "markdown":
                cell["source"] = notebook_text("".join(cell["source"]))
        return translated
    finally:
        _state["language"] = before
