"""End to end: envs/local on the SES emulator, through real Terraform and the real provider.

apply -> a second plan shows no changes -> boto3 reads back every setting ->
an in-place update (suppression reasons, TLS, event types) applies and
converges -> destroy leaves nothing of ours in the emulator.

The tests share one staged copy of envs/local (build/e2e/) and run in file
order; each phase is a fixture, so any single test can also run alone. The
first apply (`local`, `applied`: tests/local_env_fixtures.py) is shared with
the lab test, which runs before this file and leaves the lanes as it found them.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import emulator_clients
import pytest
from e2e_local_readers import LEFTOVER_KINDS, audit, planned, remaining, streams_by_class
from local_env import LocalEnv
from verify import differences, read_live

# Applies and destroys with Terraform against the emulator: `make test-fast` leaves it out.
pytestmark = [pytest.mark.e2e, pytest.mark.terraform]

# The in-place update, as override files in the staged copy (sources untouched):
# transactional also suppresses COMPLAINT, marketing publishes BOUNCE to SNS too,
# and every stream relaxes TLS to OPTIONAL.
UPDATE = {
    "envs/local/e2e_update_override.tf": """
module "platform" {
  streams = {
    # Outside the transactional class on purpose: the module refuses it otherwise.
    transactional = {
      class                = "transactional"
      suppressed_reasons   = ["BOUNCE", "COMPLAINT"]
      outside_class_limits = true
    }
    marketing          = { class = "marketing", sns_event_types = ["BOUNCE", "COMPLAINT"] }
    bulk-notifications = { class = "bulk-notifications" }
  }
}
""",
    "modules/ses_platform/e2e_update_override.tf": """
module "stream" {
  tls_policy = "OPTIONAL"
}
""",
}


@pytest.fixture(scope="module")
def updated(local: LocalEnv, applied: dict) -> str:
    """Terraform's output of the in-place update (one invocation: plan and apply)."""
    local.stage(UPDATE)
    return local.apply()


def test_second_plan_after_apply_shows_no_changes(local, applied):
    same, output = local.converged()
    assert same, f"apply did not converge:\n{output}"


def test_every_planned_setting_is_live(applied, emulator):
    live = read_live(emulator)
    assert differences(applied, live) == []
    assert sorted(s.configuration_set for s in live.streams) == sorted(
        streams_by_class(applied).values()
    )


def test_leftover_checks_see_what_the_stack_creates(applied, emulator):
    # Proves the destroy test's "nothing left" checks can fail: every kind the plan
    # creates is found by `remaining` while the stack is up.
    planned = {LEFTOVER_KINDS[rc["type"]] for rc in applied["resource_changes"]
               if rc["type"] in LEFTOVER_KINDS}  # fmt: skip
    assert {"topics", "kms aliases", "kms keys not pending deletion"} <= planned
    found = remaining(emulator)
    assert [kind for kind in sorted(planned) if not found[kind]] == []


