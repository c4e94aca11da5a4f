"""sesguard's semgrep ruleset: the parts in `semgrep/`, joined in file-name order.

The parts share YAML anchors (a message or option defined once for every language), and
semgrep reads each config file alone, so it is given the joined text, never a part.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PARTS_DIR = Path(__file__).resolve().parent / "semgrep"


def ruleset_text() -> str:
    """The whole ruleset as one YAML document: 00-shared.yml's anchors first."""
    parts = sorted(PARTS_DIR.glob("*.yml"))
    return "\n".join(part.read_text(encoding="utf-8") for part in parts)


@contextmanager
def ruleset_file() -> Iterator[Path]:
    """The joined ruleset in a private temporary file, for semgrep's --config."""
    with tempfile.TemporaryDirectory(prefix="sesguard-ruleset-") as folder:
        path = Path(folder) / "sesguard-scan.yml"
        path.write_text(ruleset_text(), encoding="utf-8")
        yield path
