"""A client's mistake is a 4xx with a reason, never a 500: emulator API and SES v2 JSON."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest


def local(emulator: str, method: str, path: str, data: bytes | None = None):
    request = urllib.request.Request(f"{emulator}/_ses{path}", data=data, method=method)
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [("GET", "/messages?region=bogus", None), ("GET", "/?region=bogus", None),
     ("PUT", "/control/mailboxes?region=bogus", b'{"domain": "x.test"}')],
)  # fmt: skip
def test_an_unknown_region_is_a_bad_request(emulator, sesv2, method, path, data):
    status, body = local(emulator, method, path, data)
    assert (status, json.loads(body)) == (
        400,
        {"message": "region 'bogus' is not a Region SES is offered in"},
    )


def test_an_account_that_is_not_twelve_digits_is_a_bad_request(emulator, sesv2):
    status, body = local(emulator, "GET", "/lanes?account=../../x")
    assert status == 400 and "12-digit" in json.loads(body)["message"]


@pytest.mark.parametrize("limit", ["-1", "x", "1.5"])
def test_a_limit_that_is_not_a_count_is_a_bad_request(emulator, aws, limit):
    aws.send("u@x.test")
    status, body = local(emulator, "GET", f"/messages?limit={limit}")
    assert (status, json.loads(body)) == (
        400,
        {"message": "limit must be a whole number, 0 or more"},
    )
    assert local(emulator, "GET", "/messages?limit=0")[0] == 200


def test_a_deeply_nested_control_body_is_a_bad_request(emulator, sesv2):
    depth = 100_000  # deeper than Python's parser recursion: was a 500 RecursionError
    status, body = local(emulator, "PUT", "/control/account", b"[" * depth + b"]" * depth)
    assert (status, json.loads(body)) == (400, {"message": "request body is nested too deeply"})


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(emulator, raw, constant):
    status, body = local(
        emulator,
        "PUT",
        "/control/mailboxes",
        f'{{"domain": "x.test", "bounce_rate": {constant}}}'.encode(),
    )
    assert (status, json.loads(body)) == (400, {"message": "request body is not JSON"})
    status, headers, payload = raw(
        "POST",
        "/v2/email/configuration-sets",
        data=f'{{"ConfigurationSetName": {constant}}}'.encode(),
    )
    assert (status, headers["x-amzn-errortype"]) == (400, "BadRequestException")
    assert f"{constant} is not a JSON value" in payload["message"]
