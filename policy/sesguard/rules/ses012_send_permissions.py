from __future__ import annotations

from fnmatch import fnmatchcase

from ..model import Model
from ..values import UNKNOWN
from .base import Rule

SEND_ACTIONS = ("ses:sendemail", "ses:sendrawemail")
# A resource pattern that matches a made-up set name lets its holder use any lane.
PROBE_SET = "configuration-set/any-other-lane-0"
PROBE_SET_ARN = f"arn:aws:ses:us-east-1:123456789012:{PROBE_SET}"


class SendPermissions(Rule):
    id = "SES012"
    name = "send-permissions-scoped-to-lane"
    severity = "warning"
    summary = "No IAM policy allows ses:SendEmail/SendRawEmail on * or configuration-set/*."
    why = (
        "SES has no condition key for the configuration set: the only way to keep a marketing "
        "sender out of the transactional lane is to list the set ARNs it may use. A wildcard "
        "lets any sender pick any lane."
    )
    fix = (
        "List the identity ARN and the stream's own configuration-set ARN as Resource of the "
        "sender's ses:SendEmail statement."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/control-user-access.html"
    reads = ("iam",)
    needs = {"SendPolicy": ("statements",)}

    def check(self, model: Model):
        for policy in model.policies:
            if policy.statements is UNKNOWN:
                continue
            for statement in policy.statements:
                if statement.effect != "Allow":
                    continue
                sends, wide = _sends(statement), _wide(statement)
                if sends and wide:
                    yield self.finding(
                        None,
                        policy.address,
                        f"allows {sends} on {wide}: any holder can send through any "
                        "stream's configuration set",
                    )


def _sends(statement) -> str | None:
    """How the statement grants SendEmail/SendRawEmail, None when it does not."""
    if statement.not_actions:
        excluded = [p.lower() for p in statement.not_actions]
        if all(any(fnmatchcase(a, p) for p in excluded) for a in SEND_ACTIONS):
            return None
        return f"every action but {', '.join(statement.not_actions)}"
    if not isinstance(statement.actions, tuple):
        return None
    sends = [a for a in statement.actions if any(fnmatchcase(t, a.lower()) for t in SEND_ACTIONS)]
    return ", ".join(sends) or None


def _wide(statement) -> str | None:
    """The resources that open every configuration set, None when the lanes stay closed."""
    if statement.not_resources:
        if any(_any_set(r) for r in statement.not_resources):
            return None
        return f"every resource but {', '.join(statement.not_resources)}"
    if not isinstance(statement.resources, tuple):
        return None
    return ", ".join(r for r in statement.resources if _any_set(r)) or None


def _any_set(pattern: str) -> bool:
    """True when the resource pattern matches every configuration set of some account.

    The probe takes partition, region and account from the pattern itself, so
    `arn:aws:ses:us-east-1:111122223333:configuration-set/*` counts as wide, not only `*`.
    """
    parts = pattern.split(":", 5)
    if len(parts) == 6 and parts[0] == "arn":
        probe = ":".join([*parts[:2], "ses", *parts[3:5], PROBE_SET])
        return fnmatchcase(probe, pattern)
    return fnmatchcase(PROBE_SET_ARN, pattern)
