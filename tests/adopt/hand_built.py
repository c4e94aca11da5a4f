"""Hand-built SES accounts, made on the emulator the way people make them: through the
v2 and v1 APIs with boto3, following blog posts rather than the module.

Each builder takes boto3 clients (sesv2, ses, cloudwatch, sns) of a freshly reset emulator.
"""

from __future__ import annotations

import urllib.request

import boto3
from adopted_root import CREDENTIALS, REGION
from ses_account import cloudwatch_destination, dead_bounce_alarm, rate_alarm_metrics

DOMAIN = "example.test"


def _cloudwatch(dimension: str, value: str, events: list[str]) -> dict:
    return {
        "Enabled": True,
        "MatchingEventTypes": events,
        "CloudWatchDestination": {
            "DimensionConfigurations": [
                {
                    "DimensionName": dimension,
                    "DimensionValueSource": "MESSAGE_TAG",
                    "DefaultDimensionValue": value,
                }
            ]
        },
    }


def seed_walkthrough(c) -> None:
    """The article's account: a v2 transactional set inheriting the account suppression
    list, a marketing set on a MANAGED pool with suppression turned off and SNS events, a
    digest set made through the v1 API, a domain with a default set and MAIL FROM, an
    address identity, and a bounce alarm on Reputation.BounceRate + stream (dead)."""
    ses, v1, cloudwatch, sns = c["sesv2"], c["ses"], c["cloudwatch"], c["sns"]
    alerts = sns.create_topic(Name="ses-alerts")["TopicArn"]
    complaints = sns.create_topic(Name="marketing-complaints")["TopicArn"]
    ses.create_configuration_set(
        ConfigurationSetName="transactional",
        DeliveryOptions={"TlsPolicy": "OPTIONAL"},
    )
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="transactional",
        EventDestinationName="to-cloudwatch",
        EventDestination=_cloudwatch("stream", "transactional", ["SEND", "BOUNCE", "COMPLAINT"]),
    )
    ses.create_dedicated_ip_pool(PoolName="marketing-pool", ScalingMode="MANAGED")
    ses.create_configuration_set(
        ConfigurationSetName="marketing",
        DeliveryOptions={"TlsPolicy": "REQUIRE", "SendingPoolName": "marketing-pool"},
        ReputationOptions={"ReputationMetricsEnabled": True},
        SuppressionOptions={"SuppressedReasons": []},
        Tags=[{"Key": "team", "Value": "growth"}],
    )
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="marketing",
        EventDestinationName="complaints",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["COMPLAINT"],
            "SnsDestination": {"TopicArn": complaints},
        },
    )
    v1.create_configuration_set(ConfigurationSet={"Name": "bulk-notifications"})
    v1.create_configuration_set_event_destination(
        ConfigurationSetName="bulk-notifications",
        EventDestination={
            "Name": "metrics",
            "Enabled": True,
            "MatchingEventTypes": ["send", "bounce", "complaint", "delivery"],
            "CloudWatchDestination": {
                "DimensionConfigurations": [
                    {
                        "DimensionName": "stream",
                        "DimensionValueSource": "messageTag",
                        "DefaultDimensionValue": "bulk-notifications",
                    }
                ]
            },
        },
    )
    ses.create_email_identity(EmailIdentity=DOMAIN, ConfigurationSetName="transactional")
    ses.put_email_identity_mail_from_attributes(
        EmailIdentity=DOMAIN, MailFromDomain=f"bounce.{DOMAIN}"
    )
    ses.create_email_identity(EmailIdentity=f"ops@{DOMAIN}")
    # The blog post's alarm: SES never publishes Reputation.BounceRate with a custom dimension.
    cloudwatch.put_metric_alarm(
        **dead_bounce_alarm("transactional-bounce-rate", "transactional", alerts)
    )


SHAPES = {"seed-walkthrough": seed_walkthrough}


def two_teams(c) -> None:
    """Two teams' sets on one STANDARD pool: receipts (class from its tag) and a paused
    digest whose class nothing tells, with EventBridge events and a disabled CloudWatch
    destination on a dimension the module cannot name; no alarm at all; a domain whose
    default set is the digest and one with no default set."""
    ses, events = c["sesv2"], "arn:aws:events:us-east-1:123456789012:event-bus/default"
    c["sns"].create_topic(Name="deliverability")  # what the owner gives as alarm_actions
    ses.create_dedicated_ip_pool(PoolName="shared-pool", ScalingMode="STANDARD")
    ses.create_configuration_set(
        ConfigurationSetName="receipts",
        DeliveryOptions={"TlsPolicy": "REQUIRE", "SendingPoolName": "shared-pool"},
        ReputationOptions={"ReputationMetricsEnabled": True},
        SuppressionOptions={"SuppressedReasons": ["BOUNCE"]},
        Tags=[{"Key": "class", "Value": "transactional"}],
    )
    ses.create_configuration_set(
        ConfigurationSetName="digest",
        DeliveryOptions={"SendingPoolName": "shared-pool", "MaxDeliverySeconds": 3600},
        SuppressionOptions={"SuppressedReasons": ["BOUNCE", "COMPLAINT"]},
        SendingOptions={"SendingEnabled": False},
    )
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="digest",
        EventDestinationName="bus",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["BOUNCE", "COMPLAINT"],
            "EventBridgeDestination": {"EventBusArn": events},
        },
    )
    dead_dimension = _cloudwatch("ses:configuration-set", "digest", ["SEND", "BOUNCE"])
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="digest",
        EventDestinationName="counts",
        EventDestination=dict(dead_dimension, Enabled=False),
    )
    ses.create_email_identity(EmailIdentity="shop.test", ConfigurationSetName="digest")
    ses.create_email_identity(EmailIdentity="nodefault.test")


