"""Control API of the emulator clock and alarm evaluation, under /_ses/.

    GET  /_ses/clock             {"Now": ISO time, "Pinned": false while it follows wall time}
    POST /_ses/clock             {"advance_seconds": N > 0}: move forward, evaluating every
                                 alarm at each period boundary crossed; or {"time": ISO}: set
                                 (any direction; alarms are then evaluated once, at the new time);
                                 either way every tenant's reputation is evaluated up to now
    DELETE /_ses/clock           follow wall time again (what a reset also does)
    POST /_ses/alarms/evaluate   evaluate every alarm now

Both POSTs answer {"Now": ..., "Alarms": [{"AlarmName", "StateValue", "Changed",
"Notified"?, "Error"?}]}; "Error" names what the emulator cannot evaluate (a
metric math function, a percentile...). Registered into the /_ses/ routes of
`local_api`, so requests run under the same lock as sends.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from . import alarms, reputation_entities
from .clock import clock
from .events import iso
from .local_api import ROUTES, ApiError

MAX_ADVANCE = 366 * 86400  # a year per call: enough for any scenario, bounded work


def _now() -> dict[str, Any]:
    return {"Now": iso(clock().now()), "Pinned": clock().pinned is not None}


def _get_clock(_state, _query, _body):
    return _now()


def _post_clock(_state, _query, body):
    if set(body) not in ({"advance_seconds"}, {"time"}):
        raise ApiError(400, 'give exactly one of "advance_seconds" (a number > 0) or "time" (ISO)')
    if "time" in body:
        try:
            moment = dt.datetime.fromisoformat(str(body["time"]).replace("Z", "+00:00"))
        except ValueError:
            raise ApiError(400, f"time {body['time']!r} is not an ISO 8601 date and time") from None
        if moment.tzinfo is None:
            raise ApiError(400, "time must carry a UTC offset (e.g. 2026-01-05T06:00:00Z)")
        clock().set(moment)
        alarms.restart()
        outcomes = alarms.evaluate_now()
    else:
        seconds = body["advance_seconds"]
        valid = isinstance(seconds, (int, float)) and not isinstance(seconds, bool)
        if not valid or not math.isfinite(seconds) or not 0 < seconds <= MAX_ADVANCE:
            raise ApiError(400, f"advance_seconds must be a number above 0, at most {MAX_ADVANCE}")
        outcomes = alarms.advance(*clock().advance(seconds))
    reputation_entities.catch_up_everywhere()
    return {**_now(), "Alarms": [o.as_json() for o in outcomes]}


def _release_clock(_state, _query, _body):
    clock().release()
    alarms.restart()
    return _now()


def _evaluate(_state, _query, _body):
    return {**_now(), "Alarms": [o.as_json() for o in alarms.evaluate_now()]}


ROUTES.update({
    ("GET", "/clock"): _get_clock,
    ("POST", "/clock"): _post_clock,
    ("DELETE", "/clock"): _release_clock,
    ("POST", "/alarms/evaluate"): _evaluate,
})  # fmt: skip
