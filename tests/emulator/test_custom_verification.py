"""Custom verification email templates over HTTP: one store behind the v1 and v2 APIs, SES's
checks (verified From, redirect URLs, quota) and errors in each API's codes and SES's words."""

from __future__ import annotations

import json

import pytest
from conftest import client_error
from emulator_clients import AWS_CLI, SENDER, aws_cli

TEMPLATE = {
    "TemplateName": "welcome",
    "FromEmailAddress": SENDER,
    "TemplateSubject": "Please confirm",
    "TemplateContent": "<p>Confirm your address</p>",
    "SuccessRedirectionURL": "https://app.example.test/ok",
    "FailureRedirectionURL": "https://app.example.test/failed",
}


def test_a_v1_template_is_the_v2_template_and_back(aws):
    aws.ses.create_custom_verification_email_template(**TEMPLATE)
    got = aws.sesv2.get_custom_verification_email_template(TemplateName="welcome")
    assert {k: got[k] for k in TEMPLATE} == TEMPLATE
    aws.sesv2.update_custom_verification_email_template(
        **{**TEMPLATE, "TemplateSubject": "Confirm, please"}
    )
    got = aws.ses.get_custom_verification_email_template(TemplateName="welcome")
    assert got["TemplateSubject"] == "Confirm, please"
    listed = aws.ses.list_custom_verification_email_templates()["CustomVerificationEmailTemplates"]
    assert listed == [
        {k: v for k, v in {**TEMPLATE, "TemplateSubject": "Confirm, please"}.items()
         if k != "TemplateContent"}
    ]  # fmt: skip
    aws.sesv2.delete_custom_verification_email_template(TemplateName="welcome")
    assert (
        aws.ses.list_custom_verification_email_templates()["CustomVerificationEmailTemplates"] == []
    )


def test_v1_partial_update_keeps_the_other_members(aws):
    aws.ses.create_custom_verification_email_template(**TEMPLATE)
    aws.ses.update_custom_verification_email_template(TemplateName="welcome", TemplateSubject="New")
    got = aws.ses.get_custom_verification_email_template(TemplateName="welcome")
    assert got["TemplateSubject"] == "New" and got["TemplateContent"] == TEMPLATE["TemplateContent"]


def test_missing_and_duplicate_templates_answer_each_api_its_code(aws):
    aws.ses.create_custom_verification_email_template(**TEMPLATE)
    duplicate = "Custom verification email template <welcome> already exists"
    assert client_error(lambda: aws.ses.create_custom_verification_email_template(**TEMPLATE)) == (
        "CustomVerificationEmailTemplateAlreadyExists", 400, duplicate)  # fmt: skip
    assert client_error(
        lambda: aws.sesv2.create_custom_verification_email_template(**TEMPLATE)
    ) == ("AlreadyExistsException", 400, duplicate)
    missing = "Custom verification email template <nope> does not exist"
    for call in (
        lambda: aws.ses.get_custom_verification_email_template(TemplateName="nope"),
        lambda: aws.ses.delete_custom_verification_email_template(TemplateName="nope"),
        lambda: aws.ses.update_custom_verification_email_template(TemplateName="nope"),
    ):
        assert client_error(call) == ("CustomVerificationEmailTemplateDoesNotExist", 400, missing)
    assert client_error(
        lambda: aws.sesv2.get_custom_verification_email_template(TemplateName="nope")
    ) == ("NotFoundException", 404, missing)


def test_a_template_needs_a_verified_from_and_web_redirects(aws):
    unverified = {**TEMPLATE, "FromEmailAddress": "me@unverified.test"}
    assert client_error(
        lambda: aws.ses.create_custom_verification_email_template(**unverified)
    ) == (
        "FromEmailAddressNotVerified",
        400,
        "The from email address <me@unverified.test> is not verified",
    )
    assert client_error(lambda: aws.sesv2.create_custom_verification_email_template(**unverified))[
        :2
    ] == ("NotFoundException", 404)
    ftp = {**TEMPLATE, "FailureRedirectionURL": "ftp://app.example.test/"}
    assert client_error(lambda: aws.ses.create_custom_verification_email_template(**ftp)) == (
        "InvalidParameterValue",
        400,
        "The failure redirection URL is invalid",
    )


