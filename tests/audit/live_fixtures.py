"""Account fixtures of the live rules (tests/audit/fixtures/SESNNN): each rule's violations
(`violations.py`), made on the good account in the emulator through boto3, read by the
audit's own reader and kept as snapshots (`<violation>.json`), beside the exact findings
of each (`findings.json`). Rule tests build the model from a snapshot: no emulator, no
Terraform. tools/refresh_live_fixtures.py rewrites them; test_live_fixtures_current.py
says which is stale.
"""

from __future__ import annotations

import importlib.util
import json
import re
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import boto3
from audit_runs import emulator_clients, reset
from dns_zone_server import ZoneServer
from fault_proxy import FaultProxy
from live_account import ACCOUNT, REGION, Zone, build_account
from plan_fixtures import load_plan
from refresh_rule_fixtures import cases_text, finding_rows
from sesguard.audit.bounds import Deadline
from sesguard.audit.connect import AuditOptions, clients
from sesguard.audit.read_pause import PAUSE_SERVICES
from sesguard.audit.reader import Reader
from sesguard.audit.run import finish_reads, live_findings, read_snapshot
from sesguard.audit.snapshot import from_json, to_json
from sesguard.config import config_from_dict
from sesguard.model import model_from_account, model_from_plan

FIXTURES = Path(__file__).parent / "fixtures"
# The live rules without an account fixture, and why none can exist.
WITHOUT_FIXTURE = {
    "SES008": "the audit reads SES v2 only: a live account never shows a v1 resource",
    "SES011": "SES refuses a MAIL FROM domain outside its identity, and gives one per identity",
}


@dataclass
class LiveAccount:
    """The good account in the emulator for a violation to break, and how it is read: its
    DNS zone (served on loopback), a proxy in front of the emulator for the states the
    emulator never enters, and the audit's options a violation may set."""

    emulator: str
    clients: dict
    zone: Zone
    proxy: FaultProxy
    iam: bool = False  # read IAM policies (--iam)
    plan: str | None = None  # a checked-in plan (tests/gate/fixtures/plans) to compare with
    config: dict | None = None  # the sesguard.toml of the audit, as data

    def control(self, method: str, path: str, body: dict) -> dict:
        """A call to the emulator's own API (/_ses/...): its clock, verification, IPs."""
        request = urllib.request.Request(
            f"{self.emulator}/_ses{path}", data=json.dumps(body).encode(), method=method
        )
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request) as answer:
            return json.loads(answer.read() or b"{}")


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(f"live_violations_{path.parent.name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def violations() -> dict[str, list[Callable[[LiveAccount], None]]]:
    """Each rule's violations, from its fixture folder."""
    return {
        path.parent.name: _load(path).VIOLATIONS
        for path in sorted(FIXTURES.glob("SES[0-9]*/violations.py"))
    }


def case_file(rule: str, violate: Callable) -> Path:
    return FIXTURES / rule / f"{violate.__name__}.json"


# -- reading a violating account -------------------------------------------------------
class Bench:
    """What every violation is made and read through, set up once (boto3 clients cost more
    to make than the reads): clients of the emulator, the audit's clients through a proxy
    in front of it, and a DNS server on loopback."""

    def __init__(self, emulator: str) -> None:
        self.emulator = emulator
        self.proxy = FaultProxy(emulator).start()
        self.dns = ZoneServer({}).start()
        self.options = AuditOptions(
            endpoint_url=self.proxy.url, dns_server=self.dns.address, retry_attempts=1
        )
        session = boto3.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
        )
        services = ("sesv2", "cloudwatch", "sns", *PAUSE_SERVICES, "iam")
        deadline = Deadline(self.options.timeout)
        self.reader_clients = clients(session, REGION, self.options, deadline, services)
        self.clients = emulator_clients(emulator)

    def close(self) -> None:
        self.proxy.stop()
        self.dns.stop()

    def read(self, violate: Callable) -> dict:
        """The good account broken by `violate`, read as `sesguard audit` reads it: the
        case (its plan and config, and the reader's snapshot) as JSON-ready data."""
        self.proxy.faults.clear()
        self.proxy.patches.clear()
        reset(self.emulator)
        account = LiveAccount(self.emulator, self.clients, build_account(self.clients), self.proxy)
        violate(account)
        self.dns.resolver.records = account.zone.records
        options = replace(self.options, iam=account.iam)
        snapshot = read_snapshot(Reader(self.reader_clients, ACCOUNT, REGION), options)
        finish_reads(snapshot, model_from_account(snapshot).live, options)
        return {
            "plan": account.plan,
            "config": account.config,
            "snapshot": pinned(to_json(snapshot)),
        }


# The values the emulator makes up anew on every run: DKIM tokens, tenant IDs.
_MADE_UP = re.compile(r"\b[a-z0-9]{32}\b|\btn-[a-z0-9]+\b")


def pinned(data: dict) -> dict:
    """The snapshot with what changes run to run replaced by names in order of appearance."""
    text = json.dumps(data, sort_keys=True)
    names: dict[str, str] = {}
    for value in _MADE_UP.findall(text):
        names.setdefault(value, f"pinned-{len(names) + 1}")
    return json.loads(_MADE_UP.sub(lambda m: names[m.group(0)], text))


def case_text(case: dict) -> str:
    return json.dumps(case, indent=1, sort_keys=True) + "\n"


# -- judging a snapshot ------------------------------------------------------------------
def findings_of(case: dict) -> list:
    """The live rules' findings on the account a case read, as the audit judges them."""
    config = config_from_dict(case["config"]) if case["config"] is not None else None
    model = model_from_account(from_json(case["snapshot"]), config)
    if case["plan"] is not None:
        model.live.planned = model_from_plan(load_plan(case["plan"]), config)
    return finding_rows(live_findings(model))


def findings_texts(cases: dict[str, dict[str, dict]]) -> dict[Path, str]:
    """Per rule, findings.json of its cases ({rule: {violation: case}})."""
    return {
        FIXTURES / rule / "findings.json": cases_text(
            {name: findings_of(case) for name, case in by_name.items()}
        )
        for rule, by_name in cases.items()
    }


def checked_in_cases() -> dict[str, dict[str, dict]]:
    return {
        rule: {v.__name__: json.loads(case_file(rule, v).read_text()) for v in found}
        for rule, found in violations().items()
    }


class CaseFailed(Exception):
    """A violation could not be made or read (the emulator refused it): one line."""


def fresh_files(emulator: str) -> dict[Path, str]:
    """Every case read anew from the emulator, and the findings of each."""
    cases: dict[str, dict[str, dict]] = {}
    files = {}
    bench = Bench(emulator)
    try:
        for rule, found in violations().items():
            for violate in found:
                try:
                    case = bench.read(violate)
                except Exception as error:
                    raise CaseFailed(f"{rule} {violate.__name__}: {error}") from error
                cases.setdefault(rule, {})[violate.__name__] = case
                files[case_file(rule, violate)] = case_text(case)
    finally:
        bench.close()
    files.update(findings_texts(cases))
    return files
