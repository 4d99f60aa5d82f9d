"""Exercise 2, preferred clients: the five professions that already serve your best clients.

The catalog (``catalog/professions.toml``) maps about 40 client markets to the professions that
serve them, and about 150 professions to the words that give them away in a job title or a
business name. ``professions.<language>.toml`` gives each profession its name and words in that
language: a profession is recognised in any of them ('Steuerberater' is an accountant), and
named in the participant's.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import cache
from pathlib import Path

import pandas as pd

from . import i18n
from ._errors import InputError
from .i18n import N_, _

TARGET_COUNT = 5

# What to ask a good client, to find out who else serves them.
QUESTIONS = [
    N_("When something needs doing at home or at work, who else do you call?"),
    N_("Which professionals have you trusted for years, and why them?"),
    N_("Who did you hire in the last year that you would hire again tomorrow?"),
    N_("Before you came to me, who did you talk to about it?"),
    N_("Whose card is on your fridge?"),
]

_CATALOG = Path(__file__).resolve().parent / "catalog" / "professions.toml"


@cache
def catalog() -> dict:
    with _CATALOG.open("rb") as handle:
        return tomllib.load(handle)


@cache
def _in_language(language: str) -> dict:
    """The catalog's names and words in ``language`` ({} for English, the catalog's own)."""
    path = _CATALOG.with_name(f"professions.{language}.toml")
    if language == i18n.SOURCE or not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def profession_name(profession: str) -> str:
    """A catalog profession (its English name) as the participant reads it: 'Accountant' is
    'Steuerberater' in German. A profession not in the catalog stays as it is."""
    names = _in_language(i18n.language()).get("professions", {}).get(profession)
    return names[0] if names else profession


def professions() -> list[str]:
    """Every profession in the catalog, named in the participant's language, alphabetical."""
    return sorted((profession_name(p) for p in catalog()["professions"]), key=str.casefold)


def markets() -> dict[str, str]:
    """Client-market tag -> label in the participant's language: 'retirees' -> 'Retirees',
    'Jubilados', 'Menschen im Ruhestand'."""
    labels = _in_language(i18n.language()).get("markets", {})
    return {tag: labels.get(tag, market["label"]) for tag, market in catalog()["markets"].items()}


