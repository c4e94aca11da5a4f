import re
import urllib.request
import uuid

import pytest
from botocore.exceptions import ClientError
from conftest import arn, error_of
from ses_emulator.registry import HANDLERS
from ses_emulator.service_model import sesv2 as model


def test_unknown_v2_route_answers_json_naming_method_and_path(raw):
    status, headers, payload = raw("GET", "/v2/email/no-such-thing")
    assert status == 404
    assert headers["content-type"] == "application/json"
    assert headers["x-amzn-errortype"] == "UnknownOperationException"
    assert "GET /v2/email/no-such-thing" in payload["message"]


def test_unimplemented_operation_answers_json_naming_it(sesv2):
    with pytest.raises(ClientError) as excinfo:
        sesv2.get_deliverability_dashboard_options()
    code, status, message = error_of(excinfo)
    assert (code, status) == ("NotImplementedException", 501)
    assert "GetDeliverabilityDashboardOptions" in message


def test_routing_prefers_the_most_specific_uri_template():
    op, members = model().resolve("GET", "/v2/email/configuration-sets/cs/event-destinations")
    assert (op.name, members) == (
        "GetConfigurationSetEventDestinations",
        {"ConfigurationSetName": "cs"},
    )
    op, members = model().resolve("GET", "/v2/email/identities/ops%40example.com")
    assert (op.name, members) == ("GetEmailIdentity", {"EmailIdentity": "ops@example.com"})


def test_tags_round_trip_and_unknown_resources_are_not_found(sesv2):
    sesv2.create_dedicated_ip_pool(PoolName="p", Tags=[{"Key": "a", "Value": "1"}])
    pool_arn = arn("dedicated-ip-pool", "p")
    sesv2.tag_resource(ResourceArn=pool_arn, Tags=[{"Key": "b", "Value": "2"}])
    sesv2.untag_resource(ResourceArn=pool_arn, TagKeys=["a"])
    assert sesv2.list_tags_for_resource(ResourceArn=pool_arn)["Tags"] == [
        {"Key": "b", "Value": "2"}
    ]
    with pytest.raises(ClientError) as excinfo:
        sesv2.list_tags_for_resource(ResourceArn=arn("configuration-set", "nope"))
    assert error_of(excinfo)[:2] == ("NotFoundException", 404)
    with pytest.raises(ClientError) as excinfo:
        sesv2.tag_resource(ResourceArn="not-an-arn", Tags=[{"Key": "k", "Value": "v"}])
    assert error_of(excinfo)[:2] == ("BadRequestException", 400)


def test_moto_reset_also_clears_the_extension_state(emulator, sesv2):
    sesv2.create_configuration_set(ConfigurationSetName="cs")
    sesv2.put_account_suppression_attributes(SuppressedReasons=[])
    urllib.request.urlopen(urllib.request.Request(f"{emulator}/moto-api/reset", method="POST"))
    assert sesv2.list_configuration_sets()["ConfigurationSets"] == []
    assert sesv2.get_account()["SuppressionAttributes"]["SuppressedReasons"] == [
        "BOUNCE",
        "COMPLAINT",
    ]


def test_the_coverage_page_is_generated_from_the_handler_table():
    import gen_emulator_coverage

    page = gen_emulator_coverage.PAGE.read_text()
    served = page.split("## Served by the emulator")[1].split("## Older routes")[0]
    assert set(re.findall(r"\| `(\w+)` \|", served)) == set(HANDLERS)


def test_an_sdk_retry_of_a_create_gets_the_first_answer_not_already_exists(raw):
    def create(invocation_id):
        return raw(
            "POST",
            "/v2/email/configuration-sets",
            {"ConfigurationSetName": "retried"},
            {"amz-sdk-invocation-id": invocation_id},
        )

    assert create("first-call")[0] == 200
    assert create("first-call")[0] == 200  # the SDK lost our answer and retried
    status, headers, _ = create("second-call")  # a new call: SES semantics again
    assert (status, headers["x-amzn-errortype"]) == (400, "AlreadyExistsException")


def test_an_sdk_retry_of_any_services_create_gets_the_first_answer(aws):
    """The provider's lost-answer retries hit Firehose, IAM, SNS... as well as SES."""
    invocation = {"id": str(uuid.uuid4())}  # unique, as the SDKs make them

    def same_invocation(request, **_):
        request.headers["amz-sdk-invocation-id"] = invocation["id"]

    aws.firehose.meta.events.register("before-send", same_invocation)
    aws.s3.create_bucket(Bucket="archive")

    def create():
        return aws.firehose.create_delivery_stream(
            DeliveryStreamName="archive",
            ExtendedS3DestinationConfiguration={
                "RoleARN": "arn:aws:iam::123456789012:role/firehose",
                "BucketARN": "arn:aws:s3:::archive",
            },
        )["DeliveryStreamARN"]

    first = create()
    assert create() == first  # the SDK lost our answer and retried: the same answer
    invocation["id"] = str(uuid.uuid4())  # a new call: Firehose semantics again
    with pytest.raises(ClientError) as refused:
        create()
    assert refused.value.response["Error"]["Code"] == "ResourceInUseException"
