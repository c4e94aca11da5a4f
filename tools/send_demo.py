#!/usr/bin/env python3
"""`make demo` step: send one message per stream and show the events each produced.

Every identity with a default configuration set is a stream's sender. Each sends one
message without naming a set (its default set is the lane) to the mailbox simulator's
complaint address, so the delivery and the complaint show which destinations of that
lane received what. Reads the answer back from the emulator's /_ses/messages API.

usage: send_demo.py EMULATOR_URL
"""

from __future__ import annotations

import sys

import emulator_clients

RECIPIENT = "complaint@simulator.amazonses.com"
WHY_A_COMPLAINT = (
    f"Each stream sends one message to {RECIPIENT}, the SES mailbox simulator's complaint "
    "address: it is delivered, then the simulated recipient marks it as spam, so every lane "
    "shows a COMPLAINT (the simulator's, not a real one) and where its events go."
)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].startswith("http"):
        print("usage: send_demo.py EMULATOR_URL", file=sys.stderr)
        return 2
    kit = emulator_clients.clients(argv[0])
    identities = kit.sesv2.list_email_identities()["EmailIdentities"]
    senders = {}
    for identity in identities:
        name = identity["IdentityName"]
        default = kit.sesv2.get_email_identity(EmailIdentity=name).get("ConfigurationSetName")
        if default:
            senders[default] = name if "@" in name else f"demo@{name}"
    if not senders:
        print(
            "send_demo: no identity has a default configuration set: apply first", file=sys.stderr
        )
        return 1
    kit.local("DELETE", "/messages")
    sent = {lane: kit.send(RECIPIENT, sender=sender) for lane, sender in sorted(senders.items())}
    stored = {m["MessageId"]: m for m in kit.messages()}
    print(WHY_A_COMPLAINT)
    print(f"{'stream (set)':<32} {'from':<44} event -> destinations")
    for lane, message_id in sent.items():
        message = stored[message_id]
        for number, event in enumerate(message["Events"]):
            left = (lane, senders[lane]) if number == 0 else ("", "")
            where = ", ".join(event["Destinations"]) or "(no destination matches)"
            print(f"{left[0]:<32} {left[1]:<44} {event['Type']:<10} -> {where}")
    print(f"lanes page: {argv[0]}/_ses/   messages: {argv[0]}/_ses/messages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
