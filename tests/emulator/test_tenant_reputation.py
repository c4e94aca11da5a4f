"""Reputation entities of tenants over HTTP through boto3: findings from each tenant's own
bounce rate as the emulator clock moves, the policy that decides who pauses, both statuses."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import arn, client_error
from emulator_clients import DOMAIN

START = dt.datetime(2030, 1, 7, 6, 0, tzinfo=dt.timezone.utc)
HOUR = 3600
POLICY = "arn:aws:ses:us-east-1:aws:reputation-policy/{}"


@pytest.fixture
def tenants(aws):
    """Tenants sharing the example.test identity, each with its own set; the clock at START.
    Returns a function making one: name, policy, set."""
    aws.local("POST", "/clock", {"time": START.isoformat()})

    def make(name: str, policy: str) -> str:
        aws.lane(f"{name}-set")
        tenant_arn = aws.sesv2.create_tenant(TenantName=name)["TenantArn"]
        for resource in (arn("identity", DOMAIN), arn("configuration-set", f"{name}-set")):
            aws.sesv2.create_tenant_resource_association(TenantName=name, ResourceArn=resource)
        aws.sesv2.update_reputation_entity_policy(
            ReputationEntityType="RESOURCE",
            ReputationEntityReference=tenant_arn,
            ReputationEntityPolicy=POLICY.format(policy),
        )
        return tenant_arn

    return make


def mail(aws, tenant: str, domain: str, count: int = 100) -> None:
    for n in range(count):
        aws.send(f"{tenant}{n}@{domain}", ConfigurationSetName=f"{tenant}-set", TenantName=tenant)


def entity(aws, tenant_arn: str) -> dict:
    return aws.sesv2.get_reputation_entity(
        ReputationEntityType="RESOURCE", ReputationEntityReference=tenant_arn
    )["ReputationEntity"]


def advance(aws, seconds: int) -> None:
    status, body = aws.local("POST", "/clock", {"advance_seconds": seconds})
    assert status == 200, body


def test_strict_tenant_mailing_a_stale_list_pauses_at_the_next_tick_and_no_one_else_does(
    aws, tenants
):
    aws.local("PUT", "/control/mailboxes", {"domain": "stale.test", "bounce_rate": 0.2})
    stale, clean, careless = (tenants("stale", "strict"), tenants("clean", "standard"),
                              tenants("careless", "none"))  # fmt: skip
    mail(aws, "stale", "stale.test")
    mail(aws, "clean", "ok.test")
    mail(aws, "careless", "stale.test")
    # Findings come from evaluation ticks of the clock: nothing pauses while it stands still.
    assert entity(aws, stale)["SendingStatusAggregate"] == "ENABLED"
    advance(aws, HOUR)

    paused = entity(aws, stale)
    assert paused["AwsSesManagedStatus"]["Status"] == "DISABLED"
    assert paused["AwsSesManagedStatus"]["Cause"].startswith(
        "Paused by the strict reputation policy: BOUNCE finding (HIGH impact). Bounce rate 20.0%"
    )
    assert (paused["SendingStatusAggregate"], paused["ReputationImpact"]) == ("DISABLED", "HIGH")
    assert paused["CustomerManagedStatus"]["Status"] == "ENABLED"
    assert aws.sesv2.get_tenant(TenantName="stale")["Tenant"]["SendingStatus"] == "DISABLED"
    code, status, message = client_error(lambda: mail(aws, "stale", "ok.test", 1))
    assert (code, status) == ("SendingPausedException", 400)
    assert message.startswith("Sending is paused for tenant <stale>")

    mail(aws, "clean", "ok.test", 1)  # the other tenant on the same identity keeps sending
    mail(aws, "careless", "stale.test", 1)  # `none` never pauses, findings or not
    assert entity(aws, clean)["SendingStatusAggregate"] == "ENABLED"
    careless_entity = entity(aws, careless)
    assert (careless_entity["SendingStatusAggregate"], careless_entity["ReputationImpact"]) == (
        "ENABLED",
        "HIGH",
    )
    findings = aws.sesv2.list_recommendations(Filter={"STATUS": "OPEN"})["Recommendations"]
    assert sorted((f["ResourceArn"], f["Type"], f["Impact"]) for f in findings) == sorted(
        [(stale, "BOUNCE", "HIGH"), (careless, "BOUNCE", "HIGH")]
    )
    assert aws.local("GET", "/tenants")[1]["Tenants"][1]["Counts"] == {
        "sent": 101, "DELIVERY": 101, "BOUNCE": 0, "COMPLAINT": 0}  # fmt: skip

    # A day later the stale sends have left the window: the finding is fixed, the pause lifts.
    advance(aws, 24 * HOUR)
    assert entity(aws, stale)["SendingStatusAggregate"] == "ENABLED"
    (fixed,) = aws.sesv2.list_recommendations(Filter={"RESOURCE_ARN": stale})["Recommendations"]
    assert fixed["Status"] == "FIXED"


def test_status_changes_reach_default_bus_rules_at_their_tick_without_anyone_asking(aws, tenants):
    queue = aws.queue("tenant-status")
    pattern = {"source": ["aws.ses"],
               "detail-type": ["Sending Status Disabled", "Sending Status Enabled"]}  # fmt: skip
    aws.events.put_rule(Name="tenant-status", EventPattern=json.dumps(pattern))
    aws.events.put_targets(Rule="tenant-status", Targets=[{"Id": "q", "Arn": aws.queue_arn(queue)}])
    aws.local("PUT", "/control/mailboxes", {"domain": "stale.test", "bounce_rate": 0.2})
    stale, _ = tenants("stale", "strict"), tenants("clean", "standard")
    mail(aws, "stale", "stale.test")
    mail(aws, "clean", "ok.test")

    def seen() -> list[tuple]:
        return [(e["detail-type"], e["time"], e["resources"], e["detail"]["data"]["origin"],
                 e["detail"]["data"]["record"]["status"]) for e in aws.drain(queue)]  # fmt: skip

    advance(aws, HOUR)  # the clock's move alone evaluates the tenants
    (paused,) = aws.drain(queue)
    record = paused["detail"]["data"]["record"]
    assert (paused["source"], paused["detail-type"], paused["resources"]) == (
        "aws.ses", "Sending Status Disabled", [stale])  # fmt: skip
    assert (paused["time"], record["lastUpdatedTimestamp"]) == (
        "2030-01-07T07:00:00Z", [2030, 1, 7, 7, 0, 0, 0])  # fmt: skip
    assert paused["detail"]["data"]["origin"] == "AWS_MANAGED"
    assert record["cause"].startswith("Paused by the strict reputation policy: BOUNCE finding")

    aws.sesv2.update_reputation_entity_customer_managed_status(
        ReputationEntityType="RESOURCE", ReputationEntityReference=stale,
        SendingStatus="REINSTATED")  # fmt: skip
    advance(aws, HOUR)  # SES still holds its pause: no change, no event
    assert seen() == [("Sending Status Enabled", "2030-01-07T07:00:00Z", [stale],
                       "CUSTOMER_MANAGED", "REINSTATED")]  # fmt: skip
    advance(aws, 24 * HOUR)  # the stale sends leave the window: SES lifts its own pause
    assert seen() == [("Sending Status Enabled", "2030-01-08T07:00:00Z", [stale],
                       "AWS_MANAGED", "ENABLED")]  # fmt: skip


def test_a_low_impact_finding_pauses_strict_but_not_standard(aws, tenants):
    aws.local("PUT", "/control/mailboxes", {"domain": "dusty.test", "bounce_rate": 0.07})
    strict, standard = tenants("strict", "strict"), tenants("standard", "standard")
    mail(aws, "strict", "dusty.test")
    mail(aws, "standard", "dusty.test")
    advance(aws, HOUR)
    assert [entity(aws, t)["SendingStatusAggregate"] for t in (strict, standard)] == [
        "DISABLED",
        "ENABLED",
    ]
    assert entity(aws, standard)["ReputationImpact"] == "LOW"
    # Moving the standard tenant to strict applies at once, to the finding it already has.
    aws.sesv2.update_reputation_entity_policy(
        ReputationEntityType="RESOURCE",
        ReputationEntityReference=standard,
        ReputationEntityPolicy=POLICY.format("strict"),
    )
    assert entity(aws, standard)["SendingStatusAggregate"] == "DISABLED"


def test_too_few_sends_raise_no_finding(aws, tenants):
    aws.local("PUT", "/control/mailboxes", {"domain": "stale.test", "bounce_rate": 1})
    stale = tenants("stale", "strict")
    mail(aws, "stale", "stale.test", 99)
    advance(aws, HOUR)
    assert "ReputationImpact" not in entity(aws, stale)
    assert aws.sesv2.list_recommendations()["Recommendations"] == []


def test_customer_managed_status_pauses_and_the_aggregate_follows(aws, tenants):
    tenant_arn = tenants("acme", "standard")

    def customer(status: str) -> None:
        aws.sesv2.update_reputation_entity_customer_managed_status(
            ReputationEntityType="RESOURCE", ReputationEntityReference=tenant_arn,
            SendingStatus=status)  # fmt: skip

    customer("DISABLED")
    got = entity(aws, tenant_arn)
    assert (got["CustomerManagedStatus"]["Status"], got["SendingStatusAggregate"]) == (
        "DISABLED",
        "DISABLED",
    )
    assert client_error(lambda: mail(aws, "acme", "ok.test", 1))[0] == "SendingPausedException"
    customer("REINSTATED")
    assert entity(aws, tenant_arn)["SendingStatusAggregate"] == "REINSTATED"
    mail(aws, "acme", "ok.test", 1)
    listed = aws.sesv2.list_reputation_entities(Filter={"SENDING_STATUS": "REINSTATED"})
    assert [e["ReputationEntityReference"] for e in listed["ReputationEntities"]] == [tenant_arn]


def test_reputation_entity_calls_refuse_unknown_entities_and_policies(aws, tenants):
    tenant_arn = tenants("acme", "standard")
    assert client_error(lambda: entity(aws, tenant_arn + "x"))[:2] == ("NotFoundException", 404)
    code, _, message = client_error(
        lambda: aws.sesv2.update_reputation_entity_policy(
            ReputationEntityType="RESOURCE",
            ReputationEntityReference=tenant_arn,
            ReputationEntityPolicy=POLICY.format("lenient"),
        )
    )
    assert code == "BadRequestException"
    assert "reputation-policy/lenient> does not exist" in message


def test_a_new_tenant_gets_the_standard_policy(aws):
    created = aws.sesv2.create_tenant(TenantName="fresh")["TenantArn"]
    got = entity(aws, created)
    assert got["ReputationManagementPolicy"] == POLICY.format("standard")
    assert got["AwsSesManagedStatus"]["Status"] == "ENABLED"


def test_thresholds_are_set_through_the_control_api(aws, tenants):
    status, body = aws.local(
        "PUT",
        "/control/reputation-policies",
        {
            "minimum_sends": 10,
            "bounce_rate": {"LOW": 0.3, "HIGH": 0.4},
            "complaint_rate": {"HIGH": 0.5},
        },  # fmt: skip
    )
    assert status == 200, body
    assert (body["minimum_sends"], body["bounce_rate"], body["complaint_rate"]) == (
        10, {"LOW": 0.3, "HIGH": 0.4}, {"LOW": 0.001, "HIGH": 0.5})  # fmt: skip
    aws.local("PUT", "/control/mailboxes", {"domain": "stale.test", "bounce_rate": 0.2})
    stale = tenants("stale", "strict")
    mail(aws, "stale", "stale.test", 10)
    advance(aws, HOUR)
    assert entity(aws, stale)["SendingStatusAggregate"] == "ENABLED"  # 20 % < 30 %


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"window": 5}, "unknown setting(s) window"),
        ({"minimum_sends": 0}, "minimum_sends must be a whole number above 0"),
        ({"bounce_rate": {"LOW": 0.2, "HIGH": 0.1}}, "bounce_rate must map LOW and/or HIGH"),
    ],
)
def test_the_thresholds_control_refuses_bad_settings(aws, body, message):
    status, answer = aws.local("PUT", "/control/reputation-policies", body)
    assert status == 400
    assert answer["message"].startswith(message)
