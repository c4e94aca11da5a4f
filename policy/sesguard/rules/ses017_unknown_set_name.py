from __future__ import annotations

from .base import CodeRule


class UnknownSetName(CodeRule):
    id = "SES017"
    severity = "error"
    summary = "A configuration set name in a send is one of the known streams' sets."
    why = (
        "SES rejects a send that names a configuration set that does not exist (v2: "
        "NotFoundException; v1: ConfigurationSetDoesNotExistException) at run time: a typo "
        "in a set name is an outage of that mail, found in production. Checked against the "
        "sets of --plan or --config."
    )
    fix = "Use the exact name of the stream's configuration set (the closest one is suggested)."
    doc_url = "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html"