def test_live_settings_isolate_each_stream(applied, emulator):
    live = read_live(emulator)
    names = streams_by_class(applied)
    transactional, marketing = live.stream(names["transactional"]), live.stream(names["marketing"])
    bulk = live.stream(names["bulk-notifications"])
    assert transactional.suppressed_reasons == ["BOUNCE"]
    assert (
        sorted(marketing.suppressed_reasons)
        == sorted(bulk.suppressed_reasons)
        == [
            "BOUNCE",
            "COMPLAINT",
        ]
    )
    assert marketing.pool and marketing.scaling_mode == "MANAGED"
    assert marketing.pool not in (transactional.pool, bulk.pool)
    limits = {"transactional": (0.01, 0.0005), "marketing": (0.02, 0.0008)}
    for cls, stream in (("transactional", transactional), ("marketing", marketing), ("bulk", bulk)):
        assert stream.tls_policy == "REQUIRE" and stream.reputation_metrics is True
        (cloudwatch,) = [d for d in stream.destinations if d.kind == "cloudwatch"]
        assert cloudwatch.enabled
        assert {"SEND", "BOUNCE", "COMPLAINT"} <= set(cloudwatch.event_types)
        assert cloudwatch.dimensions == {"stream": stream.configuration_set}
        bounce, complaint = limits.get(cls, limits["marketing"])
        thresholds = {a.name.rsplit("-", 2)[-2]: a for a in stream.alarms}
        assert set(thresholds) == {"bounce", "complaint"}, stream.alarms
        for kind, limit in (("bounce", bounce), ("complaint", complaint)):
            alarm = thresholds[kind]
            assert 0 < alarm.threshold <= limit and alarm.actions
            assert alarm.expression and "/ send" in alarm.expression
            assert alarm.metrics["send"] == "Send"
    (sns,) = [d for d in transactional.destinations if d.kind == "sns"]
    assert sns.enabled and set(sns.event_types) == {"BOUNCE", "COMPLAINT"}
    # Real-time events reach the stream's alarm route (transactional -> on-call).
    assert sns.topic_arn.endswith(":ses-local-oncall")
    (marketing_sns,) = [d for d in marketing.destinations if d.kind == "sns"]
    assert marketing_sns.topic_arn.endswith(":ses-local-deliverability")
    # Each identity's default set is its own stream: code that names no set stays in its lane.
    defaults = {i.name: i.default_configuration_set for i in live.identities}
    assert defaults == {
        "mail.example.test": names["transactional"],
        "marketing.mail.example.test": names["marketing"],
        "bulk-notifications.mail.example.test": names["bulk-notifications"],
    }
    for identity in live.identities:
        assert identity.mail_from_domain == f"bounce.{identity.name}"


def test_readback_reports_a_setting_that_differs_from_the_plan(applied, emulator):
    tampered = copy.deepcopy(applied)
    for rc in tampered["resource_changes"]:
        if rc["type"] == "aws_sesv2_configuration_set":
            rc["change"]["after"]["delivery_options"][0]["tls_policy"] = "OPTIONAL"
    found = differences(tampered, read_live(emulator))
    assert len(found) == 3 and all("tls_policy" in problem for problem in found)


def test_audit_of_the_applied_account_finds_no_error_and_no_drift(
    applied, emulator, tmp_path, monkeypatch
):
    code, found, pauses = audit(emulator, applied, tmp_path, monkeypatch)
    assert (code, found) == (0, [])
    # The module's wiring read back link by link: rule, target, state machine definition.
    names = streams_by_class(applied)
    assert pauses == {names["transactional"]: "no", names["marketing"]: "yes",
                      names["bulk-notifications"]: "yes"}  # fmt: skip


# --- sending through the applied lanes ------------------------------------------------
BOUNCE_TO, COMPLAINT_TO = "bounce@simulator.amazonses.com", "complaint@simulator.amazonses.com"


@pytest.fixture(scope="module")
def lanes(applied, emulator):
    """(clients, class -> set, set -> sender, set -> {destination: matched types}, set -> pool)."""
    kit = emulator_clients.clients(emulator)
    names = streams_by_class(applied)
    senders = {i["configuration_set_name"]: f"app@{i['email_identity']}"
               for i in planned(applied, "aws_sesv2_email_identity")}  # fmt: skip
    matched: dict[str, dict[str, set[str]]] = {name: {} for name in names.values()}
    for d in planned(applied, "aws_sesv2_configuration_set_event_destination"):
        (definition,) = d["event_destination"]
        if definition["enabled"]:
            matched[d["configuration_set_name"]][d["event_destination_name"]] = set(
                definition["matching_event_types"]
            )
    assert set(senders) == set(names.values())
    pools = {
        c["configuration_set_name"]: (c["delivery_options"] or [{}])[0].get("sending_pool_name")
        for c in planned(applied, "aws_sesv2_configuration_set")
    }
    assert pools[names["marketing"]]  # a named pool, so the Pool check below means something
    yield kit, names, senders, matched, pools
    for url in kit.sqs.list_queues().get("QueueUrls", []):
        kit.sqs.delete_queue(QueueUrl=url)


