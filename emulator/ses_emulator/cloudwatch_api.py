"""DescribeAlarmHistory, which moto 5.2 does not serve, over the history `alarms` keeps.

A subclass of moto's CloudWatch response class, so moto still parses the
request and serialises the answer in whichever protocol the client spoke
(CBOR for boto3 >= 1.42, JSON, or the query protocol of older SDKs); nothing
inside moto is patched. The server routes only this operation here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from moto.cloudwatch.responses import CloudWatchResponse
from moto.core.responses import ActionResult
from werkzeug.wrappers import Request, Response

from .alarms import alarm_state
from .metric_index import epoch

OPERATION = "DescribeAlarmHistory"
_TARGET = "GraniteServiceVersion20100801"
StartResponse = Callable[..., Any]


def is_history_request(environ: dict[str, Any], read_body: Callable[[], bytes]) -> bool:
    """Whether the request is CloudWatch's DescribeAlarmHistory, in any of its protocols.

    `read_body` is called (and must leave the body readable) only for a CloudWatch
    query-protocol request, the one protocol that names the operation in the body.
    """
    if environ.get("REQUEST_METHOD") != "POST":
        return False
    if environ.get("PATH_INFO", "") == f"/service/{_TARGET}/operation/{OPERATION}":
        return True  # smithy-rpc-v2-cbor
    if environ.get("HTTP_X_AMZ_TARGET") == f"{_TARGET}.{OPERATION}":
        return True  # json
    if "/monitoring/aws4_request" not in environ.get("HTTP_AUTHORIZATION", ""):
        return False  # query protocol: only CloudWatch's credential scope
    body = read_body()
    form = parse_qs(body.decode("utf-8", "replace")) if body else {}
    query = parse_qs(environ.get("QUERY_STRING", ""))
    return OPERATION in form.get("Action", []) + query.get("Action", [])


def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    request = Request(environ)
    status, headers, body = AlarmHistoryResponse.dispatch(
        request, request.url, dict(request.headers)
    )
    return Response(response=body, status=status, headers=headers)(environ, start_response)


class AlarmHistoryResponse(CloudWatchResponse):
    def describe_alarm_history(self) -> ActionResult:
        name = self._get_param("AlarmName")
        types = self._get_param("AlarmTypes") or []
        kind = self._get_param("HistoryItemType")
        start, end = self._get_param("StartDate"), self._get_param("EndDate")
        limit = int(self._get_param("MaxRecords") or 100)
        offset = int(self._get_param("NextToken") or 0)
        ascending = self._get_param("ScanBy") == "TimestampAscending"
        history = alarm_state(self.current_account, self.region).history
        items = [
            item for item in history
            if (not name or item["AlarmName"] == name)
            and (not types or item["AlarmType"] in types)
            and (not kind or item["HistoryItemType"] == kind)
            and (start is None or epoch(item["Timestamp"]) >= epoch(_moment(start)))
            and (end is None or epoch(item["Timestamp"]) <= epoch(_moment(end)))
        ]  # fmt: skip
        items = items if ascending else items[::-1]
        page = items[offset : offset + limit]
        result: dict[str, Any] = {"AlarmHistoryItems": page}
        if offset + limit < len(items):
            result["NextToken"] = str(offset + limit)
        return ActionResult(result)


def _moment(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value, dt.timezone.utc)
    return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
