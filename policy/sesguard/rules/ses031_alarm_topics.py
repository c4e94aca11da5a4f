from __future__ import annotations

from .live_base import LiveRule


class AlarmTopics(LiveRule):
    id = "SES031"
    severity = "error"
    summary = "Every SNS topic an SES alarm or event destination notifies exists."
    why = (
        "An alarm whose action names a deleted topic goes into ALARM and tells nobody; an "
        "SNS event destination without its topic drops the bounces and complaints the "
        "application was meant to act on in real time."
    )
    fix = "Recreate the topic (and its subscriptions), or point the alarm or destination at one."
    doc_url = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html"
    reads = ("alarms", "topics")

    def check_live(self, model, live):
        streams = {a.address: a.stream for a in model.alarms}
        streams.update((d.address, d.config_set.stream) for d in model.destinations if d.config_set)
        for topic, who, address in live.sns_targets:
            if live.topics.get(topic) is False:
                yield self.finding(
                    streams.get(address), address, f"{who} notifies {topic}, which does not exist"
                )