def test_a_send_per_stream_reaches_exactly_the_destinations_that_match_its_events(lanes, applied):
    kit, names, senders, matched, pools = lanes
    topics = {t["TopicArn"].rsplit(":", 1)[1]: t["TopicArn"]
              for t in kit.sns.list_topics()["Topics"]}  # fmt: skip
    oncall = kit.queue("oncall", topics["ses-local-oncall"])
    deliverability = kit.queue("deliverability", topics["ses-local-deliverability"])
    sent = {name: [kit.send(to, sender=senders[name]) for to in (BOUNCE_TO, COMPLAINT_TO)]
            for name in names.values()}  # fmt: skip
    stored = {m["MessageId"]: m for m in kit.messages()}
    for name, message_ids in sent.items():
        for message_id in message_ids:
            message = stored[message_id]
            # No ConfigurationSetName in the request: the identity's default set is the lane.
            assert (message["ConfigurationSet"], message["Dimensions"]) == (name, {"stream": name})
            assert message["ConfigurationSetOrigin"].startswith("identity ")
            assert message["Pool"] == (pools[name] or "shared")
            assert [(e["Type"], sorted(e["Destinations"])) for e in message["Events"]] == [
                (e["Type"], sorted(d for d, types in matched[name].items() if e["Type"] in types))
                for e in message["Events"]
            ]
        stream = [{"Name": "stream", "Value": name}]
        counts = {metric: emulator_clients.metric_sum(kit, metric, stream)
                  for metric in ("Send", "Delivery", "Bounce", "Complaint")}  # fmt: skip
        assert counts == {"Send": 2, "Delivery": 1, "Bounce": 1, "Complaint": 1}
    transactional, marketing = names["transactional"], names["marketing"]
    oncall_events = kit.drain(oncall)
    assert sorted((e["eventType"], e["mail"]["tags"]["ses:configuration-set"][0],
                   e["mail"]["messageId"]) for e in oncall_events) == sorted([
        ("Bounce", transactional, sent[transactional][0]),
        ("Complaint", transactional, sent[transactional][1]),
    ])  # fmt: skip
    (bounce,) = [e for e in oncall_events if e["eventType"] == "Bounce"]
    assert bounce["bounce"]["bouncedRecipients"][0]["emailAddress"] == BOUNCE_TO
    # The marketing complaint reaches only marketing's own route, nothing of another lane.
    assert [(e["eventType"], e["mail"]["messageId"]) for e in kit.drain(deliverability)] == [
        ("Complaint", sent[marketing][1])
    ]


def test_a_complaint_through_marketing_suppresses_marketing_and_bulk_not_transactional_v2(lanes):
    kit, names, senders, _, _ = lanes
    reader = "reader@customer.test"
    kit.local("PUT", "/control/mailboxes", {"address": reader, "complaint_rate": 1})
    complained = kit.send(reader, sender=senders[names["marketing"]])
    kit.local("DELETE", "/control/mailboxes")
    entry = kit.sesv2.get_suppressed_destination(EmailAddress=reader)["SuppressedDestination"]
    assert (entry["Reason"], entry["Attributes"]["MessageId"]) == ("COMPLAINT", complained)
    outcomes = {
        cls: kit.event_types(kit.send(reader, sender=senders[names[cls]]))
        for cls in ("marketing", "bulk-notifications", "transactional")
    }
    outcomes["transactional via v1"] = kit.event_types(
        kit.send_v1(reader, sender=senders[names["transactional"]])
    )
    assert outcomes == {
        "marketing": ["SEND", "BOUNCE"],
        "bulk-notifications": ["SEND", "BOUNCE"],
        "transactional": ["SEND", "DELIVERY"],
        # v1 ignores the set's BOUNCE-only override: the account list suppresses the reset.
        "transactional via v1": ["SEND", "BOUNCE"],
    }
    kit.sesv2.delete_suppressed_destination(EmailAddress=reader)


