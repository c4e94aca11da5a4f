import pytest
from botocore.exceptions import ClientError
from conftest import client_error, error_of


# --- dedicated IP pools -----------------------------------------------------------
def test_pool_keeps_its_scaling_mode_and_nothing_else(sesv2):
    sesv2.create_dedicated_ip_pool(PoolName="marketing", ScalingMode="MANAGED")
    sesv2.create_dedicated_ip_pool(PoolName="transactional")
    assert sesv2.get_dedicated_ip_pool(PoolName="marketing")["DedicatedIpPool"] == {
        "PoolName": "marketing",
        "ScalingMode": "MANAGED",
    }
    pool = sesv2.get_dedicated_ip_pool(PoolName="transactional")["DedicatedIpPool"]
    assert pool["ScalingMode"] == "STANDARD"
    assert sesv2.list_dedicated_ip_pools()["DedicatedIpPools"] == ["marketing", "transactional"]


def test_scaling_standard_to_managed_only(sesv2):
    sesv2.create_dedicated_ip_pool(PoolName="p", ScalingMode="STANDARD")
    sesv2.put_dedicated_ip_pool_scaling_attributes(PoolName="p", ScalingMode="MANAGED")
    assert sesv2.get_dedicated_ip_pool(PoolName="p")["DedicatedIpPool"]["ScalingMode"] == "MANAGED"
    with pytest.raises(ClientError) as excinfo:
        sesv2.put_dedicated_ip_pool_scaling_attributes(PoolName="p", ScalingMode="STANDARD")
    assert error_of(excinfo)[:2] == ("BadRequestException", 400)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.get_dedicated_ip_pool(PoolName="nope"),
        lambda c: c.delete_dedicated_ip_pool(PoolName="nope"),
        lambda c: c.put_dedicated_ip_pool_scaling_attributes(
            PoolName="nope", ScalingMode="MANAGED"
        ),
    ],
    ids=["get", "delete", "scaling"],
)
def test_unknown_pool_is_not_found(sesv2, call):
    with pytest.raises(ClientError) as excinfo:
        call(sesv2)
    assert error_of(excinfo)[:2] == ("NotFoundException", 404)


@pytest.mark.parametrize("name", ["p", "ses-default-dedicated-pool"])
def test_existing_or_reserved_pool_name_already_exists(sesv2, name):
    sesv2.create_dedicated_ip_pool(PoolName="p")
    with pytest.raises(ClientError) as excinfo:
        sesv2.create_dedicated_ip_pool(PoolName=name)
    assert error_of(excinfo)[:2] == ("AlreadyExistsException", 400)


def test_scaling_mode_enum_is_checked(raw, sesv2):
    status, headers, payload = raw(
        "POST", "/v2/email/dedicated-ip-pools", {"PoolName": "p", "ScalingMode": "AUTO"}
    )
    assert (status, headers["x-amzn-errortype"]) == (400, "BadRequestException")
    assert "ScalingMode must be one of STANDARD, MANAGED" in payload["message"]


def test_deleted_pool_is_gone(sesv2):
    sesv2.create_dedicated_ip_pool(PoolName="p")
    sesv2.delete_dedicated_ip_pool(PoolName="p")
    assert sesv2.list_dedicated_ip_pools()["DedicatedIpPools"] == []


# --- identities -------------------------------------------------------------------
@pytest.fixture
def identity(sesv2):
    sesv2.create_configuration_set(ConfigurationSetName="transactional")
    sesv2.create_configuration_set(ConfigurationSetName="marketing")
    created = sesv2.create_email_identity(
        EmailIdentity="mail.example.com", ConfigurationSetName="transactional"
    )
    assert created["IdentityType"] == "DOMAIN"
    return "mail.example.com"


def test_default_configuration_set_is_reflected_and_changeable(sesv2, identity):
    assert sesv2.get_email_identity(EmailIdentity=identity)["ConfigurationSetName"] == (
        "transactional"
    )
    sesv2.put_email_identity_configuration_set_attributes(
        EmailIdentity=identity, ConfigurationSetName="marketing"
    )
    assert sesv2.get_email_identity(EmailIdentity=identity)["ConfigurationSetName"] == "marketing"
    sesv2.put_email_identity_configuration_set_attributes(EmailIdentity=identity)
    assert "ConfigurationSetName" not in sesv2.get_email_identity(EmailIdentity=identity)


def test_default_configuration_set_must_exist(sesv2, identity):
    put_unknown = lambda: sesv2.put_email_identity_configuration_set_attributes(  # noqa: E731
        EmailIdentity=identity, ConfigurationSetName="nope"
    )
    assert client_error(put_unknown)[:2] == ("NotFoundException", 404)
    create_with_unknown = lambda: sesv2.create_email_identity(  # noqa: E731
        EmailIdentity="other.example.com", ConfigurationSetName="x"
    )
    assert client_error(create_with_unknown)[:2] == ("NotFoundException", 404)


