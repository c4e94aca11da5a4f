"""Turn a real, known-good plan into a violating one, the way a bad change would.

Every helper edits `resource_changes` (and, where Terraform would, `configuration`) of a
plan produced by `terraform show -json`; no JSON fragment is typed by hand, so the
fixtures cannot drift from what Terraform emits.
"""

from __future__ import annotations

import copy
import json

from sesguard.model.addresses import instance_key, module_steps

# The env's root identity (transactional default); marketing and bulk have their own.
ROOT_IDENTITY = "module.platform.module.identity"


def changes(plan: dict, type_: str | None = None, stream: str | None = None) -> list[dict]:
    """Resource changes, optionally of one type and inside one stream module instance."""
    return [
        rc
        for rc in plan["resource_changes"]
        if (type_ is None or rc["type"] == type_)
        and (stream is None or f'stream["{stream}"]' in rc.get("module_address", ""))
    ]


def one(
    plan: dict,
    type_: str,
    stream: str | None = None,
    name: str | None = None,
    module: str | None = None,
) -> dict:
    found = [
        rc
        for rc in changes(plan, type_, stream)
        if (name is None or rc["name"] == name)
        and (module is None or rc.get("module_address") == module)
    ]
    assert len(found) == 1, f"expected one {type_} in stream {stream}, found {len(found)}"
    return found[0]


def after(rc: dict) -> dict:
    return rc["change"]["after"]


def config_set(plan: dict, stream: str) -> dict:
    return one(plan, "aws_sesv2_configuration_set", stream)


def alarm(plan: dict, stream: str, kind: str) -> dict:
    return next(
        rc
        for rc in changes(plan, "aws_cloudwatch_metric_alarm", stream)
        if rc["address"].endswith(f'["{kind}_rate"]')
    )


def destination(plan: dict, stream: str, name: str) -> dict:
    return one(plan, "aws_sesv2_configuration_set_event_destination", stream, name)


def remove(plan: dict, rc: dict) -> None:
    plan["resource_changes"].remove(rc)


def make_live(rc: dict, actions: list[str], before: dict | None = None) -> None:
    """Pretend the resource already exists (the plan now updates/replaces/deletes it)."""
    rc["change"]["before"] = copy.deepcopy(before if before is not None else after(rc))
    rc["change"]["actions"] = actions
    if actions == ["delete"]:
        rc["change"]["after"] = None
        rc["change"]["after_unknown"] = {}


def set_unknown(rc: dict, path: list) -> None:
    """Make one attribute known only after apply: omitted from `after`, true in `after_unknown`."""
    node, marks = rc["change"]["after"], rc["change"]["after_unknown"]
    for key in path[:-1]:
        node = node[key]
        if isinstance(key, int):
            while len(marks) <= key:
                marks.append({})
            marks = marks[key]
        else:
            marks = marks.setdefault(key, {} if isinstance(path[path.index(key) + 1], str) else [])
    node.pop(path[-1], None)
    marks[path[-1]] = True


def clone(plan: dict, rc: dict, type_: str, after_values: dict) -> dict:
    """A new resource change shaped like `rc` (same module, actions) of another type."""
    new = copy.deepcopy(rc)
    new["type"] = type_
    new["address"] = f"{rc['module_address']}.{type_}.{rc['name']}"
    new["change"]["after"] = after_values
    new["change"]["after_unknown"] = {}
    plan["resource_changes"].append(new)
    return new


def stream_key(module_address: str) -> str | None:
    """The for_each key of the innermost `stream` module call: the stream's name."""
    return instance_key([s for s in module_steps(module_address) if s.name == "stream"][-1].index)


def copy_to_stream(plan: dict, rc: dict, stream: str) -> dict:
    """The same resource made by another stream module instance (a copied module input)."""
    new = copy.deepcopy(rc)
    source = stream_key(rc["module_address"])
    new["module_address"] = rc["module_address"].replace(
        f'stream["{source}"]', f'stream["{stream}"]'
    )
    new["address"] = rc["address"].replace(rc["module_address"], new["module_address"], 1)
    plan["resource_changes"].append(new)
    return new


def rewrite_policy(rc: dict, edit) -> None:
    doc = json.loads(after(rc)["policy"])
    edit(doc)
    after(rc)["policy"] = json.dumps(doc)


def config_resource(plan: dict, module_calls: list[str], address: str) -> dict:
    """A resource of the `configuration` section (per module call, not per instance)."""
    module = plan["configuration"]["root_module"]
    for call in module_calls:
        module = module["module_calls"][call]["module"]
    return next(r for r in module["resources"] if r["address"] == address)
