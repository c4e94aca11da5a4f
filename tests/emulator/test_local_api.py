"""The emulator's own API (/_ses/messages, /_ses/control) and the /_ses/ lanes page,
the page checked in a real headless Chromium (screenshot kept in build/)."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from emulator_clients import cloudwatch

REPO = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO / "build" / "ses-lanes.png"


def test_messages_filter_by_set_stream_recipient_and_event_type_then_clear(aws):
    aws.lane("alpha", cloudwatch("SEND", default="alpha"))
    aws.lane("beta", cloudwatch("SEND", default="beta"))
    a = aws.send("one@x.test", ConfigurationSetName="alpha")
    b = aws.send("bounce@simulator.amazonses.com", ConfigurationSetName="beta")
    c = aws.send("one@x.test", ConfigurationSetName="beta",
                 EmailTags=[{"Name": "stream", "Value": "gamma"}])  # fmt: skip
    bare = aws.send("two@x.test")

    def ids(query):
        return [m["MessageId"] for m in aws.messages(query)]

    assert ids("") == [bare, c, b, a]
    assert ids("?configuration_set=beta") == [c, b]
    assert ids("?configuration_set=") == [bare]
    assert ids("?stream=gamma") == [c]
    assert ids("?stream=beta") == [b]
    assert ids("?recipient=ONE@x.test") == [c, a]
    assert ids("?event_type=BOUNCE") == [b]
    assert ids("?configuration_set=beta&event_type=DELIVERY") == [c]
    assert ids("?limit=1") == [bare]
    assert aws.local("GET", "/messages?event_type=bounce") == (
        400,
        {"message": "event_type must be one of SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, "
                    "CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION"},
    )  # fmt: skip
    assert aws.local("DELETE", "/messages") == (200, {})
    assert aws.messages() == []
    _, lanes = aws.local("GET", "/lanes")
    assert [(lane["ConfigurationSet"], lane["Counts"]["sends"]) for lane in lanes["Lanes"]] == [
        ("alpha", 0),
        ("beta", 0),
    ]


@pytest.mark.parametrize(
    ("method", "path", "body", "message"),
    [
        ("PUT", "/control/mailboxes", {"bounce_rate": 1},
         'give exactly one of "address" or "domain"'),
        ("PUT", "/control/mailboxes", {"domain": "x.test", "bounce_rate": 2},
         "bounce_rate must be a number from 0 to 1"),
        ("PUT", "/control/account", {"sending_enabled": "no"},
         "give only sending_enabled and production_access_enabled, each true or false"),
        ("GET", "/nothing", None, "no emulator API at GET /_ses/nothing"),
    ],
)  # fmt: skip
def test_control_api_refuses_bad_input_with_one_json_message(aws, method, path, body, message):
    status, answer = aws.local(method, path, body)
    assert (status, answer) == (404 if path == "/nothing" else 400, {"message": message})


class Lanes(HTMLParser):
    """lane name -> {counter: value} and the number of messages shown, from the DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.lanes: dict[str, dict[str, int]] = {}
        self.current: str | None = None
        self.counter: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "data-lane" in attributes:
            self.current = attributes["data-lane"]
            self.lanes[self.current] = {"shown": 0}
        elif "data-count" in attributes:
            self.counter = attributes["data-count"]
        elif "data-message" in attributes and self.current is not None:
            self.lanes[self.current]["shown"] += 1

    def handle_data(self, data):
        if self.counter and self.current is not None:
            self.lanes[self.current][self.counter] = int(data)
            self.counter = None


def chromium(*arguments: str) -> str:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.fail("chromium is not installed: `make test` installs it (apt-get install chromium)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             "--disable-dev-shm-usage", "--hide-scrollbars"]  # fmt: skip
    result = subprocess.run([binary, *flags, *arguments], capture_output=True, text=True,
                            timeout=60, check=True)  # fmt: skip
    return result.stdout


def test_lanes_page_in_a_headless_browser_shows_each_lane_and_its_counts(aws):
    aws.lane("transactional", SuppressionOptions={"SuppressedReasons": ["BOUNCE"]})
    aws.lane("marketing", SuppressionOptions={"SuppressedReasons": ["BOUNCE", "COMPLAINT"]})
    aws.sesv2.put_suppressed_destination(EmailAddress="gone@x.test", Reason="COMPLAINT")
    for to in ("success@simulator.amazonses.com", "bounce@simulator.amazonses.com"):
        aws.send(to, ConfigurationSetName="transactional")
    for to in ("complaint@simulator.amazonses.com", "gone@x.test", "ok@x.test"):
        aws.send(to, ConfigurationSetName="marketing")
    aws.send("gone@x.test", ConfigurationSetName="transactional")

    dom = chromium("--dump-dom", f"{aws.url}/_ses/")
    parser = Lanes()
    parser.feed(dom)
    assert parser.lanes == {
        "marketing": {"sends": 3, "deliveries": 2, "bounces": 0, "complaints": 1,
                      "suppressed": 1, "rejected": 0, "shown": 3},
        "transactional": {"sends": 3, "deliveries": 2, "bounces": 1, "complaints": 0,
                          "suppressed": 0, "rejected": 0, "shown": 3},
    }  # fmt: skip
    assert 'http-equiv="refresh"' in dom  # the page reloads itself
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    chromium(f"--screenshot={SCREENSHOT}", "--window-size=1200,800", f"{aws.url}/_ses/")
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
