"""The rule catalogue. Order here is the order of `sesguard rules` and the README table.

RULES are the plan gate's; CODE_RULES are `sesguard scan`'s; CATALOGUE is every rule.
"""

from __future__ import annotations

from .base import Rule
from .ses001_catch_all import CatchAll
from .ses002_default_pool import DefaultPool
from .ses003_pool_isolation import PoolIsolation
from .ses004_suppression import Suppression
from .ses005_cloudwatch import CloudWatchDestination
from .ses006_alarms import Alarms
from .ses007_identity_default_set import IdentityDefaultSet
from .ses008_v1_resources import V1Resources
from .ses009_tls_reputation import TlsAndReputation
from .ses010_realtime_events import RealtimeEvents
from .ses011_return_path import ReturnPath
from .ses012_send_permissions import SendPermissions
from .ses013_destructive_change import DestructiveChange
from .ses014_unknown_at_plan import UnknownAtPlan
from .ses015_v2_send_without_set import V2SendWithoutSet
from .ses016_v1_api_send import V1ApiSend
from .ses017_unknown_set_name import UnknownSetName
from .ses018_smtp_without_header import SmtpWithoutSetHeader
from .ses019_set_name_not_static import SetNameNotStatic

_CHECKS: tuple[Rule, ...] = (
    CatchAll(),
    DefaultPool(),
    PoolIsolation(),
    Suppression(),
    CloudWatchDestination(),
    Alarms(),
    IdentityDefaultSet(),
    V1Resources(),
    TlsAndReputation(),
    RealtimeEvents(),
    ReturnPath(),
    SendPermissions(),
    DestructiveChange(),
)
RULES: tuple[Rule, ...] = _CHECKS + (UnknownAtPlan(_CHECKS),)
CODE_RULES: tuple[Rule, ...] = (
    V2SendWithoutSet(),
    V1ApiSend(),
    UnknownSetName(),
    SmtpWithoutSetHeader(),
    SetNameNotStatic(),
)
CATALOGUE: tuple[Rule, ...] = RULES + CODE_RULES
RULES_BY_ID = {rule.id: rule for rule in CATALOGUE}


def rules_for(applies_to: str) -> tuple[Rule, ...]:
    """The rules a report of `check` ("plan") or `scan` ("code") was made with."""
    return tuple(rule for rule in CATALOGUE if rule.applies_to == applies_to)


__all__ = ["CATALOGUE", "CODE_RULES", "RULES", "RULES_BY_ID", "Rule", "rules_for"]
