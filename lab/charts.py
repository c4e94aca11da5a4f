"""The lab's PNG charts (matplotlib, no display needed)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on CI or a server

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from .runner import RunResult  # noqa: E402
from .verdict import BOUNCE_LEVELS, COMPLAINT_LEVELS  # noqa: E402

COLOURS = {"lanes": "#1f77b4", "catch-all": "#d62728"}
KINDS = (("bounce", "bounce rate"), ("complaint", "complaint rate"))


def period_rates(result: RunResult, configuration_set: str, kind: str):
    """(step start, rate) of one set per step, as its alarm's metrics see it: Bounce counts
    suppression-list bounces too; a step without sends has no rate."""
    points = []
    for moment, per_set in zip(result.times, result.counts, strict=True):
        counts = per_set.get(configuration_set, Counter())
        if counts["sends"]:
            events = counts["bounces"] + counts["suppressed"] if kind == "bounce" else (
                counts["complaints"])  # fmt: skip
            points.append((moment, events / counts["sends"]))
    return points


def _alarm_spans(result: RunResult, alarm: str) -> list[tuple[dt.datetime, dt.datetime]]:
    spans, since = [], None
    for transition in result.transitions:
        if transition.alarm != alarm:
            continue
        if transition.new == "ALARM" and since is None:
            since = transition.time
        elif transition.new != "ALARM" and since is not None:
            spans.append((since, transition.time))
            since = None
    if since is not None:
        spans.append((since, result.times[-1] + result.scenario.step))
    return spans


def _time_axis(axis) -> None:
    axis.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
    axis.grid(alpha=0.3)


def streams(result: RunResult, path: Path) -> Path:
    """Per configuration set: bounce and complaint rate per step, thresholds, ALARM spans."""
    sets = sorted(set(result.lane_sets.values()))
    figure, axes = plt.subplots(len(sets), 2, figsize=(12, 2.6 * len(sets) + 0.6),
                                squeeze=False, sharex=True)  # fmt: skip
    for row, configuration_set in enumerate(sets):
        for column, (kind, label) in enumerate(KINDS):
            axis = axes[row][column]
            points = period_rates(result, configuration_set, kind)
            axis.plot([p[0] for p in points], [p[1] * 100 for p in points],
                      color=COLOURS[result.kind], linewidth=1.2, marker="o", markersize=2,
                      label=label)  # fmt: skip
            for alarm in result.alarms.values():
                if alarm.configuration_set == configuration_set and alarm.kind == kind:
                    axis.axhline(alarm.threshold * 100, color="black", linestyle="--",
                                 linewidth=0.8, label=f"{alarm.name} threshold")  # fmt: skip
                    for begin, end in _alarm_spans(result, alarm.name):
                        axis.axvspan(begin, end, color="red", alpha=0.15, label="ALARM")
            for moment, name in result.paused:
                if name == configuration_set:
                    axis.axvline(moment, color="grey", linewidth=1, label="lane paused")
            axis.set_title(f"{configuration_set}: {label} per {result.scenario.step_minutes} min "
                           "(the rate alone: an alarm may also need a minimum volume)",
                           fontsize=9)  # fmt: skip
            axis.set_ylabel("%")
            _time_axis(axis)
            handles, labels = axis.get_legend_handles_labels()
            unique = dict(zip(labels, handles, strict=True))
            axis.legend(unique.values(), unique.keys(), fontsize=7, loc="upper right")
    figure.suptitle(f"{result.scenario.name}: {result.kind}", fontsize=11)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _account_axes(axes, runs: list[RunResult]) -> None:
    for axis, (index, label, levels) in zip(
        axes,
        ((1, "bounce rate", BOUNCE_LEVELS), (2, "complaint rate", COMPLAINT_LEVELS)),
        strict=True,
    ):
        for result in runs:
            rates = result.account_rates()
            axis.plot([r[0] for r in rates], [r[index] * 100 for r in rates],
                      color=COLOURS[result.kind], label=result.kind)  # fmt: skip
        axis.axhline(levels[0] * 100, color="orange", linestyle="--", linewidth=0.9,
                     label=f"SES review {levels[0]:.1%}")  # fmt: skip
        axis.axhline(levels[1] * 100, color="red", linestyle="--", linewidth=0.9,
                     label=f"SES pause {levels[1]:.1%}")  # fmt: skip
        axis.set_title(f"account {label} (Reputation.*)", fontsize=9)
        axis.set_ylabel("%")
        _time_axis(axis)
        axis.legend(fontsize=7, loc="upper right")


def account(lanes: RunResult, catch_all: RunResult, path: Path) -> Path:
    figure, axes = plt.subplots(1, 2, figsize=(12, 3.4))
    _account_axes(axes, [lanes, catch_all])
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _resets_axis(axis, runs: list[RunResult]) -> None:
    names = [result.kind for result in runs]
    delivered = [sum(d for _, d, _ in result.protected) for result in runs]
    suppressed = [sum(s for _, _, s in result.protected) for result in runs]
    positions = range(len(runs))
    axis.bar([p - 0.2 for p in positions], delivered, width=0.4, color="#2ca02c",
             label="delivered")  # fmt: skip
    axis.bar([p + 0.2 for p in positions], suppressed, width=0.4, color="#7f7f7f",
             label="suppressed (account suppression list)")  # fmt: skip
    for position, (got, lost) in enumerate(zip(delivered, suppressed, strict=True)):
        axis.text(position - 0.2, got, f"{got:,}", ha="center", va="bottom", fontsize=8)
        axis.text(position + 0.2, lost, f"{lost:,}", ha="center", va="bottom", fontsize=8)
    axis.set_xticks(list(positions), names)
    axis.set_title("password resets to users who once complained about marketing", fontsize=9)
    axis.set_ylabel("resets")
    axis.grid(axis="y", alpha=0.3)
    axis.legend(fontsize=7, loc="upper center")


def resets(lanes: RunResult, catch_all: RunResult, path: Path) -> Path:
    figure, axis = plt.subplots(figsize=(6, 3.4))
    _resets_axis(axis, [lanes, catch_all])
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def overview(lanes: RunResult, catch_all: RunResult, campaign_lane: str, path: Path) -> Path:
    """One picture of the story: the account, the campaign's lane, the resets."""
    figure, axes = plt.subplots(2, 2, figsize=(13, 7))
    _account_axes(axes[0], [lanes, catch_all])
    axis = axes[1][0]
    for result in (lanes, catch_all):
        configuration_set = result.lane_sets[campaign_lane]
        points = period_rates(result, configuration_set, "bounce")
        axis.plot([p[0] for p in points], [p[1] * 100 for p in points],
                  color=COLOURS[result.kind], linewidth=1, marker="o", markersize=2.5,
                  label=f"{result.kind}: set {configuration_set}")  # fmt: skip
        for alarm in result.alarms.values():
            if alarm.configuration_set == configuration_set and alarm.kind == "bounce":
                for begin, end in _alarm_spans(result, alarm.name):
                    axis.axvspan(begin, end, color=COLOURS[result.kind], alpha=0.15)
        for moment, name in result.paused:
            if name == configuration_set:
                axis.axvline(moment, color=COLOURS[result.kind], linestyle="--", linewidth=1,
                             label=f"{result.kind}: {name} paused by its alarm")  # fmt: skip
    axis.set_title(f"bounce rate of the set carrying {campaign_lane} mail "
                   "(shaded: its bounce alarm in ALARM)", fontsize=9)  # fmt: skip
    axis.set_ylabel("%")
    _time_axis(axis)
    axis.legend(fontsize=7, loc="upper right")
    _resets_axis(axes[1][1], [lanes, catch_all])
    figure.suptitle(f"{lanes.scenario.name}: isolated lanes vs one catch-all configuration set",
                    fontsize=12)  # fmt: skip
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return path
