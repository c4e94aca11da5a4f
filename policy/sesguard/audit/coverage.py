"""Which rules each read feeds, from the rules' own `reads`: when a read fails (or is
skipped), these rules' findings there cannot be trusted, and the audit says they were not
verified."""

from __future__ import annotations

from ..rules import RULES

# Every read a rule may declare, and the API calls behind it (docs/audit.md's coverage table).
READS = {
    "configuration_sets": "sesv2:ListConfigurationSets",
    "configuration_set": "sesv2:GetConfigurationSet",
    "event_destinations": "sesv2:GetConfigurationSetEventDestinations",
    "dedicated_ip_pools": "sesv2:ListDedicatedIpPools",
    "dedicated_ip_pool": "sesv2:GetDedicatedIpPool",
    "dedicated_ips": "sesv2:GetDedicatedIps",
    "identities": "sesv2:ListEmailIdentities, sesv2:GetEmailIdentity",
    "account": "sesv2:GetAccount",
    "alarms": "cloudwatch:DescribeAlarms",
    "topics": "sns:GetTopicAttributes",
    "iam": "iam:ListPolicies, iam:GetPolicyVersion, iam:ListRoles, iam:ListRolePolicies, "
    "iam:GetRolePolicy (with --iam)",
    "tenants": "sesv2:ListTenants, sesv2:ListRecommendations, sesv2:ListTenantResources, "
    "sesv2:GetReputationEntity",
    "pause": "events:ListRules, events:ListTargetsByRule, states:DescribeStateMachine",
    "dns": "DNS: DKIM CNAMEs, MAIL FROM MX and SPF, DMARC TXT (without --no-dns)",
}


def rules_reading(*reads: str) -> tuple[str, ...]:
    """The IDs of the rules that declare any of these reads, in ID order."""
    unknown = set(reads) - READS.keys()
    if unknown:
        raise ValueError(f"no such read: {', '.join(sorted(unknown))}")
    return tuple(rule.id for rule in RULES if set(rule.reads) & set(reads))


SET_RULES = rules_reading("configuration_set")
DESTINATION_RULES = rules_reading("event_destinations")
POOL_LIST_RULES = rules_reading("dedicated_ip_pools")
POOL_RULES = rules_reading("dedicated_ip_pool")
IDENTITY_RULES = rules_reading("identities")
ACCOUNT_RULES = rules_reading("account")
IP_RULES = rules_reading(
    "dedicated_ips"
)  # SES002 then relies on the config's unpooled_dedicated_ips
ALARM_RULES = rules_reading("alarms")
TOPIC_RULES = rules_reading("topics")
IAM_RULES = rules_reading("iam")
PAUSE_RULES = rules_reading("pause")  # EventBridge rules, their targets, state machine definitions
TENANT_RULES = rules_reading("tenants")
DNS_RULES = rules_reading("dns")
# What a region that could not be read at all leaves unverified.
EVERY_RULE = rules_reading(
    "configuration_sets", "configuration_set", "identities", "account", "dedicated_ips"
)


def unverified_by(read: str) -> tuple[str, ...]:
    """The rules a failure of this read leaves unverified: the list of sets is the region's
    first read, and without it the region's other checks are not trusted either."""
    return EVERY_RULE if read == "configuration_sets" else rules_reading(read)


# A lane is unread (and the audit incomplete, exit 2) when a read feeding these failed.
LANE_RULES = frozenset(rules_reading("configuration_set", "event_destinations", "alarms"))
