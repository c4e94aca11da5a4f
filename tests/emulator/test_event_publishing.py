"""Event publishing: each enabled destination of the sending set gets exactly the
events its MatchingEventTypes name, as SES writes them; nobody else gets anything."""

from __future__ import annotations

import datetime as dt
import json

from emulator_clients import ACCOUNT, REGION, SENDER, cloudwatch, metric_sum, sns

BOUNCE_TO = "bounce@simulator.amazonses.com"
DELIVER_TO = "success@simulator.amazonses.com"


def types_of(documents):
    return sorted(d["eventType"] for d in documents)


def test_each_destination_gets_only_its_matching_events_and_other_sets_nothing(aws):
    topic = aws.sns.create_topic(Name="events")["TopicArn"]
    other_topic = aws.sns.create_topic(Name="other-events")["TopicArn"]
    bounces, disabled = aws.queue("bounces", topic), aws.queue("disabled")
    aws.sns.subscribe(
        TopicArn=(disabled_topic := aws.sns.create_topic(Name="off")["TopicArn"]),
        Protocol="sqs",
        Endpoint=aws.queue_arn(disabled),
        Attributes={"RawMessageDelivery": "true"},
    )
    other = aws.queue("other", other_topic)
    bus_queue = aws.queue("bus")
    aws.events.put_rule(Name="ses", EventPattern=json.dumps({"source": ["aws.ses"]}))
    aws.events.put_targets(Rule="ses", Targets=[{"Id": "q", "Arn": aws.queue_arn(bus_queue)}])
    aws.s3.create_bucket(Bucket="archive")
    stream_arn = aws.firehose.create_delivery_stream(
        DeliveryStreamName="archive",
        ExtendedS3DestinationConfiguration={
            "RoleARN": f"arn:aws:iam::{ACCOUNT}:role/firehose",
            "BucketARN": "arn:aws:s3:::archive",
        },
    )["DeliveryStreamARN"]
    aws.lane(
        "lane",
        sns(topic, "BOUNCE", "COMPLAINT"),
        sns(disabled_topic, "SEND", "DELIVERY", "BOUNCE", enabled=False),
        {
            "Enabled": True,
            "MatchingEventTypes": ["SEND"],
            "EventBridgeDestination": {
                "EventBusArn": f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/default"
            },
        },
        {
            "Enabled": True,
            "MatchingEventTypes": ["DELIVERY", "BOUNCE"],
            "KinesisFirehoseDestination": {
                "IamRoleArn": f"arn:aws:iam::{ACCOUNT}:role/ses",
                "DeliveryStreamArn": stream_arn,
            },
        },
    )
    aws.lane("other-lane", sns(other_topic, "SEND", "BOUNCE", "COMPLAINT", "DELIVERY"))
    bounced = aws.send(
        BOUNCE_TO, ConfigurationSetName="lane", EmailTags=[{"Name": "k", "Value": "v"}]
    )
    aws.send(DELIVER_TO, ConfigurationSetName="lane")

    (bounce,) = aws.drain(bounces)
    assert bounce["eventType"] == "Bounce" and bounce["mail"]["messageId"] == bounced
    assert bounce["bounce"]["bounceType"] == "Permanent"
    assert bounce["bounce"]["bouncedRecipients"][0]["emailAddress"] == BOUNCE_TO
    assert bounce["mail"]["tags"]["ses:configuration-set"] == ["lane"]
    assert bounce["mail"]["tags"]["k"] == ["v"]
    assert bounce["mail"]["destination"] == [BOUNCE_TO]
    assert aws.drain(disabled) == [] and aws.drain(other) == []
    bus = aws.drain(bus_queue)
    assert [(e["source"], e["detail-type"], e["detail"]["eventType"]) for e in bus] == [
        ("aws.ses", "Email Sent", "Send"),
        ("aws.ses", "Email Sent", "Send"),
    ]
    assert bus[0]["resources"] == [f"arn:aws:ses:{REGION}:{ACCOUNT}:configuration-set/lane"]
    objects = aws.s3.list_objects_v2(Bucket="archive")["Contents"]
    lines = [
        json.loads(line)
        for o in objects
        for line in aws.s3.get_object(Bucket="archive", Key=o["Key"])["Body"].read().splitlines()
    ]
    assert types_of(lines) == ["Bounce", "Delivery"]
    stored = {m["MessageId"]: m for m in aws.messages()}
    assert [(e["Type"], e["Destinations"]) for e in stored[bounced]["Events"]] == [
        ("SEND", ["d2"]),
        ("BOUNCE", ["d0", "d3"]),
    ]


