"""Verify a deployed SES configuration: read it back through boto3 and compare it with a plan.

A client of AWS (the emulator or a real account), kept out of the emulator, which only
serves requests, and out of the gate, which needs nothing outside the standard library.
"""

from .compare import checked_changes, differences
from .live import LiveConfiguration, clients, read_live
from .table import render_table

__all__ = [
    "LiveConfiguration",
    "checked_changes",
    "clients",
    "differences",
    "read_live",
    "render_table",
]
