"""The library entry point: plan dict → Report. The CLI and the checkov wrapper call this."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .findings import SEVERITIES, Finding, PlanSummary, Report
from .model import Model, model_from_plan
from .plan import paused_gc

if TYPE_CHECKING:
    from .config import Config


def run_rules(model: Model, rule_ids: set[str] | None = None) -> list[Finding]:
    from .rules import RULES

    findings = [
        finding
        for rule in RULES
        if rule_ids is None or rule.id in rule_ids
        for finding in rule.check(model)
    ]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (f.stream or "~", order[f.severity], f.rule, f.address or ""))
    return findings


class Checked(NamedTuple):
    """A checked plan: the report, and the model it was made from (its resources and its
    configuration, which SARIF locations and the checkov adapter read)."""

    model: Model
    report: Report


def check_plan(plan: dict, config: Config | None = None) -> Report:
    """Check a parsed plan (see :func:`sesguard.load_plan`). Raises InputError on bad input."""
    return check_plan_model(plan, config).report


def check_plan_model(plan: dict, config: Config | None = None) -> Checked:
    """:func:`check_plan`, keeping the model for callers that read the plan further."""
    with paused_gc():
        model = model_from_plan(plan, config)
        findings = run_rules(model)
        return Checked(model, Report(findings, _summary(model)))


def _summary(model: Model) -> PlanSummary:
    return PlanSummary(
        # str(): sensitive names are Redacted and must print as "(sensitive)".
        streams={
            str(name): {
                "class": stream.class_name,
                "class_source": stream.class_source,
                "configuration_sets": [str(s.name) for s in stream.sets if isinstance(s.name, str)],
            }
            for name, stream in sorted(model.streams.items())
        },
        resources=len(model.resources),
    )
