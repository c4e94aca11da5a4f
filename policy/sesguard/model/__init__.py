"""The plan model: typed, indexed SES objects that every rule reads.

- `entities`: the dataclasses (sets, pools, destinations, alarms, streams, the Model).
- `addresses`: the one parser of resource addresses (`module.a["k"].aws_x.y[0]`).
- `configuration`: the plan's `configuration` section (module calls, references).
- `alarms`: CloudWatch alarms from a plan or a DescribeAlarms answer, parsed once each.
- `from_plan`: one pass over a plan's `resource_changes` builds the entities
  (`blocks`: nested SES v2 blocks; `v1`: SES v1 sets and destinations read as streams;
  `iam`: the statements of the IAM policy documents it finds).
- `from_account`: the same entities from a live account's read-back, plus `live`: what
  only a live account shows (verification, DNS, enforcement, dedicated IPs).
- `ses_metrics`: what SES publishes to CloudWatch, the catalogue dead alarms are judged by.
- `linking`: source-neutral indexes and streams, called by every builder.
"""

from .entities import (
    DEFAULT_POOL,
    Alarm,
    ConfigurationSet,
    Destination,
    Identity,
    Model,
    Pool,
    Resource,
    Stream,
)
from .from_plan import model_from_plan
from .ses_metrics import METRIC_EVENTS


def __getattr__(name: str):
    # The live account's builder (and what only a live account shows) is imported when an
    # audit or adopt asks for it, not by every `sesguard check`.
    if name == "model_from_account":
        from .from_account import model_from_account

        return model_from_account
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_POOL",
    "METRIC_EVENTS",
    "Alarm",
    "ConfigurationSet",
    "Destination",
    "Identity",
    "Model",
    "Pool",
    "Resource",
    "Stream",
    "model_from_account",
    "model_from_plan",
]
