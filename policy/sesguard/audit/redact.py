"""Endpoint URLs and AWS error texts fit for a message: no `user:password@` they carry.

botocore repeats the endpoint URL as given in its errors, and a report or an exit line is
read (and logged) by more people than the credentials were meant for.
"""

from __future__ import annotations

import re

_USERINFO = re.compile(r"(//)[^/@\s\"']*@")


def public_url(url: str) -> str:
    """`https://key:secret@host:4566/` → `https://host:4566/`."""
    return _USERINFO.sub(r"\1", url)


def one_line(error: object) -> str:
    """An error on one line, with the userinfo of any URL in it dropped."""
    return public_url(" ".join(str(error).split()))