SHAPES["two-teams"] = two_teams


def v1_and_live_alarms(c) -> None:
    """A marketing newsletter set made entirely through the v1 API (SNS destinations, a
    second one the module cannot hold, a tracking domain) on SES's shared IPs; a
    password-reset set on the account's default dedicated pool with live rate alarms
    already named as the module names them; an account-wide alarm; a domain with a default
    set, a MAIL FROM that rejects on MX failure, 1024-bit DKIM keys and tags."""
    ses, v1, cloudwatch, sns = c["sesv2"], c["ses"], c["cloudwatch"], c["sns"]
    alerts = sns.create_topic(Name="ses-alerts")["TopicArn"]
    bounces = sns.create_topic(Name="newsletter-bounces")["TopicArn"]
    archive = sns.create_topic(Name="newsletter-archive")["TopicArn"]
    v1.create_configuration_set(ConfigurationSet={"Name": "marketing-newsletters"})
    for name, topic, events in (("bounces", bounces, ["bounce", "complaint"]),
                                ("archive", archive, ["delivery"])):  # fmt: skip
        v1.create_configuration_set_event_destination(
            ConfigurationSetName="marketing-newsletters",
            EventDestination={
                "Name": name,
                "Enabled": True,
                "MatchingEventTypes": events,
                "SNSDestination": {"TopicARN": topic},
            },
        )
    v1.create_configuration_set_tracking_options(
        ConfigurationSetName="marketing-newsletters",
        TrackingOptions={"CustomRedirectDomain": "click.example.org"},
    )
    ses.create_configuration_set(
        ConfigurationSetName="password-resets",
        DeliveryOptions={"TlsPolicy": "REQUIRE", "SendingPoolName": "ses-default-dedicated-pool"},
        ReputationOptions={"ReputationMetricsEnabled": True},
        SuppressionOptions={"SuppressedReasons": ["BOUNCE"]},
        Tags=[{"Key": "class", "Value": "transactional"}, {"Key": "owner", "Value": "identity"}],
    )
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="password-resets",
        EventDestinationName="cloudwatch",
        EventDestination=cloudwatch_destination("password-resets", ["SEND", "BOUNCE", "COMPLAINT"]),
    )
    for kind, threshold in (("Bounce", 0.02), ("Complaint", 0.0005)):
        cloudwatch.put_metric_alarm(
            AlarmName=f"ses-password-resets-{kind.lower()}-rate",
            Metrics=rate_alarm_metrics("password-resets", kind),
            Threshold=threshold,
            ComparisonOperator="GreaterThanThreshold",
            EvaluationPeriods=1,
            AlarmActions=[alerts],
        )
    cloudwatch.put_metric_alarm(
        AlarmName="ses-account-bounce-rate",
        Namespace="AWS/SES",
        MetricName="Reputation.BounceRate",
        Statistic="Average",
        Period=3600,
        EvaluationPeriods=1,
        Threshold=0.04,
        ComparisonOperator="GreaterThanThreshold",
        AlarmActions=[alerts],
    )
    ses.create_email_identity(
        EmailIdentity="example.org",
        ConfigurationSetName="password-resets",
        DkimSigningAttributes={"NextSigningKeyLength": "RSA_1024_BIT"},
        Tags=[{"Key": "owner", "Value": "identity"}],
    )
    ses.put_email_identity_mail_from_attributes(
        EmailIdentity="example.org",
        MailFromDomain="mail.example.org",
        BehaviorOnMxFailure="REJECT_MESSAGE",
    )


SHAPES["v1-and-live-alarms"] = v1_and_live_alarms


def build(emulator: str, shape: str) -> None:
    """A freshly reset emulator holding the hand-built account `shape`."""
    urllib.request.urlopen(urllib.request.Request(f"{emulator}/moto-api/reset", method="POST"))
    keys = {"aws_access_key_id": CREDENTIALS["AWS_ACCESS_KEY_ID"],
            "aws_secret_access_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"]}  # fmt: skip
    clients = {
        s: boto3.client(s, endpoint_url=emulator, region_name=REGION, **keys)
        for s in ("sesv2", "ses", "cloudwatch", "sns")
    }
    SHAPES[shape](clients)
