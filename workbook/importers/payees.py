"""Bank descriptions to merchant names: `SQ *JOES BARBER SHOP #0042 AUSTIN TX` is Joe's
Barber Shop paid through Square.

The steps follow import-formats.md 1.10: unescape HTML, collapse spaces, strip the bank's
wrapper and dates, strip the card processor's prefix (and remember the processor), strip store
numbers, reference tokens and a trailing city/state/ZIP, then apply the participant's own
rules. The raw description is always kept beside the name.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

# Bank wrappers around the merchant's name (Wells Fargo, Chase, Bank of America, HSBC, ...).
_WRAPPERS = [
    re.compile(p, re.I)
    for p in (
        r"^(?:PURCHASE|RECURRING PAYMENT|ATM WITHDRAWAL|PURCHASE RETURN|RECURRING TRANSFER|"
        r"NON-WF ATM WITHDRAWAL|BILL PAY(?:MENT)?) AUTHORI[ZS]ED ON \d{1,2}/\d{1,2}\s*",
        r"^(?:POS (?:DEBIT|PURCHASE|PUR|DEB)|DEBIT CARD PURCHASE|DEBIT CARD PURCH|"
        r"DBT CRD \d{4}|CHECK ?CARD(?: PURCHASE)?(?: \d{4})?|VISA DDA PUR(?: AP)?|"
        r"CARD PURCHASE(?: WITH PIN)?|PURCHASE WITH PIN|POINT OF SALE|POS)\s+",
        r"^(?:\)\)\)|VIS|DD|SO|BP|DR|CR|SBT|TFR)\s+",  # HSBC UK transaction codes
        r"^(?:KARTENZAHLUNG|LASTSCHRIFT|FOLGELASTSCHRIFT|ERSTLASTSCHRIFT|GUTSCHRIFT|"
        r"UEBERWEISUNG|ÜBERWEISUNG)\s+",
    )
]
# All of them at once: where it does not match, none of them does, and the four are skipped.
_ANY_WRAPPER = re.compile("|".join(f"(?:{w.pattern})" for w in _WRAPPERS), re.I)
_CHASE_ACH = re.compile(
    r"ORIG CO NAME:\s*(.+?)\s+(?:ORIG ID|CO ENTRY|DESC DATE|ENTRY DESCR|SEC:)", re.I
)
_BOFA_ACH = re.compile(r"^(.+?)\s+DES:", re.I)
# Patterns searched for anywhere start with "(?=\s)": one character is checked at each place
# before any alternative is tried, which halves the time of the payee step.
_WF_TAIL = re.compile(r"(?=\s)(?:\s+[SP]\d{9,}\s+CARD\s+\d{4}$|\s+CARD\s+\d{4}$)", re.I)
_BARCLAYS_TAIL = re.compile(
    r"(?=\s)(?:\s+ON \d{1,2} [A-Z]{3}(?:\s+(?:BCC|BGC|CPM|DDR|FT|STO|TFR|CLP|BCP))?$"
    r"|\s+(?:BCC|BGC|CPM|DDR|FT|STO|TFR|CLP|BCP)$)",
    re.I,
)
_DATES = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")
_ATM = re.compile(r"^(?:NON-WF )?ATM (?:WITHDRAWAL|CASH|DEBIT)|^CASH WITHDRAWAL|^GELDAUTOMAT", re.I)

# Card processors: the merchant's name follows the prefix.
_PROCESSORS = [
    (re.compile(r"^(?:SQ|SQC|GOSQ\.COM|SQUARE)\s*\*\s*", re.I), "Square"),
    (re.compile(r"^TST\s*\*\s*", re.I), "Toast"),
    (re.compile(r"^(?:PAYPAL|PP)\s*\*\s*", re.I), "PayPal"),
    (re.compile(r"^(?:CLOVER|CLV)\s*\*\s*", re.I), "Clover"),
    (re.compile(r"^(?:SP|SHOPIFY)\s*\*\s*", re.I), "Shopify"),
]
# Stripe and Mastercard descriptors: the merchant's short name, "* ", then a detail.
_STRIPE = re.compile(r"^([A-Z0-9][A-Z0-9 .&'-]{1,11})\* (.+)$", re.I)
_PREFIX_REF = re.compile(r"^([A-Z][A-Z0-9 .&'-]{1,24}?)\s*\*\s*[A-Z0-9]*\d[A-Z0-9]*$", re.I)

_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY "
    "AB BC MB NB NL NS ON PE QC SK"
).split()
# A trailing "CITY ST" or "CITY ST 78701": looked for in the last characters only.
_PLACE = re.compile(
    r"(?=\s)(?:\s+([A-Z][A-Z.'-]*))?\s+([A-Z]{2})(?:\s*\d{5}(?:-\d{4})?|\d[\w.]*)?$"
)
_STATE_SET = frozenset(_STATES)
_TAIL = 48
# Words that end a business's name, never a city's: "LAWN CARE TX" keeps CARE.
_NAME_ENDINGS = set(
    "CARE SHOP CLINIC SERVICE SERVICES STORE STORES SALON SPA CAFE BAR GRILL DENTAL AUTO REPAIR "
    "INC LLC CO CENTER CENTRE MARKET PHARMACY FITNESS STUDIO VET BAKERY PIZZA LAWN CLEANERS "
    "PLUMBING ELECTRIC ROOFING HOSPITAL GROUP AGENCY INSURANCE BANK FLORIST GYM PETS PET "
    "GARAGE KITCHEN DINER DELI BOUTIQUE".split()
)
# First words of two-word US and Canadian city names (ROUND ROCK, SAN ANTONIO, FORT WORTH):
# met just before the last word of a place, they belong to the place, not to the business.
# Words that also end business names (GARDEN, LAKE, WEST, ...) are left out.
_CITY_FIRST_WORDS = frozenset(
    "SAN SANTA LOS LAS NEW FORT SAINT MOUNT EL LA CORPUS BATON SIOUX ROUND SALT PALM CORAL "
    "POMPANO BOCA DELRAY DAYTONA MYRTLE WINSTON OVERLAND CHULA RANCHO SIMI COSTA DALY "
    "HUNTINGTON CULVER BEVERLY CEDAR COLORADO OKLAHOMA KANSAS VIRGINIA LONG GRAND LITTLE "
    "THUNDER".split()
)
# ST, FT and MT are also street, feet and mount in an address: only before these cities.
_ABBREVIATED_CITIES = {
    "ST": frozenset("LOUIS PAUL PETERSBURG GEORGE CHARLES CLOUD JOSEPH AUGUSTINE".split()),
    "FT": frozenset("WORTH MYERS LAUDERDALE COLLINS WAYNE SMITH LEE PIERCE".split()),
    "MT": frozenset("PLEASANT VERNON JULIET AIRY".split()),
}
# A state glued to a terminal reference, as Toast prints it: ... DUNEDIN FL0005123AA
_GLUED_PLACE = re.compile(r"(?=\s)\s+[A-Z][A-Z.'-]*\s+([A-Z]{2})\d{3,}[A-Z0-9]*$")
_REFERENCES = re.compile(
    "(?=[\\s*])(?:"
    + "|".join(
        (
            r"\s+CD\s+\d{4}$",  # Lloyds card suffix
            r"\s*\*\s*#?[A-Z0-9]*\d[A-Z0-9]*\b",  # *#02943, *2K3J45L
            r"\s+#\s*\d+",  # store number
            r"\s+(?:STORE|STR|STE|NO\.?|UNIT|LOC)\s*#?\s*\d+\b",
            r"\s+\d{3}-\d{3}-\d{4}\b|\s+\d{3}-\d{7}\b|\s+\d{10}\b",  # phone numbers
            r"\s+(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{6,}\b",  # references mixing letters and digits
            r"\s+\d{3,}\b",  # long numbers: store numbers, terminal ids
            r"\s+X{2,}\d+\b",  # masked card numbers
        )
    )
    + ")",
    re.I,
)
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


def normalise(description: str) -> tuple[str, str]:
    """(merchant name, processor) for one raw description."""
    name, processor = _bare_name(description)
    return _readable(name), processor


def _readable(name: str) -> str:
    """Names printed in capitals are made readable; names already in mixed case are kept."""
    return title_case(name) if name.upper() == name else name


def _bare_name(description: str) -> tuple[str, str]:
    """(merchant name as printed, processor): the wrappers, prefixes and places stripped."""
    text = _single_spaced(html.unescape(str(description or ""))).strip()
    if _ATM.match(text):
        return "ATM withdrawal", ""
    work = text
    # Each pattern is tried only where the text has what it cannot match without (a colon, a
    # slash, a star, a digit, CARD): most descriptions skip most of them.
    if ":" in work:
        if m := _CHASE_ACH.search(work):
            work = m.group(1)
        elif m := _BOFA_ACH.match(work):
            work = m.group(1)
    if _ANY_WRAPPER.match(work):
        for wrapper in _WRAPPERS:
            work = wrapper.sub("", work, count=1)
    if "CARD" in work.upper():
        work = _WF_TAIL.sub("", work)
    work = _BARCLAYS_TAIL.sub("", work)
    if "/" in work:
        work = _DATES.sub(" ", work)
    work = work.strip()
    processor = ""
    if "*" in work:
        for prefix, name in _PROCESSORS:
            if prefix.match(work):
                work, processor = prefix.sub("", work, count=1), name
                work = work.split("*")[0]
                break
        else:
            if m := _STRIPE.match(work):
                work, processor = m.group(1), "Stripe"
            elif m := _PREFIX_REF.match(work):
                work = m.group(1)
    has_digit = _DIGIT.search(work) is not None
    if has_digit:
        glued = _GLUED_PLACE.search(work, max(0, len(work) - _TAIL))
        if glued and glued.group(1) in _STATE_SET:
            work = work[: _city_start(work, glued.start(), glued.group(0).split()[0])]
    placed = _strip_place(work)
    if has_digit:
        placed = _REFERENCES.sub("", placed)
    if placed == work:  # the place may have been hidden behind a reference
        placed = _strip_place(placed)
    work = _single_spaced(placed).strip(" *#-/,.")
    return work or text, processor


def _single_spaced(text: str) -> str:
    """Every run of whitespace as one space. Whitespace other than a space is unprintable,
    so a printable text without a double space is already so (most are: no regex run)."""
    if "  " in text or not text.isprintable():
        return _SPACES.sub(" ", text)
    return text


def _strip_place(work: str) -> str:
    m = _PLACE.search(work, max(0, len(work) - _TAIL))
    if not m or m.group(2) not in _STATE_SET:
        return work
    start = m.start()
    if m.group(1) and m.group(1) in _NAME_ENDINGS:
        start = m.start(1) + len(m.group(1))
    elif m.group(1):
        start = _city_start(work, start, m.group(1))
    kept = work[:start].strip(" *#-/,.")
    return kept if len(kept) >= 3 else work


def _city_start(work: str, start: int, city: str) -> int:
    """Where a place found at ``start`` (its last city word ``city``) begins: a word earlier
    when that word starts a two-word city name, and enough of the business name is left."""
    before = work[:start].rstrip()
    cut = before.rfind(" ") + 1
    first = before[cut:]
    if first in _CITY_FIRST_WORDS or city in _ABBREVIATED_CITIES.get(first, ()):
        if len(before[:cut].strip(" *#-/,.")) >= 3:
            return cut
    return start


# Names a brand writes in capitals: EE LIMITED is EE Limited, not Ee Limited.
_CAPITALS = {
    "LLC", "INC", "LTD", "PLC", "USA", "UK", "GMBH", "AG", "CO", "BBQ", "EE", "BT", "BP",
    "IKEA", "HSBC", "TSB", "RBS", "NHS", "UPS", "DHL", "TK", "H&M", "JD", "BBC", "ITV", "KFC",
    "AA", "RAC", "HMRC", "IRS", "CVS", "BMW", "VW", "DVLA", "TV", "AT&T", "ATM", "EDF", "OVO",
}  # fmt: skip


def title_case(text: str) -> str:
    """JOES BARBER SHOP -> Joes Barber Shop; keeps O'Brien, LLC, brands in capitals (EE, BT)
    and short codes readable."""
    words = []
    for word in text.split(" "):
        if word.upper() in _CAPITALS:
            words.append(word.upper() if word.upper() != "CO" else "Co")
        else:
            words.append("-".join(_cap(part) for part in word.split("-")))
    return " ".join(words)


def _cap(word: str) -> str:
    lead = len(word) - len(word.lstrip("\"'(["))
    if lead:
        return word[:lead] + _cap(word[lead:])
    lowered = word.lower()
    if "'" in lowered:
        head, _, tail = lowered.partition("'")
        return head.capitalize() + "'" + (tail.capitalize() if len(tail) > 1 else tail)
    return lowered.capitalize()


# Digits masked: descriptions that differ only in dates, store numbers and references share a
# shape, and each shape is normalised once.
# (bytes.translate: ten times faster than str.translate; ASCII digits never occur inside a
# multi-byte UTF-8 character.)
_DIGITS = bytes.maketrans(b"123456789", b"000000000")


def masked_digits(text: str) -> bytes:
    """The text's UTF-8 with every digit 1-9 made 0: the shape of a description. Bytes, not
    text: shapes are only compared, and pandas groups bytes about twice as fast as str."""
    return text.encode("utf-8", "surrogatepass").translate(_DIGITS)


def normalise_many(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """Merchant names and processors for distinct descriptions.

    Descriptions that differ only in their digits (SQ *JOES BARBER #0042 and #0043, PURCHASE
    AUTHORIZED ON 01/14 and 01/15) are normalised once, from the first of them: a 100,000-row
    export has a few hundred shapes.
    """
    shapes: dict[bytes, tuple[str, str]] = {}
    readable: dict[str, str] = {}  # many shapes share a name: each is made readable once
    names: list[str] = []
    processors: list[str] = []
    for text in texts:
        shape = masked_digits(text)
        found = shapes.get(shape)
        if found is None:
            bare, processor = _bare_name(text)
            if bare not in readable:
                readable[bare] = _readable(bare)
            found = shapes[shape] = (readable[bare], processor)
        names.append(found[0])
        processors.append(found[1])
    return names, processors


def normalise_all(descriptions: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Merchant names and processors for a column of descriptions, each distinct text once."""
    codes, distinct = pd.factorize(descriptions.astype(str).to_numpy(dtype=object))
    names, processors = normalise_many(list(distinct))
    index = descriptions.index
    return (
        pd.Series(np.asarray(names, dtype=object)[codes], index=index, dtype=str),
        pd.Series(np.asarray(processors, dtype=object)[codes], index=index, dtype=str),
    )


