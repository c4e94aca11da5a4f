"""Account-level SES v2 settings: `GetAccount`, sending, suppression reasons, VDM and
dedicated IP warm-up."""

from __future__ import annotations

import copy

from . import clock
from .registry import handles
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


@handles("GetAccount")
def get_account(backend, params):
    switches = sending_state(backend.account_id, backend.region_name)
    return {
        "EnforcementStatus": "HEALTHY",
        "ProductionAccessEnabled": switches.production_access_enabled,
        "SendingEnabled": switches.sending_enabled,
        "SendQuota": switches.quota.answer(clock.now()),
        "SuppressionAttributes": {"SuppressedReasons": list(backend.suppressed_reasons)},
        **({"VdmAttributes": backend.vdm_attributes} if backend.vdm_attributes else {}),
        "DedicatedIpAutoWarmupEnabled": backend.dedicated_ip_auto_warmup,
    }


@handles("PutAccountSuppressionAttributes")
def put_account_suppression_attributes(backend, params):
    backend.put_account_suppression_attributes(params.get("SuppressedReasons"))
    return {}
