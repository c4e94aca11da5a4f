"""The emulator's control API (not SES): settings, verifying identities, leasing dedicated IPs.

    GET  /ses-emulator/settings      -> {"verification": ..., "dns_server": ...}
    PUT  /ses-emulator/settings      {"verification": "instant|pending|dns", "dns_server": "h:p"}
    POST /ses-emulator/verify        {"identity": "example.com"}  (verifies it and its MAIL FROM)
    POST /ses-emulator/dedicated-ips {"ips": ["198.51.100.1"]}    -> {"ips": [every leased IP]}

`verify` and `dedicated-ips` act on one account and Region: `account` and `region` in the
body (default: moto's default account, us-east-1).
"""

from __future__ import annotations

import json
from typing import Any

from moto.core import DEFAULT_ACCOUNT_ID

from . import HEALTH_PATH, verification
from .dedicated_ips import lease
from .exceptions import BadRequestException, SesV2Error
from .identities import mark_verified
from .models import sesv2_extension_backends

PREFIX = HEALTH_PATH.rsplit("/", 1)[0]  # /ses-emulator


def answer(method: str, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
    """(HTTP status, JSON answer) of one control request."""
    try:
        request = json.loads(body) if body.strip() else {}
        if not isinstance(request, dict):
            raise ValueError("not an object")
    except (ValueError, RecursionError):
        return 400, {"message": "The control API takes a JSON object."}
    route = (method, path[len(PREFIX) :])
    try:
        if route == ("GET", "/settings"):
            return 200, verification.current()
        if route == ("PUT", "/settings"):
            return 200, verification.configure(request)
        backend = sesv2_extension_backends[str(request.get("account") or DEFAULT_ACCOUNT_ID)][
            str(request.get("region") or "us-east-1")
        ]
        if route == ("POST", "/verify"):
            identity = backend.get_email_identity(str(request.get("identity")))
            mark_verified(identity)
            return 200, {"identity": identity.email_identity, "verified": True}
        if route == ("POST", "/dedicated-ips"):
            ips = request.get("ips")
            if not isinstance(ips, list) or not all(isinstance(ip, str) for ip in ips):
                raise BadRequestException("ips must be a list of IPv4 addresses.")
            return 200, {"ips": lease(backend, ips)}
    except SesV2Error as error:
        return (404 if error.code == "NotFoundException" else 400), {"message": error.message}
    return 404, {"message": f"No control operation {method} {path}."}
