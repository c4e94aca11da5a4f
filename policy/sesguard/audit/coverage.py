"""Which rules each read feeds, from the reads the reader declares (audit/reads.py) and the
rules' own `reads`: when a read fails (or is skipped), these rules' findings there cannot be
trusted, and the audit says they were not verified."""

from __future__ import annotations

# Imported for the reads they declare.
from . import dns_check, health, read_pause, reader  # noqa: F401
from .reads import DECLARED, rules_reading, unverified_by

# Every read a rule may declare and the API calls behind it (docs/audit.md's coverage table).
READS = {name: DECLARED[name].describe() for name in sorted(DECLARED)}

# What docs/audit-policy.json grants for the reads: the IAM action of every declared call.
READ_ACTIONS = tuple(sorted({action for read in DECLARED.values() for action in read.actions()}))

DNS_RULES = rules_reading("dns")
IAM_RULES = rules_reading("iam")
# What a region that could not be read at all leaves unverified.
EVERY_RULE = unverified_by("configuration_sets")
# A lane is unread (and the audit incomplete, exit 2) when a read feeding these failed.
LANE_RULES = frozenset(rules_reading("configuration_set", "event_destinations", "alarms"))

__all__ = [
    "DNS_RULES",
    "EVERY_RULE",
    "IAM_RULES",
    "LANE_RULES",
    "READS",
    "READ_ACTIONS",
    "unverified_by",
]
