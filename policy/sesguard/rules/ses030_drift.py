from __future__ import annotations

from ..values import ABSENT, is_set
from .live_base import LiveRule


class Drift(LiveRule):
    id = "SES030"
    severity = "warning"
    summary = (
        "With --plan: the live account matches what the plan leaves in place (suppression, "
        "pool, TLS, destinations, alarms, identity defaults)."
    )
    why = (
        "A setting fixed by hand in the console is undone by the next apply, or outlives the "
        "review that the plan gate gave the code: either way what runs is not what was "
        "reviewed."
    )
    fix = (
        "Bring the change into Terraform (or import the resource) and apply, or revert the "
        "hand edit; then audit again with --plan."
    )
    doc_url = "https://developer.hashicorp.com/terraform/tutorials/state/resource-drift"
    reads = ("configuration_sets",)

    def check_live(self, model, live):
        planned = live.planned
        if planned is None:
            return
        for config_set in model.sets:
            wanted = planned.sets_by_name.get(config_set.name)
            if not wanted:
                yield self.finding(
                    config_set.stream,
                    config_set.address,
                    f"configuration set {config_set.name!r} exists but the plan does not manage it",
                )
                continue
            for label, have, want in _set_settings(config_set, wanted[0]):
                yield self.finding(
                    config_set.stream,
                    config_set.address,
                    f"configuration set {config_set.name!r}: {label} is {have} live, "
                    f"the plan leaves {want}",
                    fact=label,
                )
            live_dests = _destinations(model.destinations_of(config_set))
            plan_dests = _destinations(planned.destinations_of(wanted[0]))
            for name in sorted(set(live_dests) | set(plan_dests)):
                have, want = live_dests.get(name), plan_dests.get(name)
                if have != want and want is not None and want[1] is not None:
                    yield self.finding(
                        config_set.stream,
                        config_set.address,
                        f"event destination {name!r} of {config_set.name!r} is "
                        f"{_describe(have)} live, the plan leaves {_describe(want)}",
                        fact=f"event destination {name}",
                    )
        live_alarms = {a.name: a for a in model.alarms}
        for alarm in planned.alarms:
            if not isinstance(alarm.name, str) or not alarm.kinds():
                continue
            found = live_alarms.get(alarm.name)
            if found is None:
                yield self.finding(
                    None,
                    live.account_address,
                    f"alarm {alarm.name!r} of the plan does not exist live",
                    fact=f"alarm {alarm.name}",
                )
            elif is_set(alarm.threshold) and found.threshold != alarm.threshold:
                yield self.finding(
                    found.stream,
                    found.address,
                    f"alarm {alarm.name!r}: threshold is {found.threshold} live, the plan "
                    f"leaves {alarm.threshold}",
                )
        live_defaults = {i.identity: i for i in model.identities}
        for identity in planned.identities:
            found = live_defaults.get(identity.identity)
            if found is None or not is_set(identity.default_set):
                continue
            if found.default_set != identity.default_set:
                yield self.finding(
                    None,
                    found.address,
                    f"identity {identity.identity!r}: default configuration set is "
                    f"{found.default_set!r} live, the plan leaves {identity.default_set!r}",
                )


def _shown(value) -> str:
    if value is ABSENT:
        return "inherited from the account"
    return repr(list(value) if isinstance(value, tuple) else value)


def _set_settings(have, want):
    pairs = (
        ("suppressed reasons", have.suppressed_reasons, want.suppressed_reasons),
        ("sending pool", have.pool_name, want.pool_name),
        ("TLS policy", have.tls_policy, want.tls_policy),
    )
    for label, live_value, plan_value in pairs:
        if plan_value is not ABSENT and not is_set(plan_value):
            continue  # unknown until apply: nothing to compare with
        if label == "suppressed reasons":
            same = _reasons(live_value) == _reasons(plan_value)
        else:
            same = (live_value or None) == (plan_value or None) or (
                label == "TLS policy" and {live_value, plan_value} <= {"OPTIONAL", None}
            )
        if not same:
            yield label, _shown(live_value), _shown(plan_value)


def _reasons(value):
    return value if value is ABSENT else frozenset(value)


def _destinations(destinations) -> dict:
    return {
        d.name: (d.enabled, d.event_types if isinstance(d.event_types, frozenset) else None)
        for d in destinations
        if isinstance(d.name, str)
    }


def _describe(state) -> str:
    if state is None:
        return "absent"
    enabled, types = state
    return f"{'enabled' if enabled else 'disabled'} for {', '.join(sorted(types or ()))}"
