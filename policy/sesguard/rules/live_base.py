"""Rules only a live account can answer (`sesguard audit`): they read `Model.live`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..findings import Finding
from ..model import Model
from .base import Rule

if TYPE_CHECKING:
    from ..model.live import LiveFacts


class LiveRule(Rule):
    applies_to = ("live",)

    def check(self, model: Model) -> Iterator[Finding]:
        if model.live is None:  # a plan: nothing live to read
            return iter(())
        return self.check_live(model, model.live)

    def check_live(self, model: Model, live: LiveFacts) -> Iterator[Finding]:
        raise NotImplementedError


def identity_stream(model: Model, identity_name: str):
    """The stream an identity's default configuration set belongs to, if any."""
    for identity in model.identities:
        if identity.identity == identity_name:
            return model.stream_of_set_name(identity.default_set)
    return None
