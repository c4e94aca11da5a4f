"""Building the model from a live account: the read-back of `sesguard.audit.reader`.

The input is plain data (the SES v2 / CloudWatch answers, keyed as the APIs name them),
so this builder needs no AWS SDK and the same rules run on it as on a plan. A field that
could not be read is UNKNOWN, which every rule already treats as "cannot tell".
"""

from __future__ import annotations

import json
from typing import Any

from ..config import Config
from ..values import ABSENT, UNKNOWN
from .alarms import alarm_from_api, is_ses_alarm
from .blocks import DESTINATION_MEMBERS
from .entities import (
    DEFAULT_POOL,
    ConfigurationSet,
    Destination,
    Dimension,
    Identity,
    MailFrom,
    Model,
    Pool,
    Resource,
    SendPolicy,
)
from .iam import policy_statements
from .linking import link
from .live import DedicatedIp, LiveFacts, LiveIdentity, LiveTenant, ses_arn
from .pause_wiring import judge_pause_wiring

NO_CHANGE = ("no-op",)
ALARM_TYPE = "aws_cloudwatch_metric_alarm"


def model_from_account(snapshot: dict, config: Config | None = None) -> Model:
    """Snapshot of one account and region (see `sesguard.audit.reader`) → Model."""
    return AccountBuilder(snapshot, config or Config.default()).build()


