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
    needs = {"SendPolicy": ("statements",)}

    def check(self, model: Model):
        for policy in model.policies:
            if policy.statements is UNKNOWN:
                continue
            for effect, actions, resources in policy.statements:
                if effect != "Allow" or not isinstance(actions, tuple):
                    continue
                sends = [
                    a
                    for a in actions
                    if any(fnmatchcase(target, a.lower()) for target in SEND_ACTIONS)
                ]
                if not sends or not isinstance(resources, tuple):
                    continue
                wide = [r for r in resources if _any_set(r)]
                if wide:
                    yield self.finding(
                        None,
                        policy.address,
                        f"allows {', '.join(sends)} on {', '.join(wide)}: any holder can send "
                        "through any stream's configuration set",
                    )


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
