"""SES tenants over HTTP through boto3: tenants, associations, deletion rules, tenant sends."""

from __future__ import annotations

import pytest
from conftest import ACCOUNT, REGION, arn, client_error
from emulator_clients import DOMAIN, SENDER

IDENTITY = arn("identity", DOMAIN)


def tenant_with(aws, name: str, *resources: str, **extra) -> str:
    """A tenant holding `resources` (ARNs); returns its ARN."""
    created = aws.sesv2.create_tenant(TenantName=name, **extra)
    for resource in resources:
        aws.sesv2.create_tenant_resource_association(TenantName=name, ResourceArn=resource)
    return created["TenantArn"]


def test_create_tenant_answers_arn_id_tags_and_enabled_status(aws):
    created = aws.sesv2.create_tenant(TenantName="acme", Tags=[{"Key": "team", "Value": "a"}])
    assert (
        created["TenantArn"] == f"arn:aws:ses:{REGION}:{ACCOUNT}:tenant/acme/{created['TenantId']}"
    )
    assert created["TenantId"].startswith("tn-")
    assert created["SendingStatus"] == "ENABLED"
    got = aws.sesv2.get_tenant(TenantName="acme")["Tenant"]
    assert (got["TenantArn"], got["Tags"]) == (
        created["TenantArn"],
        [{"Key": "team", "Value": "a"}],
    )
    assert aws.sesv2.list_tags_for_resource(ResourceArn=created["TenantArn"])["Tags"] == got["Tags"]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda c: c.create_tenant(TenantName="acme"), ("AlreadyExistsException", 400)),
        (lambda c: c.create_tenant(TenantName="bad name"), ("BadRequestException", 400)),
        (lambda c: c.get_tenant(TenantName="nobody"), ("NotFoundException", 404)),
        (lambda c: c.delete_tenant(TenantName="nobody"), ("NotFoundException", 404)),
        (
            lambda c: c.create_tenant_resource_association(
                TenantName="acme", ResourceArn=arn("configuration-set", "missing")
            ),
            ("NotFoundException", 404),
        ),
        (
            lambda c: c.create_tenant_resource_association(TenantName="acme", ResourceArn=IDENTITY),
            ("AlreadyExistsException", 400),
        ),
        (
            lambda c: c.create_tenant_resource_association(
                TenantName="acme", ResourceArn=arn("dedicated-ip-pool", "pool")
            ),
            ("BadRequestException", 400),
        ),
        (
            lambda c: c.delete_tenant_resource_association(
                TenantName="acme", ResourceArn=arn("template", "never")
            ),
            ("NotFoundException", 404),
        ),
        (
            lambda c: c.list_tenant_resources(TenantName="acme", Filter={"RESOURCE_TYPE": "POOL"}),
            ("BadRequestException", 400),
        ),
    ],
)
def test_tenant_api_refuses_what_ses_refuses(aws, call, expected):
    aws.sesv2.create_dedicated_ip_pool(PoolName="pool")
    tenant_with(aws, "acme", IDENTITY)
    assert client_error(lambda: call(aws.sesv2))[:2] == expected


def test_a_resource_belongs_to_several_tenants_and_lists_both_ways(aws):
    aws.lane("shared-set")
    set_arn = arn("configuration-set", "shared-set")
    tenant_with(aws, "acme", IDENTITY, set_arn)
    tenant_with(aws, "globex", IDENTITY)
    listed = aws.sesv2.list_resource_tenants(ResourceArn=IDENTITY)["ResourceTenants"]
    assert [t["TenantName"] for t in listed] == ["acme", "globex"]
    resources = aws.sesv2.list_tenant_resources(TenantName="acme")["TenantResources"]
    assert resources == [
        {"ResourceType": "CONFIGURATION_SET", "ResourceArn": set_arn},
        {"ResourceType": "EMAIL_IDENTITY", "ResourceArn": IDENTITY},
    ]
    only_sets = aws.sesv2.list_tenant_resources(
        TenantName="acme", Filter={"RESOURCE_TYPE": "CONFIGURATION_SET"}
    )["TenantResources"]
    assert [r["ResourceArn"] for r in only_sets] == [set_arn]


def test_a_resource_a_tenant_holds_cannot_be_deleted_until_the_tenant_lets_go(aws):
    aws.lane("held")
    tenant_with(aws, "acme", IDENTITY, arn("configuration-set", "held"))
    code, status, message = client_error(
        lambda: aws.sesv2.delete_configuration_set(ConfigurationSetName="held")
    )
    assert (code, status) == ("BadRequestException", 400)
    assert "has tenant associations" in message
    assert client_error(lambda: aws.sesv2.delete_email_identity(EmailIdentity=DOMAIN))[0] == (
        "BadRequestException"
    )
    aws.sesv2.delete_tenant_resource_association(
        TenantName="acme", ResourceArn=arn("configuration-set", "held")
    )
    aws.sesv2.delete_configuration_set(ConfigurationSetName="held")
    aws.sesv2.delete_tenant(TenantName="acme")  # its associations go with it
    aws.sesv2.delete_email_identity(EmailIdentity=DOMAIN)
    assert aws.sesv2.list_tenants()["Tenants"] == []


