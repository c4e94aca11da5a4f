"""The v1 sends (SendEmail, SendRawEmail, SendTemplatedEmail, SendBulkTemplatedEmail),
through the same pipeline as the v2 ones.

v1 sends take the account's suppression reasons, never a configuration set's
override (that override exists only in the v2 API), which is the trap this
emulator must show.
"""

from __future__ import annotations

from typing import Any

from . import clock
from .content import Draft, apply_raw, render, tags_of
from .exceptions import SesV2Error
from .send_checks import (
    Refusal,
    Request,
    SendRefused,
    check_account,
    check_addresses,
    lane_of,
    sending_identity,
)
from .sending import send_entry, send_one
from .state import SENDING_LOCK, sending_state
from .v1_protocol import V1Error, handles_v1

_V1_BULK_STATUS = {"template": "TemplateDoesNotExist", "invalid": "InvalidParameterValue"}
_V1_CODES = {
    "NotFoundException": "TemplateDoesNotExist",
    "BadRequestException": "InvalidParameterValue",
}


def v1_error(error: SesV2Error) -> V1Error:
    """A pipeline refusal in v1's words."""
    if isinstance(error, V1Error):
        return error
    if isinstance(error, SendRefused):
        return V1Error(error.refusal.v1_code, error.message)
    return V1Error(_V1_CODES.get(error.code, "InvalidParameterValue"), error.message)


def _draft(action: str, params: dict[str, Any]) -> Draft:
    return Draft(
        api="v1",
        operation=action,
        source=params.get("Source", ""),
        destination={k: v for k, v in (params.get("Destination") or {}).items() if v},
        tags=tags_of(params.get("Tags")),
        configuration_set=params.get("ConfigurationSetName"),
    )


def _sent(draft: Draft, backend: Any) -> dict[str, str]:
    if not draft.source:
        raise V1Error("InvalidParameterValue", "Missing required header 'From'.")
    try:
        return {"MessageId": send_one(backend, draft).message_id}
    except SesV2Error as error:
        raise v1_error(error) from None


@handles_v1("SendEmail")
def send_email(backend, params):
    draft = _draft("SendEmail", params)
    draft.subject = params["Message"]["Subject"].get("Data", "")
    return _sent(draft, backend)


@handles_v1("SendTemplatedEmail")
def send_templated_email(backend, params):
    draft = _draft("SendTemplatedEmail", params)
    template = {"TemplateName": params.get("Template"), "TemplateArn": params.get("TemplateArn")}
    try:
        render(draft, backend, template, params.get("TemplateData"))
    except SesV2Error as error:
        raise v1_error(error) from None
    return _sent(draft, backend)


@handles_v1("SendRawEmail")
def send_raw_email(backend, params):
    draft = _draft("SendRawEmail", params)
    if params.get("Destinations"):
        draft.destination = {"ToAddresses": list(params["Destinations"])}
    try:
        apply_raw(draft, params["RawMessage"]["Data"])
    except SesV2Error as error:
        raise v1_error(error) from None
    return _sent(draft, backend)


@handles_v1("SendBulkTemplatedEmail")
def send_bulk_templated_email(backend, params):
    """One message per destination; a refusal of the whole call (unverified sender, unknown
    or paused set, paused account) is an error, a refusal of one destination its status."""
    base = _draft("SendBulkTemplatedEmail", params)
    template = {"TemplateName": params["Template"], "TemplateArn": params.get("TemplateArn")}
    statuses = []
    with SENDING_LOCK:
        request = Request(backend)
        try:
            check_account(request)
            check_addresses(base, recipients=False)
            identity = sending_identity(request, base)
            lane = lane_of(request, base, identity)
        except SesV2Error as error:
            raise v1_error(error) from None
        for entry in params["Destinations"]:
            draft = _draft("SendBulkTemplatedEmail", params)
            draft.destination = {k: v for k, v in entry["Destination"].items() if v}
            draft.tags = {**tags_of(params.get("DefaultTags")),
                          **tags_of(entry.get("ReplacementTags"))}  # fmt: skip
            data = entry.get("ReplacementTemplateData") or params.get("DefaultTemplateData")
            why, text = send_entry(request, draft, identity, lane, template, data)
            if why is None:
                statuses.append({"Status": "Success", "MessageId": text})
            else:
                status = (why.v1_bulk_status if isinstance(why, Refusal)
                          else _V1_BULK_STATUS[why])  # fmt: skip
                statuses.append({"Status": status, "Error": text})
        request.finish()
    return {"Status": statuses}


@handles_v1("GetSendQuota")
def get_send_quota(backend, _params):
    return sending_state(backend.account_id, backend.region_name).quota.answer(clock.now())
