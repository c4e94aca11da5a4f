from __future__ import annotations

from dataclasses import replace

from ..config import by_class
from ..model import Model
from .base import Rule, module_fix


class AutomaticPause(Rule):
    id = "SES040"
    name = "automatic-pause"
    severity = "warning"  # a lane without the pause it should have is only info
    summary = (
        "A lane pauses itself on its alarms exactly when its class says so ("
        + by_class(lambda policy: "always (info)" if policy.pause_on_alarm else "never (warning)")
        + ")."
    )
    why = (
        "An automatic pause turns a lane's sending off when its bounce or complaint alarm "
        "fires: on a transactional lane it stops password resets and receipts; on a marketing "
        "or bulk lane it stops a bad list before it costs the account its reputation."
    )
    fix = "In the ses_stream call, drop pause_on_alarm: the class default is right."
    doc_url = (
        "https://docs.aws.amazon.com/ses/latest/APIReference-V2/"
        "API_PutConfigurationSetSendingOptions.html"
    )
    # A plan shows the module's wiring; a live account the rule, target and state machine
    # (model/pause_wiring.py), with the link that is missing in pause_gap.
    applies_to = ("plan", "live")
    reads = ("pause",)

    def check(self, model: Model):
        for config_set in model.sets:
            stream = config_set.stream
            policy = model.config.classes.get(stream.class_name) if stream else None
            # pause_wired None: a set the module did not make, whose wiring is not known.
            if config_set.pause_wired is None or policy is None:
                continue
            if config_set.pause_wired and not policy.pause_on_alarm:
                yield self.finding(
                    stream,
                    config_set.address,
                    f"{policy.name} configuration set {config_set.name!r} pauses itself when "
                    "its bounce or complaint alarm fires: it can stop resets",
                    module_fix(stream, "pause_on_alarm = false (the class default)"),
                )
            elif policy.pause_on_alarm and (not config_set.pause_wired or config_set.pause_gap):
                gap = f" ({config_set.pause_gap})" if config_set.pause_gap else ""
                finding = self.finding(
                    stream,
                    config_set.address,
                    f"{policy.name} configuration set {config_set.name!r} keeps sending when "
                    f"its bounce or complaint alarm fires{gap}",
                    module_fix(stream, "pause_on_alarm = true (the class default)"),
                )
                yield replace(finding, severity="info")
