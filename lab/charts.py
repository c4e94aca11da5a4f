"""The lab's PNG charts (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on CI or a server

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from .runner import RunResult  # noqa: E402
from .series import accepted_over_time  # noqa: E402
from .verdict import BOUNCE_LEVELS, COMPLAINT_LEVELS  # noqa: E402

COLOURS = {"lanes": "#1f77b4", "catch-all": "#d62728"}


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
                      color=COLOURS[result.kind], label=result.kind)  # fmt: skip
        axis.axhline(levels[0] * 100, color="orange", linestyle="--", linewidth=0.9,
                     label=f"SES review {levels[0]:.1%}")  # fmt: skip
        axis.axhline(levels[1] * 100, color="red", linestyle="--", linewidth=0.9,
                     label=f"SES pause {levels[1]:.1%}")  # fmt: skip
        axis.set_title(f"account {label} (Reputation.*)", fontsize=9)
        axis.set_ylabel("%")
        time_axis(axis)
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


def _campaign_axis(axis, runs: list[RunResult], campaign_lane: str) -> None:
    campaign = runs[0].scenario.campaign
    planned = sum(runs[0].scenario.traffic_named(campaign).hourly)
    for result in runs:
        points = accepted_over_time(result, campaign)
        stopped = [f"{name} paused at {moment:%H:%M} when its alarm fired"
                   for moment, name in result.paused
                   if name == result.lane_sets[campaign_lane]]  # fmt: skip
        why = stopped[0] if stopped else "one set carries all mail: no lane to pause"
        axis.step([p[0] for p in points], [p[1] for p in points], where="post",
                  color=COLOURS[result.kind], linewidth=1.8, zorder=3 if stopped else 2,
                  label=f"{result.kind}: {points[-1][1]:,} of {planned:,} ({why})")  # fmt: skip
    axis.set_title(f"{campaign}: messages SES accepted, cumulative", fontsize=9)
    axis.set_ylabel("messages")
    axis.set_ylim(0, planned * 1.3)  # room above the planned total for the legend
    axis.yaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
    time_axis(axis)
    axis.legend(fontsize=7, loc="upper left")


def overview(lanes: RunResult, catch_all: RunResult, campaign_lane: str, path: Path) -> Path:
    """One picture of the story: the account, the campaign's lane, the resets."""
    figure, axes = plt.subplots(2, 2, figsize=(13, 7))
    _account_axes(axes[0], [lanes, catch_all])
    _campaign_axis(axes[1][0], [lanes, catch_all], campaign_lane)
    _resets_axis(axes[1][1], [lanes, catch_all])
    figure.suptitle(f"{lanes.scenario.name}: isolated lanes vs one catch-all configuration set",
                    fontsize=12)  # fmt: skip
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return path
