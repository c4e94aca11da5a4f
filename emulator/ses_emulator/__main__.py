"""`ses-emulator serve|start|stop|url` (also `python -m ses_emulator`): a local SES v2.

`serve` runs in the foreground and records itself (pid + url) only when given an
explicit `--state-dir`; the other commands manage a background emulator through
its state directory (default build/emulator)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from . import lifecycle

DEFAULT_STATE_DIR = Path("build/emulator")


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a TCP port (0-65535; 0 = any free port)")
    return port


def serve(
    host: str,
    port: int,
    state_dir: Path | None,
    settings: dict | None = None,
    allow: tuple[list[str], list[str]] = ([], []),
) -> None:
    # Checked before moto and the server load (seconds of imports): a refusal is immediate.
    if state_dir is not None:
        # Recording this server over a live one would orphan it: `stop` could no longer find it.
        current = lifecycle.running(state_dir)
        if current is not None:
            raise lifecycle.EmulatorError(
                f"an emulator is already running from {state_dir} (pid {current.pid}, "
                f"{current.url}); stop it first or choose another --state-dir"
            )

    from werkzeug.serving import make_server

    from . import verification
    from .exceptions import BadRequestException
    from .guard import Allowed
    from .server import create_app

    try:
        verification.configure(settings or {})
    except BadRequestException as error:
        raise lifecycle.EmulatorError(error.message) from None

    hosts, origins = allow
    # A server bound to one named address answers to that name; a wildcard bind answers to none.
    bound = [] if host in ("0.0.0.0", "::", "") else [host]
    app = create_app(Allowed.from_settings([*hosts, *bound], origins))
    server = make_server(host, port, app, threaded=True)
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
            lifecycle.clear_state(state_dir, only_pid=os.getpid())


def _program() -> str:
    """How the user called it: the console script, or the module."""
    name = Path(sys.argv[0]).name
    return name if name == "ses-emulator" else "python -m ses_emulator"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=_program(), description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    # Not required= : argparse would then answer an unknown option with "the following
    # arguments are required" instead of naming the option (checked after parsing, below).
    commands = parser.add_subparsers(dest="command", metavar="{serve,start,stop,url}")
    for name, text in (
        ("serve", "run in the foreground"),
        ("start", "run in the background, wait until healthy, print the URL"),
        ("stop", "stop the background emulator"),
        ("url", "print the running emulator's URL"),
    ):
        command = commands.add_parser(name, help=text)
        # A foreground `serve` records nothing unless asked to, so it can never
        # overwrite (and on exit delete) the state of a background emulator.
        command.add_argument(
            "--state-dir", type=Path, default=None if name == "serve" else DEFAULT_STATE_DIR
        )
        if name in ("serve", "start"):
            command.add_argument("--host", default="127.0.0.1")
            command.add_argument("--port", type=_port, default=0, help="0 = any free port")
            command.add_argument(
                "--verification",
                choices=("instant", "pending", "dns"),
                default="instant",
                help="when new identities verify (docs/emulator.md)",
            )
            command.add_argument("--dns-server", help="host:port that `dns` verification asks")
            command.add_argument(
                "--allow-origin", action="append", default=[], metavar="ORIGIN",
                help="a browser origin allowed besides loopback ones (repeatable; also "
                "SES_EMULATOR_EXTRA_CORS_ALLOWED_ORIGINS, comma-separated)",
            )  # fmt: skip
            command.add_argument(
                "--allow-host", action="append", default=[], metavar="NAME",
                help="a Host name answered besides loopback names (repeatable; also "
                "SES_EMULATOR_EXTRA_ALLOWED_HOSTS)",
            )  # fmt: skip
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command is None:
        parser.error("a command is required: serve, start, stop or url")
    try:
        if args.command in ("serve", "start"):
            settings = {"verification": args.verification, "dns_server": args.dns_server}
            options = [f"--verification={args.verification}"]
            options += [f"--dns-server={args.dns_server}"] if args.dns_server else []
            options += [f"--allow-origin={o}" for o in args.allow_origin]
            options += [f"--allow-host={h}" for h in args.allow_host]
        if args.command == "serve":
            allow = (args.allow_host, args.allow_origin)
            serve(args.host, args.port, args.state_dir, settings, allow)
        elif args.command == "start":
            print(lifecycle.start(args.state_dir, args.host, args.port, options=options).url)
        elif args.command == "stop":
            stopped = lifecycle.stop(args.state_dir)
            print("ses_emulator: stopped" if stopped else "ses_emulator: was not running")
        else:
            current = lifecycle.running(args.state_dir)
            if current is None:
                raise lifecycle.EmulatorError(f"no emulator running (state: {args.state_dir})")
            print(current.url)
    except (lifecycle.EmulatorError, OSError, OverflowError) as error:
        print(f"ses_emulator: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
