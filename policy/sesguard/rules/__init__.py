"""The rule catalogue. Order here is the order of `sesguard rules` and README."""

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
RULES_BY_ID = {rule.id: rule for rule in RULES}

__all__ = ["RULES", "RULES_BY_ID", "Rule"]
