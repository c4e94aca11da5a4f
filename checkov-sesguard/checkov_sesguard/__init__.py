"""sesguard's rules as checkov external checks: the gate's own code, answered per resource.

Usage (checkov in its own environment, with this distribution installed there too)::

    checkov -f plan.json --framework terraform_plan \\
        --external-checks-dir checkov-sesguard/checkov_sesguard --check SES001,SES002,... \\
        --soft-fail-on MEDIUM      # exit 1 iff `sesguard check` would exit 1

Design note (read from checkov 3.3.30's source, the pinned version):

* checkov's ``terraform_plan`` runner calls every resource check once per resource
  (``BaseResourceCheck.scan_resource_conf(conf)``) while sesguard's rules are plan-wide:
  a stream spans a configuration set, a pool, event destinations, alarms and an
  identity, and a rule such as SES003 compares streams with each other.
* Every ``conf`` the plan runner hands a check carries ``__address__`` (the resource
  address from the plan) and ``__file__`` (the absolute path of the plan JSON: checkov's
  JSON loader stamps it on every mapping, whatever path was given on the command line).
* So the first call for a plan file runs the real gate once (``sesguard.check_plan``)
  and indexes its findings by (rule id, address); every other call, for any rule and
  any resource, is a dictionary lookup. The index is keyed by path, size and mtime, so
  a plan rewritten in place is evaluated again. There is no second implementation of a
  rule here, and a plan rule added to ``sesguard.rules.RULES`` appears in checkov unchanged.
* Rejected alternatives: a YAML/graph check can only compare attributes and connections,
  it cannot run Python over the whole plan; a custom runner cannot be loaded through
  ``--external-checks-dir``, so users would have to change how they call checkov;
  reading the plan back from checkov's graph would be a second parser of the plan.
* Verdicts: FAILED where the rule has a finding at this resource's address; PASSED on
  SES resources without one; UNKNOWN elsewhere, which checkov drops from its report
  (so a 4,000-resource plan does not list 14 passes per SNS topic or IAM policy).
* checkov only scans resources in the plan's ``planned_values``. Some findings are about
  something that is *not* there: a configuration set or pool the plan deletes or
  replaces (SES013), a stream module without a set or a declared stream missing from
  the plan (SES001). Dropping them would let checkov pass a plan ``sesguard check``
  fails, so each such finding is re-attached to ONE resource checkov does scan (the
  "anchor"), chosen in this order, first non-empty tier wins, lowest address within it:
  1. the SES and alarm resources left in the finding's own module (the stream's
     surviving identity, set, pool or alarms), an identity first;
  2. the plan's email identities;
  3. any other SES or CloudWatch alarm resource of the plan;
  4. any resource of the plan.
  Its details name the real address: ``<address> (not in planned_values): <message>``.
  A plan with no resources at all leaves nothing to anchor to (and nothing to send).
* Severity: error → HIGH, warning → MEDIUM, info → INFO (``sesguard_checks.py``). Run
  checkov with ``--soft-fail-on MEDIUM`` so its exit code is the gate's: 1 iff an error
  finding exists. (``--hard-fail-on HIGH`` would do for the SES checks alone, but it
  also lets every built-in check without a severity — all of them offline — pass.)
* checkov turns an exception raised inside a check into UNKNOWN, i.e. silence. A plan
  the gate cannot use is therefore logged once (one line, checkov's logger) and every
  SES check answers FAILED with that message on every SES resource, so the pipeline
  cannot pass by accident.
* checkov has no option to pass the gate's config: the environment variable
  ``SESGUARD_CONFIG`` names the TOML file, as ``sesguard check --config`` would.
* ``checkov -l`` ignores ``--external-checks-dir`` in 3.3.x (checkov's GitHub issue #5238):
  ``python -m checkov_sesguard -l`` runs checkov with these checks already registered.

This package itself imports nothing from checkov, so it also imports in ``.venv``; the
checks live in ``sesguard_checks.py``, the file checkov loads (it skips ``__init__.py``).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from sesguard import load_config, load_plan
from sesguard.gate import check_plan_model
from sesguard.model.addresses import in_module
from sesguard.model.from_plan import planned_resources

CHECKS_DIR = os.path.dirname(os.path.abspath(__file__))
# The gate config (TOML) for checkov runs, where there is no --config option to pass.
CONFIG_ENV = "SESGUARD_CONFIG"

# Resource types a sesguard rule is about even when it finds nothing: these get an
# explicit PASSED. Findings on any other resource (an alarm, an IAM policy) still FAIL.
SES_RESOURCE_PREFIXES = ("aws_sesv2_", "aws_ses_")
ALARM_TYPE = "aws_cloudwatch_metric_alarm"
IDENTITY_TYPE = "aws_sesv2_email_identity"

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    """What one SES check answers for one resource: PASSED, FAILED or UNKNOWN."""

    result: str
    messages: tuple[str, ...] = ()


@dataclass(frozen=True)
class _PlanVerdicts:
    stamp: tuple[int, int]
    messages_by_rule_address: dict[tuple[str, str], tuple[str, ...]]
    unusable: str | None = None


_evaluated: dict[str, _PlanVerdicts] = {}


def _file_stamp(path: str) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns


def _evaluate(path: str) -> _PlanVerdicts:
    stamp = _file_stamp(path)
    try:
        config_path = os.environ.get(CONFIG_ENV)
        config = load_config(config_path) if config_path else None
        plan = load_plan(path)
        model, report = check_plan_model(plan, config)
        # address -> type of every resource checkov scans: those in `planned_values`.
        scanned = {res["address"]: res["type"] for res in planned_resources(plan)}
    except Exception as error:  # any failure must surface: checkov would hide it
        message = f"sesguard cannot evaluate {path}: {error}"
        _log.error(message)
        return _PlanVerdicts(stamp, {}, unusable=message)
    grouped: dict[tuple[str, str], list[str]] = {}
    for finding in report.findings:
        text = finding.message
        if finding.remediation:
            text = f"{text} Fix: {finding.remediation}"
        address = finding.address or ""
        if address not in scanned:
            resource = model.resources.get(address)
            anchor = _anchor(address, resource.module if resource else address, scanned)
            if anchor is None:
                continue  # a plan without resources: checkov scans nothing to fail
            text = f"{finding.address or finding.stream} (not in planned_values): {text}"
            address = anchor
        grouped.setdefault((finding.rule, address), []).append(text)
    return _PlanVerdicts(stamp, {key: tuple(texts) for key, texts in grouped.items()})


def _anchor(address: str, module: str, scanned: dict[str, str]) -> str | None:
    """The resource checkov reports a finding on when its own resource is not scanned.

    ``module`` is the finding's module address (a deleted resource's module, or the
    finding's address itself when that is a stream module); see the module docstring.
    """

    def watched(kind: str) -> bool:
        return kind.startswith(SES_RESOURCE_PREFIXES) or kind == ALARM_TYPE

    own = {a: t for a, t in scanned.items() if in_module(a, module)}
    tiers = (
        [a for a, t in own.items() if t == IDENTITY_TYPE],
        [a for a, t in own.items() if watched(t)],
        [a for a, t in scanned.items() if t == IDENTITY_TYPE],
        [a for a, t in scanned.items() if watched(t)],
        list(scanned),
    )
    return next((min(tier) for tier in tiers if tier), None)


def findings_by_rule_address(path: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """The gate's findings for the plan at ``path``, evaluated once per file version."""
    return _verdicts_for(path).messages_by_rule_address


def _verdicts_for(path: str) -> _PlanVerdicts:
    cached = _evaluated.get(path)
    if cached is None or cached.stamp != _file_stamp(path):
        cached = _evaluated[path] = _evaluate(path)
    return cached


def _scalar(value: object) -> str:
    """checkov wraps plan values in one-element lists (its HCL-like view of the plan)."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value if isinstance(value, str) else ""


def verdict(rule_id: str, resource_type: str, conf: dict) -> Verdict:
    """Answer rule ``rule_id`` for one resource of a plan, as checkov's check must."""
    path, address = _scalar(conf.get("__file__")), _scalar(conf.get("__address__"))
    if not path or not address:
        return Verdict("UNKNOWN")  # not a plan resource (a checkov HCL scan, say)
    verdicts = _verdicts_for(path)
    is_ses_resource = resource_type.startswith(SES_RESOURCE_PREFIXES)
    if verdicts.unusable:
        return Verdict("FAILED", (verdicts.unusable,)) if is_ses_resource else Verdict("UNKNOWN")
    messages = verdicts.messages_by_rule_address.get((rule_id, address))
    if messages:
        return Verdict("FAILED", messages)
    return Verdict("PASSED") if is_ses_resource else Verdict("UNKNOWN")
