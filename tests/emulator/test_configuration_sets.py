import pytest
from botocore.exceptions import ClientError, ParamValidationError
from conftest import arn, error_of

ALL_GROUPS = {
    "TrackingOptions": {"CustomRedirectDomain": "track.example.com", "HttpsPolicy": "REQUIRE"},
    "DeliveryOptions": {"TlsPolicy": "REQUIRE", "MaxDeliverySeconds": 600},
    "ReputationOptions": {"ReputationMetricsEnabled": True},
    "SendingOptions": {"SendingEnabled": False},
    "SuppressionOptions": {"SuppressedReasons": ["BOUNCE"]},
    "VdmOptions": {
        "DashboardOptions": {"EngagementMetrics": "ENABLED"},
        "GuardianOptions": {"OptimizedSharedDelivery": "DISABLED"},
    },
    "ArchivingOptions": {"ArchiveArn": "arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a"},
}


def test_get_returns_every_option_group_as_created(sesv2):
    sesv2.create_configuration_set(
        ConfigurationSetName="marketing",
        Tags=[{"Key": "stream", "Value": "marketing"}],
        **ALL_GROUPS,
    )
    got = sesv2.get_configuration_set(ConfigurationSetName="marketing")
    assert {group: got[group] for group in ALL_GROUPS} == ALL_GROUPS
    assert got["Tags"] == [{"Key": "stream", "Value": "marketing"}]


def test_option_groups_never_set_are_omitted_not_empty(sesv2):
    # moto returns {} for these, which the provider reads as a block: permanent drift.
    sesv2.create_configuration_set(ConfigurationSetName="bare")
    got = sesv2.get_configuration_set(ConfigurationSetName="bare")
    assert set(got) - {"ResponseMetadata"} == {"ConfigurationSetName", "Tags"}


def test_sending_enabled_is_a_boolean(sesv2):
    # moto 5.2 nests an object here, which the Go SDK rejects.
    sesv2.create_configuration_set(
        ConfigurationSetName="s", SendingOptions={"SendingEnabled": True}
    )
    sesv2.put_configuration_set_sending_options(ConfigurationSetName="s", SendingEnabled=False)
    got = sesv2.get_configuration_set(ConfigurationSetName="s")
    assert got["SendingOptions"] == {"SendingEnabled": False}


@pytest.mark.parametrize(
    ("operation", "members", "group", "expected"),
    [
        (
            "put_configuration_set_delivery_options",
            {"TlsPolicy": "OPTIONAL", "SendingPoolName": "pool", "MaxDeliverySeconds": 300},
            "DeliveryOptions",
            {"TlsPolicy": "OPTIONAL", "SendingPoolName": "pool", "MaxDeliverySeconds": 300},
        ),
        (
            "put_configuration_set_reputation_options",
            {"ReputationMetricsEnabled": True},
            "ReputationOptions",
            {"ReputationMetricsEnabled": True},
        ),
        (
            "put_configuration_set_suppression_options",
            {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]},
            "SuppressionOptions",
            {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]},
        ),
        (
            "put_configuration_set_suppression_options",
            {"SuppressedReasons": []},
            "SuppressionOptions",
            {"SuppressedReasons": []},
        ),
        (
            "put_configuration_set_tracking_options",
            {"CustomRedirectDomain": "t.example.com", "HttpsPolicy": "OPTIONAL"},
            "TrackingOptions",
            {"CustomRedirectDomain": "t.example.com", "HttpsPolicy": "OPTIONAL"},
        ),
        (
            "put_configuration_set_vdm_options",
            {"VdmOptions": {"DashboardOptions": {"EngagementMetrics": "DISABLED"}}},
            "VdmOptions",
            {"DashboardOptions": {"EngagementMetrics": "DISABLED"}},
        ),
        (
            "put_configuration_set_archiving_options",
            {"ArchiveArn": "arn:aws:ses:us-east-1:123456789012:mailmanager-archive/b"},
            "ArchivingOptions",
            {"ArchiveArn": "arn:aws:ses:us-east-1:123456789012:mailmanager-archive/b"},
        ),
    ],
)
def test_put_options_replaces_the_group(sesv2, operation, members, group, expected):
    sesv2.create_dedicated_ip_pool(PoolName="pool")
    sesv2.create_configuration_set(ConfigurationSetName="cs", **ALL_GROUPS)
    getattr(sesv2, operation)(ConfigurationSetName="cs", **members)
    got = sesv2.get_configuration_set(ConfigurationSetName="cs")
    assert got[group] == expected
    others = {k: v for k, v in ALL_GROUPS.items() if k != group}
    assert {k: got[k] for k in others} == others


@pytest.mark.parametrize(
    ("operation", "group"),
    [
        ("put_configuration_set_suppression_options", "SuppressionOptions"),
        ("put_configuration_set_tracking_options", "TrackingOptions"),
        ("put_configuration_set_vdm_options", "VdmOptions"),
        ("put_configuration_set_archiving_options", "ArchivingOptions"),
    ],
)
def test_put_options_without_values_removes_the_override(sesv2, operation, group):
    sesv2.create_configuration_set(ConfigurationSetName="cs", **ALL_GROUPS)
    getattr(sesv2, operation)(ConfigurationSetName="cs")
    assert group not in sesv2.get_configuration_set(ConfigurationSetName="cs")