def test_the_aws_cli_sends_through_the_same_lanes_and_falls_into_the_same_v1_trap(lanes):
    kit, names, senders, _, _ = lanes
    reader, sender = "cli-reader@customer.test", senders[names["transactional"]]
    kit.sesv2.put_suppressed_destination(EmailAddress=reader, Reason="COMPLAINT")
    simple = json.dumps({"Simple": {"Subject": {"Data": "reset"}, "Body": {"Text": {"Data": "x"}}}})
    v2 = emulator_clients.aws_cli(
        kit.url, "sesv2", "send-email", "--from-email-address", sender,
        "--destination", f"ToAddresses={reader}", "--content", simple,
    )  # fmt: skip
    v1 = emulator_clients.aws_cli(
        kit.url, "ses", "send-email", "--from", sender, "--destination", f"ToAddresses={reader}",
        "--message", "Subject={Data=reset},Body={Text={Data=x}}",
    )  # fmt: skip
    assert (v2.returncode, v1.returncode) == (0, 0), v2.stderr + v1.stderr
    by_id = {m["MessageId"]: m for m in kit.messages()}
    sent = [by_id[json.loads(result.stdout)["MessageId"]] for result in (v2, v1)]
    assert [(m["Api"], m["ConfigurationSet"], [e["Type"] for e in m["Events"]]) for m in sent] == [
        ("v2", names["transactional"], ["SEND", "DELIVERY"]),
        ("v1", names["transactional"], ["SEND", "BOUNCE"]),
    ]
    unknown = emulator_clients.aws_cli(
        kit.url, "sesv2", "send-email", "--from-email-address", sender,
        "--destination", f"ToAddresses={reader}", "--content", simple,
        "--configuration-set-name", "no-such-lane",
    )  # fmt: skip
    assert unknown.returncode != 0 and "(NotFoundException)" in unknown.stderr
    kit.sesv2.delete_suppressed_destination(EmailAddress=reader)


def test_a_send_naming_an_unknown_set_fails_as_ses_fails(lanes):
    kit, names, senders, _, _ = lanes
    sender = senders[names["transactional"]]
    with pytest.raises(kit.sesv2.exceptions.NotFoundException):
        kit.send("user@customer.test", sender=sender, ConfigurationSetName="no-such-lane")
    with pytest.raises(kit.ses.exceptions.ConfigurationSetDoesNotExistException):
        kit.send_v1("user@customer.test", sender=sender, ConfigurationSetName="no-such-lane")


def test_marketing_pauses_itself_by_the_module_wiring_while_transactional_keeps_sending(
    lanes, applied
):
    kit, names, senders, _, _ = lanes
    machines = {m["name"]: m for m in planned(applied, "aws_sfn_state_machine")}
    marketing, transactional = names["marketing"], names["transactional"]
    assert set(machines) == {f"ses-{names[c]}-pause" for c in ("marketing", "bulk-notifications")}
    (pause_arn,) = [m["stateMachineArn"] for m in kit.stepfunctions.list_state_machines()[
        "stateMachines"] if m["name"] == f"ses-{marketing}-pause"]  # fmt: skip
    period = 300  # envs/local's alarm_period_seconds
    now = dt.datetime.fromisoformat(kit.local("GET", "/clock")[1]["Now"].replace("Z", "+00:00"))
    start = now.replace(minute=now.minute // 5 * 5, second=0, microsecond=0) + dt.timedelta(
        seconds=period)  # fmt: skip
    kit.local("POST", "/clock", {"time": start.isoformat()})  # a period of these sends only
    kit.local("PUT", "/control/mailboxes", {"domain": "stale-list.test", "bounce_rate": 0.5})
    campaign = [kit.send(f"old{n}@stale-list.test", sender=senders[marketing]) for n in range(20)]
    resets = [kit.send(f"user{n}@customer.test", sender=senders[transactional])
              for n in range(10)]  # fmt: skip
    assert len(campaign) == 20 and len(resets) == 10

    status, moved = kit.local("POST", "/clock", {"advance_seconds": period})
    assert status == 200, moved
    changed = {a["AlarmName"]: a for a in moved["Alarms"] if a["Changed"]}
    # The account's own alarms may change too (this period's account bounce rate is a third),
    # depending on what earlier tests left in its reputation window: they pause nothing.
    lanes_alarm = tuple(f"ses-{stream}-" for stream in names.values())
    fired = {n: a for n, a in changed.items() if n.startswith(lanes_alarm)}
    assert {(name, a["StateValue"]) for name, a in fired.items()} == {
        (f"ses-{marketing}-bounce-rate", "ALARM")}  # fmt: skip
    assert not [n for n, a in changed.items() if n not in fired and "Executions" in a], changed
    (started,) = fired[f"ses-{marketing}-bounce-rate"]["Executions"]
    listed = kit.stepfunctions.list_executions(stateMachineArn=pause_arn)["executions"]
    assert started in [e["executionArn"] for e in listed]  # the lab's run may have paused too
    execution = kit.stepfunctions.describe_execution(executionArn=started)
    assert (execution["stateMachineArn"], execution["status"]) == (pause_arn, "SUCCEEDED")
    options = kit.sesv2.get_configuration_set(ConfigurationSetName=marketing)["SendingOptions"]
    assert options == {"SendingEnabled": False}
    with pytest.raises(kit.sesv2.exceptions.ClientError, match="paused"):
        kit.send("old99@stale-list.test", sender=senders[marketing])
    after = [kit.send(f"user{n}@customer.test", sender=senders[transactional]) for n in range(5)]
    assert len(after) == 5  # every reset accepted, before and after the pause

    # The runbook: the campaign stopped, the alarm back to OK, a person resumes.
    kit.local("DELETE", "/control/mailboxes")
    kit.local("POST", "/clock", {"advance_seconds": period})
    kit.sesv2.put_configuration_set_sending_options(ConfigurationSetName=marketing,
                                                    SendingEnabled=True)  # fmt: skip


