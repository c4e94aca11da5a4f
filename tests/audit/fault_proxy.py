"""An HTTP proxy in front of the emulator that injects the faults the emulator cannot make.

Requests pass through unchanged unless a `Fault` matches: then the proxy answers itself,
the way AWS answers (status, error type, JSON message), or with a raw `body` (answers no
AWS endpoint gives: a wrong shape, bytes that are not UTF-8), after a `delay`, or one
byte a second (`trickle`). A `Patch` changes fields of the
emulator's JSON answer instead: account states the emulator never enters (an identity
pending verification, an account under review). Faults match on the signing
service and region of the request (from its SigV4 Authorization header) and on a text
in the request line (an SES v2 path such as `/v2/email/account`).
"""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request")


@dataclass
class Fault:
    status: int
    error_type: str
    message: str
    service: str | None = None  # signing name: "ses", "monitoring", "sts"
    region: str | None = None
    path: str | None = None  # a text the request path must contain
    method: str | None = None
    times: int | None = None  # answer this many matching requests, then pass them on
    body: bytes | None = None  # the answer's body as is, instead of AWS's JSON error
    delay: float = 0.0  # seconds before answering (cut short when the proxy stops)
    trickle: bool = False  # send the body one byte a second
    hits: int = 0

    def matches(self, method: str, path: str, service: str, region: str) -> bool:
        return (
            (self.service is None or self.service == service)
            and (self.region is None or self.region == region)
            and (self.path is None or self.path in path)
            and (self.method is None or self.method == method)
            and (self.times is None or self.hits < self.times)
        )


@dataclass
class Patch:
    """Fields to overwrite in the JSON answer to requests whose path contains `path`."""

    path: str
    fields: dict
    method: str = "GET"


def _merge(target: dict, fields: dict) -> None:
    for key, value in fields.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.faults: list[Fault] = []
        self.patches: list[Patch] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep the test output clean
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                scope = _SCOPE.search(self.headers.get("Authorization", ""))
                region, service = scope.groups() if scope else ("", "")
                fault = proxy.fault_for(self.command, self.path, service, region)
                if fault is not None:
                    if proxy.stopping.wait(fault.delay):
                        return
                    headers = {"Content-Type": "application/json"}
                    if fault.body is None:
                        headers["x-amzn-ErrorType"] = fault.error_type
                    body = json.dumps({"message": fault.message}).encode()
                    self._answer(fault.status, headers, body if fault.body is None else fault.body,
                                 fault.trickle)  # fmt: skip
                    return
                request = urllib.request.Request(
                    proxy.upstream + self.path, data=body, method=self.command
                )
                for name, value in self.headers.items():
                    if name.lower() not in ("host", "content-length", "connection"):
                        request.add_header(name, value)
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        status, headers, payload = (
                            response.status,
                            response.headers,
                            response.read(),
                        )
                except urllib.error.HTTPError as error:
                    status, headers, payload = error.code, error.headers, error.read()
                for patch in proxy.patches:
                    if patch.method == self.command and patch.path in self.path and status == 200:
                        answer = json.loads(payload)
                        _merge(answer, patch.fields)
                        payload = json.dumps(answer).encode()
                self._answer(status, dict(headers.items()), payload)

            def _answer(
                self, status: int, headers: dict, payload: bytes, trickle: bool = False
            ) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    if name.lower() not in (
                        "content-length",
                        "transfer-encoding",
                        "connection",
                        "server",
                        "date",
                    ):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if not trickle:
                    self.wfile.write(payload)
                    return
                for byte in payload:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    if proxy.stopping.wait(1.0):
                        return

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def fault_for(self, method: str, path: str, service: str, region: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.matches(method, path, service, region):
                    fault.hits += 1
                    return fault
        return None

    def start(self) -> FaultProxy:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
