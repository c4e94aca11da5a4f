"""Custom verification email templates and SendCustomVerificationEmail, v1 and v2 alike.

SES keeps one set of templates per account and region, seen by both APIs; the rules and
SES's words live here once, in v1's error codes, and the v2 handlers answer the v2 code
for each (`_V2_CODES`). Wording as SES answers it (probed against SES by the floci
emulator's authors: floci-io/floci pull requests 1840 and 2191).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import urlsplit

from .addresses import address_problem
from .exceptions import SesV2Error
from .registry import handles
from .send_checks import not_verified, verified_identity
from .v1_protocol import V1Error, handles_v1

# SES quotas: 50 custom verification email templates per account; content under 10 MB.
MAX_TEMPLATES = 50
MAX_CONTENT_BYTES = 10 * 1024 * 1024
_V2_CODES = {
    "CustomVerificationEmailTemplateAlreadyExists": "AlreadyExistsException",
    "CustomVerificationEmailTemplateDoesNotExist": "NotFoundException",
    "FromEmailAddressNotVerified": "NotFoundException",
    "ConfigurationSetDoesNotExist": "NotFoundException",
    "LimitExceeded": "LimitExceededException",
    "MessageRejected": "MessageRejected",
}


@dataclass
class CustomVerificationTemplate:
    TemplateName: str
    FromEmailAddress: str
    TemplateSubject: str
    TemplateContent: str
    SuccessRedirectionURL: str
    FailureRedirectionURL: str
    tags: list[dict[str, str]] = field(default_factory=list)

    def answer(self, *, content: bool) -> dict[str, str]:
        """The template as Get answers it; List leaves the content out."""
        members = [f.name for f in fields(self) if f.name != "tags"]
        return {m: getattr(self, m) for m in members if content or m != "TemplateContent"}


def _templates(backend: Any) -> dict[str, CustomVerificationTemplate]:
    return backend.custom_verification_templates


def _template(backend: Any, name: str) -> CustomVerificationTemplate:
    found = _templates(backend).get(name)
    if found is None:
        raise V1Error(
            "CustomVerificationEmailTemplateDoesNotExist",
            f"Custom verification email template <{name}> does not exist",
        )
    return found


def _check(backend: Any, template: CustomVerificationTemplate) -> None:
    """What SES checks of a template's members on create and update."""
    if verified_identity(backend, template.FromEmailAddress) is None:
        raise V1Error(
            "FromEmailAddressNotVerified",
            f"The from email address <{template.FromEmailAddress}> is not verified",
        )
    for word in ("success", "failure"):
        url = urlsplit(getattr(template, f"{word.title()}RedirectionURL"))
        if url.scheme not in ("http", "https") or not url.hostname:
            raise V1Error("InvalidParameterValue", f"The {word} redirection URL is invalid")
    if len(template.TemplateContent.encode()) >= MAX_CONTENT_BYTES:
        raise V1Error(
            "CustomVerificationEmailInvalidContent",
            "The content of the custom verification email must be less than 10 MB.",
        )


def create(backend: Any, params: dict[str, Any]) -> None:
    template = CustomVerificationTemplate(
        **{f.name: params[f.name] for f in fields(CustomVerificationTemplate) if f.name != "tags"},
        tags=list(params.get("Tags") or []),
    )
    if template.TemplateName in _templates(backend):
        raise V1Error(
            "CustomVerificationEmailTemplateAlreadyExists",
            f"Custom verification email template <{template.TemplateName}> already exists",
        )
    if len(_templates(backend)) >= MAX_TEMPLATES:
        raise V1Error("LimitExceeded", f"Maximum number of templates ({MAX_TEMPLATES}) reached.")
    _check(backend, template)
    _templates(backend)[template.TemplateName] = template


def update(backend: Any, params: dict[str, Any]) -> None:
    found = _template(backend, params["TemplateName"])
    changed = CustomVerificationTemplate(**{**vars(found), **{
        k: v for k, v in params.items() if v is not None and k != "TemplateName"}})  # fmt: skip
    _check(backend, changed)
    _templates(backend)[found.TemplateName] = changed


def delete(backend: Any, params: dict[str, Any]) -> None:
    _template(backend, params["TemplateName"])
    del _templates(backend)[params["TemplateName"]]


def listed(backend: Any, start: str | None, size: int | None) -> dict[str, Any]:
    names = sorted(_templates(backend))
    first = int(start) if (start or "").isdigit() else 0
    end = first + (size or 50)
    page = [_templates(backend)[n].answer(content=False) for n in names[first:end]]
    return {"CustomVerificationEmailTemplates": page,
            **({"NextToken": str(end)} if end < len(names) else {})}  # fmt: skip


def send(backend: Any, params: dict[str, Any]) -> dict[str, str]:
    """Check as SES checks, in its order; the address becomes an identity pending verification."""
    address = params["EmailAddress"]
    problem = address_problem(address) if address else "Email address not specified."
    if problem is not None:
        raise V1Error("InvalidParameterValue", f"Invalid email address<{address}>.")
    template = _templates(backend).get(params["TemplateName"])
    if template is None:
        raise V1Error(
            "CustomVerificationEmailTemplateDoesNotExist",
            f"Template <{params['TemplateName']}> does not exist",
        )
    if verified_identity(backend, template.FromEmailAddress) is None:
        message = not_verified(backend, template.FromEmailAddress)
        raise V1Error("FromEmailAddressNotVerified", message)
    name = params.get("ConfigurationSetName")
    if name and name not in backend.core.config_sets:
        raise V1Error("ConfigurationSetDoesNotExist", f"Configuration set <{name}> does not exist.")
    if address not in backend.core.email_identities:
        backend.create_email_identity(address, None, None, None)
    return {"MessageId": str(uuid.uuid4())}


# --- the two APIs ---------------------------------------------------------------------
def get_v1(backend, params):
    return _template(backend, params["TemplateName"]).answer(content=True)


def get_v2(backend, params):
    found = _template(backend, params["TemplateName"])
    return {**found.answer(content=True), "Tags": found.tags}


def list_v1(backend, params):
    return listed(backend, params.get("NextToken"), params.get("MaxResults"))


def list_v2(backend, params):
    return listed(backend, params.get("NextToken"), params.get("PageSize"))


def _v2(action):
    """The v1 rule under v2's error codes; v2 answers `{}` where v1 answers nothing."""

    def handler(backend, params):
        try:
            return action(backend, params) or {}
        except V1Error as refused:
            error = SesV2Error(refused.message)
            error.code = _V2_CODES.get(refused.code, "BadRequestException")
            raise error from None

    return handler


_SHARED = {
    "CreateCustomVerificationEmailTemplate": create,
    "UpdateCustomVerificationEmailTemplate": update,
    "DeleteCustomVerificationEmailTemplate": delete,
    "SendCustomVerificationEmail": send,
}
for _operation, _action in {**_SHARED, "GetCustomVerificationEmailTemplate": get_v1,
                            "ListCustomVerificationEmailTemplates": list_v1}.items():  # fmt: skip
    handles_v1(_operation)(_action)
for _operation, _action in {**_SHARED, "GetCustomVerificationEmailTemplate": get_v2,
                            "ListCustomVerificationEmailTemplates": list_v2}.items():  # fmt: skip
    handles(_operation)(_v2(_action))
