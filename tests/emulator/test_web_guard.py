"""The emulator answers this machine's tools, not web pages: Origin, Host and Content-Type."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from ses_emulator import lifecycle

EVIL = "https://evil.example"


def call(url: str, method: str = "GET", data: bytes | None = None, **headers: str):
    """(status, lower-cased headers, body) of one raw HTTP request."""
    request = urllib.request.Request(url, data=data, method=method)
    for name, value in headers.items():
        request.add_header(name.replace("_", "-"), value)
    try:
        with urllib.request.urlopen(request) as response:
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/moto-api/data.json"), ("POST", "/moto-api/reset"), ("GET", "/_ses/messages"),
     ("GET", "/v2/email/identities"), ("PUT", "/_ses/control/account")],
)  # fmt: skip
def test_a_foreign_origin_is_refused_before_anything_runs(emulator, aws, method, path):
    data = b'{"sending_enabled": false}' if method == "PUT" else None
    status, headers, body = call(
        emulator + path, method, data, Origin=EVIL, Content_Type="application/json"
    )
    assert status == 403 and "access-control-allow-origin" not in headers
    assert "Origin 'https://evil.example' is not allowed" in json.loads(body)["message"]
    # Nothing was reset or switched: the identity is still there, sending still on.
    assert aws.sesv2.list_email_identities()["EmailIdentities"]
    assert aws.local("GET", "/control/account")[1]["sending_enabled"] is True


@pytest.mark.parametrize(
    "origin", ["http://localhost:3000", "http://127.0.0.1:8080", "http://[::1]"]
)
def test_loopback_origins_get_cors_headers_and_a_preflight(emulator, sesv2, origin):
    status, headers, _ = call(emulator + "/moto-api/data.json", Origin=origin)
    assert (status, headers["access-control-allow-origin"]) == (200, origin)
    status, headers, _ = call(
        emulator + "/v2/email/identities", "OPTIONS", Origin=origin,
        Access_Control_Request_Method="POST",
    )  # fmt: skip
    assert status == 204 and headers["access-control-allow-origin"] == origin
    assert "content-type" in headers["access-control-allow-headers"]


def test_no_origin_means_no_cors_header_even_where_moto_adds_one(emulator, sesv2):
    status, headers, _ = call(emulator + "/moto-api/data.json")
    assert status == 200 and not any(h.startswith("access-control-") for h in headers)


@pytest.mark.parametrize("host", ["evil.example", "rebind.evil.example:4566", "10.0.0.8"])
def test_a_host_header_that_is_not_loopback_is_refused(emulator, sesv2, host):
    status, _, body = call(emulator + "/moto-api/data.json", Host=host)
    assert status == 403 and "is not a loopback name" in json.loads(body)["message"]


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:1", "[::1]:4566", "ses.localhost"])
def test_loopback_host_names_are_answered(emulator, sesv2, host):
    assert call(emulator + "/_ses/lanes", Host=host)[0] == 200


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("PUT", "/_ses/control/account", b'{"sending_enabled": false}'),
     ("PUT", "/_ses/control/mailboxes", b'{"domain": "x.test", "bounce_rate": 1}'),
     ("POST", "/v2/email/outbound-emails", b'{"FromEmailAddress": "a@example.test"}')],
)  # fmt: skip
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_writes_need_a_json_content_type(emulator, aws, method, path, body, content_type):
    status, headers, answer = call(emulator + path, method, body, Content_Type=content_type)
    assert status == 415, answer
    assert json.loads(answer) == {"message": "Content-Type must be application/json"}
    assert aws.local("GET", "/control/account")[1]["sending_enabled"] is True
    assert aws.local("GET", "/control/mailboxes")[1]["Rules"] == []


def test_extra_origins_and_hosts_come_from_a_flag_and_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SES_EMULATOR_EXTRA_ALLOWED_HOSTS", "emulator.lan")
    state = tmp_path / "emulator"
    url = lifecycle.start(state, options=["--allow-origin=https://console.dev.test"]).url
    try:
        status, headers, _ = call(url + "/_ses/lanes", Origin="https://console.dev.test")
        assert (status, headers["access-control-allow-origin"]) == (200, "https://console.dev.test")
        assert call(url + "/_ses/lanes", Origin=EVIL)[0] == 403
        assert call(url + "/_ses/lanes", Host="emulator.lan:4566")[0] == 200
        assert call(url + "/_ses/lanes", Host="other.lan")[0] == 403
    finally:
        lifecycle.stop(state)


def test_serve_help_names_the_flags_and_their_environment_variables(capsys):
    from ses_emulator.__main__ import main

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "SES_EMULATOR_EXTRA_CORS_ALLOWED_ORIGINS" in text and "--allow-host" in text
