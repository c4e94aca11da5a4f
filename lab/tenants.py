"""The tenants run's SES tenants: one per lane, holding the lane's configuration set and
the identity it sends from, with the scenario's reputation policy.

Made through the SES v2 API after `terraform apply`, as docs/modules.md tells an operator
to do it today: the AWS provider this repository pins has no tenant resource yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator_clients import ACCOUNT, REGION, Aws, clients
from verify.live import read_live

from .scenario import Scenario


@dataclass(frozen=True)
class TenantInfo:
    name: str
    arn: str
    policy: str  # none | standard | strict
    configuration_set: str


def ses_arn(kind: str, name: str) -> str:
    return f"arn:aws:ses:{REGION}:{ACCOUNT}:{kind}/{name}"


def create(url: str, scenario: Scenario) -> None:
    """A tenant named after each lane the scenario sends through (its set and its sending
    identity associated), with that lane's policy from the scenario."""
    from .runner import lane_sets, senders  # the runner sends from the identities it finds

    aws, live = clients(url), read_live(url)
    # Made at the scenario's start: a tenant evaluates its reputation from its creation on,
    # so one made at the wall clock's time would not judge a day the clock is set back to.
    status, answer = aws.local("POST", "/clock", {"time": scenario.start.isoformat()})
    if status != 200:
        raise RuntimeError(f"emulator clock: {answer}")
    sets = lane_sets(scenario, live)
    domains = senders(sets, live)
    for lane, configuration_set in sorted(sets.items()):
        arn = aws.sesv2.create_tenant(TenantName=lane)["TenantArn"]
        for resource in (ses_arn("configuration-set", configuration_set),
                         ses_arn("identity", domains[configuration_set])):  # fmt: skip
            aws.sesv2.create_tenant_resource_association(TenantName=lane, ResourceArn=resource)
        aws.sesv2.update_reputation_entity_policy(
            ReputationEntityType="RESOURCE", ReputationEntityReference=arn,
            ReputationEntityPolicy=f"arn:aws:ses:{REGION}:aws:reputation-policy/"
                                   f"{scenario.tenant_policy(lane)}")  # fmt: skip


def discover(aws: Aws) -> dict[str, TenantInfo]:
    """Configuration set -> the tenant that holds it, read back as an operator would."""
    found = {}
    for summary in aws.sesv2.list_tenants()["Tenants"]:
        name, arn = summary["TenantName"], summary["TenantArn"]
        entity = aws.sesv2.get_reputation_entity(
            ReputationEntityType="RESOURCE", ReputationEntityReference=arn
        )["ReputationEntity"]
        policy = entity["ReputationManagementPolicy"].rsplit("/", 1)[-1]
        resources = aws.sesv2.list_tenant_resources(
            TenantName=name, Filter={"RESOURCE_TYPE": "CONFIGURATION_SET"}
        )["TenantResources"]
        for resource in resources:
            configuration_set = resource["ResourceArn"].rsplit("/", 1)[-1]
            found[configuration_set] = TenantInfo(name, arn, policy, configuration_set)
    return found


def status_rule(aws: Aws, queue_url: str) -> Any:
    """SES's tenant status events (default bus) into the lab's queue, as a pager would get them."""
    aws.events.put_rule(Name="lab-tenant-status", EventPattern=(
        '{"source": ["aws.ses"], "detail-type": ["Sending Status Disabled", '
        '"Sending Status Enabled"]}'))  # fmt: skip
    aws.events.put_targets(Rule="lab-tenant-status",
                           Targets=[{"Id": "lab", "Arn": aws.queue_arn(queue_url)}])  # fmt: skip
