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


def test_one_contact_list_per_account(sesv2):
    sesv2.create_contact_list(ContactListName="a")
    assert client_error(lambda: sesv2.create_contact_list(ContactListName="a"))[:2] == (
        "AlreadyExistsException",
        400,
    )
    assert client_error(lambda: sesv2.create_contact_list(ContactListName="b"))[:2] == (
        "LimitExceededException",
        400,
    )


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