def test_list_tenants_filters_by_name_and_status_and_pages(aws):
    for name in ("acme", "acme-eu", "globex"):
        aws.sesv2.create_tenant(TenantName=name)
    named = aws.sesv2.list_tenants(Filter={"TENANT_NAME_CONTAINS": "acme"})["Tenants"]
    assert [t["TenantName"] for t in named] == ["acme", "acme-eu"]
    assert aws.sesv2.list_tenants(Filter={"SENDING_STATUS": "DISABLED"})["Tenants"] == []
    first = aws.sesv2.list_tenants(PageSize=2)
    second = aws.sesv2.list_tenants(PageSize=2, NextToken=first["NextToken"])
    assert [t["TenantName"] for t in first["Tenants"] + second["Tenants"]] == [
        "acme",
        "acme-eu",
        "globex",
    ]


def test_a_tenant_send_needs_the_identity_and_the_set_in_the_tenant(aws):
    aws.lane("marketing")
    aws.lane("transactional")
    tenant_with(aws, "acme", IDENTITY, arn("configuration-set", "marketing"))
    assert aws.send("a@customer.test", ConfigurationSetName="marketing", TenantName="acme")
    code, status, message = client_error(
        lambda: aws.send("a@customer.test", ConfigurationSetName="transactional", TenantName="acme")
    )
    assert (code, status) == ("AccessDeniedException", 403)
    assert message == (
        f"Tenant not associated with resources [{arn('configuration-set', 'transactional')}]"
    )
    aws.sesv2.create_tenant(TenantName="empty")
    assert client_error(lambda: aws.send("a@customer.test", TenantName="empty"))[2] == (
        f"Tenant not associated with resources [{IDENTITY}]"
    )
    assert client_error(lambda: aws.send("a@customer.test", TenantName="nobody"))[:2] == (
        "NotFoundException",
        404,
    )
    (message,) = [m for m in aws.messages() if m["ConfigurationSet"] == "marketing"]
    assert message["Tenant"] == "acme"


def test_the_identitys_default_set_must_be_in_the_tenant_too(aws):
    aws.lane("default-lane")
    aws.sesv2.put_email_identity_configuration_set_attributes(
        EmailIdentity=DOMAIN, ConfigurationSetName="default-lane"
    )
    tenant_with(aws, "acme", IDENTITY)
    assert client_error(lambda: aws.send("a@customer.test", TenantName="acme"))[0] == (
        "AccessDeniedException"
    )


def test_a_raw_message_names_its_tenant_in_the_x_ses_tenant_header(aws):
    tenant_with(aws, "acme", IDENTITY)
    raw = (
        f"From: {SENDER}\r\nTo: a@customer.test\r\nSubject: hi\r\nX-SES-TENANT: acme\r\n\r\nhi"
    ).encode()
    aws.sesv2.send_email(Content={"Raw": {"Data": raw}})
    (message,) = aws.messages()
    assert message["Tenant"] == "acme"
    unknown = raw.replace(b"X-SES-TENANT: acme", b"X-SES-TENANT: nobody")
    assert client_error(lambda: aws.sesv2.send_email(Content={"Raw": {"Data": unknown}}))[0] == (
        "NotFoundException"
    )


def test_bulk_send_through_a_tenant_needs_the_template_in_the_tenant(aws):
    aws.sesv2.create_email_template(
        TemplateName="news", TemplateContent={"Subject": "hi", "Text": "hi"}
    )
    tenant_with(aws, "acme", IDENTITY)

    def bulk():
        return aws.sesv2.send_bulk_email(
            FromEmailAddress=SENDER,
            TenantName="acme",
            DefaultContent={"Template": {"TemplateName": "news", "TemplateData": "{}"}},
            BulkEmailEntries=[{"Destination": {"ToAddresses": ["a@customer.test"]}}],
        )

    assert (
        client_error(bulk)[2] == f"Tenant not associated with resources [{arn('template', 'news')}]"
    )
    aws.sesv2.create_tenant_resource_association(
        TenantName="acme", ResourceArn=arn("template", "news")
    )
    assert [r["Status"] for r in bulk()["BulkEmailEntryResults"]] == ["SUCCESS"]


def test_a_tenant_with_its_own_suppression_list_keeps_bounces_off_the_account_list(aws):
    aws.local("PUT", "/control/mailboxes", {"address": "gone@customer.test", "bounce_rate": 1})
    tenant_with(
        aws,
        "acme",
        IDENTITY,
        SuppressionAttributes={"SuppressionScope": "TENANT", "SuppressedReasons": ["BOUNCE"]},
    )
    tenant_with(aws, "globex", IDENTITY)
    aws.send("gone@customer.test", TenantName="acme")
    listed = aws.sesv2.list_suppressed_destinations(TenantName="acme")
    assert [d["EmailAddress"] for d in listed["SuppressedDestinationSummaries"]] == [
        "gone@customer.test"
    ]
    assert aws.sesv2.list_suppressed_destinations()["SuppressedDestinationSummaries"] == []
    aws.send("gone@customer.test", TenantName="acme")  # suppressed in acme's list
    aws.send("gone@customer.test", TenantName="globex")  # globex uses the account's: delivered
    latest_acme, _ = [m for m in aws.messages() if m["Tenant"] == "acme"]
    assert latest_acme["Suppressed"] == ["gone@customer.test"]
    (globex,) = [m for m in aws.messages() if m["Tenant"] == "globex"]
    assert globex["Suppressed"] == []
    aws.sesv2.put_tenant_suppression_attributes(TenantName="acme", SuppressionScope="ACCOUNT")
    got = aws.sesv2.get_tenant(TenantName="acme")["Tenant"]
    assert got["SuppressionAttributes"] == {"SuppressionScope": "ACCOUNT"}
