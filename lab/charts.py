"""The lab's PNG charts (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on CI or a server

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from .runner import RunResult  # noqa: E402
from .series import accepted_over_time  # noqa: E402
from .verdict import BOUNCE_LEVELS, COMPLAINT_LEVELS, summarize  # noqa: E402

COLOURS = {"lanes": "#1f77b4", "catch-all": "#d62728", "catch-all-pause": "#ff7f0e",
           "tenants": "#2ca02c"}  # fmt: skip
# Short names in legends and under bars (the verdict table gives the roots).
# Runs that end alike draw the same line: each is drawn thinner than the one before, so
# every colour stays visible where they overlap.
WIDTHS = {"lanes": 5.0, "catch-all": 3.4, "catch-all-pause": 2.2, "tenants": 1.2}
LABELS = {"lanes": "lanes", "catch-all": "catch-all", "catch-all-pause": "catch-all + pause",
          "tenants": "lanes as tenants"}  # fmt: skip


def time_axis(axis) -> None:
    axis.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
    axis.grid(alpha=0.3)


def _account_axes(axes, runs: list[RunResult]) -> None:
    for axis, (index, label, levels) in zip(
        axes,
        ((1, "bounce rate", BOUNCE_LEVELS), (2, "complaint rate", COMPLAINT_LEVELS)),
        strict=True,
    ):
        for result in runs:
            rates = result.account_rates()
            axis.plot([r[0] for r in rates], [r[index] * 100 for r in rates],
                      color=COLOURS[result.kind], linewidth=WIDTHS[result.kind],
                      label=LABELS[result.kind])  # fmt: skip
        axis.axhline(levels[0] * 100, color="orange", linestyle="--", linewidth=0.9,
                     label=f"SES review {levels[0]:.1%}")  # fmt: skip
        axis.axhline(levels[1] * 100, color="red", linestyle="--", linewidth=0.9,
                     label=f"SES pause {levels[1]:.1%}")  # fmt: skip
        axis.set_title(f"account {label} (Reputation.*, last 24 h)", fontsize=9)
        axis.set_ylabel("%")
        time_axis(axis)
        axis.legend(fontsize=7, loc="best")


def account(runs: list[RunResult], path: Path) -> Path:
    figure, axes = plt.subplots(1, 2, figsize=(12, 3.4))
    _account_axes(axes, runs)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


RESET_OUTCOMES = (("delivered", "#2ca02c", ""),
                  ("suppressed by the account suppression list", "#7f7f7f", ""),
                  ("refused: sending paused", "white", "///"))  # fmt: skip


def _resets_axis(axis, runs: list[RunResult]) -> None:
    summaries = [summarize(result) for result in runs]
    counts = [[s.resets_delivered, s.resets_suppressed, s.resets_refused] for s in summaries]
    width = 0.8 / len(RESET_OUTCOMES)
    for index, (label, colour, hatch) in enumerate(RESET_OUTCOMES):
        offset = (index - (len(RESET_OUTCOMES) - 1) / 2) * width
        values = [row[index] for row in counts]
        axis.bar([p + offset for p in range(len(runs))], values, width=width, color=colour,
                 hatch=hatch, edgecolor="#555555", linewidth=0.6, label=label)  # fmt: skip
        for position, value in enumerate(values):
            axis.text(position + offset, value, f"{value:,}", ha="center", va="bottom",
                      fontsize=7)  # fmt: skip
    axis.set_xticks(range(len(runs)), [LABELS[r.kind] for r in runs], fontsize=8)
    axis.set_ylim(0, max(max(row) for row in counts) * 1.45 or 1)  # room for the legend
    axis.set_title("password resets to users who once complained about marketing", fontsize=9)
    axis.set_ylabel("resets")
    axis.grid(axis="y", alpha=0.3)
    axis.legend(fontsize=7, loc="upper center", ncol=3)


def resets(runs: list[RunResult], path: Path) -> Path:
    figure, axis = plt.subplots(figsize=(7, 3.4))
    _resets_axis(axis, runs)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _accepted_axis(axis, runs: list[RunResult], traffic: str, title: str) -> None:
    """Messages of `traffic` SES accepted, cumulative; a dot where a pause stopped them."""
    planned = sum(runs[0].scenario.traffic_named(traffic).hourly)
    lane = runs[0].scenario.traffic_named(traffic).lane
    for result in runs:
        points = accepted_over_time(result, traffic)
        pause = next((p for p in result.paused
                      if p.configuration_set == result.lane_sets[lane]), None)  # fmt: skip
        why = f"paused {pause.time:%H:%M} by {pause.by}" if pause else "never paused"
        axis.step([p[0] for p in points], [p[1] for p in points], where="post",
                  color=COLOURS[result.kind], linewidth=WIDTHS[result.kind],
                  label=f"{LABELS[result.kind]}: {points[-1][1]:,}, {why}")  # fmt: skip
        if pause:
            at = max((v for moment, v in points if moment <= pause.time), default=0)
            axis.plot([pause.time], [at], marker="o", markersize=7, color=COLOURS[result.kind],
                      markeredgecolor="black", zorder=4)  # fmt: skip
    axis.set_title(f"{title}: messages SES accepted, cumulative", fontsize=9)
    axis.set_ylabel("messages")
    axis.set_ylim(0, planned * 1.75)  # room above the planned total for the legend
    axis.yaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
    time_axis(axis)
    axis.legend(fontsize=7, loc="upper left", title=f"of {planned:,} planned", title_fontsize=7)


def overview(runs: list[RunResult], campaign_lane: str, path: Path) -> Path:
    """One picture of the story: the account, the campaign, the resets."""
    scenario = runs[0].scenario
    figure, axes = plt.subplots(3, 2, figsize=(13, 10.5))
    _account_axes(axes[0], runs)
    _accepted_axis(axes[1][0], runs, scenario.campaign, f"{scenario.campaign} ({campaign_lane})")
    lane = scenario.traffic_named(scenario.resets).lane
    _accepted_axis(axes[1][1], runs, scenario.resets, f"{scenario.resets} ({lane})")
    _resets_axis(axes[2][0], runs)
    _story_axis(axes[2][1], runs)
    figure.suptitle(f"{scenario.name}: one bad campaign, four ways to send it", fontsize=12)
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return path


def _story_axis(axis, runs: list[RunResult]) -> None:
    """What each run is, in one line each: the key to the colours."""
    axis.axis("off")
    axis.set_title("the runs (a fresh emulator and `terraform apply` each)", fontsize=9)
    for row, result in enumerate(runs):
        y = 0.9 - row * 0.24
        axis.add_patch(plt.Rectangle((0.0, y - 0.03), 0.04, 0.06, color=COLOURS[result.kind],
                                     transform=axis.transAxes))  # fmt: skip
        axis.text(0.06, y, f"{LABELS[result.kind]}: {story(result)}", fontsize=8,
                  va="center", transform=axis.transAxes)  # fmt: skip


def story(result: RunResult) -> str:
    """What the run is: its configuration and what may pause what."""
    scenario = result.scenario
    if result.kind == "lanes":
        pausing = ", ".join(scenario.pause_on_alarm) or "no lane"
        return (
            "a configuration set per kind of mail, each with its\n"
            f"own alarms; an alarm pauses its own lane only\n(pause_on_alarm: {pausing})"
        )
    if result.kind == "catch-all":
        return (
            "one configuration set for all mail, the account's\n"
            "suppression list, one alarm on the account's rate;\nnothing pauses"
        )
    if result.kind == "catch-all-pause":
        return (
            "the same one set with the module's alarms and\n"
            "pause_on_alarm: the pause that stops the campaign\nstops every other mail with it"
        )
    policies = ", ".join(f"{t.name} {t.policy}" for t in result.tenants.values())
    return (
        f"the lanes, each an SES tenant with a reputation policy\n({policies});\n"
        "SES pauses a tenant, the alarms pause nothing"
    )
