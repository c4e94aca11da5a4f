"""The sending pipeline: one `Draft` in, SES's decisions and events out.

In SES's order: account sending switch, verified sending identity, the
configuration set (the request's, else the sending identity's default: the
address identity if there is one, else its domain), the set's sending switch,
the sandbox (verified recipients only), then per recipient the account
suppression list (reasons from the set's override for v2 sends, from the
account for v1), the mailbox's fate and the events, published to the set's
destinations. The v2 `SendEmail`/`SendBulkEmail` handlers are here; the v1
query API comes in through `ses_v1`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from . import clock, contacts, events, notifications, reputation, tenants, unsubscribe
from .content import Draft, headers_of, render, stored_template_name, tags_of, v2_draft
from .exceptions import BadRequestException, SesV2Error
from .mailbox import ON_SUPPRESSION_LIST, UNSUBSCRIBED, is_simulator
from .message_store import StoredMessage
from .registry import handles
from .send_checks import (
    QUOTA_MESSAGES,
    Lane,
    Refusal,
    Request,
    SendRefused,
    check_account,
    check_addresses,
    check_sandbox,
    lane_of,
    sending_identity,
    tenant_of,
)
from .state import SENDING_LOCK


def send(request: Request, draft: Draft, identity: Any, lane: Lane) -> StoredMessage:
    """Accept the message and play out what happens to it; returns the stored record."""
    backend, state = request.backend, request.state
    now = clock.now()
    throttled = state.quota.refusal(now)
    if throttled:
        raise SendRefused(throttled, QUOTA_MESSAGES[throttled])
    check_addresses(draft)
    check_sandbox(request, draft)
    listing = contacts.listing(backend, draft.list_management)
    message_id = f"{int(now.timestamp() * 1000):016x}-{uuid.uuid4()}-000000"
    honoured = tenants.suppressed_reasons(lane.tenant)
    if honoured is None:
        honoured = _suppressed_reasons(backend, draft, lane)
    own_list = tenants.own_list(lane.tenant)
    suppression = state.suppression if own_list is None else own_list
    produced = [events.send_event(now)]
    suppressed: list[str] = []
    if draft.rendering_error:
        produced.append(events.rendering_failure_event(*draft.rendering_error, now))
    elif state.mailboxes.rejects(draft.recipients):  # SES's virus scan: nothing is delivered
        produced.append(events.reject_event(now))
    else:
        for recipient in draft.recipients:
            if listing is not None and listing.unsubscribed(recipient):
                produced.append(events.bounce_event(recipient, UNSUBSCRIBED, now))
                continue
            entry = suppression.get(recipient)
            if entry is not None and entry.reason in honoured and not is_simulator(recipient):
                suppressed.append(recipient)
                produced.append(events.bounce_event(recipient, ON_SUPPRESSION_LIST, now))
                continue
            outcome = state.mailboxes.outcome(recipient)
            produced.extend(_outcome_events(recipient, outcome, now))
            if not outcome.simulated:
                reputation.count(state, lane.name, outcome.kind)
                if lane.tenant is not None:
                    lane.tenant.record(now, outcome.kind)
                reason = {"BOUNCE": "BOUNCE", "COMPLAINT": "COMPLAINT"}.get(outcome.kind)
                hard = outcome.kind != "BOUNCE" or outcome.bounce_type == "Permanent"
                if reason in honoured and hard:
                    feedback = produced[-1].detail.get("feedbackId")
                    suppression.put(recipient, reason, message_id, feedback)
    tags = {
        **draft.tags,
        "ses:source-ip": "127.0.0.1",
        "ses:from-domain": draft.from_address.rpartition("@")[2],
        "ses:caller-identity": "ses-emulator",
        **({"ses:configuration-set": lane.name} if lane.name else {}),
    }
    destinations = list(lane.config_set.event_destinations.values()) if lane.config_set else []
    message = StoredMessage(
        message_id=message_id,
        timestamp=now,
        api=draft.api,
        operation=draft.operation,
        source=draft.source,
        destination=draft.destination,
        subject=draft.subject,
        configuration_set=lane.name,
        configuration_set_origin=lane.origin,
        pool=(
            (lane.config_set.options.get("DeliveryOptions") or {}).get("SendingPoolName")
            if lane.config_set
            else None
        )
        or "shared",  # fmt: skip
        tags=dict(draft.tags),
        dimensions=_dimensions(destinations, tags, draft.headers),
        events=produced,
        suppressed=suppressed,
        tenant=lane.tenant.name if lane.tenant is not None else None,
    )
    publication = events.Publication(
        account_id=backend.account_id,
        region=backend.region_name,
        configuration_set_arn=backend.arn("configuration-set", lane.name or ""),
        mail=_mail(backend, message, identity, draft, tags, now),
        tags=tags,
        headers=draft.headers,
    )
    message.publication = publication
    if listing is not None:
        message.list_management = dict(draft.list_management or {})
        message.unsubscribe_links = unsubscribe.links(state, message, listing)
    datapoints, message.publish_errors = events.publish(destinations, produced, publication)
    message.publish_errors += notifications.publish(identity, produced, publication.mail)
    request.datapoints.extend(datapoints)
    if lane.name:
        request.touched_sets.add(lane.name)
    state.messages.add(message)
    backend.core.sent_message_count += len(draft.recipients)  # SES counts recipients
    state.quota.record(now, len(draft.recipients))
    return message


def send_one(backend: Any, draft: Draft) -> StoredMessage:
    """The whole pipeline for a single-message call (v2 or v1 SendEmail, SendRawEmail)."""
    with SENDING_LOCK:
        request = Request(backend)
        check_account(request)
        check_addresses(draft)
        identity = sending_identity(request, draft)
        lane = lane_of(request, draft, identity)
        lane.tenant = tenant_of(request, draft, identity, lane)
        message = send(request, draft, identity, lane)
        request.finish()
        return message


def _outcome_events(recipient: str, outcome: Any, now: dt.datetime) -> list[events.Event]:
    if outcome.kind == "BOUNCE":
        return [events.bounce_event(recipient, outcome, now)]
    delayed = [events.delivery_delay_event(recipient, now)] if outcome.delayed else []
    delivered = [*delayed, events.delivery_event(recipient, now)]
    if outcome.kind == "COMPLAINT":
        delivered.append(events.complaint_event(recipient, now))
    return delivered


def _suppressed_reasons(backend: Any, draft: Draft, lane: Lane) -> list[str]:
    # A set's suppression override only exists in the v2 API; v1 sends use the account's.
    if draft.api == "v2" and lane.config_set is not None:
        override = lane.config_set.options.get("SuppressionOptions")
        if override is not None:
            return list(override.get("SuppressedReasons") or [])
    return list(backend.suppressed_reasons)


def _dimensions(
    destinations: list[dict[str, Any]], tags: dict[str, str], headers: dict[str, str]
) -> dict[str, str]:
    """The CloudWatch dimension values this message's events carry (non-click events)."""
    values = {}
    for destination in destinations:
        for dimension in (destination.get("CloudWatchDestination") or {}).get(
            "DimensionConfigurations", []
        ):
            name, source = dimension["DimensionName"], dimension["DimensionValueSource"]
            found = {"MESSAGE_TAG": tags.get(name), "EMAIL_HEADER": headers.get(name.lower())}
            values[name] = found.get(source) or dimension["DefaultDimensionValue"]
    return values