def test_the_fifty_first_template_is_over_the_quota(aws):
    for n in range(50):
        aws.ses.create_custom_verification_email_template(**{**TEMPLATE, "TemplateName": f"t{n}"})
    page = aws.sesv2.list_custom_verification_email_templates(PageSize=20)
    assert len(page["CustomVerificationEmailTemplates"]) == 20 and page["NextToken"]
    over = {**TEMPLATE, "TemplateName": "t50"}
    assert client_error(lambda: aws.ses.create_custom_verification_email_template(**over))[:2] == (
        "LimitExceeded",
        400,
    )
    assert client_error(lambda: aws.sesv2.create_custom_verification_email_template(**over))[
        :2
    ] == ("LimitExceededException", 400)


def test_sending_a_verification_email_makes_the_address_a_pending_identity(aws):
    aws.ses.create_custom_verification_email_template(**TEMPLATE)
    sent = aws.ses.send_custom_verification_email(
        EmailAddress="new-sender@customer.test", TemplateName="welcome"
    )
    assert sent["MessageId"]
    assert aws.sesv2.send_custom_verification_email(
        EmailAddress="other@customer.test", TemplateName="welcome"
    )["MessageId"]
    identities = aws.ses.list_identities(IdentityType="EmailAddress")["Identities"]
    assert {"new-sender@customer.test", "other@customer.test"} <= set(identities)


def test_a_verification_email_is_refused_in_ses_order(aws):
    aws.ses.create_custom_verification_email_template(**TEMPLATE)

    def send(**params):
        return aws.ses.send_custom_verification_email(
            **{"EmailAddress": "x@customer.test", "TemplateName": "welcome", **params}
        )

    assert client_error(lambda: send(EmailAddress="nobody", TemplateName="nope")) == (
        "InvalidParameterValue", 400, "Invalid email address<nobody>.")  # fmt: skip
    no_template = "Template <nope> does not exist"
    assert client_error(lambda: send(TemplateName="nope")) == (
        "CustomVerificationEmailTemplateDoesNotExist", 400, no_template)  # fmt: skip
    no_set = "Configuration set <no-lane> does not exist."
    assert client_error(lambda: send(ConfigurationSetName="no-lane")) == (
        "ConfigurationSetDoesNotExist", 400, no_set)  # fmt: skip
    assert client_error(
        lambda: aws.sesv2.send_custom_verification_email(
            EmailAddress="x@customer.test", TemplateName="nope"
        )
    )[:2] == ("NotFoundException", 404)


@pytest.mark.skipif(not AWS_CLI.exists(), reason="make sdk-clients installs the AWS CLI v1")
def test_the_aws_cli_creates_and_reads_a_template(aws):
    flags = [
        "--template-name", "--from-email-address", "--template-subject", "--template-content",
        "--success-redirection-url", "--failure-redirection-url",
    ]  # fmt: skip
    pairs = [
        item for flag, value in zip(flags, TEMPLATE.values(), strict=True) for item in (flag, value)
    ]
    made = aws_cli(aws.url, "ses", "create-custom-verification-email-template", *pairs)
    assert made.returncode == 0, made.stderr
    got = aws_cli(aws.url, "sesv2", "get-custom-verification-email-template",
                  "--template-name", "welcome")  # fmt: skip
    assert json.loads(got.stdout)["TemplateSubject"] == "Please confirm"
    again = aws_cli(aws.url, "ses", "create-custom-verification-email-template", *pairs)
    assert again.returncode != 0
    assert "(CustomVerificationEmailTemplateAlreadyExists)" in again.stderr
