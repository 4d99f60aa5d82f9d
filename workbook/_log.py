"""The workbook's own log: what a library said when something could not be read, kept in a
file for whoever helps the participant, never shown to them (they get words)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from ._places import log_file

log = logging.getLogger("workbook")


class _QuietFile(RotatingFileHandler):
    """A log file made on the first message (its folder too), and never a fault of its own
    shown: a log that cannot be written (a read-only home) is no reason to stop."""

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


if not any(isinstance(h, _QuietFile) for h in log.handlers):
    _handler = _QuietFile(log_file(), maxBytes=1_000_000, backupCount=2, delay=True)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