def _mail(backend, message, identity, draft, tags, now) -> dict[str, Any]:
    to = message.destination.get("ToAddresses", [])
    headers = [{"name": "From", "value": draft.source}]
    headers += [{"name": "To", "value": ", ".join(to)}] if to else []
    headers += [{"name": "Subject", "value": draft.subject}]
    headers += [{"name": k, "value": v} for k, v in draft.headers.items()
                if k not in ("from", "to", "subject")]  # fmt: skip
    return {
        "timestamp": events.iso(now),
        "source": draft.source,
        "sourceArn": backend.arn("identity", identity.email_identity),
        "sendingAccountId": backend.account_id,
        "messageId": message.message_id,
        "destination": draft.recipients,
        "headersTruncated": False,
        "headers": headers,
        "commonHeaders": {
            "from": [draft.source],
            **({"to": to} if to else {}),
            "messageId": message.message_id,
            "subject": draft.subject,
        },
        "tags": {name: [value] for name, value in tags.items()},
    }


def send_entry(
    request: Request, draft: Draft, identity: Any, lane: Lane, template: dict, data: str | None
) -> tuple[Refusal | str | None, str]:
    """One entry of a bulk send: (None, message id) when sent, else (why, SES's message); why
    is the Refusal of a refused send, "template" for a missing template, else "invalid"."""
    try:
        render(draft, request.backend, template, data)
        return None, send(request, draft, identity, lane).message_id
    except SendRefused as refused:
        return refused.refusal, refused.message
    except SesV2Error as error:
        return ("template" if error.code == "NotFoundException" else "invalid"), error.message


_V2_BULK_STATUS = {"template": "TEMPLATE_NOT_FOUND", "invalid": "INVALID_PARAMETER"}


# --- SES v2 operations --------------------------------------------------------------
@handles("SendEmail")
def send_email(backend, params):
    return {"MessageId": send_one(backend, v2_draft(backend, params)).message_id}


@handles("SendBulkEmail")
def send_bulk_email(backend, params):
    template = (params["DefaultContent"] or {}).get("Template")
    if not template:
        raise BadRequestException("DefaultContent.Template is required.")
    base = Draft(
        api="v2",
        operation="SendBulkEmail",
        source=params.get("FromEmailAddress") or "",
        destination={},
        configuration_set=params.get("ConfigurationSetName"),
        tenant=params.get("TenantName"),
        template=stored_template_name(template),
    )
    results = []
    with SENDING_LOCK:
        request = Request(backend)
        check_account(request)
        check_addresses(base, recipients=False)
        identity = sending_identity(request, base)
        lane = lane_of(request, base, identity)
        lane.tenant = tenant_of(request, base, identity, lane)
        for entry in params["BulkEmailEntries"]:
            replacement = (entry.get("ReplacementEmailContent") or {}).get("ReplacementTemplate")
            draft = Draft(
                api="v2",
                operation="SendBulkEmail",
                source=base.source,
                destination={k: list(v) for k, v in entry["Destination"].items() if v},
                tags={**tags_of(params.get("DefaultEmailTags")),
                      **tags_of(entry.get("ReplacementTags"))},
                headers={**headers_of(template.get("Headers")),
                         **headers_of(entry.get("ReplacementHeaders"))},
            )  # fmt: skip
            data = (replacement or {}).get("ReplacementTemplateData") or template.get(
                "TemplateData"
            )
            why, text = send_entry(request, draft, identity, lane, template, data)
            if why is None:
                results.append({"Status": "SUCCESS", "MessageId": text})
            else:
                status = why.bulk_status if isinstance(why, Refusal) else _V2_BULK_STATUS[why]
                results.append({"Status": status, "Error": text})
        request.finish()
    return {"BulkEmailEntryResults": results}
