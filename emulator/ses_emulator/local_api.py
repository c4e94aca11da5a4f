"""The emulator's own HTTP API under /_ses/: what was sent, and scenario controls.

    GET    /_ses/                      the lanes page (web.py)
    GET    /_ses/lanes                 per-lane counters and settings (JSON)
    GET    /_ses/executions            Step Functions executions the emulator ran, newest first
    GET    /_ses/messages              messages, newest first; filters: configuration_set
                                       ("" = no set), stream (the `stream` dimension value),
                                       recipient, event_type (SEND, BOUNCE, ...), limit
    DELETE /_ses/messages              forget every message and counter
    GET    /_ses/control/mailboxes     scenario rules
    PUT    /_ses/control/mailboxes     {"address"|"domain": ..., "bounce_rate": 0..1,
                                        "complaint_rate": 0..1, "delay_rate": 0..1,
                                        "reject_rate": 0..1}
    DELETE /_ses/control/mailboxes     remove every rule
    GET|PUT /_ses/control/account      {"sending_enabled": bool, "production_access_enabled": bool}
    GET|PUT /_ses/control/quota        {"max_24_hour_send": N, "max_send_rate": N,
                                        "send_rate_enforced": bool}
    GET    /_ses/track/open/<id>       a reader opens the message (tracking.py)
    GET    /_ses/track/click/<id>      a reader clicks a tracked link (tracking.py)
    GET|POST /_ses/unsubscribe/<token> a reader follows a list-managed send's unsubscribe
                                       link (unsubscribe.py)

Every path takes `account` and `region` query parameters (default: moto's
default account, us-east-1). Errors are one JSON line: {"message": ...}.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from moto.core import DEFAULT_ACCOUNT_ID

from . import clock, sfn_runner, tracking, unsubscribe, web
from .events import KINDS, iso
from .models import sesv2_extension_backends
from .state import SENDING_LOCK, sending_state

PREFIX = "/_ses"
TRACK = PREFIX + "/track/"  # the reader's side: tracking.py
StartResponse = Callable[..., Any]


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", ""), True).items()}
    method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "").rstrip("/")
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    try:
        state = _state(query.pop("account", DEFAULT_ACCOUNT_ID), query.pop("region", "us-east-1"))
        with SENDING_LOCK:
            if path == PREFIX and method == "GET":
                page = web.page(state, lanes(state), executions(state))
                return _reply(start_response, 200, page.encode(), "text/html; charset=utf-8")
            if method == "GET" and path.startswith(TRACK):
                status, headers, payload = _track(state, query, path[len(TRACK) :])
                return _reply(start_response, status, payload, headers)
            if method in ("GET", "POST") and path.startswith(unsubscribe.PATH):
                status, headers, payload = _unsubscribe(state, path[len(unsubscribe.PATH) :])
                return _reply(start_response, status, payload, headers)
            route = ROUTES.get((method, path[len(PREFIX) :]))
            if route is None:
                raise ApiError(404, f"no emulator API at {method} {path or '/'}")
            result = route(state, query, _json(body))
        return _reply(start_response, 200, json.dumps(result).encode(), "application/json")
    except ApiError as error:
        payload = json.dumps({"message": str(error)}).encode()
        return _reply(start_response, error.status, payload, "application/json")
    except Exception as error:  # a bug: still one JSON line, never an HTML page
        payload = json.dumps({"message": f"emulator API: {type(error).__name__}: {error}"})
        return _reply(start_response, 500, payload.encode(), "application/json")


def executions(state: Any) -> list[dict[str, Any]]:
    """The Step Functions executions the emulator ran (alarm pauses), newest first."""
    return [{"Name": e.name, "StateMachine": e.state_machine_arn.rsplit(":", 1)[-1],
             "Status": e.status, "Error": e.error,
             "Started": iso(e.start_date.replace(tzinfo=dt.timezone.utc))}  # moto's naive UTC
            for e in sfn_runner.recent(state.account_id, state.region_name)]  # fmt: skip


def _state(account: str, region: str) -> Any:
    if not (len(account) == 12 and account.isdigit()):
        raise ApiError(400, f"account {account!r} is not a 12-digit AWS account ID")
    try:
        return sending_state(account, region)
    except KeyError:
        raise ApiError(400, f"region {region!r} is not a Region SES is offered in") from None


def lanes(state: Any) -> list[dict[str, Any]]:
    """One lane per configuration set of the account, plus "no set" once something used it."""
    backend = sesv2_extension_backends[state.account_id][state.region_name]
    names = sorted(set(backend.core.config_sets) | set(state.messages.lanes))
    result = []
    for name in names:
        config_set = backend.core.config_sets.get(name)
        options = getattr(config_set, "options", None) or {}
        suppression = options.get("SuppressionOptions")
        result.append({
            "ConfigurationSet": name,
            "Pool": (options.get("DeliveryOptions") or {}).get("SendingPoolName") or "shared",
            "SendingEnabled": (options.get("SendingOptions") or {}).get("SendingEnabled", True),
            "SuppressedReasons": None if suppression is None
            else suppression.get("SuppressedReasons", []),
            "Counts": {k: state.messages.lanes.get(name, {}).get(k, 0)
                       for k in web.COUNTERS},
            "Recent": [m.as_json() for m in state.messages.latest(name, 5)],
        })  # fmt: skip
    return result


def _messages(state, query, _body):
    event_type = query.get("event_type")
    if event_type is not None and event_type not in KINDS:
        raise ApiError(400, f"event_type must be one of {', '.join(KINDS)}")
    try:
        limit = int(query.get("limit", 1000))
    except ValueError:
        limit = -1
    if limit < 0:
        raise ApiError(400, "limit must be a whole number, 0 or more")
    found = state.messages.find(
        query.get("configuration_set"), query.get("stream"), query.get("recipient"), event_type
    )
    return {"Messages": [m.as_json() for m in found[:limit]], "Total": len(found)}


def _clear_messages(state, _query, _body):
    state.messages.clear()
    return {}


def _lanes(state, _query, _body):
    return {"Lanes": lanes(state)}


def _executions(state, _query, _body):
    return {"Executions": executions(state)}


def _list_rules(state, _query, _body):
    return {"Rules": [rule.as_json() for rule in state.mailboxes.rules.values()]}


def _put_rule(state, _query, body):
    targets = [body[k] for k in ("address", "domain") if isinstance(body.get(k), str) and body[k]]
    if len(targets) != 1:
        raise ApiError(400, 'give exactly one of "address" or "domain"')
    rates = {}
    for key in ("bounce_rate", "complaint_rate", "delay_rate", "reject_rate"):
        value = body.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ApiError(400, f"{key} must be a number from 0 to 1")
        rates[key] = float(value)
    return state.mailboxes.set_rule(targets[0], **rates).as_json()


def _track(state, query, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
    kind, _, message_id = path.partition("/")
    if kind not in ("open", "click") or not message_id:
        raise ApiError(404, f"no tracking at {path}: use open/<message-id> or click/<message-id>")
    try:
        return tracking.track(state, kind, message_id, query)
    except tracking.TrackingError as error:
        raise ApiError(error.status, str(error)) from None


def _unsubscribe(state, token: str) -> tuple[int, list[tuple[str, str]], bytes]:
    try:
        return unsubscribe.click(state, token)
    except tracking.TrackingError as error:
        raise ApiError(error.status, str(error)) from None


def _clear_rules(state, _query, _body):
    state.mailboxes.rules.clear()
    return {}


_ACCOUNT_SWITCHES = ("sending_enabled", "production_access_enabled")


def _account(state, _query, _body):
    return {key: getattr(state, key) for key in _ACCOUNT_SWITCHES}


def _put_account(state, query, body):
    unknown = sorted(set(body) - set(_ACCOUNT_SWITCHES))
    if unknown or not all(isinstance(v, bool) for v in body.values()):
        raise ApiError(400, f"give only {' and '.join(_ACCOUNT_SWITCHES)}, each true or false")
    for key, value in body.items():
        setattr(state, key, value)
    return _account(state, query, body)


_QUOTA_SETTINGS = {"max_24_hour_send": "Max24HourSend", "max_send_rate": "MaxSendRate"}


def _quota(state, _query, _body):
    quota = state.quota
    return {"max_24_hour_send": quota.max_24_hour_send, "max_send_rate": quota.max_send_rate,
            "send_rate_enforced": quota.send_rate_enforced,
            "sent_last_24_hours": quota.sent_last_24_hours(clock.now())}  # fmt: skip


def _put_quota(state, query, body):
    unknown = sorted(set(body) - {*_QUOTA_SETTINGS, "send_rate_enforced"})
    if unknown:
        raise ApiError(400, f"unknown quota settings: {', '.join(unknown)}")
    for key, name in _QUOTA_SETTINGS.items():
        value = body.get(key)
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if value is not None and not (number and value > 0):
            raise ApiError(400, f"{key} ({name}) must be a number above 0")
    if not isinstance(body.get("send_rate_enforced", False), bool):
        raise ApiError(400, "send_rate_enforced must be true or false")
    state.quota.configure(**body)
    return _quota(state, query, body)


ROUTES = {
    ("GET", "/executions"): _executions,
    ("GET", "/lanes"): _lanes,
    ("GET", "/messages"): _messages,
    ("DELETE", "/messages"): _clear_messages,
    ("GET", "/control/mailboxes"): _list_rules,
    ("PUT", "/control/mailboxes"): _put_rule,
    ("DELETE", "/control/mailboxes"): _clear_rules,
    ("GET", "/control/account"): _account,
    ("PUT", "/control/account"): _put_account,
    ("GET", "/control/quota"): _quota,
    ("PUT", "/control/quota"): _put_quota,
}


def _json(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        value = json.loads(body, parse_constant=_no_constant)
    except ValueError:
        raise ApiError(400, "request body is not JSON") from None
    except RecursionError:  # nesting deeper than the parser's stack; no control needs depth
        raise ApiError(400, "request body is nested too deeply") from None
    if not isinstance(value, dict):
        raise ApiError(400, "request body must be a JSON object")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # json.loads takes NaN and Infinity by default


def _reply(
    start_response: StartResponse,
    status: int,
    body: bytes,
    content_type: str | list[tuple[str, str]],
) -> Iterable[bytes]:
    reason = {200: "OK", 302: "Found", 400: "Bad Request", 404: "Not Found",
              500: "Internal Server Error"}.get(status, "Error")  # fmt: skip
    headers = [("Content-Type", content_type)] if isinstance(content_type, str) else content_type
    start_response(
        f"{status} {reason}",
        [*headers, ("Content-Length", str(len(body))), ("Cache-Control", "no-store")],
    )
    return [body]
