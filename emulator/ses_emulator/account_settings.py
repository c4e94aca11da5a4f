"""Account-level SES v2 settings beyond suppression: sending, VDM, dedicated IP warm-up.

`GetAccount` (responses.py) reports all of them.
"""

from __future__ import annotations

import copy

from .responses import handles
from .state import sending_state


@handles("PutAccountSendingAttributes")
def put_account_sending_attributes(backend, params):
    # SES: omitting SendingEnabled pauses sending (the member's default is false). The same
    # switch as the emulator API's /_ses/control/account, which sending obeys.
    state = sending_state(backend.account_id, backend.region_name)
    state.sending_enabled = bool(params.get("SendingEnabled", False))
    return {}


@handles("PutAccountVdmAttributes")
def put_account_vdm_attributes(backend, params):
    backend.vdm_attributes = copy.deepcopy(params["VdmAttributes"])
    return {}


@handles("PutAccountDedicatedIpWarmupAttributes")
def put_account_dedicated_ip_warmup_attributes(backend, params):
    backend.dedicated_ip_auto_warmup = bool(params.get("AutoWarmupEnabled", False))
    return {}