def test_mail_from_is_set_reflected_and_removed(sesv2, identity):
    # Without a MAIL FROM domain SES still reports the behaviour on MX failure.
    unset = {"BehaviorOnMxFailure": "USE_DEFAULT_VALUE"}
    assert sesv2.get_email_identity(EmailIdentity=identity)["MailFromAttributes"] == unset
    sesv2.put_email_identity_mail_from_attributes(
        EmailIdentity=identity,
        MailFromDomain="bounce.mail.example.com",
        BehaviorOnMxFailure="REJECT_MESSAGE",
    )
    mail_from = sesv2.get_email_identity(EmailIdentity=identity)["MailFromAttributes"]
    assert mail_from["MailFromDomain"] == "bounce.mail.example.com"
    assert mail_from["BehaviorOnMxFailure"] == "REJECT_MESSAGE"
    sesv2.put_email_identity_mail_from_attributes(EmailIdentity=identity)
    assert sesv2.get_email_identity(EmailIdentity=identity)["MailFromAttributes"] == unset


def test_mail_from_must_be_a_subdomain_of_the_identity(sesv2, identity):
    with pytest.raises(ClientError) as excinfo:
        sesv2.put_email_identity_mail_from_attributes(
            EmailIdentity=identity, MailFromDomain="bounce.elsewhere.com"
        )
    code, status, message = error_of(excinfo)
    assert (code, status) == ("BadRequestException", 400)
    assert "subdomain" in message


def test_mail_from_behavior_enum_is_checked(raw, identity):
    status, headers, payload = raw(
        "PUT",
        f"/v2/email/identities/{identity}/mail-from",
        {"MailFromDomain": f"b.{identity}", "BehaviorOnMxFailure": "BOUNCE"},
    )
    assert (status, headers["x-amzn-errortype"]) == (400, "BadRequestException")
    assert "BehaviorOnMxFailure must be one of" in payload["message"]


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.get_email_identity(EmailIdentity="nobody.example.com"),
        lambda c: c.delete_email_identity(EmailIdentity="nobody.example.com"),
        lambda c: c.put_email_identity_mail_from_attributes(EmailIdentity="nobody.example.com"),
        lambda c: c.put_email_identity_configuration_set_attributes(
            EmailIdentity="nobody.example.com"
        ),
    ],
    ids=["get", "delete", "mail-from", "configuration-set"],
)
def test_unknown_identity_is_not_found(sesv2, call):
    with pytest.raises(ClientError) as excinfo:
        call(sesv2)
    assert error_of(excinfo)[:2] == ("NotFoundException", 404)


def test_identity_lifecycle(sesv2, identity):
    with pytest.raises(ClientError) as excinfo:
        sesv2.create_email_identity(EmailIdentity=identity)
    assert error_of(excinfo)[:2] == ("AlreadyExistsException", 400)
    sesv2.create_email_identity(EmailIdentity="ops@example.com")
    listed = sesv2.list_email_identities()["EmailIdentities"]
    assert [(i["IdentityName"], i["IdentityType"]) for i in listed] == [
        (identity, "DOMAIN"),
        ("ops@example.com", "EMAIL_ADDRESS"),
    ]
    sesv2.delete_email_identity(EmailIdentity=identity)
    assert [i["IdentityName"] for i in sesv2.list_email_identities()["EmailIdentities"]] == [
        "ops@example.com"
    ]


# --- account ----------------------------------------------------------------------
def test_account_suppression_defaults_to_bounce_and_complaint(sesv2):
    account = sesv2.get_account()
    assert account["SuppressionAttributes"] == {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]}
    assert account["SendingEnabled"] is True and account["ProductionAccessEnabled"] is True


@pytest.mark.parametrize("reasons", [["BOUNCE"], [], ["COMPLAINT", "BOUNCE"]])
def test_account_suppression_attributes_are_stored(sesv2, reasons):
    sesv2.put_account_suppression_attributes(SuppressedReasons=reasons)
    assert sesv2.get_account()["SuppressionAttributes"]["SuppressedReasons"] == reasons


def test_account_suppression_reason_enum_is_checked(raw, sesv2):
    status, headers, payload = raw(
        "PUT", "/v2/email/account/suppression", {"SuppressedReasons": ["SPAM"]}
    )
    assert (status, headers["x-amzn-errortype"]) == (400, "BadRequestException")
    assert "must be one of BOUNCE, COMPLAINT" in payload["message"]
