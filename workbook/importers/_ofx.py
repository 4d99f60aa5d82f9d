"""OFX 1.x (SGML), OFX 2.x (XML), QFX and QBO: ofxtools first, then a tolerant reader for the
header quirks ofxtools rejects (a UTF-8 charset, a commented header, `GMT` without brackets,
TRNTYPE OUT). Only the raw tag texts are used, so the posting date is the bank's date digits,
never shifted to UTC."""

from __future__ import annotations

import io
import re
import warnings

from ._source import Source

_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z0-9._]+)\s*>([^<]*)", re.S)


def is_ofx(text: str) -> bool:
    """Whether the file opens as OFX does: its header (perhaps after a blank line or inside a
    comment, as ofxstatement writes it), an XML declaration followed by the OFX one, or the
    `<OFX>` tag itself. The words anywhere else (a CSV payee called "<OFX ...") do not count."""
    head = text[:4096].lstrip("\ufeff \t\r\n").upper()
    if head.startswith("<!--"):
        head = head[4:].lstrip()
    if head.startswith("<?XML"):
        return "<?OFX" in head or "<OFX" in head
    return head.startswith(("OFXHEADER", "<OFX>", "<OFX "))


def records(src: Source, text: str) -> tuple[list[dict[str, str]], str]:
    """Each STMTTRN's tags and texts (plus ACCOUNT), and which reader read them."""
    try:
        from ofxtools.Parser import OFXTree

        tree = OFXTree()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree.parse(io.BytesIO(src.data))
        found = []
        account = ""
        for element in tree.getroot().iter():
            if element.tag == "ACCTID":
                account = (element.text or "").strip()
            elif element.tag == "STMTTRN":
                found.append(
                    {child.tag: (child.text or "").strip() for child in element}
                    | {"ACCOUNT": account}
                )
        return found, "ofxtools"
    except Exception:  # noqa: BLE001 - ofxtools is strict by design; the tolerant reader follows
        return _tolerant(text), "tolerant"


def _tolerant(text: str) -> list[dict[str, str]]:
    start = text.upper().find("<OFX")
    body = text[start:] if start >= 0 else text
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    account = ""
    for closing, tag, value in _TAG.findall(body):
        tag = tag.upper()
        value = " ".join(value.split())
        if tag == "STMTTRN":
            if current is not None:
                found.append(current)
            current = None if closing else {"ACCOUNT": account}
        elif tag in ("BANKTRANLIST", "STMTRS", "CCSTMTRS") and current is not None:
            found.append(current)
            current = None
        elif tag == "ACCTID" and not closing:
            account = value
        elif current is not None and not closing and value:
            current[tag] = value
    if current is not None:
        found.append(current)
    return found
