"""Dedicated IP addresses: the account's leased IPs, their pool and warm-up.

An account has no dedicated IPs until the control API leases some
(`POST /_ses/control/dedicated-ips`); they start in `ses-default-dedicated-pool`,
warmed up, as IPs an account has had for a while do.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from .config_set_model import DEFAULT_POOL
from .exceptions import BadRequestException, existing
from .registry import handles, paginate


def lease(backend, ips: list[str]) -> list[str]:
    """Add dedicated IPs to the account (the control API); returns every leased IP."""
    for ip in ips:
        try:
            ipaddress.IPv4Address(ip)
        except ValueError:
            raise BadRequestException(f"<{ip}> is not an IPv4 address.") from None
        backend.dedicated_ips.setdefault(
            ip,
            {"Ip": ip, "WarmupStatus": "DONE", "WarmupPercentage": 100, "PoolName": DEFAULT_POOL},
        )
    return sorted(backend.dedicated_ips)


def _ip(backend, ip: str) -> dict[str, Any]:
    return existing(backend.dedicated_ips, ip, "Dedicated IP")


@handles("GetDedicatedIp")
def get_dedicated_ip(backend, params):
    return {"DedicatedIp": dict(_ip(backend, params["Ip"]))}


@handles("GetDedicatedIps")
def get_dedicated_ips(backend, params):
    pool = params.get("PoolName")
    if pool and pool != DEFAULT_POOL:
        backend.get_dedicated_ip_pool(pool)  # NotFound for a pool that does not exist
    chosen = [
        dict(item)
        for _, item in sorted(backend.dedicated_ips.items())
        if not pool or item["PoolName"] == pool
    ]
    page, token = paginate(chosen, params)
    return {"DedicatedIps": page, **token}


@handles("PutDedicatedIpInPool")
def put_dedicated_ip_in_pool(backend, params):
    item = _ip(backend, params["Ip"])
    destination = params["DestinationPoolName"]
    if destination != DEFAULT_POOL:
        pool = backend.get_dedicated_ip_pool(destination)
        if pool.scaling_mode == "MANAGED":
            raise BadRequestException(
                f"Dedicated IP pool <{destination}> is MANAGED: SES chooses its IPs."
            )
    item["PoolName"] = destination
    return {}


@handles("PutDedicatedIpWarmupAttributes")
def put_dedicated_ip_warmup_attributes(backend, params):
    item = _ip(backend, params["Ip"])
    percentage = params["WarmupPercentage"]
    if not 0 <= percentage <= 100:
        raise BadRequestException(f"WarmupPercentage must be 0-100 (got {percentage}).")
    item["WarmupPercentage"] = percentage
    item["WarmupStatus"] = "DONE" if percentage == 100 else "IN_PROGRESS"
    return {}


# --- dedicated IP pools ---------------------------------------------------------------
@handles("CreateDedicatedIpPool")
def create_dedicated_ip_pool(backend, params):
    backend.create_dedicated_ip_pool(
        params["PoolName"], params.get("ScalingMode") or "STANDARD", params.get("Tags")
    )
    return {}


@handles("GetDedicatedIpPool")
def get_dedicated_ip_pool(backend, params):
    pool = backend.get_dedicated_ip_pool(params["PoolName"])
    return {"DedicatedIpPool": {"PoolName": pool.pool_name, "ScalingMode": pool.scaling_mode}}


@handles("ListDedicatedIpPools")
def list_dedicated_ip_pools(backend, params):
    names, token = paginate(backend.list_dedicated_ip_pools(), params)
    return {"DedicatedIpPools": names, **token}


@handles("DeleteDedicatedIpPool")
def delete_dedicated_ip_pool(backend, params):
    backend.delete_dedicated_ip_pool(params["PoolName"])
    return {}


@handles("PutDedicatedIpPoolScalingAttributes")
def put_dedicated_ip_pool_scaling_attributes(backend, params):
    backend.put_dedicated_ip_pool_scaling_attributes(params["PoolName"], params["ScalingMode"])
    return {}
