"""Gate configuration: stream taxonomy, class policies and account facts (TOML).

Default classes and the SES review levels come from classes.json, a copy of
modules/ses_stream/classes.json made at build time (a test fails when they differ), so the
module and the gate cannot disagree.
Every key is checked; an unknown key or a wrong type is an :class:`InputError` naming the
key, so a typo can never silently relax the gate.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .findings import Waiver
from .inputs import MIB, read_bounded

if TYPE_CHECKING:
    from datetime import date

# A config is a few hundred lines of TOML; past this it is not one.
CONFIG_MAX_BYTES = 16 * MIB

EVENT_TYPES = frozenset(
    {
        "SEND",
        "REJECT",
        "BOUNCE",
        "COMPLAINT",
        "DELIVERY",
        "OPEN",
        "CLICK",
        "RENDERING_FAILURE",
        "DELIVERY_DELAY",
        "SUBSCRIPTION",
    }
)
SUPPRESSION_REASONS = frozenset({"BOUNCE", "COMPLAINT"})


@dataclass(frozen=True)
class ClassPolicy:
    """What a stream class must look like. Rates are fractions: 0.01 = 1 %."""

    name: str
    suppressed_reasons: frozenset[str]
    max_bounce_rate: float
    max_complaint_rate: float
    dedicated_pool: bool = False
    realtime_events: frozenset[str] = frozenset()
    # Words in a set's name or tag that give it this class (besides the class's own name).
    keywords: tuple[str, ...] = ()
    # Whether its lanes turn their own sending off when a bounce or complaint alarm fires.
    pause_on_alarm: bool = False


@dataclass(frozen=True)
class StreamDecl:
    name: str
    class_name: str | None = None
    configuration_set: str | None = None
    shared_pool: bool = False


@dataclass(frozen=True)
class Config:
    classes: dict[str, ClassPolicy] = field(default_factory=dict)
    streams: dict[str, StreamDecl] = field(default_factory=dict)
    dimension: str = "stream"
    unpooled_dedicated_ips: bool = False
    external_pools: frozenset[str] = frozenset()
    review_bounce_rate: float = field(default_factory=lambda: SES_REVIEW_LEVELS.bounce_rate)
    review_complaint_rate: float = field(default_factory=lambda: SES_REVIEW_LEVELS.complaint_rate)
    waivers: tuple[Waiver, ...] = ()

    @classmethod
    def default(cls) -> Config:
        return cls(classes=dict(DEFAULT_CLASSES))


CLASSES_FILE = Path(__file__).with_name("classes.json")


@dataclass(frozen=True)
class AccountLevels:
    """Account-wide rates at which SES acts (fractions): a review, or a pause of sending."""

    bounce_rate: float
    complaint_rate: float

    def describe(self) -> str:
        """``5 % bounces / 0.1 % complaints``."""
        return (
            f"{self.bounce_rate * 100:.3g} % bounces / {self.complaint_rate * 100:.3g} % complaints"
        )


def _levels(data: dict[str, Any], key: str) -> AccountLevels:
    return AccountLevels(data[key]["bounce_rate"], data[key]["complaint_rate"])


def _classes_from_file(data: dict[str, Any]) -> dict[str, ClassPolicy]:
    return {
        name: ClassPolicy(
            name,
            frozenset(cls["suppressed_reasons"]),
            cls["max_bounce_rate"],
            cls["max_complaint_rate"],
            dedicated_pool=cls["pool_mode"] != "shared",
            realtime_events=frozenset(cls["realtime_events"]),
            keywords=tuple(cls["keywords"]),
            pause_on_alarm=cls["pause_on_alarm"],
        )
        for name, cls in data["classes"].items()
    }


_CLASS_FILE = json.loads(CLASSES_FILE.read_text(encoding="utf-8"))
DEFAULT_CLASSES = _classes_from_file(_CLASS_FILE)
SES_REVIEW_LEVELS = _levels(_CLASS_FILE, "ses_review_levels")
SES_PAUSE_LEVELS = _levels(_CLASS_FILE, "ses_pause_levels")


def by_class(value: Callable[[ClassPolicy], str]) -> str:
    """The default classes grouped by ``value``, for rule text that follows classes.json:
    ``transactional [BOUNCE]; marketing, bulk-notifications [BOUNCE, COMPLAINT]``. Classes
    whose value is empty are left out."""
    groups: dict[str, list[str]] = {}
    for name, policy in DEFAULT_CLASSES.items():
        groups.setdefault(value(policy), []).append(name)
    return "; ".join(f"{', '.join(names)} {text}" for text, names in groups.items() if text)


# TOML key → (field, checker). Checkers return the converted value or raise TypeError.


def _string(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise TypeError("a non-empty string")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("true or false")
    return value


def _rate(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
        raise TypeError("a fraction between 0 and 1 (0.01 = 1 %)")
    return float(value)


def _choices(allowed: frozenset[str]):
    def check(value: Any) -> frozenset[str]:
        if not isinstance(value, list) or any(v not in allowed for v in value):
            raise TypeError(f"a list of {', '.join(sorted(allowed))}")
        return frozenset(value)

    return check


def _names(value: Any) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise TypeError("a list of names")
    return frozenset(value)


_CLASS_KEYS = {
    "suppressed_reasons": _choices(SUPPRESSION_REASONS),
    "max_bounce_rate": _rate,
    "max_complaint_rate": _rate,
    "dedicated_pool": _boolean,
    "realtime_events": _choices(EVENT_TYPES),
    "pause_on_alarm": _boolean,
    "keywords": lambda value: tuple(sorted(_names(value))),
}
_STREAM_KEYS = {"class": _string, "configuration_set": _string, "shared_pool": _boolean}
_ACCOUNT_KEYS = {
    "unpooled_dedicated_ips": _boolean,
    "external_pools": _names,
    "review_bounce_rate": _rate,
    "review_complaint_rate": _rate,
}
_TOP_KEYS = {"dimension", "account", "classes", "streams", "waiver"}


def _rule_id(value: Any) -> str:
    from .rules import RULES_BY_ID

    if value not in RULES_BY_ID:
        raise TypeError("a rule ID such as SES004 (see `sesguard rules`)")
    return value


def _day(value: Any) -> date:
    """A TOML date (`2025-06-30`) or the same as a string; the last day the waiver holds."""
    from datetime import date, datetime  # only waivers have dates: a plain check needs none

    if isinstance(value, str):
        with contextlib.suppress(ValueError):  # not a date: the message below says so
            value = date.fromisoformat(value)
    if not isinstance(value, date) or isinstance(value, datetime):
        raise TypeError("a date, YYYY-MM-DD")
    return value


_WAIVER_KEYS = {"rule": _rule_id, "address": _string, "reason": _string, "expires": _day}


def _waivers(value: Any) -> tuple[Waiver, ...]:
    if not isinstance(value, list):
        raise InputError("config: waiver must be an array of tables ([[waiver]])")
    waivers = []
    for number, table in enumerate(value, 1):
        prefix = f"waiver[{number}]"
        values = _read_keys(_table(table, prefix), _WAIVER_KEYS, prefix)
        missing = {"rule", "reason", "expires"} - set(values)
        if missing:
            raise InputError(f"config: {prefix} needs {', '.join(sorted(missing))}")
        address = values.get("address", "*")
        waivers.append(Waiver(values["rule"], address, values["reason"], values["expires"]))
    return tuple(waivers)


def _table(value: Any, key: str) -> dict:
    if not isinstance(value, dict):
        raise InputError(f"config: {key} must be a table")
    return value


def _read_keys(table: dict, checkers: dict, prefix: str) -> dict:
    out = {}
    for key, value in table.items():
        if key not in checkers:
            raise InputError(f"config: unknown key {prefix}.{key}")
        try:
            out[key] = checkers[key](value)
        except TypeError as exc:
            raise InputError(f"config: {prefix}.{key} must be {exc}") from None
    return out


def config_from_dict(doc: dict) -> Config:
    """Build a :class:`Config` from parsed TOML, starting from the default classes."""
    for key in doc:
        if key not in _TOP_KEYS:
            raise InputError(f"config: unknown key {key}")
    config = Config.default()
    if "dimension" in doc:
        try:
            config = replace(config, dimension=_string(doc["dimension"]))
        except TypeError as exc:
            raise InputError(f"config: dimension must be {exc}") from None
    account = _read_keys(_table(doc.get("account", {}), "account"), _ACCOUNT_KEYS, "account")
    config = replace(config, **account)
    classes = dict(config.classes)
    for name, table in _table(doc.get("classes", {}), "classes").items():
        values = _read_keys(_table(table, f"classes.{name}"), _CLASS_KEYS, f"classes.{name}")
        base = classes.get(name)
        if base is None:
            missing = {"suppressed_reasons", "max_bounce_rate", "max_complaint_rate"} - set(values)
            if missing:
                raise InputError(f"config: classes.{name} needs {', '.join(sorted(missing))}")
            base = ClassPolicy(name, frozenset(), 0.0, 0.0)
        classes[name] = replace(base, **values)
    streams = {}
    for name, table in _table(doc.get("streams", {}), "streams").items():
        values = _read_keys(_table(table, f"streams.{name}"), _STREAM_KEYS, f"streams.{name}")
        class_name = values.pop("class", None)
        if class_name is not None and class_name not in classes:
            raise InputError(
                f"config: streams.{name}.class {class_name!r} is not one of "
                f"{', '.join(sorted(classes))}"
            )
        streams[name] = StreamDecl(name, class_name, **values)
    waivers = _waivers(doc["waiver"]) if "waiver" in doc else ()
    return replace(config, classes=classes, streams=streams, waivers=waivers)


def load_config(path: str | Path, max_bytes: int = CONFIG_MAX_BYTES) -> Config:
    """Read a TOML config file. Loaded lazily: plain `sesguard check` never imports TOML."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: tomllib arrived in 3.11
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            raise InputError("--config needs Python >= 3.11 (or the tomli package)") from None
    try:
        text = read_bounded(path, "config", max_bytes).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot read config {path}: {exc}") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"config {path} is not valid TOML: {exc}") from None
    except RecursionError:
        raise InputError(f"config {path} is nested too deeply") from None
    return config_from_dict(doc)
