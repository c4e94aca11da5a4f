"""A well-isolated SES account, built on the emulator through boto3 as an operator would.

Three streams the way the ses_stream module sets them up (own set, class suppression,
TLS REQUIRE, reputation metrics, an enabled CloudWatch destination with the stream
dimension, real-time SNS events, rate alarms with actions, and for marketing and bulk the
automatic pause: an EventBridge rule on the rate alarms starting a state machine that turns
the set's sending off), one identity per stream with its default set and MAIL FROM, and the
DNS zone those identities need. Tests break it one thing at a time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import boto3
from ses_account import cloudwatch_destination, rate_alarm_metrics

REGION = "us-east-1"
ACCOUNT = "123456789012"  # moto's account for any access key
DOMAIN = "example.test"

BOTH = ["BOUNCE", "COMPLAINT"]
# The streams whose alarms pause them, as the module's class defaults wire them.
PAUSING = ("marketing", "bulk-notifications")
# stream (also its class) → (suppressed reasons, pool, SNS real-time events, bounce and
# complaint alarm thresholds)
STREAMS = {
    "transactional": (["BOUNCE"], None, BOTH, 0.01, 0.0005),
    "marketing": (BOTH, "marketing-pool", ["COMPLAINT"], 0.02, 0.0008),
    "bulk-notifications": (BOTH, None, [], 0.02, 0.0008),
}


def ses_arn(kind: str, name: str) -> str:
    return f"arn:aws:ses:{REGION}:{ACCOUNT}:{kind}/{name}"


def alarm_arn(name: str) -> str:
    return f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:{name}"


def identity_of(stream: str) -> str:
    return f"{stream}.mail.{DOMAIN}"


@dataclass
class Zone:
    """DNS records by (name, type) → rdata texts; what a DNS server on loopback serves."""

    records: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, name: str, rdtype: str, value: str) -> None:
        self.records.setdefault((name.lower(), rdtype), []).append(value)


def build_account(clients) -> Zone:
    """Create the good account on the (freshly reset) emulator; return its DNS zone."""
    ses, cloudwatch, sns = clients["sesv2"], clients["cloudwatch"], clients["sns"]
    zone = Zone()
    zone.add(f"_dmarc.{DOMAIN}", "TXT", "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.test")
    for stream, (reasons, pool, realtime, bounce, complaint) in STREAMS.items():
        topic = sns.create_topic(Name=f"{stream}-alerts")["TopicArn"]
        delivery = {"TlsPolicy": "REQUIRE"}
        if pool:
            ses.create_dedicated_ip_pool(PoolName=pool, ScalingMode="MANAGED")
            delivery["SendingPoolName"] = pool
        ses.create_configuration_set(
            ConfigurationSetName=stream,
            DeliveryOptions=delivery,
            ReputationOptions={"ReputationMetricsEnabled": True},
            SendingOptions={"SendingEnabled": True},
            SuppressionOptions={"SuppressedReasons": reasons},
            Tags=[{"Key": "class", "Value": stream}],
        )
        ses.create_configuration_set_event_destination(
            ConfigurationSetName=stream,
            EventDestinationName="cloudwatch",
            EventDestination=cloudwatch_destination(
                stream, ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT"]
            ),
        )
        if realtime:
            ses.create_configuration_set_event_destination(
                ConfigurationSetName=stream,
                EventDestinationName="realtime",
                EventDestination={
                    "Enabled": True,
                    "MatchingEventTypes": realtime,
                    "SnsDestination": {"TopicArn": topic},
                },
            )
        put_rate_alarm(cloudwatch, f"{stream}-bounce-rate", stream, "Bounce", bounce, topic)
        put_rate_alarm(
            cloudwatch, f"{stream}-complaint-rate", stream, "Complaint", complaint, topic
        )
        if stream in PAUSING:
            wire_pause(clients, stream)
        identity = identity_of(stream)
        created = ses.create_email_identity(EmailIdentity=identity, ConfigurationSetName=stream)
        ses.put_email_identity_mail_from_attributes(
            EmailIdentity=identity, MailFromDomain=f"bounce.{identity}"
        )
        for token in created["DkimAttributes"]["Tokens"]:
            zone.add(f"{token}._domainkey.{identity}", "CNAME", f"{token}.dkim.amazonses.com")
        zone.add(f"bounce.{identity}", "MX", f"10 feedback-smtp.{REGION}.amazonses.com")
        zone.add(f"bounce.{identity}", "TXT", "v=spf1 include:amazonses.com ~all")
    ses.put_account_suppression_attributes(SuppressedReasons=["BOUNCE", "COMPLAINT"])
    return zone


def put_rate_alarm(cloudwatch, name, stream, metric, threshold, topic):
    """A per-stream rate alarm: metric math over the stream's counts, like the module's."""
    cloudwatch.put_metric_alarm(
        AlarmName=name,
        Metrics=rate_alarm_metrics(stream, metric),
        Threshold=threshold,
        ComparisonOperator="GreaterThanThreshold",
        EvaluationPeriods=1,
        AlarmActions=[topic],
    )


def alarm_pattern(*alarm_names: str) -> dict:
    """The event pattern the module writes: these alarms entering ALARM."""
    return {
        "source": ["aws.cloudwatch"],
        "detail-type": ["CloudWatch Alarm State Change"],
        "detail": {"alarmName": list(alarm_names), "state": {"value": ["ALARM"]}},
    }


def pause_definition(config_set: str) -> str:
    """A state machine that turns `config_set`'s sending off (the module's, without the
    SNS notice)."""
    task = {
        "Type": "Task",
        "Resource": "arn:aws:states:::aws-sdk:sesv2:putConfigurationSetSendingOptions",
        "Parameters": {"ConfigurationSetName": config_set, "SendingEnabled": False},
        "End": True,
    }
    return json.dumps({"StartAt": "PauseSending", "States": {"PauseSending": task}})


def pause_machine(clients, name: str, definition: str) -> str:
    """A state machine named `name`; its ARN."""
    role = f"arn:aws:iam::{ACCOUNT}:role/ses-pause/{name}"
    created = clients["stepfunctions"].create_state_machine(
        name=name, definition=definition, roleArn=role
    )
    return created["stateMachineArn"]


def wire_pause(clients, stream: str, pattern: dict | None = None, machine: str | None = None):
    """The automatic pause of `stream`, as `ses-<stream>-pause`: a rule on its rate alarms
    (or `pattern`) starting a state machine that pauses its set (or the one at `machine`)."""
    name = f"ses-{stream}-pause"
    arn = machine or pause_machine(clients, name, pause_definition(stream))
    pattern = pattern or alarm_pattern(f"{stream}-bounce-rate", f"{stream}-complaint-rate")
    clients["events"].put_rule(Name=name, EventPattern=json.dumps(pattern))
    clients["events"].put_targets(
        Rule=name,
        Targets=[
            {
                "Id": "pause-sending",
                "Arn": arn,
                "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/{name}-events",
            }
        ],  # fmt: skip
    )


# An IAM policy that lets its holder send through any configuration set (SES012).
SEND_ANYWHERE = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["ses:SendEmail"], "Resource": "*"}],
    }
)


def sender_role(emulator: str, role: str, inline: bool = False) -> str:
    """A role with SEND_ANYWHERE attached as a customer-managed policy (and inline too,
    with ``inline``); returns the managed policy's ARN."""
    iam = boto3.client(
        "iam",
        endpoint_url=emulator,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    trust = json.dumps({"Version": "2012-10-17", "Statement": []})
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust)
    if inline:
        iam.put_role_policy(RoleName=role, PolicyName="send", PolicyDocument=SEND_ANYWHERE)
    policy = iam.create_policy(PolicyName=f"{role}-send", PolicyDocument=SEND_ANYWHERE)
    arn = policy["Policy"]["Arn"]
    iam.attach_role_policy(RoleName=role, PolicyArn=arn)
    return arn


