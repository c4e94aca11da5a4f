from __future__ import annotations

from fnmatch import fnmatchcase

from ..model import Model
from ..values import UNKNOWN
from .base import Rule

SEND_ACTIONS = ("ses:sendemail", "ses:sendrawemail")
# A resource pattern that matches this made-up set ARN lets its holder use any lane.
PROBE_SET_ARN = "arn:aws:ses:us-east-1:123456789012:configuration-set/any-other-lane-0"


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
                wide = [r for r in resources if fnmatchcase(PROBE_SET_ARN, r)]
                if wide:
                    yield self.finding(
                        None,
                        policy.address,
                        f"allows {', '.join(sends)} on {', '.join(wide)}: any holder can send "
                        "through any stream's configuration set",
                    )