@cache
def _synonyms() -> tuple[re.Pattern[str], dict[str, str]]:
    """One whole-word pattern for every synonym (longest first) and synonym -> profession."""
    # A profession's own name is never another's synonym: 'tailor' is Tailor, whatever else.
    profession_of = {profession.lower(): profession for profession in catalog()["professions"]}
    named = {language: _in_language(language).get("professions", {}) for language in i18n.LANGUAGES}
    for names in named.values():  # each profession's own name in each language comes first
        for profession, words in names.items():
            profession_of.setdefault(words[0].lower(), profession)
    for profession, words in catalog()["professions"].items():
        for word in words:
            profession_of.setdefault(word.lower(), profession)
    for names in named.values():
        for profession, words in names.items():
            for word in words[1:]:
                profession_of.setdefault(word.lower(), profession)
    words = sorted(profession_of, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
    return pattern, profession_of


# Words that name a trade only loosely: they decide only when nothing more specific is said
# ('Roofing Contractor' is a roofer, 'Painter & Decorator' a painter, 'Real Estate Appraiser'
# an appraiser, 'Gutter Cleaning' a gutter cleaner).
_WEAK = frozenset(
    "contractor construction cleaning cleaner cleaners decorator decorating insurance events "
    "moving legal school academy college bank market kitchen grill electric hearing staging "
    "nursery gallery coffee cake salon spa grounds garage lodge inn".split()
) | {"real estate"}
# Names that hold a trade's word and are not that trade.
_NOT_A_TRADE = re.compile(r"\b(?:general electric|market research|army vet(?:eran)?)\b")


@cache
def _guess(haystack: str) -> str:
    pattern, profession_of = _synonyms()
    found = [m.group(0) for m in pattern.finditer(_NOT_A_TRADE.sub(" ", haystack))]
    strong = [word for word in found if word not in _WEAK] or found
    # The longest match names the profession best: 'commercial real estate' over 'real estate'.
    return profession_of[max(strong, key=len)] if strong else ""


def guess_profession(*texts: str) -> str:
    """The catalog profession a job title or business name points to, or '' if none does.

    >>> guess_profession("Senior Loan Officer", "First Mountain Bank")
    'Banker'
    """
    return _guess(" ".join(t for t in texts if t).lower().strip())


def same_profession(a: str, b: str) -> bool:
    """True when two professions are the same catalog entry ('Realtor' and 'Real-estate agent')."""
    if not a or not b:
        return False
    if a.strip().lower() == b.strip().lower():
        return True
    return (guess_profession(a) or a.lower()) == (guess_profession(b) or b.lower())


def suggest(tags: list[str], own_profession: str = "", limit: int = 15) -> list[str]:
    """Professions that serve the chosen client markets, most-shared first, not your own."""
    counts: Counter[str] = Counter()
    for tag in tags:
        market = catalog()["markets"].get(tag)
        if market:
            counts.update(market["professions"])
    ranked = sorted(counts, key=lambda p: (-counts[p], p))
    mine = [p for p in ranked if not same_profession(p, own_profession)][:limit]
    return [profession_name(p) for p in mine]


class CountsAsAnother(InputError):
    """A profession the catalog takes for one already among the five: said, and the
    participant may keep both."""

    def __init__(self, profession: str, counts_as: str):
        super().__init__(
            _("{profession} counts as {counts_as} here; keep both?").format(
                profession=profession, counts_as=counts_as
            )
        )
        self.profession, self.counts_as = profession, counts_as


def clean_target(
    profession: str, current: list[str], own_profession: str, keep_both: bool = False
) -> str:
    """Check one more target profession against the rules of the exercise. A profession the
    catalog counts as one already chosen raises CountsAsAnother unless ``keep_both``."""
    name = " ".join(str(profession or "").split())
    if not name:
        raise InputError(_("Type or pick a profession first."))
    if same_profession(name, own_profession):
        raise InputError(
            _(
                "{name} is your own profession: pick professions that serve the same clients as "
                "you, not ones that compete with you."
            ).format(name=name)
        )
    if any(name.lower() == other.strip().lower() for other in current):
        raise InputError(_("{name} is already one of your five.").format(name=name))
    if len(current) >= TARGET_COUNT:
        raise InputError(
            _("You have your {n} already: remove one to add {name}.").format(
                n=TARGET_COUNT, name=name
            )
        )
    alike = next((other for other in current if same_profession(name, other)), None)
    if alike is not None and not keep_both:
        raise CountsAsAnother(name, alike)
    return name


def name_tag_words(profession: str) -> list[str]:
    """Words to look for on name tags and cards at the next event, for one profession, in the
    participant's language."""
    key = profession if profession in catalog()["professions"] else guess_profession(profession)
    named = _in_language(i18n.language()).get("professions", {}).get(key)
    if named:
        first, words = named[0].lower(), [w.lower() for w in named[1:]]
    else:
        first, words = profession.lower(), catalog()["professions"].get(key, [])
    return [first, *[w for w in words if w != first]][:6]


def with_professions(contacts: pd.DataFrame) -> pd.DataFrame:
    """Contacts with ``known_as``: their profession tag, or one guessed from position and
    company, and ``guessed`` (True when it was guessed)."""
    table = contacts.copy()
    tagged = table["profession"].fillna("").astype(str).str.strip()
    guesses = [
        "" if tag else guess_profession(position, company)
        for tag, position, company in zip(tagged, table["position"], table["company"], strict=True)
    ]
    table["known_as"] = [t or profession_name(g) for t, g in zip(tagged, guesses, strict=True)]
    table["guessed"] = (tagged == "") & (table["known_as"] != "")
    return table


def coverage(targets: list[str], contacts: pd.DataFrame) -> pd.DataFrame:
    """For each target profession: how many contacts you already know in it, who they are,
    and the next step ('Meet someone in X' where you know nobody)."""
    known = with_professions(contacts)
    people = list(zip(known["name"].tolist(), known["known_as"].tolist(), strict=True))
    rows = []
    for target in targets:
        names = [name for name, known_as in people if same_profession(known_as, target)]
        rows.append(
            {
                "profession": target,
                "known": len(names),
                "names": names,
                "next_step": (
                    _("Meet someone in {profession}").format(profession=target.lower())
                    if not names
                    else _("Deepen: {names}").format(names=", ".join(names[:3]))
                    + (" …" if len(names) > 3 else "")
                ),
            }
        )
    return pd.DataFrame(rows, columns=["profession", "known", "names", "next_step"])