def apply_rules(
    payees: pd.Series, descriptions: pd.Series, rules: Iterable[Mapping[str, str]]
) -> pd.Series:
    """The participant's rules: where the description (or the name found) contains a rule's
    words, ignoring case and spacing, the payee becomes the rule's name. Later rules win."""
    rules = [
        (" ".join(str(r["contains"]).split()).lower(), str(r["payee"]))
        for r in rules
        if str(r["contains"]).strip()
    ]
    if not rules:
        return payees.copy()
    # Each distinct (description, payee) pair is looked at once.
    pairs = pd.MultiIndex.from_arrays([descriptions.astype(str), payees.astype(str)])
    codes, distinct = pd.factorize(pairs)
    renamed = []
    for description, payee in distinct:
        haystack = " ".join(description.split()).lower() + "\n" + payee.lower()
        renamed.append(next((name for words, name in reversed(rules) if words in haystack), payee))
    return pd.Series(np.asarray(renamed, dtype=object)[codes], index=payees.index, dtype=str)


# Words that end many businesses' names and are never a place: a trailing word shared by
# several payees is taken for their neighbourhood or town only when it is none of these.
_BUSINESS_WORDS = _NAME_ENDINGS | set(
    "LIMITED LTD PLC UK GB COM ONLINE DIRECT PAYMENT PAYMENTS COFFEE PIZZA TAXI TAXIS MOTORS "
    "HOTEL PUB INN ARMS TAVERN BUTCHERS BUTCHER BAKERS BAKER CHEMIST CHEMISTS NEWS NEWSAGENT "
    "SUPERSTORE SUPERMARKET EXPRESS EXTRA LOCAL METRO RESTAURANT TAKEAWAY BARBERS BARBER HAIR "
    "NAILS BEAUTY FLOWERS OPTICIANS OPTICIAN DENTIST VETS CLUB TRUST COUNCIL ENERGY WATER "
    "MOBILE FOOD FOODS WINES WINE SHOPS GARDENS GARDEN THEATRE CINEMA BOOKS BOOKSHOP SURGERY "
    "PRACTICE PARTNERS ASSOCIATES SOLICITORS ACCOUNTANTS ESTATES LETTINGS STATION PARKING "
    "TICKETS TRAVEL HOLIDAYS CARS CAR WASH TYRES LAUNDRY LAUNDERETTE KEBAB CHIPPY FISH CHIPS "
    "CURRY NOODLES SUSHI BURGER BURGERS GRILL HOUSE LOUNGE TEA TEAS ICE CREAM SWEETS GIFTS "
    "CRAFTS ART ARTS MUSIC SPORTS GOLF LEISURE POOL YOGA PILATES DANCE ACADEMY SCHOOL COLLEGE "
    "NURSERY CHURCH CHARITY FOUNDATION".split()
)


