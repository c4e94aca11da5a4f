"""Controls of the emulator's SES v2 model, served by the emulator API (local_api.py).

    GET|PUT /_ses/control/verification  {"verification": "instant|pending|dns",
                                         "dns_server": "host:port"}
    POST    /_ses/control/verify        {"identity": "example.com"} (verifies it and its MAIL FROM)
    POST    /_ses/control/dedicated-ips {"ips": ["198.51.100.1"]} -> {"ips": [every leased IP]}

`verify` and `dedicated-ips` act on the account and Region of the `account` and `region`
query parameters, like every emulator API path.
"""

from __future__ import annotations

from typing import Any

from . import verification
from .dedicated_ips import lease
from .exceptions import BadRequestException, SesV2Error
from .identities import mark_verified
from .local_api import ApiError
from .models import sesv2_extension_backends


def _model(state: Any):
    return sesv2_extension_backends[state.account_id][state.region_name]


def _settings(_state, _query, _body) -> dict:
    return verification.current()


def _put_settings(_state, _query, body) -> dict:
    return verification.configure(body)


def _verify(state, _query, body) -> dict:
    identity = _model(state).get_email_identity(str(body.get("identity")))
    mark_verified(identity)
    return {"identity": identity.email_identity, "verified": True}


def _lease(state, _query, body) -> dict:
    ips = body.get("ips")
    if not isinstance(ips, list) or not all(isinstance(ip, str) for ip in ips):
        raise BadRequestException("ips must be a list of IPv4 addresses.")
    return {"ips": lease(_model(state), ips)}


def _api(handler):
    """The emulator API's error type for the SES errors the model raises."""

    def call(state, query, body):
        try:
            return handler(state, query, body)
        except SesV2Error as error:
            raise ApiError(
                404 if error.code == "NotFoundException" else 400, error.message
            ) from None

    return call


ROUTES = {
    ("GET", "/control/verification"): _api(_settings),
    ("PUT", "/control/verification"): _api(_put_settings),
    ("POST", "/control/verify"): _api(_verify),
    ("POST", "/control/dedicated-ips"): _api(_lease),
}
