"""DKIM key length, unknown request members, resources in use, JSON for every failure,
Route 53 zone IDs."""

from __future__ import annotations

import http.client
import json
import re
from urllib.parse import urlparse

import boto3
import pytest
from conftest import client_error


@pytest.mark.parametrize("length", ["RSA_1024_BIT", "RSA_2048_BIT"])
def test_dkim_signing_key_length_reads_back_as_requested(sesv2, length):
    sesv2.create_email_identity(
        EmailIdentity="mail.example.com", DkimSigningAttributes={"NextSigningKeyLength": length}
    )
    dkim = sesv2.get_email_identity(EmailIdentity="mail.example.com")["DkimAttributes"]
    assert (dkim["CurrentSigningKeyLength"], dkim["NextSigningKeyLength"]) == (length, length)


def test_dkim_signing_key_length_defaults_to_2048(sesv2):
    sesv2.create_email_identity(EmailIdentity="mail.example.com")
    dkim = sesv2.get_email_identity(EmailIdentity="mail.example.com")["DkimAttributes"]
    assert dkim["NextSigningKeyLength"] == "RSA_2048_BIT"


def test_unknown_request_members_are_ignored_at_any_depth(raw, sesv2):
    # What a client built from a newer SES model than the pinned botocore would send.
    body = {
        "ConfigurationSetName": "cs",
        "FutureTopLevelMember": {"x": 1},
        "DeliveryOptions": {"TlsPolicy": "REQUIRE", "FutureDeliveryMember": True},
    }
    status, _, payload = raw("POST", "/v2/email/configuration-sets", body)
    assert status == 200, payload
    got = sesv2.get_configuration_set(ConfigurationSetName="cs")  # botocore checks the shape
    assert got["DeliveryOptions"] == {"TlsPolicy": "REQUIRE"}


def test_known_members_are_still_checked(raw, sesv2):
    body = {"ConfigurationSetName": "cs", "DeliveryOptions": {"TlsPolicy": "SOMETIMES"}}
    status, headers, payload = raw("POST", "/v2/email/configuration-sets", body)
    assert (status, headers["x-amzn-errortype"]) == (400, "BadRequestException")
    assert "TlsPolicy must be one of" in payload["message"]


def test_a_pool_a_set_sends_from_cannot_be_deleted(sesv2):
    sesv2.create_dedicated_ip_pool(PoolName="marketing-pool", ScalingMode="MANAGED")
    sesv2.create_configuration_set(
        ConfigurationSetName="marketing", DeliveryOptions={"SendingPoolName": "marketing-pool"}
    )
    code, status, message = client_error(
        lambda: sesv2.delete_dedicated_ip_pool(PoolName="marketing-pool")
    )
    assert (code, status) == ("BadRequestException", 400) and "<marketing>" in message
    sesv2.delete_configuration_set(ConfigurationSetName="marketing")  # the right order
    sesv2.delete_dedicated_ip_pool(PoolName="marketing-pool")
    assert sesv2.list_dedicated_ip_pools()["DedicatedIpPools"] == []


def test_an_identitys_default_set_can_be_deleted_as_on_ses(sesv2):
    # The provider's update of configuration_set_name deletes the old set first on SES.
    sesv2.create_configuration_set(ConfigurationSetName="transactional")
    sesv2.create_email_identity(
        EmailIdentity="mail.example.com", ConfigurationSetName="transactional"
    )
    sesv2.delete_configuration_set(ConfigurationSetName="transactional")
    assert sesv2.list_configuration_sets()["ConfigurationSets"] == []
    assert "ConfigurationSetName" not in sesv2.get_email_identity(EmailIdentity="mail.example.com")


def test_an_unexpected_failure_is_a_json_internal_failure(emulator, sesv2):
    # A Content-Length that is not a number: werkzeug passes it through as text.
    url = urlparse(emulator)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        connection.putrequest("POST", "/v2/email/configuration-sets")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", "lots")
        connection.endheaders()
        response = connection.getresponse()
        status, headers, body = response.status, response.headers, response.read()
    finally:
        connection.close()
    assert status == 500
    assert headers["Content-Type"] == "application/json"
    assert headers["x-amzn-ErrorType"] == "InternalFailure"
    assert "ValueError" in json.loads(body)["message"]


def test_a_new_key_length_applies_from_the_next_rotation(sesv2):
    # What the provider sends when dkim_key_length changes on an existing identity.
    sesv2.create_email_identity(EmailIdentity="mail.example.com")
    answer = sesv2.put_email_identity_dkim_signing_attributes(
        EmailIdentity="mail.example.com",
        SigningAttributesOrigin="AWS_SES",
        SigningAttributes={"NextSigningKeyLength": "RSA_1024_BIT"},
    )
    assert answer["DkimStatus"] == "SUCCESS" and len(answer["DkimTokens"]) == 3
    dkim = sesv2.get_email_identity(EmailIdentity="mail.example.com")["DkimAttributes"]
    assert (dkim["CurrentSigningKeyLength"], dkim["NextSigningKeyLength"]) == (
        "RSA_2048_BIT",
        "RSA_1024_BIT",
    )


def test_external_dkim_needs_a_selector_and_a_key(sesv2):
    sesv2.create_email_identity(EmailIdentity="mail.example.com")
    code, status, _ = client_error(
        lambda: sesv2.put_email_identity_dkim_signing_attributes(
            EmailIdentity="mail.example.com", SigningAttributesOrigin="EXTERNAL"
        )
    )
    assert (code, status) == ("BadRequestException", 400)
    sesv2.put_email_identity_dkim_signing_attributes(
        EmailIdentity="mail.example.com",
        SigningAttributesOrigin="EXTERNAL",
        SigningAttributes={"DomainSigningSelector": "s1", "DomainSigningPrivateKey": "a2V5"},
    )
    dkim = sesv2.get_email_identity(EmailIdentity="mail.example.com")["DkimAttributes"]
    assert dkim["SigningAttributesOrigin"] == "EXTERNAL" and "Tokens" not in dkim


def test_route53_hosted_zone_ids_have_aws_shape(emulator, sesv2):
    # A module validating a zone ID (ses_identity's route53_zone_id) accepts only AWS's shape.
    route53 = boto3.client(
        "route53",
        endpoint_url=emulator,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    made = [route53.create_hosted_zone(Name=f"z{n}.example.test", CallerReference=str(n))
            for n in range(20)]  # fmt: skip
    ids = [zone["HostedZone"]["Id"] for zone in made]
    assert all(re.fullmatch(r"/hostedzone/Z[A-Z0-9]{20}", zone) for zone in ids), ids
