"""Verify a deployed SES configuration: read it back and compare it with a plan.

The account is read by `sesguard audit`'s reader into its model, the plan by the gate's
model; this package arranges both per stream. A client of AWS (the emulator or a real
account), kept out of the emulator, which only serves requests.
"""

from .compare import checked_changes, differences
from .live import LiveConfiguration, ReadBackError, clients, read_live
from .table import render_table

__all__ = [
    "LiveConfiguration",
    "ReadBackError",
    "checked_changes",
    "clients",
    "differences",
    "read_live",
    "render_table",
]
