"""Malformed requests and SES limits get SES's error types, never a 500."""

from __future__ import annotations

import pytest
from conftest import arn, client_error


@pytest.mark.parametrize("member", ["Tags", "FutureMember"])
def test_deeply_nested_json_is_a_bad_request(raw, member):
    depth = 100_000  # deeper than Python's parser recursion: was a 500 InternalFailure
    body = f'{{"ConfigurationSetName": "cs", "{member}": ' + "[" * depth + "]" * depth + "}"
    status, headers, payload = raw(
        "POST", "/v2/email/configuration-sets", body=None, data=body.encode()
    )
    assert (status, headers["x-amzn-errortype"]) == (400, "BadRequestException"), payload


def test_fifty_tags_is_the_limit(sesv2):
    tags = [{"Key": f"k{i}", "Value": "v"} for i in range(50)]
    sesv2.create_configuration_set(ConfigurationSetName="cs", Tags=tags)
    one_more = client_error(
        lambda: sesv2.tag_resource(
            ResourceArn=arn("configuration-set", "cs"), Tags=[{"Key": "k50", "Value": "v"}]
        )
    )
    assert one_more[:2] == ("BadRequestException", 400) and "50 tags" in one_more[2]
    # Re-tagging an existing key is no new tag.
    sesv2.tag_resource(
        ResourceArn=arn("configuration-set", "cs"), Tags=[{"Key": "k0", "Value": "w"}]
    )
    too_many = client_error(
        lambda: sesv2.create_dedicated_ip_pool(
            PoolName="p", Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)]
        )
    )
    assert too_many[:2] == ("BadRequestException", 400)


def test_a_template_over_500_kb_is_refused(sesv2):
    big = client_error(
        lambda: sesv2.create_email_template(
            TemplateName="big", TemplateContent={"Subject": "s", "Html": "x" * (500 * 1024)}
        )
    )
    assert big[:2] == ("BadRequestException", 400)


def test_twenty_policies_per_identity(sesv2):
    sesv2.create_email_identity(EmailIdentity="example.com")
    policy = '{"Statement": []}'
    for i in range(20):
        sesv2.create_email_identity_policy(
            EmailIdentity="example.com", PolicyName=f"p{i}", Policy=policy
        )
    one_more = client_error(
        lambda: sesv2.create_email_identity_policy(
            EmailIdentity="example.com", PolicyName="p20", Policy=policy
        )
    )
    assert one_more[:2] == ("BadRequestException", 400)
