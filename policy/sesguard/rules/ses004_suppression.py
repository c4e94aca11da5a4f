from __future__ import annotations

from ..config import ClassPolicy, by_class
from ..model import Model
from ..values import ABSENT, UNKNOWN
from .base import Rule, module_fix


def _listed_reasons(policy: ClassPolicy) -> str:
    return f"[{', '.join(sorted(policy.suppressed_reasons))}]"


class Suppression(Rule):
    id = "SES004"
    name = "suppression-matches-class"
    severity = "error"
    summary = (
        "Suppression overrides match the stream's class "
        f"({by_class(_listed_reasons)}); "
        "no inherited block; no update to []."
    )
    why = (
        "A transactional set that suppresses COMPLAINT drops the password reset of a user who "
        "once marked a newsletter as spam; a marketing set without COMPLAINT keeps mailing "
        "people who complained. An absent block silently follows the account setting, and "
        "the provider never applies a change from a non-empty list to []."
    )
    fix = (
        "Write suppression_options { suppressed_reasons = [...] } on every set with the "
        "class's reasons. Only a change from a non-empty list to [] needs the set destroyed "
        "and recreated: the provider does not apply that update."
    )
    doc_url = (
        "https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list-config-level.html"
    )
    reads = ("configuration_set",)
    needs = {"ConfigurationSet": ("suppressed_reasons",)}

    def check(self, model: Model):
        for config_set in model.sets:
            stream = config_set.stream
            reasons = config_set.suppressed_reasons
            name = config_set.name
            if reasons is UNKNOWN or config_set.v1:
                continue  # SES014 lists the unknown; SES008 reports a v1 set, which has none
            policy = model.config.classes.get(stream.class_name) if stream else None
            if reasons is ABSENT:
                yield self.finding(
                    stream,
                    config_set.address,
                    f"configuration set {name!r} has no suppression_options block: it "
                    "inherits the account-level setting, which can change without review",
                    _fix(config_set, (), policy),
                )
                continue
            # Only an in-place update hits the provider bug; a replace creates the set anew.
            if (
                reasons == ()
                and config_set.suppressed_before not in (ABSENT, ())
                and not config_set.res.replaced
            ):
                yield self.finding(
                    stream,
                    config_set.address,
                    f"configuration set {name!r} changes suppressed_reasons from "
                    f"{list(config_set.suppressed_before)} to []: the AWS provider does not "
                    "apply this update",
                    "Destroy and recreate the set (or keep a non-empty list).",
                )
                continue
            if policy is None:
                if "BOUNCE" not in reasons:
                    yield self.finding(
                        stream,
                        config_set.address,
                        f"configuration set {name!r} (class unknown) does not suppress "
                        f"BOUNCE (suppressed_reasons = {list(reasons)})",
                        _fix(config_set, reasons, None),
                    )
                continue
            if set(reasons) != policy.suppressed_reasons:
                expected = sorted(policy.suppressed_reasons)
                extra = ""
                if "COMPLAINT" in reasons and "COMPLAINT" not in policy.suppressed_reasons:
                    extra = ": users who complained about other mail would lose this mail"
                yield self.finding(
                    stream,
                    config_set.address,
                    f"{stream.class_name} configuration set {name!r} suppresses "
                    f"{sorted(reasons)}, expected {expected}{extra}",
                    _fix(config_set, reasons, policy),
                )


def _fix(config_set, reasons: tuple, policy) -> str:
    """The reasons to write, where: the module input, else the resource's block; the
    class's reasons, or with the class unknown the current ones plus BOUNCE."""
    expected = sorted(policy.suppressed_reasons) if policy else sorted({*reasons, "BOUNCE"})
    text = module_fix(
        config_set.stream,
        f"suppressed_reasons = {_hcl_list(expected)}"
        + (" (or drop the input: it defaults to the class's reasons)" if policy else ""),
        f"[classes.{policy.name}] suppressed_reasons" if policy else None,
    )
    if text is None:
        whose = (
            f"the {policy.name} class's reasons"
            if policy
            else "at least BOUNCE; the stream's class is unknown, so its reasons are not checked"
        )
        block = "set" if reasons else "write"
        text = (
            f"In {config_set.address}, {block} suppression_options "
            f"{{ suppressed_reasons = {_hcl_list(expected)} }} ({whose})."
        )
    if reasons and not expected:  # the one change the provider does not apply in place
        text += " The provider never updates a list to []: destroy and recreate the set."
    return text


def _hcl_list(values) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"
