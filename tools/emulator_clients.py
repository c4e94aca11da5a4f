"""boto3 clients on the SES emulator, its /_ses/ API, and small builders for lanes,
queues and sends: shared by the sending tests, the benchmark and the demo."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

# The AWS CLI v1 in its own virtualenv: it pins a botocore older than boto3's (Makefile).
AWS_CLI = Path(__file__).resolve().parent.parent / ".venv-awscli" / "bin" / "aws"
REGION = "us-east-1"
ACCOUNT = "123456789012"
DOMAIN = "example.test"
SENDER = f"app@{DOMAIN}"
SERVICES = ("sesv2", "ses", "sns", "sqs", "cloudwatch", "events", "firehose", "s3", "iam",
            "stepfunctions")  # fmt: skip


@dataclass
class Aws:
    url: str
    sesv2: Any
    ses: Any
    sns: Any
    sqs: Any
    cloudwatch: Any
    events: Any
    firehose: Any
    s3: Any
    iam: Any
    stepfunctions: Any

    def local(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """Call the emulator's own /_ses/ API: (status, parsed JSON or text)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}/_ses{path}", data=data, method=method)
        request.add_header("Content-Type", "application/json")  # the emulator refuses other types
        try:
            with urllib.request.urlopen(request) as response:
                status, payload, kind = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, payload, kind = error.code, error.read(), error.headers
        if kind.get_content_type() == "application/json":
            return status, json.loads(payload)
        return status, payload.decode()

    def messages(self, query: str = "") -> list[dict[str, Any]]:
        status, body = self.local("GET", f"/messages{query}")
        assert status == 200, body
        return body["Messages"]

    def queue(self, name: str, topic_arn: str | None = None) -> str:
        """An SQS queue (subscribed to `topic_arn` with raw delivery, when given)."""
        url = self.sqs.create_queue(QueueName=name)["QueueUrl"]
        if topic_arn:
            self.sns.subscribe(
                TopicArn=topic_arn,
                Protocol="sqs",
                Endpoint=self.queue_arn(url),
                Attributes={"RawMessageDelivery": "true"},
            )
        return url

    def queue_arn(self, url: str) -> str:
        attributes = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        return attributes["Attributes"]["QueueArn"]

    def drain(self, url: str) -> list[dict[str, Any]]:
        """Every message body waiting in the queue, parsed."""
        bodies = []
        while True:
            got = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages")
            if not got:
                return bodies
            for message in got:
                bodies.append(json.loads(message["Body"]))
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])

    def lane(self, name: str, *destinations: dict[str, Any], **options: Any) -> str:
        """A configuration set with the given event destinations (each named by its type)."""
        self.sesv2.create_configuration_set(ConfigurationSetName=name, **options)
        for number, destination in enumerate(destinations):
            self.sesv2.create_configuration_set_event_destination(
                ConfigurationSetName=name,
                EventDestinationName=destination.pop("Name", f"d{number}"),
                EventDestination=destination,
            )
        return name

    def send(self, to: str | list[str], sender: str = SENDER, **extra: Any) -> str:
        recipients = [to] if isinstance(to, str) else to
        # sesguard: ignore[SES019] each caller passes its set through **extra
        return self.sesv2.send_email(
            FromEmailAddress=sender,
            Destination={"ToAddresses": recipients},
            Content={"Simple": {"Subject": {"Data": "hello"}, "Body": {"Text": {"Data": "hi"}}}},
            **extra,
        )["MessageId"]

    def send_v1(self, to: str, sender: str = SENDER, **extra: Any) -> str:
        # sesguard: ignore[SES016] exercises the emulator's SES v1 API
        return self.ses.send_email(
            Source=sender,
            Destination={"ToAddresses": [to]},
            Message={"Subject": {"Data": "hello"}, "Body": {"Text": {"Data": "hi"}}},
            **extra,
        )["MessageId"]

    def event_types(self, message_id: str) -> list[str]:
        (message,) = [m for m in self.messages() if m["MessageId"] == message_id]
        return [event["Type"] for event in message["Events"]]


def clients(url: str, services: tuple[str, ...] = SERVICES) -> Aws:
    made = dict.fromkeys(SERVICES) | {
        name: boto3.client(
            name,
            endpoint_url=url,
            region_name=REGION,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            config=Config(retries={"max_attempts": 1}),
        )
        for name in services
    }
    return Aws(url=url, **made)


def fresh(url: str) -> Aws:
    """Clients on the (already reset) emulator, with example.test a verified identity."""
    kit = clients(url)
    kit.sesv2.create_email_identity(EmailIdentity=DOMAIN)
    return kit


def cloudwatch(
    *event_types: str,
    dimension: str = "stream",
    default: str = "lane",
    source: str = "MESSAGE_TAG",
    enabled: bool = True,
    name: str | None = None,
):
    return {
        **({"Name": name} if name else {}),
        "Enabled": enabled,
        "MatchingEventTypes": list(event_types),
        "CloudWatchDestination": {
            "DimensionConfigurations": [
                {
                    "DimensionName": dimension,
                    "DimensionValueSource": source,
                    "DefaultDimensionValue": default,
                }
            ]
        },
    }


def sns(topic_arn: str, *event_types: str, enabled: bool = True, name: str | None = None):
    return {
        **({"Name": name} if name else {}),
        "Enabled": enabled,
        "MatchingEventTypes": list(event_types),
        "SnsDestination": {"TopicArn": topic_arn},
    }


def metric_sum(aws: Aws, metric: str, dimensions: list[dict[str, str]]) -> float:
    """Sum of an AWS/SES metric over the last hour (0 when it has no datapoint)."""
    import datetime as dt

    now = dt.datetime.now(dt.timezone.utc)
    points = aws.cloudwatch.get_metric_statistics(
        Namespace="AWS/SES",
        MetricName=metric,
        Dimensions=dimensions,
        StartTime=now - dt.timedelta(hours=1),
        EndTime=now + dt.timedelta(minutes=5),
        Period=3600,
        Statistics=["Sum", "Maximum"],
    )["Datapoints"]
    return sum(p["Sum"] for p in points)


def aws_cli(url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the AWS CLI v1 (`make sdk-clients` installs it in .venv-awscli) against the emulator."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env |= {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    command = [str(AWS_CLI), "--endpoint-url", url, "--output", "json"]
    return subprocess.run(
        [*command, *arguments], env=env, capture_output=True, text=True, timeout=120, check=False
    )
