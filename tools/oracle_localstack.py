"""Judge the emulator on answers recorded from real SES: LocalStack's snapshot files.

LocalStack records, against AWS, what SES answered in its own SES tests
(`tests/aws/services/ses/test_ses.snapshot.json` of a localstack checkout). This tool reads
that file at run time (nothing of it is kept in this repository), replays on the emulator
the requests of the tests it can rebuild (their requests are written here, from reading
the tests), and compares each recorded answer with the emulator's: the same keys and
values, where a recorded placeholder (`<config-set>`, `timestamp`, ...) stands for any
value, and the names the replay chose are replaced by the placeholders the recording used.

    python tools/oracle_localstack.py --localstack ~/src/localstack --endpoint-url URL
    LOCALSTACK_CHECKOUT=~/src/localstack python tools/oracle_localstack.py --endpoint-url URL

Prints one line per recorded test (agrees / DIFFERS with the first difference / not
replayed) and the totals; exits 0, 1 when a replayed test differs, 2 on bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError
from emulator_clients import Aws, clients

SNAPSHOT = Path("tests/aws/services/ses/test_ses.snapshot.json")
PREFIX = "tests/aws/services/ses/test_ses.py::TestSES::"
PLACEHOLDER = re.compile(r"^(<[^<>]*>|timestamp|sent-last24-hours)$")
SENDER = "sender@example.test"
TEMPLATE = {"TemplateName": "hello-world", "SubjectPart": "Subject test",
            "TextPart": "hello\nworld", "HtmlPart": "hello<br/>world"}  # fmt: skip
MESSAGE = {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}

Answers = dict[str, Any]  # snapshot key -> the emulator's answer
Replay = Callable[[Aws, str], tuple[Answers, dict[str, str]]]  # (answers, name -> placeholder)


@dataclass(frozen=True)
class Verdict:
    test: str
    outcome: str  # "agrees" | "differs" | "not replayed"
    detail: str = ""


def answer(call: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The response as the recording keeps it: an error's response, or the parsed result."""
    try:
        return call()
    except ClientError as error:
        return error.response


def _tags(aws: Aws, test: str):
    name, value = _TAG_CASES[test.partition("[")[2].rstrip("]")]
    # sesguard: ignore[SES016] replays a recorded v1 SendEmail: SES's v1 answer is compared
    return {"response": answer(lambda: aws.ses.send_email(
        Source="user-1@example.com", Tags=[{"Name": name, "Value": value}], Message=MESSAGE,
        Destination={"ToAddresses": ["success@example.com"]}))}, {}  # fmt: skip


_TAG_CASES = {
    "test_invalid_name:123-test": ("test_invalid_name:123", "test"),
    "test-test_invalid_value:123": ("test", "test_invalid_value:123"),
    "test_invalid_name:123-test_invalid_value:123": ("test_invalid_name:123",
                                                     "test_invalid_value:123"),
    "test_invalid_name_len": ("test_invalid_name_len" * 100, "test"),
    "test_invalid_value_len": ("test", "test_invalid_value_len" * 100),
    "test_priority_name_value": ("test_invalid_name@123", "test_invalid_value_len" * 100),
    "-": ("", ""),
    "-test": ("", "test"),
    "test-": ("test", ""),
}  # fmt: skip


def _sns_destination(topic: str, name: str) -> dict[str, Any]:
    return {"Name": name, "Enabled": True,
            "MatchingEventTypes": ["send", "bounce", "delivery", "open", "click"],
            "SNSDestination": {"TopicARN": topic}}  # fmt: skip


def _no_topic(aws: Aws, _test: str):
    aws.ses.create_configuration_set(ConfigurationSet={"Name": "cs-1"})
    topic = f"arn:aws:sns:{aws.ses.meta.region_name}:123456789012:missing-topic-1"
    got = answer(lambda: aws.ses.create_configuration_set_event_destination(
        ConfigurationSetName="cs-1", EventDestination=_sns_destination(topic, "d-1")))  # fmt: skip
    return {"create-error": got}, {topic: "<arn>"}


def _no_set_for_destination(aws: Aws, _test: str):
    topic = aws.sns.create_topic(Name="t-1")["TopicArn"]
    got = answer(lambda: aws.ses.create_configuration_set_event_destination(
        ConfigurationSetName="missing-cs-1",
        EventDestination=_sns_destination(topic, "d-1")))  # fmt: skip
    return {"create-error": got}, {"missing-cs-1": "<config-set>"}


def _delete_missing_set(aws: Aws, _test: str):
    got = answer(lambda: aws.ses.delete_configuration_set(ConfigurationSetName="cs-1"))
    return {"delete-error": got}, {"cs-1": "<config-set>"}


