"""`sesguard adopt`: the options, and one line saying what was written."""

from __future__ import annotations

import argparse

from . import DEFAULT_SOURCE


def add_parser(sub) -> None:
    from ..arguments import add_command
    from ..audit.cli import seconds

    adopt = add_command(
        sub,
        "adopt",
        "write module calls and imports that adopt a live account",
        "Read a live SES account with the audit's reader and write a Terraform root that "
        "adopts it: main.tf (one ses_stream call per configuration set, ses_identity calls), "
        "imports.tf (an import block for every existing object those calls own) and "
        "ADOPTION.md (what maps where, what the first plan changes and why, what stays "
        "outside). The first plan destroys and replaces nothing.",
        epilog=(
            "examples:\n"
            "  sesguard adopt --region eu-west-1 --output adopted/\n"
            "  sesguard adopt --profile prod --region eu-west-1 --output adopted/ \\\n"
            "    --module-source ../sesguard/modules/ses_stream\n"
            "  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local sesguard adopt \\\n"
            "    --endpoint-url http://127.0.0.1:4566 --region us-east-1 --output adopted/\n\n"
            "exit codes:\n"
            "  0  the root was written\n"
            "  2  nothing written, one line on stderr and never a traceback: no credentials,\n"
            "     the endpoint down, a read that failed (the account not fully read), a file\n"
            "     in --output that adopt did not write, or a bad option\n"
        ),
    )
    adopt.add_argument("--output", required=True, metavar="DIR", help="directory to write into")
    adopt.add_argument("--region", help="region to adopt (default: the profile's)")
    who = adopt.add_mutually_exclusive_group()
    who.add_argument("--profile", help="AWS profile of the credentials to use")
    who.add_argument("--role-arn", help="role to assume in the account to adopt")
    adopt.add_argument("--endpoint-url", help="SES-compatible endpoint, e.g. the local emulator")
    adopt.add_argument(
        "--module-source",
        default=DEFAULT_SOURCE,
        metavar="SRC",
        help="source of modules/ses_stream in the module calls; ses_identity is taken from "
        f"beside it (default: {DEFAULT_SOURCE})",
    )
    adopt.add_argument(
        "--timeout",
        type=seconds,
        metavar="SECONDS",
        help="deadline of the reads; an account not read by then is not adopted (exit 2)",
    )


def run(args: argparse.Namespace) -> int:
    from .run import AdoptOptions, adopt

    result = adopt(
        AdoptOptions(
            output=args.output,
            region=args.region,
            profile=args.profile,
            role_arn=args.role_arn,
            endpoint_url=args.endpoint_url,
            module_source=args.module_source,
            timeout=args.timeout,
        )
    )
    notes = ", ".join(f"{n} {what}" for what, n in result.notes.items())
    print(
        f"adopted {result.streams} streams and {result.identities} identities "
        f"({result.imports} imports; {notes}): wrote "
        + ", ".join(str(path) for path in result.files)
    )
    return 0
