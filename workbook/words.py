"""Small pieces of English the workbook writes in many places."""

from __future__ import annotations


def count(number: float, one: str, many: str | None = None) -> str:
    """'1 payment', '4 payments', '2.5 years': a number with its noun."""
    return f"{number:g} {one if number == 1 else many or one + 's'}"
