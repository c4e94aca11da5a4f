"""`make demo`'s send step (tools/send_demo.py) against the emulator: one send per stream,
and the output says why each lane shows a complaint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "send_demo.py"


def test_send_step_says_why_every_lane_shows_a_complaint(sesv2, emulator):
    sesv2.create_configuration_set(ConfigurationSetName="receipts")
    sesv2.create_email_identity(EmailIdentity="shop.example", ConfigurationSetName="receipts")
    done = subprocess.run(
        [sys.executable, str(TOOL), emulator], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "Each stream sends one message to complaint@simulator.amazonses.com, the SES mailbox "
        "simulator's complaint address: it is delivered, then the simulated recipient marks it "
        "as spam, so every lane shows a COMPLAINT (the simulator's, not a real one) and where "
        "its events go."
    )
    rows = [line.split()[:3] for line in lines[2:-1]]
    assert rows[0] == ["receipts", "demo@shop.example", "SEND"]
    assert ["COMPLAINT", "->"] in [row[:2] for row in rows]