def test_in_place_update_applies_and_converges(local, applied, updated, emulator):
    changed = re.search(r"Resources: (\d+) added, (\d+) changed, (\d+) destroyed", updated)
    assert changed, updated
    added, in_place, destroyed = map(int, changed.groups())
    assert (added, destroyed) == (0, 0) and in_place > 0, updated
    same, output = local.converged()
    assert same, f"update did not converge:\n{output}"
    live = read_live(emulator)
    names = streams_by_class(applied)
    assert sorted(live.stream(names["transactional"]).suppressed_reasons) == ["BOUNCE", "COMPLAINT"]
    assert {s.tls_policy for s in live.streams} == {"OPTIONAL"}
    (sns,) = [d for d in live.stream(names["marketing"]).destinations if d.kind == "sns"]
    assert set(sns.event_types) == {"BOUNCE", "COMPLAINT"}
    # Everything the update did not touch is still as first planned.
    untouched = {"tls_policy", "suppressed_reasons", "matching_event_types"}
    assert [p for p in differences(applied, live) if not any(u in p for u in untouched)] == []


def test_audit_after_the_update_finds_the_weakened_settings_and_the_drift(
    applied, updated, emulator, tmp_path, monkeypatch
):
    code, found, _ = audit(emulator, applied, tmp_path, monkeypatch)
    names = streams_by_class(applied)
    transactional, marketing, bulk = (
        names[c] for c in ("transactional", "marketing", "bulk-notifications")
    )
    assert found == sorted(
        [
            ("SES004", transactional, "error"),  # a reset is lost to a complaint elsewhere
            *[("SES009", s, "warning") for s in (transactional, marketing, bulk)],  # TLS
            ("SES030", transactional, "warning"),  # suppressed reasons differ from the plan
            *[("SES030", s, "warning") for s in (transactional, marketing, bulk)],  # TLS
            ("SES030", marketing, "warning"),  # its SNS destination's event types
        ]
    )
    assert code == 1


def test_destroy_leaves_nothing_behind(local, updated, emulator):
    local.destroy(refresh=False)  # the state was just converged
    local.destroyed = True
    live = read_live(emulator)
    assert (live.streams, live.identities, live.pools, live.alarms) == ([], [], {}, {})
    assert {kind: names for kind, names in remaining(emulator).items() if names} == {}
