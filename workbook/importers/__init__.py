"""Files in, canonical DataFrames out: contacts and bank transactions from real exports.

The format is recognised from the content, never the file name. Every problem is a
``workbook.InputError`` naming the file; rows left out on purpose are listed in
``df.attrs["warnings"]``.
"""

from .contacts import read_contacts
from .interactions import read_interactions
from .payees import apply_rules, normalise
from .transactions import read_transactions

__all__ = ["apply_rules", "normalise", "read_contacts", "read_interactions", "read_transactions"]
