"""From an SES send request to the message the pipeline sends: a `Draft`.

The v2 `SendEmail` (Simple, Raw, Template), `SendBulkEmail` entries and the v1
`SendEmail`/`SendRawEmail` all become the same `Draft`, so the configuration
set, identity, sandbox, suppression and event rules exist once, in `sending`.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import default as email_policy
from email.utils import getaddresses, parseaddr
from typing import Any

from .exceptions import BadRequestException, NotFoundException

DESTINATION_KINDS = ("ToAddresses", "CcAddresses", "BccAddresses")
_VARIABLE = re.compile(r"{{\s*([\w.-]+)\s*}}")


@dataclass
class Draft:
    api: str  # "v2" | "v1": configuration-set suppression overrides apply to v2 only
    operation: str
    source: str  # the From as written ("Name <a@b>")
    destination: dict[str, list[str]]
    subject: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    configuration_set: str | None = None
    tenant: str | None = None  # TenantName, or the X-SES-TENANT header of a raw message
    template: str | None = None  # a stored template the send uses (a tenant must hold it)
    rendering_error: tuple[str, str] | None = None  # (template, error): nothing is delivered
    list_management: dict[str, str] | None = None  # ListManagementOptions: list and topic

    @property
    def from_address(self) -> str:
        # parseaddr is the costliest step of a send; the source is parsed once per value.
        return _address(self.source)

    @property
    def recipients(self) -> list[str]:
        return [a for kind in DESTINATION_KINDS for a in self.destination.get(kind, [])]


@functools.lru_cache(maxsize=1024)
def _address(source: str) -> str:
    return parseaddr(source)[1]


def tags_of(tag_list: list[dict[str, str]] | None) -> dict[str, str]:
    return {tag["Name"]: tag["Value"] for tag in tag_list or []}


def headers_of(header_list: list[dict[str, str]] | None) -> dict[str, str]:
    return {h["Name"].lower(): h["Value"] for h in header_list or []}


def v2_draft(backend: Any, params: dict[str, Any]) -> Draft:
    """A v2 SendEmail request as a Draft (Simple, Raw or Template content)."""
    content = params["Content"]
    kinds = [kind for kind in ("Simple", "Raw", "Template") if content.get(kind)]
    if len(kinds) != 1:
        raise BadRequestException("Content needs exactly one of Simple, Raw or Template.")
    draft = Draft(
        api="v2",
        operation="SendEmail",
        source=params.get("FromEmailAddress") or "",
        destination=_destination(params.get("Destination")),
        tags=tags_of(params.get("EmailTags")),
        configuration_set=params.get("ConfigurationSetName"),
        list_management=params.get("ListManagementOptions"),
    )
    if kinds == ["Simple"]:
        draft.subject = content["Simple"]["Subject"]["Data"]
        draft.headers = headers_of(content["Simple"].get("Headers"))
    elif kinds == ["Raw"]:
        apply_raw(draft, content["Raw"]["Data"])
    else:
        template = content["Template"]
        draft.template = stored_template_name(template)
        draft.headers = headers_of(template.get("Headers"))
        render(draft, backend, template, template.get("TemplateData"))
    if not draft.source:
        raise BadRequestException("FromEmailAddress is required unless the raw message has From.")
    # Over SMTP (and in a raw message) the tenant comes in SES's own header.
    draft.tenant = params.get("TenantName") or (
        draft.headers.get("x-ses-tenant") if kinds == ["Raw"] else None
    )
    return draft


def stored_template_name(template: dict[str, Any]) -> str | None:
    """The stored template a Template content names (None for inline TemplateContent)."""
    if template.get("TemplateContent"):
        return None
    return template.get("TemplateName") or (template.get("TemplateArn") or "").rpartition("/")[2]


def apply_raw(draft: Draft, data: str | bytes) -> None:
    """Fill the draft from a raw MIME message (base64 on the wire, as botocore sends it)."""
    try:
        raw = base64.b64decode(data, validate=True) if isinstance(data, str) else data
    except (binascii.Error, ValueError):
        raise BadRequestException("Raw message data is not valid base64.") from None
    message = message_from_bytes(raw, policy=email_policy)
    fields = [
        (name.lower(), _header_text(message, name, value)) for name, value in message.raw_items()
    ]
    draft.headers = dict(fields)
    draft.subject = draft.headers.get("subject", "")
    draft.source = draft.source or draft.headers.get("from", "")
    if not draft.recipients:
        draft.destination = {
            kind: [a for _, a in getaddresses(values)]
            for kind, header in zip(DESTINATION_KINDS, ("to", "cc", "bcc"), strict=True)
            if (values := [value for name, value in fields if name == header])
        }
    if not draft.recipients:
        raise BadRequestException("Raw message has no recipients (no Destination, To, Cc or Bcc).")


def _header_text(message: Any, name: str, raw: str) -> str:
    try:
        return str(message.policy.header_fetch_parse(name, raw))
    except (IndexError, ValueError, TypeError):
        # The standard library's parser breaks on some malformed addresses ("a@"):
        # keep the text as sent, and let the address checks refuse it in SES's words.
        return raw.strip()


def template_content(backend: Any, name: str) -> dict[str, str] | None:
    """Subject/Text/Html of a stored template: the v1 store moto keeps (CreateTemplate)."""
    stored = backend.core.templates.get(name)
    if stored is None:
        return None
    return {
        "Subject": stored.get("subject_part") or "",
        "Text": stored.get("text_part") or "",
        "Html": stored.get("html_part") or "",
    }


def render(draft: Draft, backend: Any, template: dict[str, Any], data: str | None) -> None:
    """Render the subject; a missing variable is a rendering failure (SES sends nothing)."""
    name = template.get("TemplateName") or (template.get("TemplateArn") or "").rpartition("/")[2]
    stored = template.get("TemplateContent") or (template_content(backend, name) if name else None)
    if stored is None:
        raise NotFoundException(f"Template {name or '(none)'} does not exist.")
    name = name or "inline"
    try:
        variables = json.loads(data or "{}")
    except ValueError:
        raise BadRequestException("TemplateData is not valid JSON.") from None
    parts = [stored.get(part) or "" for part in ("Subject", "Text", "Html")]
    missing = sorted({v for part in parts for v in _VARIABLE.findall(part)} - _names(variables))
    if missing:
        draft.rendering_error = (
            name,
            f"Attribute '{missing[0]}' is not present in the rendering data.",
        )
    draft.subject = _VARIABLE.sub(lambda m: str(_lookup(variables, m.group(1))), parts[0])


def _names(variables: Any, prefix: str = "") -> set[str]:
    if not isinstance(variables, dict):
        return set()
    names = set()
    for key, value in variables.items():
        names.add(prefix + key)
        names |= _names(value, f"{prefix}{key}.")
    return names


def _lookup(variables: dict[str, Any], dotted: str) -> Any:
    value: Any = variables
    for part in dotted.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return value


def _destination(destination: dict[str, Any] | None) -> dict[str, list[str]]:
    return {kind: list(destination[kind]) for kind in DESTINATION_KINDS
            if destination and destination.get(kind)}  # fmt: skip
