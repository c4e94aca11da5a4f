"""Contact lists with topics and contacts, email templates and TestRenderEmailTemplate."""

from __future__ import annotations

import datetime as dt
import json
import urllib.request

import pytest
from conftest import arn, client_error

TOPICS = [
    {"TopicName": "news", "DisplayName": "News", "DefaultSubscriptionStatus": "OPT_IN"},
    {
        "TopicName": "offers",
        "DisplayName": "Offers",
        "Description": "Deals",
        "DefaultSubscriptionStatus": "OPT_OUT",
    },
]


def test_contact_list_reads_back_with_numeric_timestamps_and_tags(sesv2):
    sesv2.create_contact_list(
        ContactListName="customers",
        Topics=TOPICS,
        Description="all customers",
        Tags=[{"Key": "team", "Value": "growth"}],
    )
    got = sesv2.get_contact_list(ContactListName="customers")
    assert got["Topics"] == TOPICS and got["Description"] == "all customers"
    # botocore parsed them as epoch numbers (moto sends strings the Go SDK refuses).
    assert isinstance(got["CreatedTimestamp"], dt.datetime)
    assert got["Tags"] == [{"Key": "team", "Value": "growth"}]
    sesv2.update_contact_list(ContactListName="customers", Topics=TOPICS[:1])
    got = sesv2.get_contact_list(ContactListName="customers")
    assert got["Topics"] == TOPICS[:1] and "Description" not in got
    listed = sesv2.list_contact_lists()["ContactLists"]
    assert [c["ContactListName"] for c in listed] == ["customers"]
    assert sesv2.list_tags_for_resource(ResourceArn=arn("contact-list", "customers"))["Tags"]
    sesv2.delete_contact_list(ContactListName="customers")
    assert sesv2.list_contact_lists()["ContactLists"] == []


def test_one_contact_list_per_account_whatever_its_name(sesv2):
    """SES's one-list quota answers before the name is compared: never AlreadyExists."""
    sesv2.create_contact_list(ContactListName="a")
    quota = ("BadRequestException", 400, "A maximum of 1 Lists allowed per account.")
    assert client_error(lambda: sesv2.create_contact_list(ContactListName="a")) == quota
    assert client_error(lambda: sesv2.create_contact_list(ContactListName="b")) == quota


def test_missing_lists_and_contacts_answer_ses_words(sesv2):
    missing_list = ("NotFoundException", 404, "List with name: nope doesn't exist.")
    for call in (
        lambda: sesv2.get_contact_list(ContactListName="nope"),
        lambda: sesv2.delete_contact_list(ContactListName="nope"),
        lambda: sesv2.create_contact(ContactListName="nope", EmailAddress="a@example.org"),
        lambda: sesv2.get_contact(ContactListName="nope", EmailAddress="a@example.org"),
        lambda: sesv2.list_contacts(ContactListName="nope"),
    ):
        assert client_error(call) == missing_list
    sesv2.create_contact_list(ContactListName="customers", Topics=TOPICS)
    missing = ("NotFoundException", 404, "a@example.org doesn't exist in List.")
    for call in (
        lambda: sesv2.get_contact(ContactListName="customers", EmailAddress="a@example.org"),
        lambda: sesv2.update_contact(ContactListName="customers", EmailAddress="a@example.org"),
        lambda: sesv2.delete_contact(ContactListName="customers", EmailAddress="a@example.org"),
    ):
        assert client_error(call) == missing
    sesv2.create_contact(ContactListName="customers", EmailAddress="a@example.org")
    assert client_error(
        lambda: sesv2.create_contact(ContactListName="customers", EmailAddress="a@example.org")
    ) == ("AlreadyExistsException", 400, "a@example.org already exists in List.")


def test_bad_names_addresses_and_topics_are_refused_in_ses_words(sesv2):
    def refused(call) -> str:
        code, status, message = client_error(call)
        assert (code, status) == ("BadRequestException", 400)
        return message

    assert refused(lambda: sesv2.create_contact_list(ContactListName="no spaces")) == (
        "ContactListName can contain up to 64 characters. Only alphanumeric characters, "
        "underscores(_) and hyphens(-) are allowed."
    )
    too_many = [{**TOPICS[0], "TopicName": f"t{n}"} for n in range(21)]
    assert (
        refused(lambda: sesv2.create_contact_list(ContactListName="c", Topics=too_many))
        == "Maximum of <20> topics allowed per ContactList"
    )
    assert (
        refused(
            lambda: sesv2.create_contact_list(ContactListName="c", Topics=[TOPICS[0], TOPICS[0]])
        )
        == "Duplicate topic names are not allowed within a List."
    )
    assert (
        refused(lambda: sesv2.create_contact_list(ContactListName="c", Description="x" * 501))
        == "List description can contain up to 500 characters."
    )
    sesv2.create_contact_list(ContactListName="customers", Topics=TOPICS)
    assert (
        refused(lambda: sesv2.create_contact(ContactListName="customers", EmailAddress="nobody"))
        == "EmailAddress <nobody> is invalid"
    )
    unknown_topic = [{"TopicName": "sports", "SubscriptionStatus": "OPT_IN"}]
    assert (
        refused(
            lambda: sesv2.create_contact(
                ContactListName="customers",
                EmailAddress="a@example.org",
                TopicPreferences=unknown_topic,
            )
        )
        == "List: customers doesn't contain Topic: sports"
    )