def _delete_missing_destination(aws: Aws, _test: str):
    aws.ses.create_configuration_set(ConfigurationSet={"Name": "cs-1"})
    got = answer(lambda: aws.ses.delete_configuration_set_event_destination(
        ConfigurationSetName="cs-1", EventDestinationName="missing-d-1"))  # fmt: skip
    return {"delete-error": got}, {"cs-1": "<config-set>"}


def _delete_destination_of_missing_set(aws: Aws, _test: str):
    aws.ses.create_configuration_set(ConfigurationSet={"Name": "cs-1"})
    topic = aws.sns.create_topic(Name="t-1")["TopicArn"]
    aws.ses.create_configuration_set_event_destination(
        ConfigurationSetName="cs-1", EventDestination=_sns_destination(topic, "d-1")
    )
    got = answer(lambda: aws.ses.delete_configuration_set_event_destination(
        ConfigurationSetName="non-existent-configuration-set",
        EventDestinationName="d-1"))  # fmt: skip
    return {"delete-error": got}, {"cs-1": "<config-set>", "d-1": "<event-destination>"}


def _describe_destinations(aws: Aws, _test: str):
    aws.ses.create_configuration_set(ConfigurationSet={"Name": "cs-1"})
    topic = aws.sns.create_topic(Name="t-1")["TopicArn"]
    aws.ses.create_configuration_set_event_destination(
        ConfigurationSetName="cs-1", EventDestination=_sns_destination(topic, "d-1")
    )
    got = aws.ses.describe_configuration_set(
        ConfigurationSetName="cs-1", ConfigurationSetAttributeNames=["eventDestinations"]
    )
    for destination in got["EventDestinations"]:  # LocalStack sorts them before comparing
        destination["MatchingEventTypes"].sort()
    return {"event_destinations": got}, {
        "cs-1": "<config-set-name>", "d-1": "<event-destination-name>", topic: "<arn>"}  # fmt: skip


def _headers_enabled(aws: Aws, test: str):
    enabled, kind = test.partition("[")[2].rstrip("]").split("-")
    aws.ses.verify_email_identity(EmailAddress=SENDER)
    key = f"set-headers-{kind.lower()}-enabled-{enabled}"
    call = lambda: aws.ses.set_identity_headers_in_notifications_enabled(  # noqa: E731
        Identity=SENDER, NotificationType=kind, Enabled=enabled == "True"
    )
    return {key: answer(call), f"{key}-idempotent": answer(call)}, {}


def _headers_invalid_type(aws: Aws, _test: str):
    aws.ses.verify_email_identity(EmailAddress=SENDER)
    got = answer(lambda: aws.ses.set_identity_headers_in_notifications_enabled(
        Identity=SENDER, NotificationType="InvalidType", Enabled=True))  # fmt: skip
    return {"set-headers-error-invalidtype": got}, {}


def _headers_unknown_identity(aws: Aws, test: str):
    kind = test.partition("[")[2].rstrip("]")
    got = answer(lambda: aws.ses.set_identity_headers_in_notifications_enabled(
        Identity="unknown@example.com", NotificationType=kind, Enabled=True))  # fmt: skip
    return {f"set-headers-error-unknown-identity-{kind.lower()}": got}, {}


def _list_templates(aws: Aws, _test: str):
    created = aws.ses.create_template(Template=TEMPLATE)
    return {"create-template": created, "list-templates-1": aws.ses.list_templates(),
            "list-templates-2": aws.ses.list_templates()}, {}  # fmt: skip


def _delete_template(aws: Aws, _test: str):
    answers = {"list-templates-empty": aws.ses.list_templates()}
    aws.ses.create_template(Template=TEMPLATE)
    answers["list-templates-after-create"] = aws.ses.list_templates()
    answers["delete-template"] = aws.ses.delete_template(TemplateName="hello-world")
    answers["list-templates-after-delete"] = aws.ses.list_templates()
    return answers, {}


def _send_quota(aws: Aws, _test: str):
    return {"get-quota-0": aws.ses.get_send_quota()}, {}


