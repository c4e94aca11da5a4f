"""Per-account sending state the SES v2 configuration model does not hold.

The suppression list, the message store, the scenario rules of the mailbox
simulator and the account's sending switches live here, one instance per
account and region. It is a moto backend so `/moto-api/reset` clears it along
with everything else.
"""

from __future__ import annotations

import threading

from moto.core.base_backend import BackendDict, BaseBackend

from .mailbox import Mailboxes
from .message_store import MessageStore
from .quotas import SendQuota
from .suppression_list import SuppressionList
from .window import DayWindow

# moto's backends are not thread-safe and the server is threaded: one send at a
# time walks the configuration, writes the store and publishes into moto.
SENDING_LOCK = threading.RLock()


class SendingState(BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.suppression = SuppressionList()
        self.messages = MessageStore()
        self.mailboxes = Mailboxes()
        # Switched through the emulator's control API: SES offers no API to leave
        # production access, and a sandboxed account is what a new account gets.
        self.sending_enabled = True
        self.production_access_enabled = True
        self.quota = SendQuota()  # Max24HourSend and MaxSendRate, also set by the control API
        # Reputation counts per configuration set (None = the whole account), last 24 hours.
        self.reputation: dict[str | None, DayWindow] = {}


_states = BackendDict(SendingState, "sesv2")


def sending_state(account_id: str, region: str) -> SendingState:
    return _states[account_id][region]