@pytest.mark.parametrize(
    "operation",
    [
        "put_configuration_set_delivery_options",
        "put_configuration_set_reputation_options",
        "put_configuration_set_sending_options",
        "put_configuration_set_suppression_options",
        "put_configuration_set_tracking_options",
        "put_configuration_set_vdm_options",
        "put_configuration_set_archiving_options",
        "get_configuration_set",
        "delete_configuration_set",
    ],
)
def test_unknown_configuration_set_is_not_found(sesv2, operation):
    with pytest.raises(ClientError) as excinfo:
        getattr(sesv2, operation)(ConfigurationSetName="missing")
    code, status, message = error_of(excinfo)
    assert (code, status) == ("NotFoundException", 404)
    assert "missing" in message


def test_duplicate_configuration_set_already_exists(sesv2):
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    with pytest.raises(ClientError) as excinfo:
        sesv2.create_configuration_set(ConfigurationSetName="cs")
    assert error_of(excinfo)[:2] == ("AlreadyExistsException", 400)


def test_sending_pool_must_exist(sesv2):
    with pytest.raises(ClientError) as excinfo:
        sesv2.create_configuration_set(
            ConfigurationSetName="cs", DeliveryOptions={"SendingPoolName": "nope"}
        )
    assert error_of(excinfo)[:2] == ("NotFoundException", 404)
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    with pytest.raises(ClientError) as excinfo:
        sesv2.put_configuration_set_delivery_options(ConfigurationSetName="cs", SendingPoolName="x")
    assert error_of(excinfo)[:2] == ("NotFoundException", 404)


def test_a_sets_pool_is_set_by_delivery_options_never_by_sending_options(sesv2):
    """A common guide's trap: SendingOptions holds SendingEnabled only (botocore's model)."""
    sesv2.create_dedicated_ip_pool(PoolName="marketing-pool", ScalingMode="MANAGED")
    sesv2.create_configuration_set(ConfigurationSetName="marketing")
    with pytest.raises(ParamValidationError, match="SendingPoolName"):
        sesv2.put_configuration_set_sending_options(
            ConfigurationSetName="marketing", SendingPoolName="marketing-pool"
        )
    sesv2.put_configuration_set_delivery_options(
        ConfigurationSetName="marketing", SendingPoolName="marketing-pool"
    )
    got = sesv2.get_configuration_set(ConfigurationSetName="marketing")
    assert got["DeliveryOptions"]["SendingPoolName"] == "marketing-pool"


@pytest.mark.parametrize("name", ["has space", "x" * 65, "dots.not.allowed"])
def test_invalid_configuration_set_name_is_a_bad_request(sesv2, name):
    with pytest.raises(ClientError) as excinfo:
        sesv2.create_configuration_set(ConfigurationSetName=name)
    assert error_of(excinfo)[:2] == ("BadRequestException", 400)


@pytest.mark.parametrize(
    ("path", "body", "mentions"),
    [
        (
            "delivery-options",
            {"TlsPolicy": "SOMETIMES"},
            "TlsPolicy must be one of REQUIRE, OPTIONAL",
        ),
        ("delivery-options", {"MaxDeliverySeconds": 60}, "at least 300"),
        ("delivery-options", {"MaxDeliverySeconds": 50401}, "at most 50400"),
        ("suppression-options", {"SuppressedReasons": ["SPAM"]}, "SuppressedReasons[0]"),
        ("reputation-options", {"ReputationMetricsEnabled": "yes"}, "true or false"),
        ("tracking-options", {"HttpsPolicy": "REQUIRE"}, "HttpsPolicy needs CustomRedirectDomain"),
    ],
)
def test_option_values_are_checked_against_the_model(raw, sesv2, path, body, mentions):
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    status, headers, payload = raw("PUT", f"/v2/email/configuration-sets/cs/{path}", body)
    assert (status, headers["x-amzn-errortype"]) == (400, "BadRequestException")
    assert mentions in payload["message"]


def test_list_and_delete_configuration_sets(sesv2):
    for name in ("b", "a", "c"):
        sesv2.create_configuration_set(ConfigurationSetName=name)
    first = sesv2.list_configuration_sets(PageSize=2)
    assert first["ConfigurationSets"] == ["a", "b"]
    rest = sesv2.list_configuration_sets(PageSize=2, NextToken=first["NextToken"])
    assert rest["ConfigurationSets"] == ["c"] and "NextToken" not in rest
    sesv2.delete_configuration_set(ConfigurationSetName="b")
    assert sesv2.list_configuration_sets()["ConfigurationSets"] == ["a", "c"]


def test_deleting_a_set_removes_its_tags(sesv2):
    sesv2.create_configuration_set(ConfigurationSetName="cs", Tags=[{"Key": "k", "Value": "v"}])
    sesv2.delete_configuration_set(ConfigurationSetName="cs")
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    assert sesv2.list_tags_for_resource(ResourceArn=arn("configuration-set", "cs"))["Tags"] == []
