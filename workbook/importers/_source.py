"""Bytes in, text out: read a path or a file object, refuse what is not a text export, and
decode it whatever the bank or address book used (UTF-8 with or without BOM, UTF-16, cp1252).

Every refusal is an InputError that names the file and says what to do instead.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import itertools
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import words
from .._errors import InputError
from .._log import log as _workbook_log
from ..i18n import N_, _

# How much of the start of a file is looked at to recognise it.
SNIFF_BYTES = 64 * 1024
# A bank's year of statements or 30,000 LinkedIn connections is a few MB (an address book
# with photos, tens): a file past this is not an export and is refused before it fills the
# memory. A file unpacked from an archive (LinkedIn's Connections.csv) is held to less.
MAX_BYTES = 200 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024
# What the library said, for whoever looks at the log; the participant gets words.
log = _workbook_log.getChild("importers")


@dataclass(frozen=True)
class Source:
    name: str  # what the participant calls the file, for messages
    data: bytes

    def fail(self, problem: str) -> InputError:
        return InputError(f"{self.name}: {problem}")


def load(source: Any) -> Source:
    """The bytes of a path, a binary file object or a bytes value, with a name for messages."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source).expanduser()
        try:
            if path.is_file() and path.stat().st_size > MAX_BYTES:
                raise InputError(f"{path.name}: {too_big(path.stat().st_size)}")
            return Source(path.name, path.read_bytes())
        except FileNotFoundError:
            raise InputError(
                _("{file}: there is no such file ({path}).").format(file=path.name, path=path)
            ) from None
        except IsADirectoryError:
            raise InputError(
                _("{path} is a folder; choose the exported file inside it.").format(path=path)
            ) from None
        except OSError as exc:
            raise InputError(
                _("{file}: the file could not be read ({reason}).").format(
                    file=path.name, reason=exc.strerror
                )
            ) from None
    if isinstance(source, (bytes, bytearray, memoryview)):
        return Source(_("the uploaded file"), bytes(source))
    if hasattr(source, "read"):
        name = Path(str(getattr(source, "name", "") or _("the uploaded file"))).name
        data = source.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"{name}: {too_big(len(data))}")
        if isinstance(data, str):
            data = data.encode("utf-8")
        return Source(name, bytes(data))
    raise InputError(
        _("Give a file to import (a path or an uploaded file), not {kind}.").format(
            kind=type(source).__name__
        )
    )


def too_big(size: int, unpacked: bool = False) -> str:
    """Why a file is refused for its size, in words."""
    mb = words.figure(round(size / 1024**2))
    if unpacked:
        return _(
            "it unpacks to {mb} MB or more, far more than an export (a few MB). Download the "
            "export again."
        ).format(mb=mb)
    return _(
        "the file is {mb} MB or more, far more than an export (a few MB). Choose the CSV, OFX "
        "or vCard file itself."
    ).format(mb=mb)


_NOT_TEXT = {
    b"%PDF": N_(
        "is a PDF document, not a data export. Download the CSV (or OFX, QFX, QIF) file from "
        "the same page instead."
    ),
    b"\xd0\xcf\x11\xe0": N_(
        "is an old-style Excel or Word file (.xls/.doc), not a CSV. Open it in your spreadsheet "
        "program and save it as CSV, then import that."
    ),
    b"\x89PNG": N_("is a picture (PNG), not a data export."),
    b"\xff\xd8\xff": N_("is a picture (JPEG), not a data export."),
    b"GIF8": N_("is a picture (GIF), not a data export."),
    b"\x1f\x8b": N_("is a compressed (gzip) file; unpack it first and import the file inside."),
    b"Rar!": N_("is a RAR archive; unpack it first and import the file inside."),
    b"7z\xbc\xaf": N_("is a 7-Zip archive; unpack it first and import the file inside."),
}


def refuse_binary(src: Source) -> None:
    """Raise for empty files and for the binary formats people rename to .csv by mistake."""
    stripped = src.data.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    if not stripped:
        raise src.fail(_("the file is empty. Export it again and choose the new file."))
    for magic, problem in _NOT_TEXT.items():
        if src.data.startswith(magic):
            raise src.fail(_(problem))
    if src.data.startswith(b"PK\x03\x04"):
        names = zip_names(src)
        if any(n.startswith("xl/") for n in names):
            raise src.fail(
                _(
                    "is an Excel spreadsheet (.xlsx), not a CSV. Open it in your spreadsheet "
                    "program, choose Save As > CSV, then import that file."
                )
            )
        if any(n.startswith("word/") for n in names):
            raise src.fail(_("is a Word document, not a data export."))
        if not names:
            raise src.fail(_("is a ZIP archive without a file this workbook can read in it."))
        held = ", ".join(names[:5]) + ("..." if len(names) > 5 else "")
        raise src.fail(
            _("is a ZIP archive without a file this workbook can read in it (it holds {files}).")
            .format(files=held)
        )  # fmt: skip


