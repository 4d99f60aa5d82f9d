"""Files that attack the importers and the spreadsheet import: every one finishes or is refused
in plain words, quickly, without filling the memory, and nothing in them is expanded or fetched.
"""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbook
from workbook.importers import read_contacts, read_transactions
from workbook.report import export_xlsx, import_xlsx

READERS = [read_transactions, read_contacts]
# What a library says, never what a participant should read.
LIBRARY_WORDS = re.compile(
    r"Error\b|Exception|Traceback|codec|NoneType|attribute|errno|base64|No columns to parse|"
    r"zip file version|see the exception|object|\bline \d+ column",
)


def refusal(reader, data) -> str:
    with pytest.raises(workbook.InputError) as caught:
        reader(data)
    message = str(caught.value)
    assert message and not LIBRARY_WORDS.search(message), message
    return message


def _wide(start: bytes, delimiter: bytes, lines: int = 60) -> bytes:
    return b"".join(start + delimiter * 10_000 + b"\n" for _ in range(lines))


# A ceiling for hostile bytes, a hundred times what they take (about 0.02 s); they took 8-13 s.
CEILING = 3.0


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.__name__)
@pytest.mark.parametrize(
    "data",
    [
        _wide(b"Date", b","),
        _wide(b"Date", b";"),
        _wide(b"Name,Given Name,Family Name,Group Membership", b","),
        _wide(b"Date,Amount,Description", b","),
        b"BEGIN:VCARD\nVERSION:3.0\nFN:" + b";" * 100_000 + b"\nEND:VCARD\n",
        b"Date" + b"\t" * 200_000 + b"\n",
    ],
    ids=["commas", "semicolons", "google", "bank headings", "vcard", "one tab line"],
)
def test_ten_thousand_delimiters_finish_or_are_refused_quickly(reader, data):
    start = time.process_time()
    try:
        reader(data)
    except workbook.InputError as refused:
        assert not LIBRARY_WORDS.search(str(refused)), refused
    assert time.process_time() - start < CEILING


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.sampled_from(
        [
            b"",
            b"Date,Amount,Description\n",
            b"Posting Date,Description,Amount\n",
            b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
            b"BEGIN:VCARD\nVERSION:3.0\n",
            b"OFXHEADER:100\nDATA:OFXSGML\n<OFX><STMTTRN>",
            b"!Type:Bank\n",
            b"\xef\xbb\xbf",
            b"\xff\xfe",
            b"PK\x03\x04",
        ]
    ),
    body=st.binary(max_size=300)
    | st.text(alphabet=',;"\n\r\t=:<>/0123456789.-ÄaB€ \x00', max_size=300).map(str.encode),
)
def test_any_bytes_are_read_or_refused_in_words(head, body):
    for reader in READERS:
        try:
            reader(head + body)
        except workbook.InputError as refused:
            assert not LIBRARY_WORDS.search(str(refused)), refused


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"\xff\xfeD\x00a\x00\x00\xd8", "damaged"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nPHOTO;ENCODING=b;TYPE=JPEG:@@@@\nEND:VCARD\n", ""),
        (b"Date,Amount\n", "no transactions"),
        (b'Date,Amount,Description\n2025-01-02,-3,"open quote\n' * 3, ""),
        (b"Status,Amount\nx,1\n", "date"),
    ],
)
def test_refusals_are_in_plain_words(data, expected):
    for reader in READERS:
        try:
            reader(data)
        except workbook.InputError as refused:
            assert not LIBRARY_WORDS.search(str(refused)), refused
            assert expected in str(refused) or reader is read_contacts


# -- archives ----------------------------------------------------------------------------

CONNECTIONS = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _linkedin_zip(body: bytes, **options) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("Basic_LinkedInDataExport/Connections.csv", "w", **options) as member:
            member.write(CONNECTIONS)
            for _ in range(body and 1024):
                member.write(body)
    return buffer.getvalue()


def _patched(data: bytes, field_offset: int, value: bytes) -> bytes:
    """The archive with a field changed in both the local header and the central directory."""
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    patched = bytearray(data)
    # Same field, local header offset, central directory offset (central has 2 bytes more).
    patched[local + field_offset : local + field_offset + len(value)] = value
    patched[central + field_offset + 2 : central + field_offset + 2 + len(value)] = value
    return bytes(patched)


