"""Health per stream from CloudWatch: counts the emulator's CloudWatch holds for each
stream dimension, over 24 h and 7 days, as rates against the class limit."""

from __future__ import annotations

import datetime as dt

from audit_runs import run_audit
from sesguard.cli import main


def _publish(cloudwatch, stream: str, age: dt.timedelta, **counts: float) -> None:
    when = dt.datetime.now(dt.timezone.utc) - age
    cloudwatch.put_metric_data(
        Namespace="AWS/SES",
        MetricData=[
            {
                "MetricName": metric,
                "Dimensions": [{"Name": "stream", "Value": stream}],
                "Value": value,
                "Timestamp": when,
            }
            for metric, value in counts.items()
        ],
    )


def _seed(clients) -> None:
    cloudwatch = clients["cloudwatch"]
    hours, days = dt.timedelta(hours=2), dt.timedelta(days=3)
    _publish(cloudwatch, "marketing", hours, Send=1000, Bounce=30, Complaint=0)
    _publish(cloudwatch, "marketing", days, Send=2000, Bounce=10, Complaint=1)
    _publish(cloudwatch, "transactional", hours, Send=400, Bounce=2, Complaint=0)
    _publish(cloudwatch, "bulk-notifications", hours, Send=2, Bounce=1, Complaint=0)


def test_health_carries_the_numbers_sorted_by_closeness_to_the_limit(
    clients, zone, emulator, tmp_path
):
    _seed(clients)
    _, report = run_audit(emulator, "--no-dns", tmp_path=tmp_path)
    rows = {row["stream"]: row for row in report["summary"]["health"]}
    assert [row["stream"] for row in report["summary"]["health"]] == [
        "marketing",
        "transactional",
        "bulk-notifications",
    ]
    marketing = rows["marketing"]["windows"]
    assert (marketing["24h"]["sends"], marketing["24h"]["bounces"]) == (1000, 30)
    assert marketing["24h"]["bounce_rate"] == 0.03
    assert (
        marketing["7d"]["sends"],
        marketing["7d"]["bounces"],
        marketing["7d"]["complaints"],
    ) == (
        3000,
        40,
        1,
    )
    # 3 % bounces against marketing's 2 % limit; 0.6 of the 5 % SES review level.
    assert rows["marketing"]["closeness_to_limit"] == 1.5
    assert rows["marketing"]["closeness_to_review"] == 0.6
    assert rows["transactional"]["closeness_to_limit"] == 0.5  # 0.5 % of 1 %
    # 1 bounce in 2 sends is shown, but too few sends to say how close the stream is.
    assert rows["bulk-notifications"]["windows"]["24h"]["bounce_rate"] == 0.5
    assert rows["bulk-notifications"]["closeness_to_limit"] == 0


def test_text_output_ends_with_the_health_table(clients, zone, emulator, capsys):
    _seed(clients)
    code = main(["audit", "--endpoint-url", emulator, "--region", "us-east-1", "--no-dns"])
    out = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(out) if line.startswith("Health per stream"))
    table, note = out[start + 2 : -1], out[-1]
    assert [line.split()[0] for line in table] == [
        "marketing",
        "transactional",
        "bulk-notifications",
    ]
    # 1 bounce in 2 sends: shown in parentheses, and the last line says why it does not count.
    assert table[2].split()[2:] == [
        "2", "(50%)", "(0%)", "2", "(50%)", "(0%)", "0%", "0%", "yes"
    ]  # fmt: skip
    assert note == (
        "(n%): fewer than 100 sends in the window, too few to judge (one complaint in one "
        "send is 100%): not counted in 'of limit' and 'of review'"
    )
    assert table[0].split()[2:] == [
        "1000",
        "3.00%",
        "0.00%",
        "3000",
        "1.33%",
        "0.03%",
        "150%",
        "60%",
        "yes",  # its alarms pause it, as marketing's class wants
    ]
    assert table[1].split()[-1] == "no"  # transactional: resets never stop by themselves
    assert code == 0
