"""Keeping the catalogs up to date: Babel extracts every message of the code and of the
exercise notebooks' text cells, and each language's ``.po`` file gets the new ones untranslated
and loses the ones no longer used.

    python -m workbook._catalogs
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from .i18n import CATALOGS, DOMAIN, HERE, LANGUAGES, SOURCE, VARIANTS, translations

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "NN_": (1, 2)}
PROJECT = "Networking Workbook"


def extract_notebook(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:  # noqa: ANN001, ARG001
    """Babel's extraction method for an exercise notebook: each text cell is one message."""
    cells = json.loads(fileobj.read().decode("utf-8"))["cells"]
    for number, cell in enumerate(cells, start=1):
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"]).strip()
            if text:
                yield number, "_", text, []


def extracted() -> Catalog:
    """Every message of the code and the notebooks, as Babel extracts them."""
    catalog = Catalog(domain=DOMAIN, project=PROJECT, charset="utf-8")
    sources = [
        (HERE, [("**/_catalogs.py", "ignore"), ("**.py", "python")]),
        (HERE.parent / "notebooks", [("**.ipynb", "workbook._catalogs:extract_notebook")]),
        (HERE.parent / "deploy", [("**.py", "python")]),  # the workshop server's scripts
    ]
    for folder, methods in sources:
        if not folder.is_dir():
            continue
        for filename, line, message, comments, context in extract_from_dir(
            str(folder), methods, keywords=KEYWORDS
        ):
            where = f"{folder.name}/{filename}"
            catalog.add(message, None, [(where, line)], auto_comments=comments, context=context)
    return catalog


def path(language: str):  # noqa: ANN201 - a Path
    return CATALOGS / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(language: str) -> Catalog:
    with path(language).open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


def translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def update() -> dict[str, tuple[int, int]]:
    """Each catalog brought up to date. Returns, per language, how many messages it has and
    how many are still untranslated."""
    template = extracted()
    counts = {}
    for language in LANGUAGES:
        if language == SOURCE:
            continue
        target = path(language)
        target.parent.mkdir(parents=True, exist_ok=True)
        catalog = read(language) if target.exists() else Catalog(locale=language, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        _header(catalog, language)
        with target.open("wb") as po:
            write_po(po, catalog, width=100, sort_output=False)
        counts[language] = (
            sum(1 for m in catalog if m.id),
            sum(1 for m in catalog if m.id and not translated(m)),
        )
    for variant in VARIANTS:  # only the messages whose words differ: none added, stale dropped
        catalog = read(variant)
        for message in [m for m in catalog if m.id and m.id not in template]:
            del catalog[message.id]
        _header(catalog, variant)
        with path(variant).open("wb") as po:
            write_po(po, catalog, width=100, sort_output=False)
    translations.cache_clear()
    return counts


def _header(catalog: Catalog, language: str) -> None:
    catalog.project = PROJECT
    catalog.version = ""
    catalog.copyright_holder = PROJECT
    catalog.msgid_bugs_address = ""
    catalog.last_translator = ""
    name = LANGUAGES.get(language, "British English")
    catalog.language_team = name
    catalog.fuzzy = False
    catalog.header_comment = f"# The Networking Workbook in {name}."
    if language in VARIANTS:
        catalog.header_comment += (
            "\n# Only the messages whose words differ; every other one is the source's."
        )


def main(argv: Any = None) -> int:  # noqa: ARG001
    for language, (total, missing) in update().items():
        print(f"{language}: {total} messages, {missing} not translated yet")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
