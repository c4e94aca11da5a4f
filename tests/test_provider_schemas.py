"""Every argument and nested block the modules write exists in hashicorp/aws 5.100.0 (the
provider that runs here, from the mirror) and in 6.25.0 (schema only: the names in
@cdktf/provider-aws 21.22.1, generated from it; `make provider-schema`).
docs/modules.md#provider-versions
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from provider_arguments import (
    cdktf_provider_version,
    cdktf_schema_arguments,
    missing,
    terraform_schema_arguments,
    written_arguments,
)
from terraform_runner import BUILD, MODULES, TerraformError, init, terraform

pytestmark = pytest.mark.terraform

MODULE_FILES = sorted(MODULES.glob("*/*.tf"))
# It calls the other two modules, so its init selects the provider for all three; `make tftest`
# has initialised it already, so the schema costs one terraform command.
SCHEMA_ROOT = MODULES / "ses_platform"
CDKTF_PACKAGE = BUILD / "node-provider-schema" / "node_modules" / "@cdktf" / "provider-aws"

# Removed in 6.0 (the v6 upgrade guide): aws_eip `vpc` (use `domain`), aws_instance
# `cpu_core_count` (use the cpu_options block). Both still exist in 5.100.0.
REMOVED_IN_6 = {
    ("resource", "aws_eip"): {"vpc", "domain"},
    ("resource", "aws_instance"): {"cpu_core_count", "instance_type"},
}


@pytest.fixture(scope="module")
def written():
    return written_arguments(MODULE_FILES)


def locked_provider_version(root: Path) -> str:
    lock = (root / ".terraform.lock.hcl").read_text()
    (version,) = re.findall(
        r'provider "registry.terraform.io/hashicorp/aws" \{\s*version\s*=\s*"([^"]+)"', lock
    )
    return version


@pytest.fixture(scope="module")
def schema_5():
    """(version, arguments) of the provider this machine runs, from `providers schema -json`."""
    try:
        shown = terraform(["providers", "schema", "-json"], SCHEMA_ROOT).stdout
    except TerraformError:  # not initialised yet (pytest run without `make tftest`)
        init(SCHEMA_ROOT, "-backend=false")
        shown = terraform(["providers", "schema", "-json"], SCHEMA_ROOT).stdout
    return locked_provider_version(SCHEMA_ROOT), terraform_schema_arguments(json.loads(shown))


@pytest.fixture(scope="module")
def schema_6(written):
    """(version, arguments) of the modules' types and REMOVED_IN_6's, from the npm package."""
    if not CDKTF_PACKAGE.is_dir():
        shown = CDKTF_PACKAGE.relative_to(BUILD.parent)
        pytest.fail(f"{shown} is missing: run `make provider-schema`", pytrace=False)
    keys = set(written) | set(REMOVED_IN_6)
    return cdktf_provider_version(CDKTF_PACKAGE), cdktf_schema_arguments(CDKTF_PACKAGE, keys)


def test_every_resource_and_data_source_block_of_the_modules_is_read(written):
    declared = {
        (kind, type_name)
        for path in MODULE_FILES
        for kind, type_name in re.findall(r'^(resource|data) "(\w+)"', path.read_text(), re.M)
    }
    assert set(written) == declared
    assert written[("resource", "aws_sesv2_configuration_set")] >= {
        "delivery_options.tls_policy",
        "suppression_options.suppressed_reasons",
        "tracking_options.custom_redirect_domain",  # written by a dynamic block
    }


def test_every_argument_the_modules_write_exists_in_hashicorp_aws_5_100(written, schema_5):
    version, schema = schema_5
    assert version == "5.100.0"
    assert missing(written, schema) == {}


def test_every_argument_the_modules_write_exists_in_hashicorp_aws_6_25(written, schema_6):
    version, schema = schema_6
    assert version == "6.25.0"
    assert missing(written, schema) == {}


def test_arguments_that_provider_6_removed_are_missing_from_6_25_only(schema_5, schema_6):
    assert missing(REMOVED_IN_6, schema_5[1]) == {}
    assert missing(REMOVED_IN_6, schema_6[1]) == {
        ("resource", "aws_eip"): {"vpc"},
        ("resource", "aws_instance"): {"cpu_core_count"},
    }


def test_the_per_resource_region_argument_is_in_6_25_and_not_in_5_100(schema_5, schema_6):
    configuration_set = ("resource", "aws_sesv2_configuration_set")
    assert "region" in schema_6[1][configuration_set]
    assert "region" not in schema_5[1][configuration_set]


def test_names_no_provider_knows_are_reported_with_their_path(written, schema_5, schema_6):
    wrong = {key: set(paths) for key, paths in written.items()}
    wrong[("resource", "aws_sesv2_configuration_set")].add("delivery_options.tls_polcy")
    wrong[("resource", "aws_sesv2_no_such_thing")] = {"name"}
    expected = {
        ("resource", "aws_sesv2_configuration_set"): {"delivery_options.tls_polcy"},
        ("resource", "aws_sesv2_no_such_thing"): {"*"},
    }
    assert missing(wrong, schema_5[1]) == expected
    assert missing(wrong, schema_6[1]) == expected


def test_dynamic_blocks_count_and_meta_arguments_do_not(tmp_path):
    (tmp_path / "main.tf").write_text(
        """
resource "aws_sns_topic" "this" {
  count = 1
  name  = "alerts"
  tags  = { team = "mail" }
  lifecycle {
    ignore_changes = [tags]
  }
}

data "aws_iam_policy_document" "this" {
  dynamic "statement" {
    for_each = var.statements
    content {
      actions = statement.value
      principals {
        type        = "Service"
        identifiers = ["ses.amazonaws.com"]
      }
    }
  }
}
"""
    )
    assert written_arguments([tmp_path / "main.tf"]) == {
        ("resource", "aws_sns_topic"): {"name", "tags"},
        ("data", "aws_iam_policy_document"): {
            "statement",
            "statement.actions",
            "statement.principals",
            "statement.principals.type",
            "statement.principals.identifiers",
        },
    }
