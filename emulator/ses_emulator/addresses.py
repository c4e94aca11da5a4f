"""Email addresses and identity names, refused in SES's words.

SES parses addresses with JavaMail's rules and answers its messages
(`InvalidParameterValue: Missing domain`, `Missing final '@domain'`, `Local
address contains control or whitespace`, ...): `invalid_address` as a
recipient, or a From carrying `\\r\\nBcc: victim@evil.test`, never gets sent.
"""

from __future__ import annotations

import functools
import re

from .exceptions import BadRequestException

_DOMAIN_CHARACTER = re.compile(r"[A-Za-z0-9.\-]")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


def check_address(text: str) -> None:
    """Raise BadRequestException (v1: InvalidParameterValue) if `text` is no valid address."""
    problem = address_problem(text)
    if problem is not None:
        raise BadRequestException(problem)


@functools.lru_cache(maxsize=4096)
def address_problem(text: str) -> str | None:
    """SES's message for what is wrong with `text` (`Name <a@b>` or `a@b`), or None."""
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        # Checked on the text as written: parseaddr would cut a header injection away.
        local, at, _ = text.rpartition("<")[2].partition("@")
        where = "Domain" if at and not _control(local) else "Local address"
        return f"{where} contains control or whitespace"
    address = _addr_spec(text)
    if not address:
        return "Empty address"
    local, at, domain = address.rpartition("@")
    if not at:
        return "Missing final '@domain'"
    if not local:
        return "Missing local name"
    if not domain:
        return "Missing domain"
    if not local.startswith('"'):
        if any(c.isspace() for c in local):
            return "Local address contains control or whitespace"
        if local.startswith("."):
            return "Local address starts with dot"
        if local.endswith("."):
            return "Local address ends with dot"
        if ".." in local:
            return "Local address contains dot-dot"
        if "@" in local:
            return "Domain contains illegal character"
    if domain.startswith("[") and domain.endswith("]"):
        return None  # an address literal: [192.0.2.1]
    if any(c.isspace() for c in domain):
        return "Domain contains control or whitespace"
    if not all(_DOMAIN_CHARACTER.fullmatch(c) for c in domain):
        return "Domain contains illegal character"
    if domain.startswith("."):
        return "Domain starts with dot"
    if ".." in domain:
        return "Domain contains dot-dot"
    if domain.endswith("."):
        return "Missing domain"
    return None


def _addr_spec(text: str) -> str:
    """The address itself: inside the angle brackets of `Name <a@b>`, else the whole text."""
    if text.rstrip().endswith(">") and "<" in text:
        return text.rstrip()[:-1].rpartition("<")[2].strip()
    return text.strip()


def _control(text: str) -> bool:
    return any(ord(c) < 32 or ord(c) == 127 or c.isspace() for c in text)


_TAG_NAME = re.compile(r"[A-Za-z0-9_-]*")
_TAG_VALUE = re.compile(r"[A-Za-z0-9_\-.@]*")


def check_message_tags(tags: dict[str, str]) -> None:
    """Message tags in SES's words (recorded from SES: the name is judged before the value)."""
    for name, value in tags.items():
        if not name:
            raise BadRequestException("The tag name must be specified.")
        if len(name) > 255:
            raise BadRequestException("Tag name cannot exceed 255 characters.")
        if not _TAG_NAME.fullmatch(name):
            raise BadRequestException(
                f"Invalid tag name <{name}>: only alphanumeric ASCII characters, '_',  '-' "
                "are allowed."
            )
        if not value:
            raise BadRequestException("The tag value must be specified.")
        if len(value) > 255:
            raise BadRequestException("Tag value cannot exceed 255 characters.")
        if not _TAG_VALUE.fullmatch(value):
            raise BadRequestException(
                f"Invalid tag value <{value}>: only alphanumeric ASCII characters, '_',  '-' , "
                "'.', '@' are allowed."
            )


def check_identity(name: str) -> None:
    """An identity is an email address or a domain name; anything else is refused."""
    if "@" in name or any(_control(c) for c in name):
        problem = address_problem(name)
        if problem is not None or _addr_spec(name) != name:
            raise BadRequestException(f"Invalid email address <{name}>.")
        return
    domain = name[:-1] if name.endswith(".") else name
    if not domain or len(domain) > 253 or not all(_LABEL.match(p) for p in domain.split(".")):
        raise BadRequestException(f"Invalid domain name <{name}>.")
