"""One checkov resource check per sesguard rule; checkov loads this file by path.

The verdicts come from ``checkov_sesguard.verdict`` (the gate run once per plan); this
file only translates rule metadata into checkov's vocabulary.
"""

from __future__ import annotations

from checkov.common.bridgecrew.severities import BcSeverities, Severities
from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck
from checkov.terraform.checks.resource.registry import resource_registry
from sesguard.rules import RULES

from checkov_sesguard import verdict

# checkov's severity filter (--check HIGH) and SARIF levels read these.
CHECKOV_SEVERITY = {
    "error": Severities[BcSeverities.HIGH],
    "warning": Severities[BcSeverities.MEDIUM],
    "info": Severities[BcSeverities.INFO],
}


class SesguardRuleCheck(BaseResourceCheck):
    """checkov's face of one sesguard rule; supports every resource type ("*")."""

    def __init__(self, rule) -> None:
        super().__init__(
            name=rule.summary,
            id=rule.id,
            categories=[CheckCategories.GENERAL_SECURITY],
            supported_resources=["*"],
            guideline=rule.doc_url,
        )
        self.severity = CHECKOV_SEVERITY.get(rule.severity)

    def scan_resource_conf(self, conf):
        self.evaluated_keys = []
        answer = verdict(self.id, self.entity_type, conf)
        self.details = list(answer.messages)
        return CheckResult[answer.result]


def _rules():
    return RULES.values() if isinstance(RULES, dict) else RULES


# checkov may load this file twice (python -m checkov_sesguard preloads it, and the
# user may also pass --external-checks-dir): register each rule once.
CHECKS = [
    SesguardRuleCheck(rule)
    for rule in _rules()
    if resource_registry.get_check_by_id(rule.id) is None
]