def places_stripped(payees: pd.Series, city: str = "") -> pd.Series:
    """Payee names without a trailing place: the participant's own city or town ('Print
    Works Leeds' -> 'Print Works'), and a neighbourhood that ends three or more different
    payees' names ('Hair By Lucy Headingley', 'Costa Headingley', 'The Skyrack Headingley':
    Headingley is where they are, not what they are called). At least three letters stay."""
    names = pd.unique(payees.to_numpy(dtype=object))
    city_words = city.upper().split()
    shared: dict[str, set[str]] = {}
    for name in names:
        words = str(name).upper().split()
        if len(words) >= 2 and words[-1].isalpha() and len(words[-1]) >= 4:
            shared.setdefault(words[-1], set()).add(" ".join(words[:-1]))
    places = {w for w, fronts in shared.items() if len(fronts) >= 3 and w not in _BUSINESS_WORDS}
    if not places and not city_words:
        return payees
    renamed = {}
    for name in names:
        text = str(name)
        words = text.split()
        if city_words and len(words) > len(city_words):
            if [w.upper() for w in words[-len(city_words) :]] == city_words:
                words = words[: -len(city_words)]
        if len(words) >= 2 and words[-1].upper() in places:
            words = words[:-1]
        kept = " ".join(words)
        if kept != text and len(kept.replace(" ", "")) >= 3:
            renamed[text] = kept
    return payees.replace(renamed) if renamed else payees
