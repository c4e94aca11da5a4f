"""The one AWS call an offline plan answers: ValidateStateMachineDefinition.

The hashicorp/aws provider validates every aws_sfn_state_machine definition against the
Step Functions API while planning. An offline plan answers that call on a loopback port with
the emulator's own definition checks, so a broken definition still fails the plan; every
other AWS call keeps going to the closed port."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from ses_emulator import stepfunctions_api


class _Server(ThreadingMixIn, WSGIServer):
    # The provider validates up to ten definitions at once: answer them side by side.
    daemon_threads = True
    request_queue_size = 64


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _only_validation(environ, start_response):
    if stepfunctions_api.is_validate_request(environ):
        return stepfunctions_api.app(environ, start_response)
    start_response("403 Forbidden", [("Content-Type", "text/plain")])
    return [b"offline plan: no AWS calls\n"]


@contextlib.contextmanager
def definition_validator() -> Iterator[dict[str, str]]:
    """Serve the validation on 127.0.0.1; yields the environment that points the provider there."""
    server = make_server(
        "127.0.0.1", 0, _only_validation, server_class=_Server, handler_class=_Quiet
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {
            "AWS_ENDPOINT_URL_SFN": f"http://127.0.0.1:{server.server_port}",
            "NO_PROXY": "127.0.0.1",
        }
    finally:
        server.shutdown()
        server.server_close()
