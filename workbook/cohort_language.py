"""The cohort's language: the coach's dashboard and every file made for the cohort (the report,
the introductions, the badges, the cards, the room list, the CSV headings) are in it, whatever
each participant reads their own workbook in. Kept in the cohort's folder, ``cohort.toml``;
without one, the coach's own language (the computer's).

The command line, before a cohort or a workbook is named, speaks the computer's language
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``, as gettext reads them).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import i18n, locales
from ._errors import InputError
from ._places import data_folder
from .i18n import _

FILE_NAME = "cohort.toml"


@dataclass(frozen=True)
class Language:
    language: str
    locale: str

    def in_words(self) -> str:
        return _("The cohort's files are in {language}, written as in {locale}.").format(
            language=i18n.LANGUAGES[self.language], locale=locales.name(self.locale)
        )


def default_folder() -> Path:
    """The coach's cohort: $COHORT_DIR, else a 'cohort' folder in the user data folder."""
    env = os.environ.get("COHORT_DIR")
    if env:
        return Path(env).expanduser()
    return data_folder() / "cohort"


def chosen(folder: str | os.PathLike[str], otherwise: str) -> str:
    """The language chosen for the cohort in ``folder``; ``otherwise`` when none is (or its
    choice cannot be read: the dashboard says why)."""
    if not (Path(folder) / FILE_NAME).is_file():
        return otherwise
    try:
        return read(folder).language
    except InputError:
        return otherwise


def system() -> Language:
    """The computer's language, as gettext finds it, when the workbook speaks it; else English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        found = os.environ.get(variable, "")
        for tag in found.split(":"):
            tag = tag.split(".")[0].split("@")[0]
            language = tag.split("_")[0].lower()
            if language in i18n.LANGUAGES:
                try:
                    locale = locales.clean(tag) if "_" in tag else ""
                except InputError:  # a country CLDR does not know: the language's usual one
                    locale = ""
                return Language(language, locale or locales.suggest(language=language))
        if found:  # the first one set decides, as gettext has it
            break
    return Language(i18n.SOURCE, locales.DEFAULT)


def read(folder: str | os.PathLike[str]) -> Language:
    """The cohort's language, or the computer's when the coach has not chosen one."""
    path = Path(folder) / FILE_NAME
    if not path.is_file():
        return system()
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
        language = i18n.clean(values["language"])
        locale = locales.clean(values.get("locale", "")) or locales.suggest(language=language)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, InputError) as exc:
        raise InputError(
            _("{path} cannot be read ({why}). Choose the language again with: "
              "workbook cohort language FOLDER de").format(path=path, why=exc)
        ) from None  # fmt: skip
    return Language(language, locale)


def save(folder: str | os.PathLike[str], language: str, locale: str = "") -> Language:
    """Choose the cohort's language (and the locale its dates and amounts are written in)."""
    code = i18n.clean(language)
    if not code:
        raise InputError(_("Choose a language: {languages}.").format(
            languages=", ".join(i18n.LANGUAGES.values())))  # fmt: skip
    written = locales.clean(locale) or locales.suggest(language=code)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILE_NAME).write_text(
        "# The language of this cohort's dashboard and files "
        "(workbook cohort language changes it).\n"
        f'language = "{code}"\nlocale = "{written}"\n',
        encoding="utf-8",
    )
    return Language(code, written)


def speak_system() -> Language:
    """Speak the computer's language from now on (in this process)."""
    chosen = system()
    i18n.use(chosen.language, chosen.locale)
    return chosen


def speak(folder: str | os.PathLike[str]) -> Language:
    """Speak the cohort's language from now on (in this process), and say which it is."""
    chosen = read(folder) if Path(folder).is_dir() else system()
    i18n.use(chosen.language, chosen.locale)
    return chosen
