"""What happens at the recipient's end: the SES mailbox simulator and scenario rules.

The simulator addresses behave as SES documents them and, as in SES, never
touch reputation or the account suppression list. Any other address is
delivered, unless a scenario rule (set through the emulator's control API)
makes that address or its whole domain bounce or complain at a given rate.
Rates are deterministic (the n-th send bounces when floor(n * rate) grows), so
a test or a lab scenario gets the same story on every run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

SIMULATOR_DOMAIN = "simulator.amazonses.com"


@dataclass(frozen=True)
class Outcome:
    kind: str  # "DELIVERY" | "BOUNCE" | "COMPLAINT" (delivered, then marked as spam)
    simulated: bool = False  # mailbox simulator: no reputation, no suppression list
    bounce_type: str | None = None
    bounce_sub_type: str | None = None
    status: str | None = None
    diagnostic: str | None = None
    delayed: bool = False  # a DELIVERY_DELAY before the delivery


DELIVERED = Outcome("DELIVERY")
DELAYED = Outcome("DELIVERY", delayed=True)
HARD_BOUNCE = Outcome(
    "BOUNCE",
    bounce_type="Permanent",
    bounce_sub_type="General",
    status="5.1.1",
    diagnostic="smtp; 550 5.1.1 user unknown",
)
COMPLAINED = Outcome("COMPLAINT")
# What a send to an address on the account suppression list gets instead of delivery.
ON_SUPPRESSION_LIST = Outcome(
    "BOUNCE",
    bounce_type="Permanent",
    bounce_sub_type="OnAccountSuppressionList",
    status="5.1.1",
    diagnostic="Amazon SES did not send the message to this address because it is on "
    "the suppression list for your account.",
)
# What a list-managed send to a contact who unsubscribed gets (SES bounces it; it does not
# document the subtype, so the emulator says why in the diagnostic).
UNSUBSCRIBED = Outcome(
    "BOUNCE",
    bounce_type="Permanent",
    bounce_sub_type="General",
    status="5.0.0",
    diagnostic="Amazon SES did not send the message to this address because the contact "
    "unsubscribed from the list or topic the message belongs to.",
)

# local part (before any +label) -> what SES's simulator does with it.
_SIMULATOR = {
    "success": Outcome("DELIVERY", simulated=True),
    "ooto": Outcome("DELIVERY", simulated=True),  # delivered; the auto-reply goes to the sender
    "bounce": replace(HARD_BOUNCE, simulated=True),
    "complaint": Outcome("COMPLAINT", simulated=True),
    "suppressionlist": replace(ON_SUPPRESSION_LIST, simulated=True),
}


def simulator_outcome(address: str) -> Outcome | None:
    local, _, domain = address.lower().rpartition("@")
    if domain != SIMULATOR_DOMAIN:
        return None
    return _SIMULATOR.get(local.split("+", 1)[0], _SIMULATOR["success"])


def is_simulator(address: str) -> bool:
    return address.lower().rpartition("@")[2] == SIMULATOR_DOMAIN


@dataclass
class Rule:
    """A recipient (address or domain) that bounces and/or complains at given rates."""

    target: str
    bounce_rate: float = 0.0
    complaint_rate: float = 0.0
    delay_rate: float = 0.0  # delivered after a DELIVERY_DELAY
    reject_rate: float = 0.0  # of the messages to it, SES's virus scan rejects (REJECT)
    sent: int = 0
    bounced: int = 0
    complained: int = 0
    delayed: int = 0
    messages: int = 0
    rejected: int = 0

    def next_outcome(self) -> Outcome:
        self.sent += 1
        if _due(self.sent, self.bounce_rate, self.bounced):
            self.bounced += 1
            return HARD_BOUNCE
        if _due(self.sent, self.complaint_rate, self.complained):
            self.complained += 1
            return COMPLAINED
        if _due(self.sent, self.delay_rate, self.delayed):
            self.delayed += 1
            return DELAYED
        return DELIVERED

    def rejects_next_message(self) -> bool:
        self.messages += 1
        if _due(self.messages, self.reject_rate, self.rejected):
            self.rejected += 1
            return True
        return False

    def as_json(self) -> dict[str, Any]:
        kind = "address" if "@" in self.target else "domain"
        return {
            kind: self.target,
            "bounce_rate": self.bounce_rate,
            "complaint_rate": self.complaint_rate,
            "sent": self.sent,
            "bounced": self.bounced,
            "complained": self.complained,
            # Delays and rejects only for the rules that ask for them.
            **({"delay_rate": self.delay_rate, "delayed": self.delayed}
               if self.delay_rate else {}),
            **({"reject_rate": self.reject_rate, "rejected": self.rejected}
               if self.reject_rate else {}),
        }  # fmt: skip


def _due(count: int, rate: float, done: int) -> bool:
    """Deterministic rates: the n-th one is due when floor(n * rate) grows."""
    return math.floor(count * rate + 1e-9) > done


@dataclass
class Mailboxes:
    rules: dict[str, Rule] = field(default_factory=dict)

    def set_rule(self, target: str, **rates: float) -> Rule:
        rule = self.rules[target.lower()] = Rule(target.lower(), **rates)
        return rule

    def _rule(self, address: str) -> Rule | None:
        address = address.lower()
        return self.rules.get(address) or self.rules.get(address.rpartition("@")[2])

    def rejects(self, recipients: list[str]) -> bool:
        """Whether a rule of one of `recipients` has SES's virus scan reject this message."""
        if not self.rules:
            return False
        rules = {id(r): r for r in map(self._rule, recipients) if r is not None and r.reject_rate}
        return any([rule.rejects_next_message() for rule in rules.values()])

    def outcome(self, address: str) -> Outcome:
        simulated = simulator_outcome(address)
        if simulated is not None:
            return simulated
        rule = self._rule(address)
        return rule.next_outcome() if rule else DELIVERED
