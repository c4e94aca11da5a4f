"""`python -m ses_emulator serve|start|stop|url|status`."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from . import lifecycle

DEFAULT_STATE_DIR = Path("build/emulator")


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def serve(host: str, port: int, state_dir: Path | None) -> None:
    from werkzeug.serving import make_server

    from .server import create_app

    server = make_server(host, port, create_app(), threaded=True)
    url = f"http://{host}:{server.server_port}"
    # SIGTERM (lifecycle.stop) ends serve_forever through the same path as Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    if state_dir is not None:
        lifecycle.write_state(state_dir, url)
    print(f"ses_emulator: serving SES v2 + moto on {url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if state_dir is not None:
            lifecycle.clear_state(state_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ses_emulator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("serve", "run in the foreground"),
        ("start", "run in the background, wait until healthy, print the URL"),
        ("stop", "stop the background emulator"),
        ("url", "print the running emulator's URL"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--state-dir", type=Path, default=DEFAULT_STATE_DIR)
        if name in ("serve", "start"):
            command.add_argument("--host", default="127.0.0.1")
            command.add_argument("--port", type=int, default=0, help="0 = any free port")
    args = parser.parse_args(argv)
    try:
        if args.command == "serve":
            serve(args.host, args.port, args.state_dir)
        elif args.command == "start":
            print(lifecycle.start(args.state_dir, args.host, args.port).url)
        elif args.command == "stop":
            stopped = lifecycle.stop(args.state_dir)
            print("ses_emulator: stopped" if stopped else "ses_emulator: was not running")
        else:
            current = lifecycle.running(args.state_dir)
            if current is None:
                raise lifecycle.EmulatorError(f"no emulator running (state: {args.state_dir})")
            print(current.url)
    except (lifecycle.EmulatorError, OSError) as error:
        print(f"ses_emulator: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