def test_cloudwatch_counts_per_dimension_value_from_tags_headers_or_default(aws):
    aws.lane(
        "lane",
        cloudwatch("SEND", "DELIVERY", default="lane", name="by-tag"),
        cloudwatch(
            "SEND", dimension="campaign", source="EMAIL_HEADER", default="none", name="by-header"
        ),
        cloudwatch("BOUNCE", dimension="link", source="LINK_TAG", default="no-link", name="links"),
        cloudwatch("SEND", dimension="off", enabled=False, name="off"),
    )
    tagged = [{"Name": "stream", "Value": "checkout"}]
    aws.send(DELIVER_TO, ConfigurationSetName="lane", EmailTags=tagged)
    aws.send(DELIVER_TO, ConfigurationSetName="lane")
    aws.sesv2.send_email(
        FromEmailAddress=SENDER,
        Destination={"ToAddresses": [BOUNCE_TO]},
        ConfigurationSetName="lane",
        Content={
            "Simple": {
                "Subject": {"Data": "s"},
                "Body": {"Text": {"Data": "b"}},
                "Headers": [{"Name": "campaign", "Value": "spring"}],
            }
        },
    )
    sums = {
        (metric, name, value): metric_sum(aws, metric, [{"Name": name, "Value": value}])
        for metric in ("Send", "Delivery", "Bounce")
        for name, value in (
            ("stream", "checkout"),
            ("stream", "lane"),
            ("campaign", "spring"),
            ("campaign", "none"),
            ("link", "no-link"),
            ("off", "lane"),
        )
    }
    assert {key: total for key, total in sums.items() if total} == {
        ("Send", "stream", "checkout"): 1,
        ("Send", "stream", "lane"): 2,
        ("Delivery", "stream", "checkout"): 1,
        ("Delivery", "stream", "lane"): 1,
        ("Send", "campaign", "spring"): 1,
        ("Send", "campaign", "none"): 2,
        ("Bounce", "link", "no-link"): 1,
    }
    # SES publishes no metric under a made-up name or a ConfigurationSetName dimension.
    names = {m["MetricName"] for m in aws.cloudwatch.list_metrics(Namespace="AWS/SES")["Metrics"]}
    assert names == {"Send", "Delivery", "Bounce"}


def test_reputation_metrics_per_set_only_when_enabled_and_never_from_the_simulator(aws):
    aws.lane("watched", ReputationOptions={"ReputationMetricsEnabled": True})
    aws.lane("unwatched")
    aws.local("PUT", "/control/mailboxes", {"domain": "bad.test", "bounce_rate": 0.5})
    for n in range(4):
        aws.send(f"u{n}@bad.test", ConfigurationSetName="watched")
    aws.send(BOUNCE_TO, ConfigurationSetName="watched")  # the simulator does not count
    aws.send("u@bad.test", ConfigurationSetName="unwatched")
    metrics = aws.cloudwatch.list_metrics(Namespace="AWS/SES")["Metrics"]
    assert sorted(
        {
            (m["MetricName"], tuple((d["Name"], d["Value"]) for d in m["Dimensions"]))
            for m in metrics
        }
    ) == [
        ("Reputation.BounceRate", ()),
        ("Reputation.BounceRate", (("ses:configuration-set", "watched"),)),
        ("Reputation.ComplaintRate", ()),
        ("Reputation.ComplaintRate", (("ses:configuration-set", "watched"),)),
    ]
    now = dt.datetime.now(dt.timezone.utc)
    latest = aws.cloudwatch.get_metric_data(
        MetricDataQueries=[
            {
                "Id": "b",
                "MetricStat": {
                    "Metric": {
                        "Namespace": "AWS/SES",
                        "MetricName": "Reputation.BounceRate",
                        "Dimensions": [{"Name": "ses:configuration-set", "Value": "watched"}],
                    },
                    "Period": 3600,
                    "Stat": "Maximum",
                },
            }
        ],
        StartTime=now - dt.timedelta(hours=1),
        EndTime=now + dt.timedelta(minutes=5),
    )["MetricDataResults"][0]["Values"]
    assert latest == [0.5]  # 2 of the 4 real sends bounced; the simulator's bounce is left out
