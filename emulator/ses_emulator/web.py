"""The /_ses/ page: one column per lane, its counters and its last messages.

Rendered on the server (no script, no assets): the page reloads itself every
few seconds, so it works in any browser and in a headless one for tests.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .message_store import LANE_COUNTERS as COUNTERS

REFRESH_SECONDS = 2
_STYLE = """
body{font:14px system-ui,sans-serif;margin:1rem;background:#f6f7f9;color:#1d2330}
h1{font-size:1.2rem;margin:0 0 .8rem}
.lanes{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(16rem,1fr);gap:.8rem}
.lane{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:.6rem}
.lane h2{font-size:1rem;margin:0;word-break:break-all}.meta{color:#5b6475;font-size:.8rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}td{padding:.1rem .2rem}
td.n{text-align:right;font-weight:600}
.msg{border-top:1px solid #eceff3;padding:.3rem 0;font-size:.8rem;word-break:break-all}
.ev{display:inline-block;border-radius:3px;padding:0 .3rem;margin:.1rem;background:#e4e8ee}
.paused{background:#f8d7da;border-radius:3px;padding:0 .3rem;font-size:.8rem}
.executions{background:#fff;border:1px solid #d5d9e0}.st-FAILED{color:#a4262c}
.ev-BOUNCE,.ev-COMPLAINT,.ev-RENDERING_FAILURE{background:#f8d7da}.ev-DELIVERY{background:#d4edda}
"""


def page(state: Any, lanes: list[dict[str, Any]], executions: list[dict[str, Any]]) -> str:
    columns = "".join(_lane(lane) for lane in lanes) or "<p>No configuration sets yet.</p>"
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<meta http-equiv='refresh' content='{REFRESH_SECONDS}'>"
        f"<title>SES emulator lanes</title><style>{_STYLE}</style></head><body>"
        f"<h1>SES emulator &mdash; account {escape(state.account_id)}, "
        f"{escape(state.region_name)}</h1><div class='lanes'>{columns}</div>"
        f"{_executions(executions)}</body></html>"
    )


def _lane(lane: dict[str, Any]) -> str:
    name = lane["ConfigurationSet"]
    reasons = lane["SuppressedReasons"]
    suppression = "account setting" if reasons is None else (", ".join(reasons) or "off")
    counts = "".join(
        f"<tr><td>{key}</td><td class='n' data-count='{key}'>{lane['Counts'][key]}</td></tr>"
        for key in COUNTERS
    )
    recent = "".join(_message(m) for m in lane["Recent"])
    paused = "" if lane.get("SendingEnabled", True) else " <span class='paused'>paused</span>"
    return (
        f"<section class='lane' data-lane='{escape(name, quote=True)}'>"
        f"<h2>{escape(name) or '(no configuration set)'}{paused}</h2>"
        f"<div class='meta'>pool: {escape(lane['Pool'])} &middot; suppression: "
        f"{escape(suppression)}</div><table>{counts}</table>{recent}</section>"
    )


def _executions(executions: list[dict[str, Any]]) -> str:
    """The Step Functions executions the emulator ran (an alarm pausing a lane)."""
    if not executions:
        return ""
    rows = "".join(
        f"<tr data-execution='{escape(e['Name'], quote=True)}'><td>{escape(e['Started'][11:19])}"
        f"</td><td>{escape(e['StateMachine'])}</td><td class='st-{escape(e['Status'])}'>"
        f"{escape(e['Status'])}</td><td>{escape(e['Error'] or '')}</td></tr>"
        for e in executions
    )
    return f"<h2>Step Functions executions</h2><table class='executions'>{rows}</table>"


def _message(message: dict[str, Any]) -> str:
    recipients = ", ".join(a for kind in message["Destination"].values() for a in kind)
    badges = "".join(
        f"<span class='ev ev-{e['Type']}'>{_label(e)}</span>" for e in message["Events"]
    )
    return (
        f"<div class='msg' data-message='{escape(message['MessageId'], quote=True)}'>"
        f"{escape(message['Timestamp'][11:19])} {escape(message['Api'])} "
        f"&rarr; {escape(recipients)}<br>{badges}</div>"
    )


def _label(event: dict[str, Any]) -> str:
    if event["Detail"].get("bounceSubType") == "OnAccountSuppressionList":
        return "suppressed"
    return event["Type"].lower().replace("_", " ")
