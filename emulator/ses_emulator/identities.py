"""SES v2 email identities: DKIM, MAIL FROM, feedback forwarding, policies, verification.

What an identity reports follows the emulator's verification setting (`verification.py`):
a new domain is `PENDING` until verified, then `SUCCESS`; an email address never has
Easy DKIM of its own (`NOT_STARTED`, as SES reports it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from . import verification
from .addresses import check_identity
from .exceptions import AlreadyExistsException, BadRequestException
from .models import EmailIdentityV2
from .registry import handles, paginate

# What SES reports as the next key length of an email-address identity (never used to sign).
EMAIL_ADDRESS_KEY_LENGTH = "RSA_1024_BIT"
KEY_GENERATED = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def easy_dkim_tokens(domain: str) -> list[str]:
    # Stable per domain, so a re-plan sees the same DNS records it created.
    digest = hashlib.sha256(domain.lower().encode()).hexdigest()
    return [digest[i : i + 32] for i in (0, 16, 32)]


def _selector(identity: EmailIdentityV2) -> str | None:
    return (identity.dkim_signing_attributes or {}).get("DomainSigningSelector")


def refresh(identity: EmailIdentityV2) -> EmailIdentityV2:
    """In `dns` mode, verify a pending domain (and its MAIL FROM) whose records now resolve."""
    if identity.identity_type == "DOMAIN" and not identity.verified:
        name = identity.email_identity
        selector = _selector(identity)
        if (
            verification.byodkim_record_resolves(name, selector)
            if selector
            else verification.dkim_records_resolve(name, easy_dkim_tokens(name))
        ):
            mark_verified(identity, mail_from=False)  # MAIL FROM waits for its own MX record
    mail_from = identity.mail_from_domain
    if mail_from and identity.mail_from_status != "SUCCESS" and verification.mx_resolves(mail_from):
        identity.mail_from_status = "SUCCESS"
    return identity


def mark_verified(identity: EmailIdentityV2, mail_from: bool = True) -> None:
    identity.verified = identity.verified_for_sending_status = True
    if mail_from and identity.mail_from_domain:
        identity.mail_from_status = "SUCCESS"


def dkim_attributes(identity: EmailIdentityV2) -> dict[str, Any]:
    if identity.identity_type == "EMAIL_ADDRESS":
        return {
            "SigningEnabled": False,
            "Status": "NOT_STARTED",
            "SigningAttributesOrigin": "AWS_SES",
            "NextSigningKeyLength": EMAIL_ADDRESS_KEY_LENGTH,
        }
    status = "SUCCESS" if identity.verified else "PENDING"
    if _selector(identity):
        return {
            "SigningEnabled": identity.signing_enabled,
            "Status": status,
            "SigningAttributesOrigin": "EXTERNAL",
        }
    requested = (identity.dkim_signing_attributes or {}).get("NextSigningKeyLength")
    return {
        "SigningEnabled": identity.signing_enabled,
        "Status": status,
        "SigningAttributesOrigin": "AWS_SES",
        "Tokens": easy_dkim_tokens(identity.email_identity),
        "CurrentSigningKeyLength": identity.current_key_length,
        "NextSigningKeyLength": requested or identity.current_key_length,
        "LastKeyGenerationTimestamp": KEY_GENERATED,
    }


def _identity(backend, name: str) -> EmailIdentityV2:
    return refresh(backend.get_email_identity(name))


@handles("CreateEmailIdentity")
def create_email_identity(backend, params):
    check_identity(params["EmailIdentity"])
    identity = backend.create_email_identity(
        params["EmailIdentity"],
        params.get("DkimSigningAttributes"),
        params.get("ConfigurationSetName"),
        params.get("Tags"),
    )
    if verification.verified_at_creation():
        mark_verified(identity)
    refresh(identity)
    return {
        "IdentityType": identity.identity_type,
        "VerifiedForSendingStatus": identity.verified,
        "DkimAttributes": dkim_attributes(identity),
    }


@handles("GetEmailIdentity")
def get_email_identity(backend, params):
    name = params["EmailIdentity"]
    identity = _identity(backend, name)
    # SES reports MAIL FROM even when none is set (the behaviour on MX failure still
    # applies); without it the provider sees a change on every plan.
    mail_from: dict[str, Any] = {"BehaviorOnMxFailure": identity.behavior_on_mx_failure}
    if identity.mail_from_domain:
        mail_from["MailFromDomain"] = identity.mail_from_domain
        mail_from["MailFromDomainStatus"] = identity.mail_from_status
    result = {
        "IdentityType": identity.identity_type,
        "FeedbackForwardingStatus": identity.feedback_forwarding,
        "VerifiedForSendingStatus": identity.verified,
        "DkimAttributes": dkim_attributes(identity),
        "MailFromAttributes": mail_from,
        "Policies": dict(identity.policies),
        "Tags": backend.list_tags(backend.arn("identity", name)),
        "VerificationStatus": "SUCCESS" if identity.verified else "PENDING",
    }
    if identity.configuration_set_name:
        result["ConfigurationSetName"] = identity.configuration_set_name
    return result


@handles("ListEmailIdentities")
def list_email_identities(backend, params):
    identities, token = paginate(backend.list_email_identities(), params)
    listed = [
        {
            "IdentityType": identity.identity_type,
            "IdentityName": identity.email_identity,
            "SendingEnabled": refresh(identity).verified,
            "VerificationStatus": "SUCCESS" if identity.verified else "PENDING",
        }
        for identity in identities
    ]
    return {"EmailIdentities": listed, **token}


@handles("DeleteEmailIdentity")
def delete_email_identity(backend, params):
    backend.delete_email_identity(params["EmailIdentity"])
    return {}


@handles("PutEmailIdentityConfigurationSetAttributes")
def put_email_identity_configuration_set_attributes(backend, params):
    backend.put_email_identity_configuration_set(
        params["EmailIdentity"], params.get("ConfigurationSetName")
    )
    return {}


@handles("PutEmailIdentityDkimSigningAttributes")
def put_email_identity_dkim_signing_attributes(backend, params):
    identity = backend.put_email_identity_dkim_signing(
        params["EmailIdentity"], params["SigningAttributesOrigin"], params.get("SigningAttributes")
    )
    dkim = dkim_attributes(refresh(identity))
    return {
        "DkimStatus": dkim["Status"],
        **({"DkimTokens": dkim["Tokens"]} if "Tokens" in dkim else {}),
    }


@handles("PutEmailIdentityDkimAttributes")
def put_email_identity_dkim_attributes(backend, params):
    identity = _identity(backend, params["EmailIdentity"])
    if identity.identity_type == "EMAIL_ADDRESS":
        raise BadRequestException(f"<{identity.email_identity}> is an email address: no DKIM.")
    identity.signing_enabled = bool(params.get("SigningEnabled", False))
    return {}


@handles("PutEmailIdentityMailFromAttributes")
def put_email_identity_mail_from_attributes(backend, params):
    identity = backend.put_email_identity_mail_from(
        params["EmailIdentity"], params.get("MailFromDomain"), params.get("BehaviorOnMxFailure")
    )
    if identity.mail_from_domain:
        identity.mail_from_status = "SUCCESS" if verification.verified_at_creation() else "PENDING"
        refresh(identity)
    return {}


@handles("PutEmailIdentityFeedbackAttributes")
def put_email_identity_feedback_attributes(backend, params):
    identity = _identity(backend, params["EmailIdentity"])
    # SES: forwarding can only be turned off while an SNS topic takes bounces and complaints;
    # the emulator does not model identity notification topics, so it allows it.
    identity.feedback_forwarding = bool(params.get("EmailForwardingEnabled", False))
    return {}


# --- identity policies (sending authorization) -----------------------------------
def policy_document(text: str) -> str:
    try:
        document = json.loads(text)
    except ValueError:
        raise BadRequestException("Policy is not valid JSON.") from None
    if not isinstance(document, dict) or "Statement" not in document:
        raise BadRequestException("Policy must be a JSON object with a Statement.")
    return text


@handles("CreateEmailIdentityPolicy")
def create_email_identity_policy(backend, params):
    identity = _identity(backend, params["EmailIdentity"])
    name = params["PolicyName"]
    if name in identity.policies:
        raise AlreadyExistsException(
            f"Policy <{name}> already exists on <{identity.email_identity}>."
        )
    # SES: at most 20 policies per identity.
    if len(identity.policies) >= 20:
        raise BadRequestException("An identity can have at most 20 policies.")
    identity.policies[name] = policy_document(params["Policy"])
    return {}


@handles("GetEmailIdentityPolicies")
def get_email_identity_policies(backend, params):
    return {"Policies": dict(_identity(backend, params["EmailIdentity"]).policies)}


@handles("UpdateEmailIdentityPolicy")
def update_email_identity_policy(backend, params):
    identity = _identity(backend, params["EmailIdentity"])
    document = policy_document(params["Policy"])
    # "returns successfully even if a policy with the specified name does not exist" (API reference)
    if params["PolicyName"] in identity.policies:
        identity.policies[params["PolicyName"]] = document
    return {}


@handles("DeleteEmailIdentityPolicy")
def delete_email_identity_policy(backend, params):
    # Succeeds for a missing policy too, as the API reference says.
    _identity(backend, params["EmailIdentity"]).policies.pop(params["PolicyName"], None)
    return {}