def test_a_zip_that_inflates_to_gigabytes_is_refused_without_filling_the_memory():
    bomb = _linkedin_zip(b"a" * (1 << 20) * 2, force_zip64=True)  # 2 GB inflated
    assert len(bomb) < 5_000_000
    tracemalloc.start()
    try:
        message = refusal(read_contacts, bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "unpacks to" in message and "MB" in message
    assert peak < 120 * 1024**2


def test_a_zip_whose_declared_size_lies_is_read_no_further_than_the_cap():
    bomb = _linkedin_zip(b"a" * (1 << 20))  # 1 GB inflated, declared below
    small = (1000).to_bytes(4, "little")
    lying = _patched(bomb, 22, small)  # uncompressed size in the local header: offset 22
    tracemalloc.start()
    try:
        refusal(read_contacts, lying)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 120 * 1024**2


def test_an_encrypted_or_strangely_packed_entry_is_refused_in_words():
    plain = _linkedin_zip(b"Ann,Lee,,ann@example.com,Ann's,Owner,01 Jan 2024\n")
    assert len(read_contacts(plain)) == 1024
    locked = _patched(plain, 6, (0x0001).to_bytes(2, "little"))  # general purpose flag bit 0
    assert "password" in refusal(read_contacts, locked)
    unknown = _patched(plain, 8, (99).to_bytes(2, "little"))  # compression method 99 (AES)
    assert "cannot unpack" in refusal(read_contacts, unknown)


def test_a_file_past_any_export_size_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "statement.csv"
    with huge.open("wb") as out:
        out.truncate(250 * 1024**2)  # sparse: no disk used
    tracemalloc.start()
    try:
        message = refusal(read_transactions, huge)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "statement.csv" in message and "MB" in message
    assert peak < 10 * 1024**2


# -- XML: nothing expanded, nothing fetched -----------------------------------------------

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + "]>\n"
)


def _sheet_with(path, replace) -> None:
    """Rewrite the businesses sheet of an xlsx export."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    workbook_xml = parts["xl/workbook.xml"].decode()
    names = re.findall(r'<sheet [^>]*name="([^"]+)"', workbook_xml)
    sheet = f"xl/worksheets/sheet{names.index('businesses') + 1}.xml"
    parts[sheet] = replace(parts[sheet].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


@pytest.mark.parametrize("attack", ["laughs", "external"])
def test_an_xlsx_with_entities_is_refused_and_nothing_is_expanded_or_fetched(tmp_path, attack):
    secret = tmp_path / "secret.txt"
    secret.write_text("THE-SECRET")
    with workbook.demo(tmp_path / "demo") as wb:
        path = export_xlsx(wb, tmp_path / "attack.xlsx")
        name = wb.businesses()["name"].iloc[0]

    def replace(xml: str) -> str:
        xml = re.sub(r"^<\?xml[^>]*\?>", "", xml)
        if attack == "laughs":
            return LAUGHS + xml.replace(name, "&lol9;", 1)
        declared = f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY s SYSTEM "{secret.as_uri()}">]>'
        return declared + xml.replace(name, "&s;", 1)

    _sheet_with(path, replace)
    tracemalloc.start()
    with workbook.open(tmp_path / "new.sqlite") as new:
        with pytest.raises(workbook.InputError) as refused:
            import_xlsx(path, new)
        assert new.businesses().empty
        for table in new.store.tables():
            assert "THE-SECRET" not in repr(new.store.dump(table))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "entities" in str(refused.value) and not LIBRARY_WORDS.search(str(refused.value))
    assert peak < 200 * 1024**2


def test_an_ofx_with_entities_is_not_expanded():
    ofx = (
        LAUGHS + "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT"
        "</TRNTYPE><DTPOSTED>20250102</DTPOSTED><TRNAMT>-12.50</TRNAMT><FITID>1</FITID>"
        "<NAME>&lol9;</NAME></STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>"
    ).encode()
    try:
        found = read_transactions(ofx)
    except workbook.InputError as refused:
        assert not LIBRARY_WORDS.search(str(refused)), refused
        return
    assert "lollol" not in " ".join(found["description"]) + " ".join(found["payee"])
