"""What the tenant rules (SES033-SES036) share: the tenants read, and the lanes whose
configuration sets each tenant holds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import Model
from ..model.entities import ConfigurationSet

if TYPE_CHECKING:
    from ..model.live import LiveFacts, LiveTenant

# The class whose mail (password resets, receipts) must keep flowing: a pause costs most there.
TRANSACTIONAL = "transactional"
TENANTS_DOC = "https://docs.aws.amazon.com/ses/latest/dg/tenants.html"


def tenants(live: LiveFacts) -> tuple[LiveTenant, ...]:
    return live.tenants if isinstance(live.tenants, tuple) else ()


def sets_in(model: Model, tenant: LiveTenant) -> Iterator[ConfigurationSet]:
    """The configuration sets of the account the tenant holds (in the tenant's order)."""
    for name in tenant.sets if isinstance(tenant.sets, tuple) else ():
        yield from model.sets_by_name.get(name, ())[:1]


def class_of(config_set: ConfigurationSet) -> str | None:
    return config_set.stream.class_name if config_set.stream is not None else None
