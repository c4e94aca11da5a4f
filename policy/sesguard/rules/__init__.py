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
from .ses015_v2_send_without_set import V2SendWithoutSet
from .ses016_v1_api_send import V1ApiSend
from .ses017_unknown_set_name import UnknownSetName
from .ses018_smtp_without_header import SmtpWithoutSetHeader
from .ses019_set_name_not_static import SetNameNotStatic
from .ses020_unread import Unread
from .ses021_identity_verified import IdentityVerified
from .ses022_dkim_status import DkimStatus
from .ses023_mail_from_status import MailFromStatus
from .ses024_enforcement import Enforcement
from .ses025_unpooled_ips import UnpooledIps
from .ses026_account_suppression import AccountSuppression
from .ses027_dkim_dns import DkimDns
from .ses028_return_path_dns import ReturnPathDns
from .ses029_dmarc import Dmarc
from .ses030_drift import Drift
from .ses031_alarm_topics import AlarmTopics
from .ses033_tenant_without_policy import TenantWithoutPolicy
from .ses034_transactional_strict_tenant import TransactionalStrictTenant
from .ses035_tenant_paused import TenantPaused
from .ses036_tenant_mixes_classes import TenantMixesClasses
from .ses037_send_without_tenant import SendWithoutTenant
from .ses038_unknown_tenant_name import UnknownTenantName
from .ses040_automatic_pause import AutomaticPause
from .ses041_not_analysed import NotAnalysed
from .ses042_suppression_without_reason import SuppressionWithoutReason

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
# What application code shows (`sesguard scan`: semgrep patterns, see sesguard/scan/).
_CODE: tuple[Rule, ...] = (
    V2SendWithoutSet(),
    V1ApiSend(),
    UnknownSetName(),
    SmtpWithoutSetHeader(),
    SetNameNotStatic(),
)
# What only a live account shows (`sesguard audit`).
_LIVE: tuple[Rule, ...] = (
    Unread(),
    IdentityVerified(),
    DkimStatus(),
    MailFromStatus(),
    Enforcement(),
    UnpooledIps(),
    AccountSuppression(),
    DkimDns(),
    ReturnPathDns(),
    Dmarc(),
    Drift(),
    AlarmTopics(),
    TenantWithoutPolicy(),
    TransactionalStrictTenant(),
    TenantPaused(),
    TenantMixesClasses(),
)
# What application code shows about SES tenants (`sesguard scan --tenants`).
_CODE_TENANTS: tuple[Rule, ...] = (SendWithoutTenant(), UnknownTenantName())
# What a plan shows of the module's own wiring: the automatic pause of each lane.
_WIRING: tuple[Rule, ...] = (AutomaticPause(),)
# What sesguard itself says about a scan: a file it could not analyse, a suppression
# comment without its reason.
_SCAN_COVERAGE: tuple[Rule, ...] = (NotAnalysed(), SuppressionWithoutReason())
RULES: tuple[Rule, ...] = (
    _CHECKS + (UnknownAtPlan(_CHECKS),) + _CODE + _LIVE + _CODE_TENANTS + _WIRING + _SCAN_COVERAGE
)
RULES_BY_ID = {rule.id: rule for rule in RULES}
# What `sesguard check` (and checkov) run on a plan, what `sesguard audit` runs live.
PLAN_RULES: tuple[Rule, ...] = tuple(r for r in RULES if "plan" in r.applies_to)
LIVE_RULES: tuple[Rule, ...] = tuple(r for r in RULES if "live" in r.applies_to)
CODE_RULES: tuple[Rule, ...] = tuple(r for r in RULES if "code" in r.applies_to)

__all__ = ["CODE_RULES", "LIVE_RULES", "PLAN_RULES", "RULES", "RULES_BY_ID", "Rule"]
