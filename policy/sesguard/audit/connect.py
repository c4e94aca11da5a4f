"""Connecting to an account for a read: sessions, roles, the account lookup and bounded,
retrying clients. Shared by `sesguard audit` and `sesguard adopt`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..errors import InputError
from .bounds import DEFAULT_TIMEOUT, Deadline, DeadlinePassed, MalformedAnswer, guard
from .redact import one_line, public_url

RETRY_ATTEMPTS = 4  # the first try and three retries, per call
CONNECT_TIMEOUT = 5  # seconds, per attempt
READ_TIMEOUT = 20  # seconds without a byte, per attempt
INSTALL_HINT = "pip install 'sesguard[audit]'"


@dataclass
class AuditOptions:
    regions: list[str] = field(default_factory=list)
    profile: str | None = None
    role_arns: list[str] = field(default_factory=list)
    config: Config | None = None
    plan: dict | None = None
    dns: bool = True
    dns_server: str | None = None
    dns_tcp: bool = False
    dns_timeout: float = 3.0  # seconds per lookup
    endpoint_url: str | None = None
    health: bool = True
    iam: bool = False  # read IAM policies for send permissions (SES012)
    retry_attempts: int = RETRY_ATTEMPTS
    timeout: float = DEFAULT_TIMEOUT  # seconds for the whole audit; reads after it: not read
    # Called with (IAM action, e.g. "ses:GetAccount") before every AWS call: lets a caller
    # (the policy test) see exactly which permissions an audit uses.
    on_call: Any = None


def require(module: str, purpose: str):
    """Import an optional dependency, or one line naming the extra that installs it."""
    from importlib import import_module

    try:
        return import_module(module)
    except ImportError:
        raise InputError(
            f"{purpose} needs the Python package {module.split('.')[0]!r}: {INSTALL_HINT}"
        ) from None


def connect(options: AuditOptions, deadline: Deadline) -> tuple[list, list[str], list[str]]:
    """The sessions (one per role, else the base one), their account IDs and the regions;
    InputError (exit 2) when no credentials, role or endpoint can be used."""
    boto3 = require("boto3", "reading an account")
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError
    from botocore.parsers import ResponseParserError

    _check_endpoint_url(options.endpoint_url)
    try:
        base = boto3.Session(profile_name=options.profile)
    except BotoCoreError as error:  # ProfileNotFound and friends
        raise InputError(str(error)) from None
    regions = options.regions or ([base.region_name] if base.region_name else [])
    if not regions:
        raise InputError("no region: pass --region (or set AWS_REGION / a profile region)")
    sessions = (
        [base]
        if not options.role_arns
        else [_assume(base, arn, options, regions[0], deadline) for arn in options.role_arns]
    )
    accounts = []
    for session in sessions:
        sts = _client(session, "sts", regions[0], options, deadline, attempts=2)
        try:
            accounts.append(sts.get_caller_identity()["Account"])
        except NoCredentialsError:
            raise InputError(_no_credentials(options.endpoint_url)) from None
        except (BotoCoreError, ClientError, ResponseParserError, MalformedAnswer) as error:
            where = public_url(options.endpoint_url) if options.endpoint_url else "AWS"
            raise InputError(f"cannot reach {where}: {one_line(error)}") from None
        except DeadlinePassed as error:
            raise InputError(one_line(error)) from None
    return sessions, accounts, regions


def _no_credentials(endpoint_url: str | None) -> str:
    if endpoint_url:
        # boto3 signs every request, an emulator's too; the emulator checks no key.
        return (
            f"no AWS credentials to sign requests to {public_url(endpoint_url)}: set "
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (the local emulator accepts any "
            "non-empty pair, e.g. local and local) or pass --profile"
        )
    return (
        "no AWS credentials: pass --profile, set AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY, or run where an instance or task role applies"
    )


def _check_endpoint_url(url: str | None) -> None:
    """A URL botocore would only refuse mid-request (a port out of range), as one line.
    The URL itself is not echoed: it may carry credentials."""
    if url is None:
        return
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        raise InputError(f"--endpoint-url: {error}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("--endpoint-url: give http:// or https://, a host and maybe a port")


def _assume(base, role_arn: str, options: AuditOptions, region: str, deadline: Deadline):
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    sts = _client(base, "sts", region, options, deadline, attempts=2)
    try:
        creds = sts.assume_role(RoleArn=role_arn, RoleSessionName="sesguard-audit")["Credentials"]
    except (BotoCoreError, ClientError) as error:
        raise InputError(f"cannot assume role {role_arn}: {one_line(error)}") from None
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def _client(
    session, service: str, region: str, options: AuditOptions, deadline: Deadline, attempts=0
):
    from botocore.exceptions import BotoCoreError

    try:
        client = _new_client(session, service, region, options, attempts)
    except (BotoCoreError, ValueError) as error:  # a malformed region or endpoint URL
        raise InputError(one_line(error)) from None
    guard(client, deadline)
    if options.on_call is not None:
        from .reads import IAM_PREFIX

        prefix = IAM_PREFIX[service]

        def observe(model, **_):
            options.on_call(f"{prefix}:{model.name}")

        client.meta.events.register("before-call", observe)
    return client


def clients(
    session, region: str, options: AuditOptions, deadline: Deadline, services: tuple[str, ...]
) -> dict:
    """One bounded, retrying client per service (what `reader.Reader` reads through)."""
    return {s: _client(session, s, region, options, deadline) for s in services}


def _new_client(session, service: str, region: str, options: AuditOptions, attempts: int):
    from botocore.config import Config as BotoConfig

    return session.client(
        service,
        region_name=region,
        endpoint_url=options.endpoint_url,
        config=BotoConfig(
            # Adaptive: retries throttling answers and slows this client's own rate.
            retries={"mode": "adaptive", "max_attempts": attempts or options.retry_attempts},
            connect_timeout=CONNECT_TIMEOUT,
            read_timeout=READ_TIMEOUT,
            max_pool_connections=16,
        ),
    )
