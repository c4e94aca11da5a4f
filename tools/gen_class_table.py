"""Write the class table of modules/ses_stream/README.md from modules/ses_stream/classes.json.

The data file is the one place a class's values are written (docs/stream-classes.md); the
README shows them between ``<!-- classes:start -->`` and ``<!-- classes:end -->``.
`--check` exits 1 and names the README when its table is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from doc_blocks import with_block

REPO = Path(__file__).resolve().parent.parent
CLASSES_FILE = REPO / "modules" / "ses_stream" / "classes.json"
README = REPO / "modules" / "ses_stream" / "README.md"
START, END = "<!-- classes:start -->", "<!-- classes:end -->"


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.3g}%"


def _listed(values: list[str]) -> str:
    return ", ".join(f"`{value}`" for value in values) or "none"


def _ip_path(pool_mode: str) -> str:
    if pool_mode == "shared":
        return "SES shared pool"
    return f"own `{pool_mode.upper()}` pool `<name>-pool`"


def class_table(data: dict) -> str:
    lines = [
        "| class | IP path | suppression | SNS real-time events | bounce alarm | complaint alarm "
        "| events before a rate counts | alarm route | alarm pauses the lane |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, cls in data["classes"].items():
        cells = [
            name,
            _ip_path(cls["pool_mode"]),
            _listed(cls["suppressed_reasons"]),
            _listed(cls["realtime_events"]),
            f"> {_percent(cls['max_bounce_rate'])}",
            f"> {_percent(cls['max_complaint_rate'])}",
            f"{cls['min_bounces']} bounces, {cls['min_complaints']} complaints",
            cls["alarm_route"],
            "yes" if cls["pause_on_alarm"] else "no",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    review, pause = data["ses_review_levels"], data["ses_pause_levels"]
    lines += [
        "",
        "Every alarm threshold must stay below the SES review levels "
        f"({_percent(review['bounce_rate'])} bounces, {_percent(review['complaint_rate'])} "
        "complaints); SES may pause the account's sending at "
        f"{_percent(pause['bounce_rate'])} / {_percent(pause['complaint_rate'])}.",
    ]
    return "\n".join(lines)


def render(readme_text: str) -> str:
    data = json.loads(CLASSES_FILE.read_text())
    return with_block(readme_text, START, END, class_table(data), "modules/ses_stream/README.md")


def main(argv: list[str]) -> int:
    current = README.read_text()
    wanted = render(current)
    if current == wanted:
        return 0
    if "--check" in argv:
        print("stale: modules/ses_stream/README.md (class table; run `make docs`)")
        return 1
    README.write_text(wanted)
    print("updated: modules/ses_stream/README.md (class table)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
