"""Who may talk to the emulator: this machine's tools, not every web page its user visits.

moto's server echoes any `Origin` in `Access-Control-Allow-Origin` and answers
any `Host`, so a page in the developer's browser could read every identity,
message and event, or reset the emulator (directly, or through a DNS name that
rebinds to 127.0.0.1). In front of everything this middleware:

* refuses a request whose `Host` is not a loopback name (or one added with
  `--allow-host` / SES_EMULATOR_EXTRA_ALLOWED_HOSTS): DNS rebinding;
* refuses a request whose `Origin` is not a loopback origin (or one added with
  `--allow-origin` / SES_EMULATOR_EXTRA_CORS_ALLOWED_ORIGINS, as LocalStack's
  EXTRA_CORS_ALLOWED_ORIGINS): a page elsewhere cannot even fire a request;
* answers CORS itself, for allowed origins only (moto's headers are dropped);
* requires `Content-Type: application/json` on writes to the emulator's own
  controls and on SES v2 request bodies: a browser can send `text/plain`
  without a preflight, never JSON.
"""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

StartResponse = Callable[..., Any]
ORIGINS_ENV = "SES_EMULATOR_EXTRA_CORS_ALLOWED_ORIGINS"
HOSTS_ENV = "SES_EMULATOR_EXTRA_ALLOWED_HOSTS"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
# Paths whose request bodies are JSON by protocol: a browser's simple request can never be JSON.
JSON_BODY_PREFIXES = ("/_ses/control/", "/v2/email", "/v1/email")
_CORS_ALLOW_HEADERS = "authorization, content-type, x-amz-date, x-amz-security-token, " + (
    "x-amz-user-agent, x-amz-target, x-amz-content-sha256, amz-sdk-invocation-id, amz-sdk-request"
)


@dataclass(frozen=True)
class Allowed:
    """Extra hosts and origins beyond loopback, from the flags and the environment."""

    hosts: frozenset[str] = field(default_factory=frozenset)
    origins: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_settings(cls, hosts: Iterable[str] = (), origins: Iterable[str] = ()) -> Allowed:
        def listed(values: Iterable[str], env: str) -> set[str]:
            found = {v.strip() for v in values} | set(os.environ.get(env, "").split(","))
            return {v.strip().lower().rstrip("/") for v in found if v.strip()}

        return cls(frozenset(listed(hosts, HOSTS_ENV)), frozenset(listed(origins, ORIGINS_ENV)))


def is_loopback(hostname: str) -> bool:
    name = hostname.lower().rstrip(".")
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def _hostname(authority: str) -> str:
    """`127.0.0.1:4566` -> `127.0.0.1`, `[::1]:4566` -> `::1`."""
    if authority.startswith("["):
        return authority[1:].partition("]")[0]
    return authority.rpartition(":")[0] if authority.count(":") == 1 else authority


class Guard:
    def __init__(self, app: Callable[[dict, StartResponse], Iterable[bytes]], allowed: Allowed):
        self.app = app
        self.allowed = allowed

    def host_allowed(self, host: str) -> bool:
        name = _hostname(host.strip().lower())
        return bool(name) and (is_loopback(name) or name in self.allowed.hosts)

    def origin_allowed(self, origin: str) -> bool:
        origin = origin.strip().lower().rstrip("/")
        if origin in self.allowed.origins or "*" in self.allowed.origins:
            return True
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and is_loopback(parts.hostname or "")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST") or ""
        if not self.host_allowed(host):
            return _refuse(start_response, f"Host {host!r} is not a loopback name; add it with "
                           f"--allow-host or {HOSTS_ENV}")  # fmt: skip
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and not self.origin_allowed(origin):
            return _refuse(start_response, f"Origin {origin!r} is not allowed; add it with "
                           f"--allow-origin or {ORIGINS_ENV}")  # fmt: skip
        method = environ.get("REQUEST_METHOD", "")
        if origin is not None and method == "OPTIONS":
            return _preflight(start_response, origin)
        path = environ.get("PATH_INFO", "")
        if (
            method in ("POST", "PUT", "PATCH", "DELETE")
            and path.startswith(JSON_BODY_PREFIXES)
            and (environ.get("CONTENT_LENGTH") or "0").strip() != "0"  # a bad length: the app's 4xx
            and not _is_json(environ.get("CONTENT_TYPE", ""))
        ):
            return _refuse(start_response, "Content-Type must be application/json", 415)

        def respond(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            kept = [(k, v) for k, v in headers if not k.lower().startswith("access-control-")]
            if origin is not None:
                kept += [
                    ("Access-Control-Allow-Origin", origin),
                    ("Vary", "Origin"),
                    ("Access-Control-Expose-Headers", "x-amzn-RequestId, x-amzn-ErrorType"),
                ]
            return start_response(status, kept, *exc_info)

        return self.app(environ, respond)


def _is_json(content_type: str) -> bool:
    media = content_type.partition(";")[0].strip().lower()
    return media == "application/json" or media.startswith("application/x-amz-json")


def _preflight(start_response: StartResponse, origin: str) -> Iterable[bytes]:
    start_response("204 No Content", [
        ("Access-Control-Allow-Origin", origin), ("Vary", "Origin"),
        ("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, HEAD"),
        ("Access-Control-Allow-Headers", _CORS_ALLOW_HEADERS),
        ("Access-Control-Max-Age", "600"), ("Content-Length", "0"),
    ])  # fmt: skip
    return [b""]


def _refuse(start_response: StartResponse, message: str, status: int = 403) -> Iterable[bytes]:
    body = json.dumps({"message": message}).encode()
    reason = {403: "Forbidden", 415: "Unsupported Media Type"}[status]
    start_response(
        f"{status} {reason}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body))),
         ("x-amzn-ErrorType", "AccessDeniedException" if status == 403 else "BadRequestException")],
    )  # fmt: skip
    return [body]
