"""Reputation.* over the last 24 hours of the emulator clock, read back from CloudWatch."""

from __future__ import annotations

import datetime as dt

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)


def published(aws, metric: str, at: dt.datetime, dimensions=()) -> list[float]:
    """The values of `metric` published in the minute up to `at` (the pinned clock)."""
    return aws.cloudwatch.get_metric_data(
        MetricDataQueries=[{
            "Id": "r",
            "MetricStat": {
                "Metric": {"Namespace": "AWS/SES", "MetricName": metric,
                           "Dimensions": list(dimensions)},
                "Period": 60,
                "Stat": "Maximum",
            },
        }],
        StartTime=at - dt.timedelta(seconds=30),
        EndTime=at + dt.timedelta(seconds=30),
    )["MetricDataResults"][0]["Values"]  # fmt: skip


def test_reputation_covers_the_last_24_hours_of_the_clock_not_every_send(aws):
    aws.local("POST", "/clock", {"time": START.isoformat()})
    try:
        aws.lane("watched", ReputationOptions={"ReputationMetricsEnabled": True})
        watched = [{"Name": "ses:configuration-set", "Value": "watched"}]
        aws.local("PUT", "/control/mailboxes", {"domain": "bad.test", "bounce_rate": 1.0})
        aws.local("PUT", "/control/mailboxes", {"domain": "angry.test", "complaint_rate": 1.0})
        aws.send(["a@bad.test", "b@bad.test", "c@angry.test", "d@ok.test"],
                 ConfigurationSetName="watched")  # fmt: skip
        assert published(aws, "Reputation.BounceRate", START, watched) == [0.5]
        assert published(aws, "Reputation.ComplaintRate", START) == [0.25]

        later = START + dt.timedelta(hours=23)
        aws.local("POST", "/clock", {"time": later.isoformat()})
        aws.send(["e@ok.test"] * 4, ConfigurationSetName="watched")
        assert published(aws, "Reputation.BounceRate", later, watched) == [0.25]  # 2 of 8

        a_day_on = START + dt.timedelta(hours=24, minutes=1)  # the first send has left
        aws.local("POST", "/clock", {"time": a_day_on.isoformat()})
        aws.send("f@ok.test", ConfigurationSetName="watched")
        assert published(aws, "Reputation.BounceRate", a_day_on, watched) == [0.0]
        assert published(aws, "Reputation.ComplaintRate", a_day_on) == [0.0]
    finally:
        aws.local("DELETE", "/clock")