# Recorded test name (without parameters) -> its replay. The others need mail delivered to
# real mailboxes (SNS integration, retrospection) or receipt rules with S3 and KMS actions.
REPLAYS: dict[str, Replay] = {
    "test_invalid_tags_send_email": _tags,
    "test_cannot_create_event_for_no_topic": _no_topic,
    "test_creating_event_destination_without_configuration_set": _no_set_for_destination,
    "test_deleting_non_existent_configuration_set": _delete_missing_set,
    "test_deleting_non_existent_configuration_set_event_destination": _delete_missing_destination,
    "test_trying_to_delete_event_destination_from_non_existent_configuration_set": (
        _delete_destination_of_missing_set
    ),
    "test_describe_config_set_event_destinations": _describe_destinations,
    "test_set_identity_headers_in_notifications_enabled_success": _headers_enabled,
    "test_set_identity_headers_in_notifications_enabled_failure_invalid_type": (
        _headers_invalid_type
    ),
    "test_set_identity_headers_in_notifications_enabled_failure_unknown_identity": (
        _headers_unknown_identity
    ),
    "test_list_templates": _list_templates,
    "test_delete_template": _delete_template,
    "test_sent_message_counter": _send_quota,
}


def normalized(value: Any, names: dict[str, str]) -> Any:
    """The emulator's answer as the recording writes it: metadata reduced to the status,
    the replay's names replaced by the recording's placeholders, times as text."""
    if isinstance(value, dict):
        out = {k: normalized(v, names) for k, v in value.items()
               if k not in ("RetryAttempts", "RequestId", "HostId")}  # fmt: skip
        if "HTTPHeaders" in out:
            out["HTTPHeaders"] = {}
        return out
    if isinstance(value, list):
        return [normalized(v, names) for v in value]
    if isinstance(value, str):
        for name, placeholder in sorted(names.items(), key=lambda kv: -len(kv[0])):
            value = value.replace(name, placeholder)
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def difference(recorded: Any, got: Any, path: str = "$") -> str | None:
    """The first place `got` differs from `recorded`, or None."""
    if isinstance(recorded, str) and PLACEHOLDER.match(recorded) and got is not None:
        return None if not isinstance(got, (dict, list)) else f"{path}: {got!r} for {recorded}"
    if isinstance(recorded, dict) and isinstance(got, dict):
        if set(recorded) != set(got):
            return f"{path}: keys {sorted(set(got) ^ set(recorded))} differ"
        for key in recorded:
            found = difference(recorded[key], got[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(recorded, list) and isinstance(got, list):
        if len(recorded) != len(got):
            return f"{path}: {len(got)} items, recorded {len(recorded)}"
        for index, (r, g) in enumerate(zip(recorded, got, strict=True)):
            found = difference(r, g, f"{path}[{index}]")
            if found:
                return found
        return None
    return None if recorded == got else f"{path}: {got!r}, recorded {recorded!r}"


def snapshot_file(checkout: Path) -> Path:
    path = checkout / SNAPSHOT
    if not path.is_file():
        raise FileNotFoundError(f"no {SNAPSHOT} under {checkout}: give a localstack checkout")
    return path


def judge(checkout: Path, url: str) -> list[Verdict]:
    recorded = json.loads(snapshot_file(checkout).read_text())
    verdicts = []
    for key in sorted(recorded):
        test = key.removeprefix(PREFIX)
        replay = REPLAYS.get(test.partition("[")[0])
        if replay is None:
            verdicts.append(Verdict(test, "not replayed"))
            continue
        _reset(url)
        answers, names = replay(clients(url), test)
        found = difference(recorded[key]["recorded-content"], normalized(answers, names))
        verdicts.append(Verdict(test, "differs" if found else "agrees", found or ""))
    return verdicts


def _reset(url: str) -> None:
    request = urllib.request.Request(f"{url}/moto-api/reset", method="POST")
    urllib.request.urlopen(request, timeout=30).close()


def report(verdicts: list[Verdict]) -> str:
    lines = [f"{v.outcome:12}  {v.test}" + (f"\n              {v.detail}" if v.detail else "")
             for v in verdicts]  # fmt: skip
    replayed = [v for v in verdicts if v.outcome != "not replayed"]
    agreeing = sum(v.outcome == "agrees" for v in replayed)
    skipped = len(verdicts) - len(replayed)
    lines.append(f"{agreeing} of {len(replayed)} replayed tests agree with SES's recorded "
                 f"answers; {skipped} of {len(verdicts)} not replayed")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--localstack", default=os.environ.get("LOCALSTACK_CHECKOUT"),
                        help="a localstack checkout (default: $LOCALSTACK_CHECKOUT)")  # fmt: skip
    parser.add_argument("--endpoint-url", required=True, help="the running emulator's URL")
    args = parser.parse_args(argv)
    if not args.localstack:
        print("oracle: give --localstack PATH or set LOCALSTACK_CHECKOUT", file=sys.stderr)
        return 2
    try:
        verdicts = judge(Path(args.localstack).expanduser(), args.endpoint_url.rstrip("/"))
    except (OSError, ValueError) as error:
        print(f"oracle: {error}", file=sys.stderr)
        return 2
    print(report(verdicts))
    return 1 if any(v.outcome == "differs" for v in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
