from __future__ import annotations

from .base import CodeRule


class SetNameNotStatic(CodeRule):
    id = "SES019"
    severity = "info"
    summary = "Configuration set names a scan cannot resolve (variables, config, env) are listed."
    why = (
        "A set name read from configuration or the environment, or a request built by the "
        "caller, cannot be checked against the streams: a wrong value shows up only as "
        "rejected or mis-routed mail at run time."
    )
    fix = (
        "Check that every value the variable can take is a stream's configuration set "
        "(for example in a test against the plan), or use a constant."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/dg/using-configuration-sets-in-email.html"