class AccountBuilder:
    def __init__(self, snapshot: dict, config: Config) -> None:
        self.snap = snapshot
        self.model = Model(config=config)
        self.live = LiveFacts(snapshot["account"], snapshot["region"])
        self.model.live = self.live

    def resource(self, rtype: str, name: str, address: str) -> Resource:
        res = Resource(address, rtype, name, "", NO_CHANGE, None, None)
        self.model.resources[address] = res
        return res

    def build(self) -> Model:
        snap, live = self.snap, self.live
        live.failures = list(snap.get("failures", ()))
        live.dns = snap.get("dns")
        live.topics = snap.get("sns_topics") or {}
        live.sns_targets = sns_targets(snap)
        live.answers = dict(snap.get("answers") or {})
        for pool in snap.get("pools", ()):
            self._pool(pool)
        for config_set in snap.get("configuration_sets", ()):
            self._set(config_set)
        self._dedicated_ips(snap.get("dedicated_ips"))
        for identity in snap.get("identities", ()):
            self._identity(identity)
        self._account(snap.get("account_details"))
        self._tenants(snap.get("tenants"))
        for alarm in snap.get("alarms") or ():
            self._alarm(alarm)
        for address, document in snap.get("iam_policies") or ():
            self._policy(address, document)
        link(self.model)
        judge_pause_wiring(self.model, snap.get("pause_wiring"))  # needs each lane's alarms
        return self.model

    def _pool(self, raw: dict) -> None:
        name = raw["PoolName"]
        res = self.resource(
            "aws_sesv2_dedicated_ip_pool", name, self.live.arn("dedicated-ip-pool", name)
        )
        self.model.pools.append(Pool(res, name, raw.get("ScalingMode", UNKNOWN)))

    def _set(self, raw: dict) -> None:
        name = raw["ConfigurationSetName"]
        res = self.resource(
            "aws_sesv2_configuration_set", name, self.live.arn("configuration-set", name)
        )
        readable = not raw.get("Unreadable")
        delivery = raw.get("DeliveryOptions") or {}
        reputation = raw.get("ReputationOptions") or {}
        suppression = raw.get("SuppressionOptions")
        sending = raw.get("SendingOptions") or {}
        if not readable:
            reasons = pool_name = tls = metrics = max_delivery = sending_enabled = UNKNOWN
        else:
            max_delivery = delivery.get("MaxDeliverySeconds")
            sending_enabled = sending.get("SendingEnabled")
            pool_name = delivery.get("SendingPoolName")
            tls = delivery.get("TlsPolicy", "OPTIONAL")
            metrics = bool(reputation.get("ReputationMetricsEnabled", False))
            # SES answers no SuppressionOptions when the set inherits the account list.
            reasons = (
                ABSENT
                if suppression is None or suppression.get("SuppressedReasons") is None
                else tuple(suppression["SuppressedReasons"])
            )
        config_set = ConfigurationSet(
            res,
            name=name,
            tags={t["Key"]: t["Value"] for t in raw.get("Tags") or ()} if readable else UNKNOWN,
            pool_name=pool_name,
            tls_policy=tls,
            reputation_metrics=metrics,
            suppressed_reasons=reasons,
            suppressed_before=ABSENT,
            max_delivery_seconds=max_delivery,
            sending_enabled=sending_enabled,
        )
        self.model.sets.append(config_set)
        destinations = raw.get("EventDestinations")
        if destinations is None:  # could not be read: a placeholder keeps rules unsure
            self.model.destinations.append(
                Destination(res, name, UNKNOWN, UNKNOWN, UNKNOWN, False, False, UNKNOWN)
            )
            return
        for dest in destinations:
            self._destination(name, dest)

    def _destination(self, set_name: str, raw: dict) -> None:
        dest_name = raw.get("Name", "")
        address = self.live.arn("configuration-set", destination_path(set_name, raw))
        res = self.resource("aws_sesv2_configuration_set_event_destination", dest_name, address)
        cloudwatch = raw.get("CloudWatchDestination")
        dims = None
        if cloudwatch is not None:
            dims = tuple(
                Dimension(
                    d.get("DimensionName"),
                    d.get("DimensionValueSource"),
                    d.get("DefaultDimensionValue"),
                )
                for d in cloudwatch.get("DimensionConfigurations") or ()
            )
        self.model.destinations.append(
            Destination(
                res,
                set_name=set_name,
                enabled=bool(raw.get("Enabled", False)),
                event_types=frozenset(raw.get("MatchingEventTypes") or ()),
                cloudwatch=dims,
                sns="SnsDestination" in raw,
                eventbridge="EventBridgeDestination" in raw,
                name=dest_name,
                kind=next((k for member, k in DESTINATION_MEMBERS.items() if member in raw), None),
                topic_arn=(raw.get("SnsDestination") or {}).get("TopicArn"),
            )
        )

    def _dedicated_ips(self, raw: list | None) -> None:
        if raw is None:
            return  # unreadable: LiveFacts.dedicated_ips stays UNKNOWN
        ips = tuple(DedicatedIp(ip["Ip"], ip.get("PoolName"), ip.get("WarmupStatus")) for ip in raw)
        self.live.dedicated_ips = ips
        for ip in ips:
            res = self.resource(
                "aws_sesv2_dedicated_ip_assignment", ip.ip, self.live.arn("dedicated-ip", ip.ip)
            )
            # An IP in no named pool sits in the default pool: SES002 reads this list.
            self.model.ip_assignments.append((res, ip.pool or DEFAULT_POOL))

    def _identity(self, raw: dict) -> None:
        name = raw["IdentityName"]
        address = self.live.arn("identity", name)
        res = self.resource("aws_sesv2_email_identity", name, address)
        if raw.get("Unreadable"):
            self.model.identities.append(Identity(res, name, UNKNOWN))
            return
        self.model.identities.append(Identity(res, name, raw.get("ConfigurationSetName")))
        dkim = raw.get("DkimAttributes") or {}
        mail_from = raw.get("MailFromAttributes") or {}
        live = LiveIdentity(
            name,
            kind=raw.get("IdentityType"),
            verification_status=raw.get("VerificationStatus", UNKNOWN),
            verified_for_sending=raw.get("VerifiedForSendingStatus", UNKNOWN),
            dkim_status=dkim.get("Status", UNKNOWN),
            dkim_origin=dkim.get("SigningAttributesOrigin"),
            dkim_tokens=tuple(dkim.get("Tokens") or ()),
            mail_from_domain=mail_from.get("MailFromDomain"),
            mail_from_status=mail_from.get("MailFromDomainStatus"),
            mail_from_mx_failure=mail_from.get("BehaviorOnMxFailure"),
            address=address,
        )
        self.live.identities[name] = live
        if live.mail_from_domain:
            mf_res = self.resource(
                "aws_sesv2_email_identity_mail_from_attributes",
                name,
                self.live.arn("identity", f"{name}/mail-from"),
            )
            self.model.mail_froms.append(
                MailFrom(mf_res, name, live.mail_from_domain, live.mail_from_mx_failure)
            )

    def _account(self, raw: dict | None) -> None:
        if raw is None:
            return
        live = self.live
        live.enforcement_status = raw.get("EnforcementStatus", UNKNOWN)
        live.sending_enabled = raw.get("SendingEnabled", UNKNOWN)
        live.production_access = raw.get("ProductionAccessEnabled", UNKNOWN)
        suppression = raw.get("SuppressionAttributes") or {}
        live.account_suppression = tuple(suppression.get("SuppressedReasons") or ())

    def _tenants(self, raw: list | None) -> None:
        if raw is None:
            return  # unreadable: LiveFacts.tenants stays UNKNOWN
        self.live.tenants = tuple(_tenant(tenant) for tenant in raw)

    def _policy(self, address: str, document: Any) -> None:
        # boto3 decodes IAM's URL-encoded JSON into a dict; a plan holds it as text.
        text = document if isinstance(document, str) else json.dumps(document)
        statements = policy_statements(text)
        if statements is not None:
            res = self.resource("aws_iam_policy", address.rsplit("/", 1)[-1], address)
            self.model.policies.append(SendPolicy(res, statements))

    def _alarm(self, raw: dict) -> None:
        name = raw["AlarmName"]
        if not is_ses_alarm(raw):
            # Only alarms on SES metrics concern the lanes; the read-back lists the others.
            res = Resource(raw.get("AlarmArn") or name, ALARM_TYPE, name, "", NO_CHANGE, None, None)
            self.live.other_alarms.append(alarm_from_api(raw, res))
            return
        res = self.resource(ALARM_TYPE, name, raw.get("AlarmArn") or name)
        self.model.alarms.append(alarm_from_api(raw, res))


