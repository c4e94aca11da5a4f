"""Generate emulator/ses_emulator/data/sesv2_routes.json: the SES v2 routes older SDKs send.

SES keeps answering a route after botocore's model moves an operation elsewhere (e.g.
`GET /v2/email/configuration-sets` became `POST /v2/email/list-configuration-sets`), and
clients built from the older model (the AWS CLI v1, the Go SDK inside the Terraform
provider) still send the old one. This script downloads the given botocore releases from
PyPI (`pip download --no-deps`, into a temporary folder that is deleted afterwards),
reads each release's `sesv2` model, and records every (operation, method, URI) that the
installed botocore no longer has, with the members that travelled outside the JSON body
on that route and the releases that carried it. With `--provider-binary`, it also
records which of those URIs the Terraform provider binary contains (only URIs the current
model no longer uses with any method: a shared URI in the binary proves nothing).

    .venv/bin/python tools/gen_sesv2_routes.py \
        --provider-binary "$(find /opt/tf-plugins -name 'terraform-provider-aws*' -type f)"
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import botocore
import botocore.loaders

# Releases spanning the model's history: 1.20.0 (early 2021), 1.34.0 (late 2023),
# 1.40.0 (mid 2025), 1.43.11 (the botocore the AWS CLI v1 1.45.11 pins).
DEFAULT_RELEASES = ("1.20.0", "1.34.0", "1.40.0", "1.43.11")
OUTPUT = Path(__file__).parents[1] / "emulator" / "ses_emulator" / "data" / "sesv2_routes.json"


def _routes(model: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, list[str]]]:
    """(operation, method, URI) -> members carried outside the body {member: [where, name]}."""
    routes = {}
    for name, spec in model["operations"].items():
        shape = model["shapes"].get((spec.get("input") or {}).get("shape"), {})
        located = {
            member: [item["location"], item.get("locationName", member)]
            for member, item in shape.get("members", {}).items()
            if item.get("location")
        }
        routes[(name, spec["http"]["method"], spec["http"]["requestUri"])] = located
    return routes


def _wheel_model(release: str, folder: Path) -> dict[str, Any]:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check",
         "--no-deps", "--only-binary", ":all:", "-d", str(folder), f"botocore=={release}"],
        check=True,
    )  # fmt: skip
    wheel = next(folder.glob(f"botocore-{release}-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        member = next(
            n for n in archive.namelist() if re.search(r"/sesv2/[^/]+/service-2\.json", n)
        )
        data = archive.read(member)
    return json.loads(gzip.decompress(data) if member.endswith(".gz") else data)


def older_routes(
    current: dict[str, Any],
    releases: dict[str, dict[str, Any]],
    binary: bytes = b"",
    provider: str | None = None,
) -> list[dict[str, Any]]:
    """Routes of the `releases` models (release -> model) that the `current` model lacks.

    A route whose method and URI the current model still uses for any operation is left
    out (it reaches that operation already); `provider` is named where `binary` holds the URI.
    """
    now = _routes(current)
    current_templates = {(method, uri) for _, method, uri in now}
    current_uris = {uri for _, _, uri in now}
    older: dict[tuple[str, str, str], dict[str, Any]] = {}
    for release, model in releases.items():
        for key, located in _routes(model).items():
            if key in now or key[1:] in current_templates:
                continue
            entry = older.setdefault(key, {"members_outside_body": located, "seen_in": []})
            entry["seen_in"].append(f"botocore {release}")
    routes = []
    for (operation, method, uri), entry in sorted(older.items()):
        # A URI the current model still uses (with another method) proves nothing.
        if provider and uri not in current_uris and uri.encode() in binary:
            entry["seen_in"].append(provider)
        routes.append({"operation": operation, "method": method, "requestUri": uri, **entry})
    return routes


def generate(releases: list[str], provider_binary: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        models = {release: _wheel_model(release, Path(tmp)) for release in releases}
    # terraform-provider-aws_v5.100.0_x5 -> "terraform-provider-aws 5.100.0"
    provider = re.sub(r"_v([\d.]+).*", r" \1", provider_binary.name) if provider_binary else None
    routes = older_routes(
        botocore.loaders.Loader().load_service_model("sesv2", "service-2"),
        models,
        provider_binary.read_bytes() if provider_binary else b"",
        provider,
    )
    return {
        "generated_by": "tools/gen_sesv2_routes.py",
        "current_model": f"botocore {botocore.__version__}",
        "sources": [f"botocore {r} (PyPI wheel)" for r in releases]
        + ([f"{provider} (provider binary)"] if provider else []),
        "routes": routes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--release", action="append", help="botocore release (repeatable)")
    parser.add_argument("--provider-binary", type=Path)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.provider_binary and not args.provider_binary.is_file():
        print(f"gen_sesv2_routes: no such file: {args.provider_binary}", file=sys.stderr)
        return 2
    table = generate(args.release or list(DEFAULT_RELEASES), args.provider_binary)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(table, indent=1) + "\n")
    print(f"{args.output}: {len(table['routes'])} older routes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
