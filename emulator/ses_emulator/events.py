"""SES event documents and their publication to a configuration set's destinations.

Each enabled destination of the set that sent the message receives the events
its `MatchingEventTypes` name, and nothing else: a CloudWatch destination as
counts in `AWS/SES` (one datapoint per configured dimension), SNS, Firehose and
EventBridge as the event JSON SES writes. Publishing goes straight into moto's
backends in this process, so an SQS queue subscribed to the topic, a Firehose
stream's bucket or an EventBridge rule's target receive it as in production.
A destination that cannot take the event (topic deleted, ...) loses it, as in
SES; the message record keeps the error so it can be seen.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from moto.cloudwatch.models import cloudwatch_backends
from moto.events.models import events_backends
from moto.firehose.models import firehose_backends
from moto.sns.models import sns_backends

NAMESPACE = "AWS/SES"


@dataclass(frozen=True)
class EventKind:
    event_type: str  # "eventType" in the JSON document
    key: str  # the member holding the type-specific object
    detail_type: str  # EventBridge detail-type
    metric: str  # CloudWatch metric name in AWS/SES


# MatchingEventTypes value -> how SES names that event everywhere it publishes it.
KINDS = {
    "SEND": EventKind("Send", "send", "Email Sent", "Send"),
    "REJECT": EventKind("Reject", "reject", "Email Rejected", "Reject"),
    "BOUNCE": EventKind("Bounce", "bounce", "Email Bounced", "Bounce"),
    "COMPLAINT": EventKind("Complaint", "complaint", "Email Complaint Received", "Complaint"),
    "DELIVERY": EventKind("Delivery", "delivery", "Email Delivered", "Delivery"),
    "OPEN": EventKind("Open", "open", "Email Opened", "Open"),
    "CLICK": EventKind("Click", "click", "Email Clicked", "Click"),
    "RENDERING_FAILURE": EventKind(
        "Rendering Failure", "failure", "Email Rendering Failed", "RenderingFailure"
    ),
    "DELIVERY_DELAY": EventKind(
        "DeliveryDelay", "deliveryDelay", "Email Delivery Delayed", "DeliveryDelay"
    ),
    "SUBSCRIPTION": EventKind("Subscription", "subscription", "Email Subscribed", "Subscription"),
}
REPORTING_MTA = "a8-70.smtp-out.amazonses.com"


def iso(moment: dt.datetime) -> str:
    return (
        moment.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


@dataclass
class Event:
    type: str  # a KINDS key
    detail: dict[str, Any]
    recipients: list[str]
    timestamp: dt.datetime
    destinations: list[str] = field(default_factory=list)  # names that received it

    def document(self, mail: dict[str, Any]) -> dict[str, Any]:
        kind = KINDS[self.type]
        return {"eventType": kind.event_type, "mail": mail, kind.key: self.detail}


def send_event(now: dt.datetime) -> Event:
    return Event("SEND", {}, [], now)


def delivery_event(recipient: str, now: dt.datetime) -> Event:
    detail = {
        "timestamp": iso(now),
        "processingTimeMillis": 0,
        "recipients": [recipient],
        "smtpResponse": "250 2.6.0 Message received",
        "reportingMTA": REPORTING_MTA,
    }
    return Event("DELIVERY", detail, [recipient], now)


def bounce_event(recipient: str, outcome: Any, now: dt.datetime) -> Event:
    detail = {
        "feedbackId": _feedback_id(now),
        "bounceType": outcome.bounce_type,
        "bounceSubType": outcome.bounce_sub_type,
        "bouncedRecipients": [
            {
                "emailAddress": recipient,
                "action": "failed",
                "status": outcome.status,
                "diagnosticCode": outcome.diagnostic,
            }
        ],
        "timestamp": iso(now),
        "reportingMTA": f"dsn; {REPORTING_MTA}",
    }
    return Event("BOUNCE", detail, [recipient], now)


def complaint_event(recipient: str, now: dt.datetime) -> Event:
    detail = {
        "feedbackId": _feedback_id(now),
        "complainedRecipients": [{"emailAddress": recipient}],
        "timestamp": iso(now),
        "userAgent": "ses-emulator",
        "complaintFeedbackType": "abuse",
        "arrivalDate": iso(now),
    }
    return Event("COMPLAINT", detail, [recipient], now)


# The reader of an open or click, as SES reports one (a documentation address).
READER = {"ipAddress": "192.0.2.1", "userAgent": "Mozilla/5.0 (ses-emulator)"}


def open_event(recipient: str, now: dt.datetime) -> Event:
    return Event("OPEN", {**READER, "timestamp": iso(now)}, [recipient], now)


def click_event(
    recipient: str, link: str, link_tags: dict[str, list[str]], now: dt.datetime
) -> Event:
    detail = {**READER, "timestamp": iso(now), "link": link, "linkTags": link_tags}
    return Event("CLICK", detail, [recipient], now)


def delivery_delay_event(recipient: str, now: dt.datetime) -> Event:
    detail = {
        "timestamp": iso(now),
        "delayType": "TransientCommunicationFailure",
        "expirationTime": iso(now + dt.timedelta(hours=14)),  # SES retries for up to 14 hours
        "delayedRecipients": [
            {
                "emailAddress": recipient,
                "status": "4.4.1",
                "diagnosticCode": "smtp; 421 4.4.1 Unable to connect to remote host",
            }
        ],
        "reportingMTA": REPORTING_MTA,
    }
    return Event("DELIVERY_DELAY", detail, [recipient], now)


def reject_event(now: dt.datetime) -> Event:
    return Event("REJECT", {"reason": "Bad content"}, [], now)


def subscription_event(
    recipient: str, contact_list: str, old: dict[str, Any], new: dict[str, Any], now: dt.datetime
) -> Event:
    # "UnsubscribeHeader": the change came through the List-Unsubscribe link SES added.
    detail = {"contactList": contact_list, "timestamp": iso(now), "source": "UnsubscribeHeader",
              "newTopicPreferences": new, "oldTopicPreferences": old}  # fmt: skip
    return Event("SUBSCRIPTION", detail, [recipient], now)


def rendering_failure_event(template: str, error: str, now: dt.datetime) -> Event:
    return Event("RENDERING_FAILURE", {"templateName": template, "errorMessage": error}, [], now)


def _feedback_id(now: dt.datetime) -> str:
    return f"{int(now.timestamp() * 1000):016x}-{uuid.uuid4()}-000000"


@dataclass
class Publication:
    """What one message's events need to reach the destinations of its set."""

    account_id: str
    region: str
    configuration_set_arn: str
    mail: dict[str, Any]  # the "mail" object of every event document
    tags: dict[str, str]  # message tags (including SES's ses:* tags) for dimension values
    headers: dict[str, str]  # lower-cased header names -> value, for EMAIL_HEADER dimensions