def test_updating_a_contact_merges_its_topic_preferences(sesv2):
    sesv2.create_contact_list(ContactListName="customers", Topics=TOPICS)
    news_out = {"TopicName": "news", "SubscriptionStatus": "OPT_OUT"}
    offers_in = {"TopicName": "offers", "SubscriptionStatus": "OPT_IN"}
    sesv2.create_contact(
        ContactListName="customers", EmailAddress="a@example.org", TopicPreferences=[news_out]
    )
    sesv2.update_contact(
        ContactListName="customers", EmailAddress="a@example.org", TopicPreferences=[offers_in]
    )
    got = sesv2.get_contact(ContactListName="customers", EmailAddress="a@example.org")
    assert got["TopicPreferences"] == [news_out, offers_in]


def test_contacts_get_topic_defaults_and_filter_by_status(sesv2):
    sesv2.create_contact_list(ContactListName="customers", Topics=TOPICS)
    sesv2.create_contact(
        ContactListName="customers",
        EmailAddress="a@example.org",
        TopicPreferences=[{"TopicName": "news", "SubscriptionStatus": "OPT_OUT"}],
    )
    sesv2.create_contact(ContactListName="customers", EmailAddress="b@example.org")
    got = sesv2.get_contact(ContactListName="customers", EmailAddress="a@example.org")
    assert got["TopicDefaultPreferences"] == [
        {"TopicName": "offers", "SubscriptionStatus": "OPT_OUT"}
    ]
    opted_in = sesv2.list_contacts(
        ContactListName="customers",
        Filter={
            "FilteredStatus": "OPT_IN",
            "TopicFilter": {"TopicName": "news", "UseDefaultIfPreferenceUnavailable": True},
        },
    )["Contacts"]
    assert [c["EmailAddress"] for c in opted_in] == ["b@example.org"]
    sesv2.update_contact(
        ContactListName="customers", EmailAddress="b@example.org", UnsubscribeAll=True
    )
    assert sesv2.get_contact(ContactListName="customers", EmailAddress="b@example.org")[
        "UnsubscribeAll"
    ]
    sesv2.delete_contact(ContactListName="customers", EmailAddress="a@example.org")
    missing = client_error(
        lambda: sesv2.get_contact(ContactListName="customers", EmailAddress="a@example.org")
    )
    assert missing[:2] == ("NotFoundException", 404)


def test_template_lifecycle_and_render(sesv2):
    content = {"Subject": "Hi {{name}}", "Text": "Reset: {{link}}", "Html": "<p>{{link}}</p>"}
    sesv2.create_email_template(TemplateName="reset", TemplateContent=content)
    assert sesv2.get_email_template(TemplateName="reset")["TemplateContent"] == content
    rendered = sesv2.test_render_email_template(
        TemplateName="reset", TemplateData='{"name": "Ann", "link": "https://x.test/r"}'
    )["RenderedTemplate"]
    assert "Subject: Hi Ann" in rendered and "https://x.test/r" in rendered
    missing_attribute = client_error(
        lambda: sesv2.test_render_email_template(TemplateName="reset", TemplateData="{}")
    )
    assert missing_attribute[:2] == ("BadRequestException", 400)
    sesv2.update_email_template(TemplateName="reset", TemplateContent={"Subject": "New"})
    assert sesv2.get_email_template(TemplateName="reset")["TemplateContent"] == {"Subject": "New"}
    listed = sesv2.list_email_templates()["TemplatesMetadata"]
    assert [t["TemplateName"] for t in listed] == ["reset"]
    sesv2.delete_email_template(TemplateName="reset")
    gone = client_error(lambda: sesv2.get_email_template(TemplateName="reset"))
    assert gone[:2] == ("NotFoundException", 404)


@pytest.mark.parametrize("name", ["reset"])
def test_duplicate_template_already_exists(sesv2, name):
    sesv2.create_email_template(TemplateName=name, TemplateContent={"Subject": "s"})
    duplicate = client_error(
        lambda: sesv2.create_email_template(TemplateName=name, TemplateContent={"Subject": "s"})
    )
    assert duplicate[:2] == ("AlreadyExistsException", 400)


def test_a_v2_template_is_what_send_email_renders(emulator, sesv2):
    sesv2.create_email_identity(EmailIdentity="example.com")
    sesv2.create_email_template(
        TemplateName="reset", TemplateContent={"Subject": "Reset for {{name}}", "Text": "x"}
    )
    sesv2.send_email(
        FromEmailAddress="app@example.com",
        Destination={"ToAddresses": ["success@simulator.amazonses.com"]},
        Content={"Template": {"TemplateName": "reset", "TemplateData": '{"name": "Ann"}'}},
    )
    with urllib.request.urlopen(f"{emulator}/_ses/messages") as response:
        messages = json.load(response)["Messages"]
    assert [m["Subject"] for m in messages] == ["Reset for Ann"]
