import pytest
from botocore.exceptions import ClientError
from conftest import error_of

DESTINATIONS = {
    "CloudWatchDestination": {
        "DimensionConfigurations": [
            {
                "DimensionName": "stream",
                "DimensionValueSource": "MESSAGE_TAG",
                "DefaultDimensionValue": "marketing",
            }
        ]
    },
    "SnsDestination": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:events"},
    "KinesisFirehoseDestination": {
        "IamRoleArn": "arn:aws:iam::123456789012:role/firehose",
        "DeliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/events",
    },
    "EventBridgeDestination": {
        "EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/default"
    },
    "PinpointDestination": {
        "ApplicationArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/a"
    },
}


@pytest.fixture
def config_set(sesv2, aws):
    # SES refuses an SNS destination whose topic does not exist, so the tests' topic does.
    aws.sns.create_topic(Name="events")
    sesv2.create_configuration_set(ConfigurationSetName="marketing")
    return "marketing"


def destinations(sesv2, config_set):
    return sesv2.get_configuration_set_event_destinations(ConfigurationSetName=config_set)[
        "EventDestinations"
    ]


@pytest.mark.parametrize("kind", DESTINATIONS)
def test_each_destination_type_round_trips_create_update_delete(sesv2, config_set, kind):
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName=config_set,
        EventDestinationName="events",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["SEND", "BOUNCE", "COMPLAINT"],
            kind: DESTINATIONS[kind],
        },
    )
    assert destinations(sesv2, config_set) == [
        {
            "Name": "events",
            "Enabled": True,
            "MatchingEventTypes": ["SEND", "BOUNCE", "COMPLAINT"],
            kind: DESTINATIONS[kind],
        }
    ]
    sesv2.update_configuration_set_event_destination(
        ConfigurationSetName=config_set,
        EventDestinationName="events",
        EventDestination={"MatchingEventTypes": ["DELIVERY"], kind: DESTINATIONS[kind]},
    )
    (updated,) = destinations(sesv2, config_set)
    assert (updated["Enabled"], updated["MatchingEventTypes"]) == (False, ["DELIVERY"])
    sesv2.delete_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestinationName="events"
    )
    assert destinations(sesv2, config_set) == []


def test_enabled_defaults_to_false(sesv2, config_set):
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName=config_set,
        EventDestinationName="sns",
        EventDestination={"MatchingEventTypes": ["BOUNCE"], **_only("SnsDestination")},
    )
    assert destinations(sesv2, config_set)[0]["Enabled"] is False


def test_duplicate_destination_name_already_exists(sesv2, config_set):
    definition = {"MatchingEventTypes": ["BOUNCE"], **_only("SnsDestination")}
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName=config_set, EventDestinationName="d", EventDestination=definition
    )
    with pytest.raises(ClientError) as excinfo:
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestinationName="d", EventDestination=definition
        )
    assert error_of(excinfo)[:2] == ("AlreadyExistsException", 400)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.get_configuration_set_event_destinations(ConfigurationSetName="nope"),
        lambda c: c.create_configuration_set_event_destination(
            ConfigurationSetName="nope",
            EventDestinationName="d",
            EventDestination={"MatchingEventTypes": ["SEND"], **_only("SnsDestination")},
        ),
        lambda c: c.update_configuration_set_event_destination(
            ConfigurationSetName="marketing",
            EventDestinationName="never-created",
            EventDestination={"MatchingEventTypes": ["SEND"], **_only("SnsDestination")},
        ),
        lambda c: c.delete_configuration_set_event_destination(
            ConfigurationSetName="marketing", EventDestinationName="never-created"
        ),
    ],
    ids=["get-unknown-set", "create-unknown-set", "update-unknown", "delete-unknown"],
)
def test_unknown_set_or_destination_is_not_found(sesv2, config_set, call):
    with pytest.raises(ClientError) as excinfo:
        call(sesv2)
    assert error_of(excinfo)[:2] == ("NotFoundException", 404)


