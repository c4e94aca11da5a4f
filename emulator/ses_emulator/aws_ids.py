"""Identifiers moto draws in a shape AWS never uses, redrawn in AWS's.

Route 53 hosted zone IDs: moto draws 22 characters from A-Z0-9; AWS's start with "Z"
(Z1D633PJN98FT9), and a module that validates a zone ID (ses_identity's
route53_zone_id) refuses moto's. Registered as an ID source with moto's ID manager, so
a custom ID a test asks moto for still wins.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

from moto.utilities.id_generator import moto_id_manager

_ALPHABET = string.ascii_uppercase + string.digits


def _hosted_zone_id(context: dict[str, Any]) -> str | None:
    identifier = context.get("resource_identifier")
    if (getattr(identifier, "service", None), getattr(identifier, "resource", None)) != (
        "route53",
        "hosted_zone",
    ):
        return None
    return "Z" + "".join(secrets.choice(_ALPHABET) for _ in range(20))


moto_id_manager.add_id_source(_hosted_zone_id)