POLICY = "arn:aws:ses:us-east-1:aws:reputation-policy/{}"


def tenant(ses, name: str, policy: str, *streams: str) -> str:
    """A tenant with these streams' sets and identities, on reputation policy `policy`; its ARN."""
    arn = ses.create_tenant(TenantName=name)["TenantArn"]
    for stream in streams:
        for resource in (
            ses_arn("configuration-set", stream),
            ses_arn("identity", identity_of(stream)),
        ):
            ses.create_tenant_resource_association(TenantName=name, ResourceArn=resource)
    ses.update_reputation_entity_policy(
        ReputationEntityType="RESOURCE", ReputationEntityReference=arn,
        ReputationEntityPolicy=POLICY.format(policy),
    )  # fmt: skip
    return arn


def send_campaign_to_stale_list(ses, count: int = 100) -> None:
    """Marketing's `campaigns` tenant mails a list gone stale (the emulator's stale.test domain)."""
    for n in range(count):
        ses.send_email(
            FromEmailAddress=f"news@{identity_of('marketing')}",
            Destination={"ToAddresses": [f"old{n}@stale.test"]},
            Content={"Simple": {"Subject": {"Data": "hi"}, "Body": {"Text": {"Data": "hi"}}}},
            ConfigurationSetName="marketing",
            TenantName="campaigns",
        )
