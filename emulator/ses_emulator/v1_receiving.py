"""v1 email receiving: IP address filters, the receipt rule actions moto lacks, SendBounce.

Rule sets and their rules are moto's objects (`core.receipt_rule_set`), the ones moto's
own receipt actions create and describe, so deleting or moving a rule here is what
`DescribeReceiptRuleSet` answers next. Errors are v1's codes in SES's words: "Rule set
does not exist: <name>", "Rule does not exist: <name>" (recorded against SES, moto
pull request 8575). The emulator receives no mail: filters and rules are kept and
answered, never applied to a message.
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from typing import Any

from .addresses import check_address
from .send_checks import not_verified, verified_identity
from .v1_protocol import V1Error, handles_v1

# SES quota: 100 IP address filters per account and region.
MAX_FILTERS = 100
# A filter's name: ASCII letters, digits, '_' and '-', starting and ending with a letter or
# digit, at most 64 characters (ReceiptFilter in the SES API reference).
_FILTER_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$")
_POLICIES = ("Block", "Allow")


def _rule_set(backend: Any, name: str) -> Any:
    found = backend.core.receipt_rule_set.get(name)
    if found is None:
        raise V1Error("RuleSetDoesNotExist", f"Rule set does not exist: {name}")
    return found


def _position(rules: list[dict[str, Any]], name: str) -> int:
    for index, rule in enumerate(rules):
        if rule["Name"] == name:
            return index
    raise V1Error("RuleDoesNotExist", f"Rule does not exist: {name}")


# --- receipt rules ----------------------------------------------------------------------
@handles_v1("DeleteReceiptRule")
def delete_receipt_rule(backend, params):
    """Deleting a rule the set does not hold succeeds, as SES answers it."""
    rules = _rule_set(backend, params["RuleSetName"]).rules
    rules[:] = [rule for rule in rules if rule["Name"] != params["RuleName"]]


@handles_v1("ReorderReceiptRuleSet")
def reorder_receipt_rule_set(backend, params):
    """SES wants every rule of the set named, each once."""
    rules = _rule_set(backend, params["RuleSetName"]).rules
    names = params["RuleNames"]
    ordered = [rules[_position(rules, name)] for name in names]
    if len(set(names)) != len(names) or len(ordered) != len(rules):
        raise V1Error(
            "InvalidParameterValue",
            "The rule set's rules must all be named, each exactly once, to reorder it.",
        )
    rules[:] = ordered


@handles_v1("SetReceiptRulePosition")
def set_receipt_rule_position(backend, params):
    """Put the rule after `After`, or first when the request names none."""
    rules = _rule_set(backend, params["RuleSetName"]).rules
    moved = rules[_position(rules, params["RuleName"])]
    after = params.get("After")
    if after is not None:
        _position(rules, after)
    rules.remove(moved)
    rules.insert(0 if after is None else _position(rules, after) + 1, moved)


# --- IP address filters -----------------------------------------------------------------
def _check_filter(receipt_filter: dict[str, Any]) -> None:
    name = receipt_filter["Name"]
    if not _FILTER_NAME.match(name):
        raise V1Error("InvalidParameterValue", f"Not a valid filter name: {name}")
    ip_filter = receipt_filter["IpFilter"]
    if ip_filter["Policy"] not in _POLICIES:
        raise V1Error(
            "ValidationError",
            f"1 validation error detected: Value '{ip_filter['Policy']}' at "
            "'filter.ipFilter.policy' failed to satisfy constraint: Member must satisfy enum "
            f"value set: [{', '.join(_POLICIES)}]",
        )
    try:
        ipaddress.ip_network(ip_filter["Cidr"], strict=False)
    except ValueError:
        raise V1Error("InvalidParameterValue", f"Invalid cidr: {ip_filter['Cidr']}") from None


@handles_v1("CreateReceiptFilter")
def create_receipt_filter(backend, params):
    receipt_filter = params["Filter"]
    _check_filter(receipt_filter)
    name = receipt_filter["Name"]
    if name in backend.receipt_filters:
        raise V1Error("AlreadyExists", f"Filter already exists: {name}")
    if len(backend.receipt_filters) >= MAX_FILTERS:
        raise V1Error("LimitExceeded", f"Maximum number of filters ({MAX_FILTERS}) reached.")
    backend.receipt_filters[name] = {"Name": name, "IpFilter": dict(receipt_filter["IpFilter"])}


@handles_v1("DeleteReceiptFilter")
def delete_receipt_filter(backend, params):
    """The model lists no error: deleting a filter that does not exist succeeds."""
    backend.receipt_filters.pop(params["FilterName"], None)


@handles_v1("ListReceiptFilters")
def list_receipt_filters(backend, _params):
    return {"Filters": [backend.receipt_filters[n] for n in sorted(backend.receipt_filters)]}


# --- bounces of received mail -------------------------------------------------------------
@handles_v1("SendBounce")
def send_bounce(backend, params):
    """SES bounces only mail it received in the last 24 hours; the emulator receives none, so
    the original message is taken on trust. The bounce sender must be a verified identity."""
    sender = params["BounceSender"]
    check_address(sender)
    if verified_identity(backend, sender) is None:
        raise V1Error("MessageRejected", not_verified(backend, sender))
    for info in params["BouncedRecipientInfoList"]:
        check_address(info["Recipient"])
        if not info.get("BounceType") and not info.get("RecipientDsnFields"):
            raise V1Error(
                "InvalidParameterValue",
                f"BouncedRecipientInfo for {info['Recipient']} needs a BounceType or "
                "RecipientDsnFields.",
            )
    return {"MessageId": str(uuid.uuid4())}
