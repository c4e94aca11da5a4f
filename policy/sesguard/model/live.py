"""What only a live account shows: entities the live builder adds beside the shared ones.

Plain data filled by `from_account` from what the audit read (`sesguard.audit`): the
rules that need it (SES020 onwards) read `Model.live`, which a plan model leaves `None`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..values import UNKNOWN


def ses_arn(region: str, account: str, kind: str, name: str) -> str:
    return f"arn:aws:ses:{region}:{account}:{kind}/{name}"


@dataclass(frozen=True)
class ReadFailure:
    """A read the audit could not make: reported as an info finding, never a silent pass.

    ``unverified`` lists the rules whose findings cannot be trusted for ``stream`` (None:
    for the whole account and region); the audit drops those rules' findings there.
    """

    api: str  # "sesv2:GetDedicatedIps"
    reason: str  # "AccessDeniedException: User ... is not authorized"
    what: str  # what could not be verified, in words
    unverified: tuple[str, ...] = ()
    stream: str | None = None
    address: str | None = None
    fix: str | None = None  # when not the usual "grant the permission" advice


@dataclass(frozen=True)
class LiveIdentity:
    name: str
    kind: Any  # DOMAIN | EMAIL_ADDRESS | MANAGED_DOMAIN
    verification_status: Any  # SUCCESS | PENDING | FAILED | TEMPORARY_FAILURE | NOT_STARTED
    verified_for_sending: Any
    dkim_status: Any
    dkim_origin: Any  # AWS_SES (Easy DKIM) | EXTERNAL | ...
    dkim_tokens: tuple[str, ...] = ()
    mail_from_domain: Any = None
    mail_from_status: Any = None
    mail_from_mx_failure: Any = None  # BehaviorOnMxFailure
    address: str = ""

    @property
    def domain(self) -> str:
        return self.name.rsplit("@", 1)[-1].lower().rstrip(".")


@dataclass(frozen=True)
class DedicatedIp:
    ip: str
    pool: Any  # pool name; None when SES reports none
    warmup_status: Any = None


@dataclass(frozen=True)
class LiveTenant:
    """An SES tenant: its configuration sets and the reputation entity SES keeps for it."""

    name: str
    arn: str
    sending_status: Any  # the aggregate: ENABLED | REINSTATED | DISABLED
    policy: Any  # none | standard | strict (the reputation policy's last path segment)
    sets: Any  # tuple of configuration set names | UNKNOWN
    ses_managed_cause: Any = None
    customer_status: Any = None
    findings: tuple[tuple[str, str, str], ...] = ()  # open findings: (type, impact, description)


@dataclass(frozen=True)
class DnsAnswer:
    """One DNS lookup: the records found (empty: the name or type does not exist), or
    ``error`` when the resolver could not answer (timeout, SERVFAIL)."""

    name: str
    rdtype: str
    records: tuple[str, ...] = ()
    error: str | None = None


@dataclass
class LiveFacts:
    account: str
    region: str
    enforcement_status: Any = UNKNOWN
    sending_enabled: Any = UNKNOWN
    production_access: Any = UNKNOWN
    account_suppression: Any = UNKNOWN  # tuple of reasons | UNKNOWN
    dedicated_ips: Any = UNKNOWN  # tuple[DedicatedIp] | UNKNOWN
    identities: dict[str, LiveIdentity] = field(default_factory=dict)
    tenants: Any = UNKNOWN  # tuple[LiveTenant] | UNKNOWN
    # (name, rdtype) → answer; None when DNS was not checked (--no-dns).
    dns: dict[tuple[str, str], DnsAnswer] | None = None
    failures: list[ReadFailure] = field(default_factory=list)
    # SNS topic ARN → whether it exists (absent: not read); and who notifies each topic.
    topics: dict[str, bool] = field(default_factory=dict)
    sns_targets: list[tuple[str, str, str]] = field(default_factory=list)
    planned: Any = None  # the Model of a plan to compare with (--plan), else None
    # Alarms on no SES metric: no rule reads them; the read-back (tools/verify) lists them.
    other_alarms: list = field(default_factory=list)
    # Read name → its answer as the API gave it (None: the read failed), for the reads
    # declared with `answer=True` (audit/reads.py): what no builder here arranges yet.
    answers: dict[str, Any] = field(default_factory=dict)

    def arn(self, kind: str, name: str) -> str:
        return ses_arn(self.region, self.account, kind, name)

    @property
    def account_address(self) -> str:
        return f"arn:aws:ses:{self.region}:{self.account}:account"


# --- the DNS records SES expects (one place for the names the audit asks and rules read) ---
def dkim_records(identity: LiveIdentity) -> list[tuple[str, str]]:
    """(record name, CNAME target) of each Easy DKIM token of a domain identity."""
    if identity.kind == "EMAIL_ADDRESS" or identity.dkim_origin not in (None, "AWS_SES"):
        return []
    return [
        (f"{token}._domainkey.{identity.domain}", f"{token}.dkim.amazonses.com")
        for token in identity.dkim_tokens
    ]


def feedback_mx(region: str) -> str:
    """The MX a MAIL FROM domain must name so bounces and complaints reach SES."""
    return f"feedback-smtp.{region}.amazonses.com"


SPF_INCLUDE = "include:amazonses.com"


def dmarc_names(domain: str) -> list[str]:
    """Where a receiver looks for the From domain's DMARC policy: the domain, then its
    organizational domain (approximated as its last two labels)."""
    names = [f"_dmarc.{domain}"]
    organizational = ".".join(domain.split(".")[-2:])
    if organizational != domain:
        names.append(f"_dmarc.{organizational}")
    return names


def dns_lookups(identities: dict[str, LiveIdentity]) -> set[tuple[str, str]]:
    """Every (name, record type) the DNS rules need for these identities."""
    wanted: set[tuple[str, str]] = set()
    for identity in identities.values():
        wanted.update((name, "CNAME") for name, _ in dkim_records(identity))
        if isinstance(identity.mail_from_domain, str):
            wanted.add((identity.mail_from_domain.lower(), "MX"))
            wanted.add((identity.mail_from_domain.lower(), "TXT"))
        wanted.update((name, "TXT") for name in dmarc_names(identity.domain))
    return wanted
