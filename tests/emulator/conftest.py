"""Emulator unit tests talk to a real emulator process over HTTP through boto3,
so botocore's own parser checks every response against the SES v2 model."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import emulator_clients
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = "us-east-1"
ACCOUNT = "123456789012"  # moto's default account for any access key


def arn(kind: str, name: str) -> str:
    return f"arn:aws:ses:{REGION}:{ACCOUNT}:{kind}/{name}"


@pytest.fixture
def sesv2(emulator: str):
    """A boto3 SES v2 client on a freshly reset emulator (no retries: errors surface at once)."""
    urllib.request.urlopen(urllib.request.Request(f"{emulator}/moto-api/reset", method="POST"))
    return boto3.client(
        "sesv2",
        endpoint_url=emulator,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"max_attempts": 1}),
    )


RawCall = Callable[..., tuple[int, dict[str, str], Any]]


@pytest.fixture
def raw(emulator: str, sesv2) -> RawCall:
    """Send a request botocore would refuse to send (bad enum, range, shape)."""

    def call(
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        data: bytes | None = None,  # a raw body, sent as it is
    ) -> tuple[int, dict[str, str], Any]:
        data = data if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{emulator}{path}", data=data, method=method)
        request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request) as response:
                status, headers, payload = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, payload = error.code, error.headers, error.read()
        return status, {k.lower(): v for k, v in headers.items()}, json.loads(payload or b"{}")

    return call


def client_error(call: Callable[[], object]) -> tuple[str, int, str]:
    """(error code, HTTP status, message) of the ClientError `call()` must raise."""
    with pytest.raises(ClientError) as excinfo:
        call()
    return error_of(excinfo)


def error_of(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, int, str]:
    """(error code, HTTP status, message) of a boto3 ClientError."""
    response = excinfo.value.response
    return (
        response["Error"]["Code"],
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Message"],
    )


@pytest.fixture
def impostor() -> Iterator[subprocess.Popen]:
    """A live process that looks like an emulator (its command line names it) but never answers."""
    process = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)", "ses_emulator"]
    )
    # Right after exec the kernel may still show an empty command line.
    deadline = time.monotonic() + 5
    while b"ses_emulator" not in Path(f"/proc/{process.pid}/cmdline").read_bytes():
        assert time.monotonic() < deadline, "impostor did not start"
        time.sleep(0.01)
    yield process
    process.kill()
    process.wait()


@pytest.fixture
def aws(emulator: str, sesv2):
    """boto3 clients of every service the sending tests touch, on a freshly reset emulator."""
    return emulator_clients.fresh(emulator)


def control(emulator: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    """Call the emulator API's controls (/_ses/control/...): (status, JSON answer)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{emulator}/_ses/control{path}", data=data, method=method)
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


@pytest.fixture
def verification(emulator: str) -> Iterator[Callable[..., dict]]:
    """Switch the emulator's verification setting for one test; back to `instant` after it."""

    def switch(mode: str, dns_server: str | None = None) -> dict:
        status, answer = control(
            emulator, "PUT", "/verification", {"verification": mode, "dns_server": dns_server}
        )
        assert status == 200, answer
        return answer

    yield switch
    switch("instant")
