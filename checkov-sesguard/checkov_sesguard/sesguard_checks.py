"""One checkov check per sesguard rule and block kind; checkov loads this file by path.

The verdicts come from ``checkov_sesguard.verdict`` (the gate, run once per plan); this
file only translates rule metadata into checkov's vocabulary. Each rule is registered
for resources and for data sources: SES012 can point at ``data.aws_iam_policy_document``.
"""

from __future__ import annotations

from checkov.common.bridgecrew.severities import BcSeverities, Severities
from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.data.base_check import BaseDataCheck
from checkov.terraform.checks.data.registry import data_registry
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck
from checkov.terraform.checks.resource.registry import resource_registry
from sesguard.rules import PLAN_RULES

from checkov_sesguard import verdict

# checkov's exit code (--soft-fail-on MEDIUM: only errors fail, as in sesguard), its severity
# filter (--check HIGH) and its SARIF levels read these.
CHECKOV_SEVERITY = {
    "error": Severities[BcSeverities.HIGH],
    "warning": Severities[BcSeverities.MEDIUM],
    "info": Severities[BcSeverities.INFO],
}
EVERY_TYPE = ["*"]  # checkov matches supported types with fnmatch


def _checkov_args(rule) -> dict:
    return {
        "name": rule.summary,
        "id": rule.id,
        "categories": [CheckCategories.GENERAL_SECURITY],
        "guideline": rule.doc_url,
    }


def _answer(check, conf) -> CheckResult:
    check.evaluated_keys = []
    answer = verdict(check.id, check.entity_type, conf)
    check.details = list(answer.messages)
    return CheckResult[answer.result]


class SesguardResourceCheck(BaseResourceCheck):
    """checkov's face of one sesguard rule, for managed resources."""

    def __init__(self, rule) -> None:
        super().__init__(supported_resources=EVERY_TYPE, **_checkov_args(rule))
        self.severity = CHECKOV_SEVERITY.get(rule.severity)

    def scan_resource_conf(self, conf):
        return _answer(self, conf)


class SesguardDataCheck(BaseDataCheck):
    """checkov's face of one sesguard rule, for data sources."""

    def __init__(self, rule) -> None:
        super().__init__(supported_data=EVERY_TYPE, **_checkov_args(rule))
        self.severity = CHECKOV_SEVERITY.get(rule.severity)

    def scan_data_conf(self, conf):
        return _answer(self, conf)


# checkov may load this file twice (python -m checkov_sesguard preloads it and the user
# may also pass --external-checks-dir): register each rule once per registry.
CHECKS = [
    check_class(rule)
    for check_class, registry in (
        (SesguardResourceCheck, resource_registry),
        (SesguardDataCheck, data_registry),
    )
    for rule in PLAN_RULES
    if registry.get_check_by_id(rule.id) is None
]
