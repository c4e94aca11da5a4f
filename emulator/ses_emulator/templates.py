"""Email templates (shared with moto's v1 API, as SES shares them) and TestRenderEmailTemplate.

Templates are kept in moto's SES store in moto's own format, so a v1
`SendTemplatedEmail` and a v2 `SendEmail` with `Template` find the same ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from moto.ses.exceptions import MissingRenderingAttributeException

from .exceptions import (
    AlreadyExistsException,
    BadRequestException,
    LimitExceededException,
    existing,
)
from .registry import handles, paginate

# SES quotas: 20,000 templates per Region; a template up to 500 KB.
MAX_TEMPLATES = 20_000
MAX_TEMPLATE_BYTES = 500 * 1024


def _stored(name: str, content: dict[str, str], created: dt.datetime | None = None) -> dict:
    size = sum(len(content.get(part, "").encode()) for part in ("Subject", "Text", "Html"))
    if size > MAX_TEMPLATE_BYTES:
        raise BadRequestException(f"Template <{name}> is larger than {MAX_TEMPLATE_BYTES} bytes.")
    return {
        "template_name": name,
        "subject_part": content.get("Subject", ""),
        "text_part": content.get("Text", ""),
        "html_part": content.get("Html", ""),
        "timestamp": created or dt.datetime.now(dt.timezone.utc),
    }


def _template(backend, name: str) -> dict[str, Any]:
    return existing(backend.core.templates, name, "Template")


@handles("CreateEmailTemplate")
def create_email_template(backend, params):
    name = params["TemplateName"]
    if name in backend.core.templates:
        raise AlreadyExistsException(f"Template <{name}> already exists.")
    if len(backend.core.templates) >= MAX_TEMPLATES:
        raise LimitExceededException(f"An account can have at most {MAX_TEMPLATES} templates.")
    backend.core.templates[name] = _stored(name, params["TemplateContent"])
    backend._tag(backend.arn("template", name), params.get("Tags"))
    return {}


@handles("GetEmailTemplate")
def get_email_template(backend, params):
    found = _template(backend, params["TemplateName"])
    content = {
        key: found[part]
        for key, part in (("Subject", "subject_part"), ("Text", "text_part"), ("Html", "html_part"))
        if found.get(part)
    }
    return {
        "TemplateName": found["template_name"],
        "TemplateContent": content,
        "Tags": backend.list_tags(backend.arn("template", found["template_name"])),
    }


@handles("UpdateEmailTemplate")
def update_email_template(backend, params):
    found = _template(backend, params["TemplateName"])
    backend.core.templates[found["template_name"]] = _stored(
        found["template_name"], params["TemplateContent"], _created(found)
    )
    return {}


def _created(found: dict[str, Any]) -> dt.datetime:
    stamp = found.get("timestamp")
    if isinstance(stamp, dt.datetime):
        return stamp
    return dt.datetime.now(dt.timezone.utc)  # made by moto's v1 API, which keeps text


@handles("ListEmailTemplates")
def list_email_templates(backend, params):
    listed = [
        {"TemplateName": name, "CreatedTimestamp": _created(found)}
        for name, found in sorted(backend.core.templates.items())
    ]
    page, token = paginate(listed, params)
    return {"TemplatesMetadata": page, **token}


@handles("DeleteEmailTemplate")
def delete_email_template(backend, params):
    name = _template(backend, params["TemplateName"])["template_name"]
    backend.refuse_if_in_tenant(backend.arn("template", name))
    del backend.core.templates[name]
    backend.core.tagger.delete_all_tags_for_resource(backend.arn("template", name))
    return {}


@handles("TestRenderEmailTemplate")
def test_render_email_template(backend, params):
    name = _template(backend, params["TemplateName"])["template_name"]
    try:
        rendered = backend.core.render_template({"name": name, "data": params["TemplateData"]})
    except MissingRenderingAttributeException as error:
        raise BadRequestException(f"Template <{name}> needs attribute {error.message}.") from None
    except Exception as error:  # moto's v1 errors: invalid JSON data and the like
        raise BadRequestException(f"Template <{name}> cannot be rendered: {error}.") from None
    return {"RenderedTemplate": rendered}