def _tenant(raw: dict) -> LiveTenant:
    entity = raw.get("ReputationEntity")
    resources = raw.get("Resources")
    findings = raw.get("Findings")
    return LiveTenant(
        name=raw["TenantName"],
        arn=raw["TenantArn"],
        sending_status=(entity or {}).get("SendingStatusAggregate")
        or raw.get("SendingStatus", UNKNOWN),
        # arn:aws:ses:<region>:aws:reputation-policy/<none|standard|strict>
        policy=UNKNOWN
        if entity is None
        else (entity.get("ReputationManagementPolicy") or "").rpartition("/")[2] or UNKNOWN,
        sets=UNKNOWN
        if resources is None
        else tuple(
            r["ResourceArn"].rpartition("configuration-set/")[2]
            for r in resources
            if r.get("ResourceType") == "CONFIGURATION_SET"
        ),
        ses_managed_cause=((entity or {}).get("AwsSesManagedStatus") or {}).get("Cause"),
        customer_status=((entity or {}).get("CustomerManagedStatus") or {}).get("Status"),
        findings=tuple(
            (f.get("Type", ""), f.get("Impact", ""), f.get("Description", ""))
            for f in findings or ()
        ),
    )


def destination_path(set_name: str, raw: dict) -> str:
    """An event destination's part of its address (it has no ARN of its own)."""
    return f"{set_name}/event-destination/{raw.get('Name', '')}"


def sns_targets(snapshot: dict) -> list[tuple[str, str, str]]:
    """(topic ARN, what notifies it, its address) of every SES alarm action and SNS event
    destination in a snapshot: the topics the audit checks exist."""
    targets = []
    for alarm in snapshot.get("alarms") or ():
        if is_ses_alarm(alarm):
            for action in alarm.get("AlarmActions") or ():
                if action.startswith("arn:aws:sns:"):
                    name = alarm["AlarmName"]
                    targets.append((action, f"alarm {name!r}", alarm.get("AlarmArn") or name))
    region, account = snapshot["region"], snapshot["account"]
    for config_set in snapshot.get("configuration_sets") or ():
        set_name = config_set["ConfigurationSetName"]
        for dest in config_set.get("EventDestinations") or ():
            topic = (dest.get("SnsDestination") or {}).get("TopicArn")
            if topic:
                address = ses_arn(
                    region, account, "configuration-set", destination_path(set_name, dest)
                )
                what = f"event destination {dest.get('Name')!r} of {set_name!r}"
                targets.append((topic, what, address))
    return targets
