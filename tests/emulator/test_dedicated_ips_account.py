"""Dedicated IPs (leased through the control API), account sending, VDM and warm-up settings."""

from __future__ import annotations

import pytest
from conftest import client_error, control

IPS = ["198.51.100.1", "198.51.100.2"]


@pytest.fixture
def leased(emulator, sesv2):
    status, answer = control(emulator, "POST", "/dedicated-ips", {"ips": IPS})
    assert (status, answer) == (200, {"ips": IPS})
    return IPS


def test_leased_ips_start_warmed_up_in_the_default_pool(sesv2, leased):
    assert sesv2.get_dedicated_ips()["DedicatedIps"] == [
        {"Ip": ip, "WarmupStatus": "DONE", "WarmupPercentage": 100,
         "PoolName": "ses-default-dedicated-pool"}
        for ip in IPS
    ]  # fmt: skip


def test_an_ip_moves_between_pools_and_back(sesv2, leased):
    sesv2.create_dedicated_ip_pool(PoolName="marketing")
    sesv2.put_dedicated_ip_in_pool(Ip=IPS[0], DestinationPoolName="marketing")
    assert [i["Ip"] for i in sesv2.get_dedicated_ips(PoolName="marketing")["DedicatedIps"]] == [
        IPS[0]
    ]
    assert sesv2.get_dedicated_ip(Ip=IPS[0])["DedicatedIp"]["PoolName"] == "marketing"
    sesv2.delete_dedicated_ip_pool(PoolName="marketing")  # its IPs go back
    assert sesv2.get_dedicated_ip(Ip=IPS[0])["DedicatedIp"]["PoolName"] == (
        "ses-default-dedicated-pool"
    )


def test_managed_pools_take_no_ips_and_unknown_ips_or_pools_are_not_found(sesv2, leased):
    sesv2.create_dedicated_ip_pool(PoolName="managed", ScalingMode="MANAGED")
    into_managed = client_error(
        lambda: sesv2.put_dedicated_ip_in_pool(Ip=IPS[0], DestinationPoolName="managed")
    )
    assert into_managed[:2] == ("BadRequestException", 400)
    assert client_error(lambda: sesv2.get_dedicated_ip(Ip="203.0.113.9"))[:2] == (
        "NotFoundException",
        404,
    )
    assert client_error(lambda: sesv2.get_dedicated_ips(PoolName="nope"))[:2] == (
        "NotFoundException",
        404,
    )


def test_warmup_percentage_sets_the_status(sesv2, leased):
    sesv2.put_dedicated_ip_warmup_attributes(Ip=IPS[1], WarmupPercentage=40)
    got = sesv2.get_dedicated_ip(Ip=IPS[1])["DedicatedIp"]
    assert (got["WarmupStatus"], got["WarmupPercentage"]) == ("IN_PROGRESS", 40)


def test_a_bad_lease_request_is_refused(emulator):
    assert control(emulator, "POST", "/dedicated-ips", {"ips": ["not-an-ip"]})[0] == 400
    assert control(emulator, "POST", "/dedicated-ips", {"ips": "198.51.100.1"})[0] == 400


def test_account_sending_vdm_and_warmup_read_back(emulator, sesv2):
    account = sesv2.get_account()
    assert (account["SendingEnabled"], "VdmAttributes" in account) == (True, False)
    sesv2.put_account_sending_attributes(SendingEnabled=False)
    vdm = {
        "VdmEnabled": "ENABLED",
        "DashboardAttributes": {"EngagementMetrics": "ENABLED"},
        "GuardianAttributes": {"OptimizedSharedDelivery": "DISABLED"},
    }
    sesv2.put_account_vdm_attributes(VdmAttributes=vdm)
    sesv2.put_account_dedicated_ip_warmup_attributes(AutoWarmupEnabled=True)
    account = sesv2.get_account()
    assert (account["SendingEnabled"], account["VdmAttributes"]) == (False, vdm)
    assert account["DedicatedIpAutoWarmupEnabled"] is True
    # The switch sending obeys, as the emulator API shows it.
    assert control(emulator, "GET", "/account")[1]["sending_enabled"] is False


def test_a_set_may_name_the_default_pool(sesv2):
    sesv2.create_configuration_set(
        ConfigurationSetName="cs", DeliveryOptions={"SendingPoolName": "ses-default-dedicated-pool"}
    )
    got = sesv2.get_configuration_set(ConfigurationSetName="cs")["DeliveryOptions"]
    assert got == {"SendingPoolName": "ses-default-dedicated-pool"}
