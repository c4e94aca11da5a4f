from __future__ import annotations

from ..model import Model
from .base import Rule


class V1Resources(Rule):
    id = "SES008"
    name = "no-ses-v1-resources"
    severity = "error"
    summary = "No SES v1 configuration sets or event destinations."
    why = (
        "Suppression overrides, dedicated pool scaling and identity default sets exist only in "
        "the SES v2 API. A v1 aws_ses_configuration_set cannot carry them, so a stream on it "
        "silently inherits the account's suppression and cannot be isolated."
    )
    fix = (
        "Replace aws_ses_configuration_set / aws_ses_event_destination with "
        "aws_sesv2_configuration_set / aws_sesv2_configuration_set_event_destination."
    )
    doc_url = "https://docs.aws.amazon.com/ses/latest/APIReference-V2/Welcome.html"

    def check(self, model: Model):
        for res in model.v1:
            yield self.finding(
                None,
                res.address,
                f"{res.type} is an SES v1 resource: it cannot carry v2 suppression overrides",
            )
