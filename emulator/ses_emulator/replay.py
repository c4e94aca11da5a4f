"""An SDK retry of a request that succeeded gets the first answer, for every service served.

werkzeug's server closes every connection after one response, and under load the Go SDK
(the hashicorp/aws provider) now and then loses a response it was sent and retries with the
same `amz-sdk-invocation-id`. A retried create would then fail with "already exists" (SES
configuration sets, Firehose delivery streams, ...) on a request that had succeeded. Real AWS
has no such lossy transport, so answering the retry with the first answer is the faithful
behaviour. Only writes are kept, only 2xx answers (a retry after a 5xx or a throttle must run
again), and only the newest REPLAY_SIZE of them.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict, StartResponse], Iterable[bytes]]
REPLAY_SIZE = 1024


@dataclass(frozen=True)
class _Answer:
    status: str
    headers: list[tuple[str, str]]
    body: bytes


class Replay:
    def __init__(self, app: WsgiApp) -> None:
        self.app = app
        self._answered: OrderedDict[str, _Answer] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        key = environ.get("HTTP_AMZ_SDK_INVOCATION_ID")
        if not key or environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            return self.app(environ, start_response)
        # Always drain the body: closing a socket with unread bytes resets the connection.
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        with self._lock:
            answer = self._answered.get(key)
        if answer is None:
            environ["wsgi.input"] = io.BytesIO(body)
            answer = _run(self.app, environ)
            if answer.status.startswith("2"):
                with self._lock:
                    self._answered[key] = answer
                    while len(self._answered) > REPLAY_SIZE:
                        self._answered.popitem(last=False)
        start_response(answer.status, answer.headers)
        return [answer.body]


def _run(app: WsgiApp, environ: dict[str, Any]) -> _Answer:
    """The app's whole answer, held so that it can be given again."""
    started: list[tuple[str, list[tuple[str, str]]]] = []
    written: list[bytes] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info=None):
        started.append((status, list(headers)))
        return written.append

    result = app(environ, start_response)
    try:
        chunks = [*written, *result]
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    status, headers = started[-1]
    return _Answer(status, headers, b"".join(chunks))