def publish(
    destinations: list[dict[str, Any]], events: list[Event], publication: Publication
) -> tuple[list[dict[str, Any]], list[str]]:
    """Send `events` to each enabled destination that matches them.

    Returns the CloudWatch datapoints (the caller batches them into one
    PutMetricData) and the errors of destinations that could not take an event.
    """
    datapoints: list[dict[str, Any]] = []
    errors: list[str] = []
    for destination in destinations:
        if not destination.get("Enabled"):
            continue
        matching = [e for e in events if e.type in destination["MatchingEventTypes"]]
        for event in matching:
            try:
                datapoints.extend(_deliver(destination, event, publication))
            except Exception as error:  # the destination lost it, the send still happened
                errors.append(f"{destination['Name']}: {type(error).__name__}: {error}")
                continue
            event.destinations.append(destination["Name"])
    return datapoints, errors


def _deliver(
    destination: dict[str, Any], event: Event, publication: Publication
) -> list[dict[str, Any]]:
    cloudwatch = destination.get("CloudWatchDestination")
    if cloudwatch is not None:
        return [
            _datapoint(KINDS[event.type].metric, dimension, event, publication)
            for dimension in cloudwatch.get("DimensionConfigurations", [])
        ]
    document = json.dumps(event.document(publication.mail))
    if "SnsDestination" in destination:
        arn = destination["SnsDestination"]["TopicArn"]
        _, account, region = arn_parts(arn)
        sns_backends[account][region].publish(document, arn=arn)
    elif "KinesisFirehoseDestination" in destination:
        arn = destination["KinesisFirehoseDestination"]["DeliveryStreamArn"]
        name, account, region = arn_parts(arn)
        firehose_backends[account][region].put_record(
            name.split("/", 1)[-1], {"Data": (document + "\n").encode()}
        )
    elif "EventBridgeDestination" in destination:
        arn = destination["EventBridgeDestination"]["EventBusArn"]
        _, account, region = arn_parts(arn)
        (result,) = events_backends[account][region].put_events(
            [
                {
                    "Source": "aws.ses",
                    "DetailType": KINDS[event.type].detail_type,
                    "Detail": json.dumps(event.document(publication.mail)),
                    "EventBusName": arn,
                    "Resources": [publication.configuration_set_arn],
                }
            ]
        )
        if "ErrorCode" in result:
            raise ValueError(result.get("ErrorMessage") or result["ErrorCode"])
    # Pinpoint destinations: no Pinpoint in moto; the event is recorded as sent.
    return []


def _datapoint(
    metric: str, dimension: dict[str, Any], event: Event, publication: Publication
) -> dict[str, Any]:
    name, source = dimension["DimensionName"], dimension["DimensionValueSource"]
    if source == "MESSAGE_TAG":
        value = publication.tags.get(name)
    elif source == "EMAIL_HEADER":
        value = publication.headers.get(name.lower())
    else:  # LINK_TAG: only a click carries the tags of the link clicked
        value = (event.detail.get("linkTags") or {}).get(name, [None])[0]
    return {
        "MetricName": metric,
        "Value": 1.0,
        "Unit": "Count",
        "Timestamp": naive_utc(event.timestamp),
        "Dimensions": [{"Name": name, "Value": value or dimension["DefaultDimensionValue"]}],
    }


def naive_utc(moment: dt.datetime) -> dt.datetime:
    # moto's CloudWatch stores and compares naive UTC datetimes; an aware one breaks its queries.
    return moment.astimezone(dt.timezone.utc).replace(tzinfo=None)


def put_metric_data(account_id: str, region: str, datapoints: list[dict[str, Any]]) -> None:
    if datapoints:
        cloudwatch_backends[account_id][region].put_metric_data(NAMESPACE, datapoints)


def arn_parts(arn: str) -> tuple[str, str, str]:
    """(resource, account, region) of an ARN."""
    parts = arn.split(":", 5)
    if len(parts) != 6:
        raise ValueError(f"not an ARN: {arn}")
    return parts[5], parts[4], parts[3]


def topic_exists(arn: str) -> bool:
    """Whether moto's SNS holds the topic (SES checks a destination's topic when it is set)."""
    try:
        _, account, region = arn_parts(arn)
        return arn in sns_backends[account][region].topics
    except (ValueError, KeyError):
        return False
