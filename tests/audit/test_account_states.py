"""States of a live account the emulator never enters (every identity verifies at once,
the account is always healthy), patched into its answers by the HTTP proxy: each is
found by its live rule, and nothing else is."""

from __future__ import annotations

import pytest
from audit_runs import account_arn, keys, run_audit
from fault_proxy import Patch
from live_account import identity_of, ses_arn

MARKETING = identity_of("marketing")
IDENTITY_PATH = f"/v2/email/identities/{MARKETING}"

STATES = {
    "identity pending verification": (
        Patch(IDENTITY_PATH, {"VerificationStatus": "PENDING", "VerifiedForSendingStatus": False}),
        {("SES021", ses_arn("identity", MARKETING))},
    ),
    "DKIM failed": (
        Patch(IDENTITY_PATH, {"DkimAttributes": {"Status": "FAILED"}}),
        {("SES022", ses_arn("identity", MARKETING))},
    ),
    "MAIL FROM pending": (
        Patch(IDENTITY_PATH, {"MailFromAttributes": {"MailFromDomainStatus": "PENDING"}}),
        {("SES023", ses_arn("identity", MARKETING))},
    ),
    "account under review": (
        Patch("/v2/email/account", {"EnforcementStatus": "PROBATION"}),
        {("SES024", account_arn())},
    ),
    "sending paused": (
        Patch("/v2/email/account", {"SendingEnabled": False}),
        {("SES024", account_arn())},
    ),
    "account suppression without COMPLAINT": (
        Patch("/v2/email/account", {"SuppressionAttributes": {"SuppressedReasons": ["BOUNCE"]}}),
        set(),  # every set has suppression options of its own: nothing inherits the list
    ),
}


@pytest.mark.parametrize("state", STATES, ids=list(STATES))
def test_an_account_state_is_found_by_its_live_rule_and_nothing_else(
    state, proxy, shared_account, baseline, tmp_path
):
    patch, expected = STATES[state]
    proxy.patches.append(patch)
    code, report = run_audit(proxy.url, "--no-dns", "--no-health", tmp_path=tmp_path)
    assert keys(report, severity="error") == expected
    assert code == (1 if expected else 0)