@contextlib.contextmanager
def plain_words(src: Source, what: str, hint: str) -> Iterator[None]:
    """Turn anything unexpected while reading into an InputError naming the file: a participant
    must get words, not a traceback."""
    try:
        yield
    except InputError:
        raise
    except MemoryError:
        raise src.fail(
            _("could not be read as {what}: it needs more memory than this computer has.")
            .format(what=_(what)) + " " + _(hint)
        ) from None  # fmt: skip
    except Exception:  # noqa: BLE001 - see above
        log.warning("%s could not be read as %s", src.name, what, exc_info=True)
        raise src.fail(
            _("could not be read as {what}: its content is damaged.").format(what=_(what))
            + " " + _(hint)
        ) from None  # fmt: skip


def zip_names(src: Source) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(src.data)) as archive:
            return [i.filename for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, NotImplementedError, ValueError):
        raise src.fail(_("looks like a ZIP archive but is damaged; download it again.")) from None


_UNPACKED = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


def check_entry(info: zipfile.ZipInfo, shown: str) -> None:
    """Refuse, in words, a ZIP entry that cannot be unpacked here."""
    if info.flag_bits & 0x1:
        raise InputError(
            _(
                "{file} is locked with a password. Download the export again (LinkedIn's and "
                "Google's are not locked) or unpack it yourself and import the file."
            ).format(file=shown)
        )
    if info.compress_type not in _UNPACKED:
        raise InputError(
            _(
                "{file} is packed in a way this workbook cannot unpack. Unpack the ZIP with your "
                "computer's own tool and import the file inside."
            ).format(file=shown)
        )


def zip_member(src: Source, wanted: str) -> Source | None:
    """The file called ``wanted`` (in any folder of the archive, any case), if there is one.

    Unpacked at most ``MAX_UNPACKED``, whatever size the archive declares: a ZIP that inflates
    to gigabytes is refused as it is read, not after."""
    if not src.data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(src.data)) as archive:
            for info in archive.infolist():
                if info.is_dir() or Path(info.filename).name.lower() != wanted.lower():
                    continue
                shown = f"{src.name} ({Path(info.filename).name})"
                check_entry(info, shown)
                if info.file_size > MAX_UNPACKED:
                    raise InputError(f"{shown}: {too_big(info.file_size, unpacked=True)}")
                with archive.open(info) as member:  # the declared size can lie: read to a cap
                    data = member.read(MAX_UNPACKED + 1)
                if len(data) > MAX_UNPACKED:
                    raise InputError(f"{shown}: {too_big(len(data), unpacked=True)}")
                return Source(shown, data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError):
        log.warning("%s: ZIP could not be unpacked", src.name, exc_info=True)
        raise src.fail(_("looks like a ZIP archive but is damaged; download it again.")) from None
    return None


def decode(src: Source) -> str:
    """The text of a file: BOMs honoured, UTF-16 recognised without one, UTF-8 tried before
    the Windows code pages (see ``_single_byte``)."""
    data = src.data
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(src, data[3:], "utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(src, data, "utf-16")
    elif _looks_utf16(data[:SNIFF_BYTES]):
        text = _strict(src, data, "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _single_byte(data)
    head = text[: SNIFF_BYTES // 2]
    controls = len(_CONTROLS.findall(head))
    if "\x00" in head or controls > max(3, len(head) // 200):
        raise src.fail(
            _(
                "does not look like a text export: it contains binary data. Choose the CSV, "
                "OFX, QFX, QIF or vCard file your bank or address book exported."
            )
        )
    return text.lstrip("\ufeff")


def _single_byte(data: bytes) -> str:
    """Text that is not UTF-8: Windows-1252 (Western Europe: what Outlook and many banks
    write), or Windows-1250 (Central Europe: Polish, Czech, Hungarian banks and Outlook on
    those systems) when that reads as words where 1252 does not; Latin-1 when neither fits.

    The two agree on ASCII and on most accented letters (é, ü, ß). The tell is a byte that
    1250 reads as a letter and 1252 as a sign, inside a word or opening a lower-case one:
    'Wa³êsa' and '¯abka' are Wałęsa and Żabka. '£120' and '¿Qué?' stay as they are."""
    western = _decoded(data, "cp1252")
    central = _decoded(data, "cp1250")
    if central is not None and (western is None or _reads_as_1250(western, central)):
        return central
    return western if western is not None else data.decode("latin-1")


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


# What Windows-1252 shows for bytes that Windows-1250 reads as letters (ą ł ż Ż Ł Ą ľ Ľ).
_SIGNS_1252 = re.compile("[£¥¯³¹¼¾¿]")


def _reads_as_1250(western: str, central: str) -> bool:
    """True when a byte 1252 shows as a sign is, in 1250, a letter inside a word or opening a
    lower-case one. Both are single-byte, so a character's place is the byte's in each."""
    for found in itertools.islice(_SIGNS_1252.finditer(western), 1000):
        at = found.start()
        before = central[at - 1] if at else " "
        after = central[at + 1] if at + 1 < len(central) else " "
        if central[at].isalpha() and (after.islower() or before.isalpha() and after.isalpha()):
            return True
    return False


# Control characters no text export has (tab, line feed, form feed and return are fine).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _strict(src: Source, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise src.fail(
            _(
                "the file says it is {encoding} text but is damaged part-way through; export it "
                "again."
            ).format(encoding=encoding.upper())
        ) from None


def _looks_utf16(head: bytes) -> bool:
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return odd.count(0) > len(odd) * 0.4 or even.count(0) > len(even) * 0.4
