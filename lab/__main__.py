"""`make lab`: one scenario through our lanes and through a catch-all, side by side.

    python -m lab [--scenario FILE] [--out DIR]

Each configuration gets a fresh emulator and a real `terraform apply` (envs/local,
lab/catch_all); both runs go at once. Writes DIR/report.md and DIR/*.png and prints
a verdict table. The default scenario's results are also published: the overview
and the per-stream charts to docs/lab/ (the images docs/lab.md and the README show)
and the verdict table into docs/lab.md. Exit 2 when the scenario file cannot be used.
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

from lab import environments, report, runner  # noqa: E402
from lab.scenario import ScenarioError, load  # noqa: E402

DEFAULT_SCENARIO = REPO / "lab" / "scenarios" / "saas-day.toml"
DEFAULT_OUT = REPO / "build" / "lab"
PUBLISHED = REPO / "docs" / "lab"
# chart written to the output folder -> its committed name under docs/lab/
PUBLISHED_CHARTS = {"overview.png": "lanes-vs-catch-all.png",
                    "streams-lanes.png": "streams-lanes.png",
                    "streams-catch-all.png": "streams-catch-all.png"}  # fmt: skip
DOC = REPO / "docs" / "lab.md"
VERDICT_START, VERDICT_END = "<!-- lab-verdict:start -->", "<!-- lab-verdict:end -->"


def run_both(scenario, out: Path, say) -> dict[str, runner.RunResult]:
    """Apply each configuration to its own fresh emulator and play the scenario on it."""
    results: dict[str, runner.RunResult] = {}
    failures: list[BaseException] = []

    def one(kind: str) -> None:
        state_dir = out / "emulators" / kind
        try:
            url = environments.fresh_emulator(state_dir)
            say(f"{kind:<9} emulator {url}: terraform apply")
            began = time.monotonic()
            environments.apply(kind, url, environments.workspace(kind))
            say(f"{kind:<9} applied in {time.monotonic() - began:.0f} s; playing {scenario.name}")
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
    return results


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
    except ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    lock = threading.Lock()

    def say(line: str) -> None:
        with lock:
            print(line, flush=True)

    say(f"==> lab: {scenario.name}, {scenario.messages:,} messages over {scenario.hours} h, "
        "lanes (envs/local) and catch-all (lab/catch_all), each on a fresh emulator")  # fmt: skip
    began = time.monotonic()
    try:
        results = run_both(scenario, args.out, say)
    except Exception as error:  # Terraform, the emulator, a lane the scenario names
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    written = report.write(results["lanes"], results["catch-all"], args.out)
    if args.scenario.resolve() == DEFAULT_SCENARIO:
        publish(args.out, report.verdict_markdown(results["lanes"], results["catch-all"]))
    say("")
    say(report.verdict_table(results["lanes"], results["catch-all"]))
    say(f"\nreport: {written.markdown}\ncharts: {', '.join(str(p) for p in written.charts)}")
    say(f"wall time: {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
