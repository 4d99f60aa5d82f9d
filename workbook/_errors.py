"""Errors a participant can cause, with messages a non-programmer understands."""


class InputError(ValueError):
    """Bad input from the user: a value, a file or a request the workbook cannot take.

    The message is meant to be shown as it is, next to the field or in the command's output.
    """


class WorkbookBusy(InputError):
    """The workbook file stayed locked by another window longer than we are willing to wait."""
