"""Audit tests run `sesguard audit` against the real emulator over HTTP, with the account
built (and broken) through boto3, DNS served by a real server on loopback, and faults
injected by an HTTP proxy in front of the emulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from audit_runs import account_arn, reset_clients
from dns_zone_server import ZoneServer
from fault_proxy import FaultProxy
from live_account import Zone, build_account


@pytest.fixture(autouse=True)
def credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Fake keys the emulator accepts; no profile or config of the machine leaks in."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))


@pytest.fixture
def clients(emulator: str) -> dict:
    return reset_clients(emulator)


@pytest.fixture
def zone(clients) -> Zone:
    """The good account, built on the emulator for this test, to break; its DNS zone."""
    return build_account(clients)


@pytest.fixture(scope="module")
def shared_account(emulator: str) -> Zone:
    """The good account built once for a module whose tests only read it (they break the
    DNS zone, or the answers through the proxy, never the account): its DNS zone.
    Such a module must not use `clients` or `zone`, which reset the emulator."""
    return build_account(reset_clients(emulator))


@pytest.fixture
def shared_zone(shared_account: Zone) -> Zone:
    """A copy of the shared account's zone, for a test to break."""
    return Zone({key: list(values) for key, values in shared_account.records.items()})


@pytest.fixture
def dns_server(shared_zone: Zone) -> Iterator[ZoneServer]:
    server = ZoneServer(shared_zone.records).start()
    yield server
    server.stop()


@pytest.fixture
def proxy(emulator: str) -> Iterator[FaultProxy]:
    server = FaultProxy(emulator).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def baseline(emulator: str) -> set[tuple[str, str]]:
    """Findings a good account still gets here: the info note (SES020, on the account) that
    the IAM policies were not read, since the audit runs without --iam."""
    return {("SES020", account_arn())}
