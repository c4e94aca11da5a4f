"""Every route an older sesv2 model (or the provider's Go SDK) sends reaches its operation.

The routes come from emulator/ses_emulator/data/sesv2_routes.json (generated from older
botocore releases and the provider binary); each is sent here in its old form, next to the
current form boto3 sends, and both must give the same answer.
"""

from __future__ import annotations

import json

import pytest
from ses_emulator.service_model import OLDER_ROUTES

ROUTES = json.loads(OLDER_ROUTES.read_text())["routes"]


def _two_sets(sesv2):
    for name in ("alpha", "beta"):
        sesv2.create_configuration_set(ConfigurationSetName=name)


def _two_identities(sesv2):
    for name in ("a.example.com", "b.example.com"):
        sesv2.create_email_identity(EmailIdentity=name)


def _list_with_two_contacts(sesv2):
    sesv2.create_contact_list(ContactListName="news")
    for address in ("a@example.org", "b@example.org"):
        sesv2.create_contact(ContactListName="news", EmailAddress=address)


# (method, old URI) -> (setup, old request path, old body, current call, comparable part)
FORMS = {
    ("GET", "/v2/email/configuration-sets"): (
        _two_sets,
        "/v2/email/configuration-sets?PageSize=1",
        None,
        lambda c: c.list_configuration_sets(PageSize=1),
        lambda r: (r["ConfigurationSets"], r.get("NextToken")),
    ),
    ("GET", "/v2/email/identities"): (
        _two_identities,
        "/v2/email/identities?PageSize=1",
        None,
        lambda c: c.list_email_identities(PageSize=1),
        lambda r: ([i["IdentityName"] for i in r["EmailIdentities"]], r.get("NextToken")),
    ),
    ("GET", "/v2/email/contact-lists/{ContactListName}/contacts"): (
        _list_with_two_contacts,
        "/v2/email/contact-lists/news/contacts?PageSize=1",
        None,
        lambda c: c.list_contacts(ContactListName="news", PageSize=1),
        lambda r: ([i["EmailAddress"] for i in r["Contacts"]], r.get("NextToken")),
    ),
    ("PUT", "/v1/email/identities/{EmailIdentity}/dkim/signing"): (
        lambda c: c.create_email_identity(EmailIdentity="mail.example.com"),
        "/v1/email/identities/mail.example.com/dkim/signing",
        {
            "SigningAttributesOrigin": "AWS_SES",
            "SigningAttributes": {"NextSigningKeyLength": "RSA_1024_BIT"},
        },
        lambda c: c.put_email_identity_dkim_signing_attributes(
            EmailIdentity="mail.example.com",
            SigningAttributesOrigin="AWS_SES",
            SigningAttributes={"NextSigningKeyLength": "RSA_1024_BIT"},
        ),
        lambda r: (r["DkimStatus"], len(r["DkimTokens"])),
    ),
}
# Routed, but the operation itself is not emulated: the answer must name it.
NOT_EMULATED = {("GET", "/v2/email/import-jobs"): "ListImportJobs"}


def test_the_route_table_is_generated_with_its_provenance():
    table = json.loads(OLDER_ROUTES.read_text())
    assert table["generated_by"] == "tools/gen_sesv2_routes.py"
    assert all(route["seen_in"] for route in table["routes"])
    # The provider's Go SDK sends DKIM signing changes to the /v1 route.
    v1 = [r for r in table["routes"] if r["requestUri"].startswith("/v1/")]
    assert [r["operation"] for r in v1] == ["PutEmailIdentityDkimSigningAttributes"]
    assert any(s.startswith("terraform-provider-aws") for s in v1[0]["seen_in"])


def test_every_older_route_is_exercised_here():
    assert {(r["method"], r["requestUri"]) for r in ROUTES} == set(FORMS) | set(NOT_EMULATED)


@pytest.mark.parametrize("route", sorted(FORMS), ids=lambda r: f"{r[0]} {r[1]}")
def test_old_and_current_forms_give_the_same_answer(sesv2, raw, route):
    setup, path, body, current, comparable = FORMS[route]
    setup(sesv2)
    status, headers, old = raw(route[0], path, body)
    assert status == 200, old
    assert comparable(old) == comparable(current(sesv2))


@pytest.mark.parametrize("route", sorted(NOT_EMULATED), ids=lambda r: f"{r[0]} {r[1]}")
def test_old_route_of_an_operation_not_emulated_names_it(raw, route):
    status, headers, payload = raw(route[0], route[1])
    assert (status, headers["x-amzn-errortype"]) == (501, "NotImplementedException")
    assert NOT_EMULATED[route] in payload["message"]


def test_dkim_signing_through_the_v1_route_changes_the_identity(sesv2, raw):
    sesv2.create_email_identity(EmailIdentity="mail.example.com")
    status, _, _ = raw(
        "PUT",
        "/v1/email/identities/mail.example.com/dkim/signing",
        {
            "SigningAttributesOrigin": "AWS_SES",
            "SigningAttributes": {"NextSigningKeyLength": "RSA_1024_BIT"},
        },
    )
    assert status == 200
    dkim = sesv2.get_email_identity(EmailIdentity="mail.example.com")["DkimAttributes"]
    assert dkim["NextSigningKeyLength"] == "RSA_1024_BIT"


def _model(*operations):
    """A minimal service model: (name, method, uri, {member: location}) per operation."""
    shapes, specs = {}, {}
    for name, method, uri, located in operations:
        members = {m: {"shape": "S", "location": where} for m, where in located.items()}
        shapes[f"{name}Request"] = {"type": "structure", "members": members}
        specs[name] = {"http": {"method": method, "requestUri": uri},
                       "input": {"shape": f"{name}Request"}}  # fmt: skip
    return {"operations": specs, "shapes": shapes}


def test_the_generator_keeps_only_routes_the_current_model_lost():
    from gen_sesv2_routes import older_routes

    current = _model(
        ("ListThings", "POST", "/v2/list-things", {}),
        ("CreateThing", "POST", "/v2/things", {}),
    )
    old = _model(
        ("ListThings", "GET", "/v2/things", {"NextToken": "querystring"}),  # moved: kept
        ("CreateThing", "POST", "/v2/things", {}),  # unchanged: left out
        ("SignThing", "PUT", "/v1/things/{Id}/sign", {"Id": "uri"}),  # gone since: kept
    )
    binary = b"...PutThing/v1/things/{Id}/signGetThing.../v2/things..."
    routes = older_routes(current, {"1.0.0": old}, binary, "provider 9.9")
    assert routes == [
        {"operation": "ListThings", "method": "GET", "requestUri": "/v2/things",
         "members_outside_body": {"NextToken": ["querystring", "NextToken"]},
         # /v2/things is still a current URI (CreateThing): the binary proves nothing.
         "seen_in": ["botocore 1.0.0"]},
        {"operation": "SignThing", "method": "PUT", "requestUri": "/v1/things/{Id}/sign",
         "members_outside_body": {"Id": ["uri", "Id"]},
         "seen_in": ["botocore 1.0.0", "provider 9.9"]},
    ]  # fmt: skip
