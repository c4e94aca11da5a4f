"""Property: whatever modules/ses_stream accepts, the gate with its default config passes.

Hypothesis draws inputs across what the module's validations accept, for several module
calls in one root; real `terraform plan` (offline) makes the plan; the gate must exit 0.
Terraform is slow to start, so a few roots of several calls each, not hundreds of plans.

Left out of the draw because they need the gate to be told as well: ip_pool.mode existing
(the pool is managed elsewhere: account.external_pools), a cloudwatch dimension_name other
than `stream` (the gate's `dimension`), and outside_class_limits (the class limits).
Values outside a class limit are refused by the module itself (tests/validation.tftest.hcl).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sesguard import check_plan
from sesguard.config import EVENT_TYPES
from terraform_runner import BUILD, MODULES, REPO, plan_root

pytestmark = pytest.mark.terraform

CLASSES = json.loads((MODULES / "ses_stream" / "classes.json").read_text())["classes"]
EVENTS = sorted(EVENT_TYPES)
ROOT = BUILD / "property-root"
CALLS_PER_ROOT = 5


def optional(strategy):
    return st.none() | strategy


def subset(values, min_size=0):
    return st.lists(st.sampled_from(values), min_size=min_size, unique=True)


@st.composite
def stream_call(draw, index: int) -> dict:
    class_name = draw(st.sampled_from(sorted(CLASSES)))
    limits = CLASSES[class_name]
    name = f"s{index}-" + draw(st.from_regex(r"[a-z0-9_-]{1,20}", fullmatch=True))
    modes = ["managed", "standard"] + (["shared"] if limits["pool_mode"] == "shared" else [])
    mode = draw(optional(st.sampled_from(modes)))
    pool = {"mode": mode}
    if mode != "shared" and draw(st.booleans()):
        pool["name"] = f"{name}-ips"
    inputs = {
        "source": "../../modules/ses_stream",
        "name": name,
        "class": class_name,
        "account_id": "111122223333",
        "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:ses-alarms"],
        "ip_pool": pool,
        "suppressed_reasons": draw(optional(st.permutations(limits["suppressed_reasons"]))),
        "tls_policy": draw(st.sampled_from(["REQUIRE", "OPTIONAL"])),
        "reputation_metrics_enabled": draw(st.booleans()),
        "sending_enabled": draw(st.booleans()),
        "max_delivery_seconds": draw(optional(st.integers(300, 50400))),
        "custom_redirect_domain": draw(optional(st.just("track.example.com"))),
        "cloudwatch_destination": {
            "event_types": ["SEND", "BOUNCE", "COMPLAINT"]
            + draw(subset([e for e in EVENTS if e not in ("SEND", "BOUNCE", "COMPLAINT")]))
        },
        "sns_destination": {"event_types": draw(optional(subset(EVENTS)))},
        "firehose_destination": draw(
            optional(st.just({"bucket_arn": "arn:aws:s3:::example-ses-archive"}))
        ),
        "eventbridge_destination": draw(
            optional(st.builds(lambda types: {"event_types": types}, subset(EVENTS, 1)))
        ),
        "alarms": {
            "bounce_rate_threshold": draw(
                optional(st.floats(0.0001, limits["max_bounce_rate"]).map(lambda x: round(x, 4)))
            ),
            "complaint_rate_threshold": draw(
                optional(
                    st.floats(0.00001, limits["max_complaint_rate"]).map(lambda x: round(x, 5))
                )
            ),
            "min_send_volume": draw(st.integers(1, 1_000_000)),
            "min_bounces": draw(optional(st.integers(1, 1000))),
            "min_complaints": draw(optional(st.integers(1, 1000))),
            "period_seconds": draw(st.sampled_from([60, 300, 900, 3600, 21600, 86400])),
            "evaluation_periods": draw(st.integers(1, 24)),
        },
        "tags": draw(st.sampled_from([{}, {"team": "mail"}])),
    }
    return {key: value for key, value in inputs.items() if value is not None}


def root_of(calls: list[dict]) -> dict:
    return {
        "terraform": {
            "required_providers": {"aws": {"source": "hashicorp/aws", "version": "~> 5.100"}}
        },
        "provider": {"aws": {"region": "us-east-1"}},
        "module": {f"stream_{i}": call for i, call in enumerate(calls)},
    }


calls = st.tuples(*(stream_call(i) for i in range(CALLS_PER_ROOT))).map(list)


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calls)
def test_gate_passes_whatever_the_module_accepts(drawn):
    ROOT.mkdir(parents=True, exist_ok=True)
    assert ROOT.relative_to(REPO)  # plan_root stages it beside modules/ by this path
    (ROOT / "main.tf.json").write_text(json.dumps(root_of(drawn), indent=1))
    plan = plan_root(ROOT, "property", use_cache=False)
    report = check_plan(plan)
    assert report.exit_code == 0, [(f.rule, f.address, f.message) for f in report.errors]
    assert len(report.summary.streams) == CALLS_PER_ROOT
