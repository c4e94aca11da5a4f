from __future__ import annotations

from ..model import Model
from ..values import UNKNOWN
from .base import Rule

# An unknown name the model still tied to a resource through the configuration section.
RESOLVED_BY = {"pool_name": "pool", "set_name": "config_set"}
# Fields that name another resource or an identity: an ID or ARN computed at apply is the
# usual reason they are unknown. The others are settings computed from another resource.
NAME_FIELDS = frozenset({"name", "pool_name", "set_name", "default_set", "identity", "domain"})


class UnknownAtPlan(Rule):
    id = "SES014"
    name = "unknown-at-plan"
    severity = "info"
    summary = "Attributes a rule needed were unknown at plan time (listed per rule and address)."
    why = (
        "A value computed during apply (a generated pool name, a set name from another "
        "resource's ID) cannot be checked before apply. The gate never guesses pass or fail: "
        "it tells the reviewer what it could not verify."
    )
    fix = (
        "Give each listed attribute a literal or variable value (for a name: the name, not "
        "an ID) so the plan shows it, or check it by hand before apply."
    )
    doc_url = (
        "https://developer.hashicorp.com/terraform/internals/json-format#change-representation"
    )
    applies_to = ("plan",)  # a live account has no value unknown until apply

    @classmethod
    def uses(cls, other: type[Rule]) -> bool:
        return "plan" in other.applies_to and bool(other.needs)  # it reports their `needs`

    def check(self, model: Model):
        wanted: dict[tuple[str, str], list[str]] = {}
        for rule in self.used:
            for kind, fields in rule.needs.items():
                for name in fields:
                    wanted.setdefault((kind, name), []).append(rule.id)
        for kind, entities in model.entities().items():
            fields = [(name, ids) for (k, name), ids in wanted.items() if k == kind]
            for entity in entities:
                for name, ids in fields:
                    if getattr(entity, name) is not UNKNOWN:
                        continue
                    target = getattr(entity, RESOLVED_BY.get(name, ""), None)
                    note = f" (refers to {target.address})" if target is not None else ""
                    yield self.finding(
                        getattr(entity, "stream", None),
                        entity.address,
                        f"{name} is unknown until apply{note}: {', '.join(ids)} could not "
                        "verify it",
                        _fix(name, entity.address),
                        fact=name,
                    )


def _fix(field: str, address: str) -> str:
    if field in NAME_FIELDS:
        return (
            f"Pass a name, not an ID: give {address} a literal or variable {field} so the "
            "plan shows it, or check it by hand before apply."
        )
    return (
        f"Give {address} a literal or variable {field}, not one computed from another "
        "resource, so the plan shows it; or check it by hand before apply."
    )
