"""`make lab`: one scenario through our lanes, a catch-all, a catch-all that pauses
itself, and the lanes as SES tenants, side by side.

    python -m lab [--scenario FILE] [--out DIR]

Each configuration gets a fresh emulator and a real `terraform apply` (envs/local,
lab/catch_all, lab/catch_all_pause; lab/environments.py); all runs go at once. Writes
DIR/report.md and DIR/*.png and prints a verdict table. The default scenario's results
are also published: the overview and the per-stream charts to docs/lab/ (the images
docs/lab.md and the README show) and the verdict table into docs/lab.md. Exit 2 when the
scenario file cannot be used.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))  # the shared emulator clients and Terraform runner

# Terraform, the emulator and the charts are imported only once the scenario is valid.
from lab.lanes import lanes  # noqa: E402
from lab.scenario import ScenarioError, check_lanes, load  # noqa: E402

DEFAULT_SCENARIO = REPO / "lab" / "scenarios" / "saas-day.toml"
DEFAULT_OUT = REPO / "build" / "lab"
PUBLISHED = REPO / "docs" / "lab"
# chart written to the output folder -> its committed name under docs/lab/
RUNS = ("lanes", "catch-all", "catch-all-pause", "tenants")  # lab/environments.py's KINDS
PUBLISHED_CHARTS = {"overview.png": "lanes-vs-catch-all.png",
                    **{f"streams-{kind}.png": f"streams-{kind}.png" for kind in RUNS}}  # fmt: skip
DOC = REPO / "docs" / "lab.md"
VERDICT_START, VERDICT_END = "<!-- lab-verdict:start -->", "<!-- lab-verdict:end -->"


def run_all(scenario, out: Path, say) -> dict:
    """Apply each configuration to its own fresh emulator and play the scenario on it."""
    from lab import environments, runner

    results: dict[str, runner.RunResult] = {}
    failures: list[BaseException] = []

    def one(kind: str) -> None:
        state_dir = out / "emulators" / kind
        try:
            url = environments.fresh_emulator(state_dir)
            say(f"{kind:<15} emulator {url}: terraform apply")
            began = time.monotonic()
            environments.prepare(kind, url, scenario, lanes())
            say(f"{kind:<15} applied in {time.monotonic() - began:.0f} s; playing {scenario.name}")
            results[kind] = runner.run(url, scenario, kind, say)
        except BaseException as error:  # reported by the caller, after the other run ends
            failures.append(error)
        finally:
            environments.lifecycle.stop(state_dir)

    threads = [threading.Thread(target=one, args=(kind,)) for kind in environments.KINDS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return {kind: results[kind] for kind in environments.KINDS}  # the report's order


def publish(out: Path, verdict: str) -> None:
    """The committed copy of the default scenario's result: charts and verdict table."""
    PUBLISHED.mkdir(parents=True, exist_ok=True)
    for written, committed in PUBLISHED_CHARTS.items():
        shutil.copyfile(out / written, PUBLISHED / committed)
    text = DOC.read_text()
    start, end = text.index(VERDICT_START) + len(VERDICT_START), text.index(VERDICT_END)
    DOC.write_text(text[:start] + "\n" + verdict + "\n" + text[end:])
    print(
        f"published: {', '.join(PUBLISHED_CHARTS.values())} in {PUBLISHED.relative_to(REPO)}, "
        f"verdict in {DOC.relative_to(REPO)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lab", description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIO)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        scenario = load(args.scenario)
        check_lanes(scenario, lanes())  # before any emulator starts or apply runs
    except ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    lock = threading.Lock()

    def say(line: str) -> None:
        with lock:
            print(line, flush=True)

    say(f"==> lab: {scenario.name}, {scenario.messages:,} messages over {scenario.hours} h, "
        "lanes, catch-all, catch-all-pause and tenants, each on a fresh emulator")  # fmt: skip
    began = time.monotonic()
    try:
        runs = list(run_all(scenario, args.out, say).values())
    except Exception as error:  # Terraform, the emulator, a lane the scenario names
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    from lab import report

    args.out.mkdir(parents=True, exist_ok=True)
    written = report.write(runs, args.out)
    if args.scenario.resolve() == DEFAULT_SCENARIO:
        publish(args.out, report.verdict_markdown(runs))
    say("")
    say(report.verdict_table(runs))
    say(f"\nreport: {written.markdown}\ncharts: {', '.join(str(p) for p in written.charts)}")
    say(f"wall time: {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
