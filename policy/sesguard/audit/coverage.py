"""Which rules each read feeds: when a read fails (or is skipped), these rules' findings
there cannot be trusted, and the audit says they were not verified."""

SET_RULES = ("SES001", "SES002", "SES003", "SES004", "SES005", "SES006", "SES009", "SES010")
DESTINATION_RULES = ("SES005", "SES006", "SES010")
IDENTITY_RULES = ("SES007", "SES011", "SES021", "SES022", "SES023", "SES027", "SES028", "SES029")
ACCOUNT_RULES = ("SES024", "SES026")
IP_RULES = ("SES025",)  # SES002 then relies on the config's unpooled_dedicated_ips
ALARM_RULES = ("SES006", "SES031")
TOPIC_RULES = ("SES031",)
IAM_RULES = ("SES012",)
PAUSE_RULES = ("SES040",)  # EventBridge rules, their targets, state machine definitions
TENANT_RULES = ("SES033", "SES034", "SES035", "SES036")
EVERY_RULE = tuple(sorted(set(SET_RULES + IDENTITY_RULES + ACCOUNT_RULES + IP_RULES + ("SES030",))))
DNS_RULES = ("SES027", "SES028", "SES029")
# A lane is unread (and the audit incomplete, exit 2) when a read feeding these failed.
LANE_RULES = frozenset(SET_RULES + DESTINATION_RULES + ALARM_RULES)