@pytest.mark.parametrize(
    ("definition", "mentions"),
    [
        ({"MatchingEventTypes": ["SEND"]}, "exactly one of"),
        (
            {
                "MatchingEventTypes": ["SEND"],
                "SnsDestination": DESTINATIONS["SnsDestination"],
                "EventBridgeDestination": DESTINATIONS["EventBridgeDestination"],
            },
            "(got 2)",
        ),
        ({"SnsDestination": DESTINATIONS["SnsDestination"]}, "needs MatchingEventTypes"),
        (
            {
                "MatchingEventTypes": ["SEND"],
                "CloudWatchDestination": {"DimensionConfigurations": []},
            },
            "DimensionConfiguration",
        ),
        (
            {"MatchingEventTypes": [], "SnsDestination": DESTINATIONS["SnsDestination"]},
            "needs MatchingEventTypes",
        ),
    ],
)
def test_invalid_definitions_are_bad_requests(sesv2, config_set, definition, mentions):
    with pytest.raises(ClientError) as excinfo:
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName=config_set, EventDestinationName="d", EventDestination=definition
        )
    code, status, message = error_of(excinfo)
    assert (code, status) == ("BadRequestException", 400)
    assert mentions in message


@pytest.mark.parametrize(
    ("definition", "mentions"),
    [
        ({"MatchingEventTypes": ["OPENED"], "SnsDestination": {"TopicArn": "t"}}, "OPENED"),
        (
            {
                "MatchingEventTypes": ["SEND"],
                "CloudWatchDestination": {
                    "DimensionConfigurations": [
                        {
                            "DimensionName": "stream",
                            "DimensionValueSource": "HEADER",
                            "DefaultDimensionValue": "x",
                        }
                    ]
                },
            },
            "DimensionValueSource must be one of MESSAGE_TAG, EMAIL_HEADER, LINK_TAG",
        ),
    ],
)
def test_enums_are_checked_against_the_model(raw, config_set, definition, mentions):
    status, headers, payload = raw(
        "POST",
        f"/v2/email/configuration-sets/{config_set}/event-destinations",
        {"EventDestinationName": "d", "EventDestination": definition},
    )
    assert (status, headers["x-amzn-errortype"]) == (400, "BadRequestException")
    assert mentions in payload["message"]


def test_deleting_the_set_deletes_its_destinations(sesv2, config_set):
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName=config_set,
        EventDestinationName="d",
        EventDestination={"MatchingEventTypes": ["SEND"], **_only("SnsDestination")},
    )
    sesv2.delete_configuration_set(ConfigurationSetName=config_set)
    sesv2.create_configuration_set(ConfigurationSetName=config_set)
    assert destinations(sesv2, config_set) == []


def _only(kind):
    return {kind: DESTINATIONS[kind]}


@pytest.mark.parametrize("write", ["create", "update"])
def test_sns_destination_whose_topic_does_not_exist_is_refused(sesv2, config_set, write):
    missing = "arn:aws:sns:us-east-1:123456789012:never-created"
    if write == "update":
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName=config_set,
            EventDestinationName="d",
            EventDestination={"MatchingEventTypes": ["SEND"], **_only("SnsDestination")},
        )
    call = getattr(sesv2, f"{write}_configuration_set_event_destination")
    with pytest.raises(ClientError) as excinfo:
        call(
            ConfigurationSetName=config_set,
            EventDestinationName="d",
            EventDestination={
                "MatchingEventTypes": ["SEND"],
                "SnsDestination": {"TopicArn": missing},
            },
        )
    assert error_of(excinfo) == ("BadRequestException", 400, f"SNS topic <{missing}> not found.")
    stored = destinations(sesv2, config_set)
    assert stored == ([] if write == "create" else [
        {"Name": "d", "Enabled": False, "MatchingEventTypes": ["SEND"], **_only("SnsDestination")}
    ])  # fmt: skip


def test_sns_destination_of_a_deleted_topic_is_refused(sesv2, aws, config_set):
    topic = aws.sns.create_topic(Name="short-lived")["TopicArn"]
    aws.sns.delete_topic(TopicArn=topic)
    with pytest.raises(ClientError) as excinfo:
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName=config_set,
            EventDestinationName="d",
            EventDestination={
                "MatchingEventTypes": ["SEND"],
                "SnsDestination": {"TopicArn": topic},
            },
        )
    assert error_of(excinfo)[:2] == ("BadRequestException", 400)
