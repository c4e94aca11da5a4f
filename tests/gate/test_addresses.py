"""The one parser of Terraform resource addresses (model/addresses.py)."""

from __future__ import annotations

import pytest
from sesguard.errors import InputError
from sesguard.model.addresses import (
    module_steps,
    parent_module,
    reference_target,
    resource_label,
    split_address,
)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (
            'module.a["x.y[1]"].module.b.aws_t.n["k.j"]',
            (("a", "b"), ("resource", "aws_t", "n")),
        ),
        (
            "module.a[0].data.aws_iam_policy_document.p",
            (("a",), ("data", "aws_iam_policy_document", "p")),
        ),
        ('module.p.module.stream["x"]', (("p", "stream"), None)),
        ("aws_s3_bucket.b", ((), ("resource", "aws_s3_bucket", "b"))),
        ("module.", None),
    ],
)
def test_addresses_split_into_module_path_and_block(address, expected):
    assert split_address(address) == expected


def test_a_for_each_key_holding_address_syntax_stays_one_key():
    module = 'module.a["x.module.y"].module.b[0]'
    assert [(s.name, s.index) for s in module_steps(module)] == [
        ("a", '["x.module.y"]'),
        ("b", "[0]"),
    ]
    assert parent_module(module) == 'module.a["x.module.y"]'
    assert parent_module('module.a["k"]') == ""
    assert resource_label('module.a.aws_x.y["k.j"]') == 'y["k.j"]'


@pytest.mark.parametrize(
    ("reference", "target"),
    [
        ('aws_x.y["k"].arn', ("aws_x.y", '["k"]')),
        ("data.aws_x.y.json", ("data.aws_x.y", "")),
        ("aws_x.y[0]", ("aws_x.y", "[0]")),
        ("aws_x.y[each.key].arn", None),  # an index known only per instance names none
        ("module.m.out", None),
    ],
)
def test_a_reference_names_the_resource_it_reads(reference, target):
    assert reference_target(reference) == target


def test_a_malformed_module_address_is_bad_input():
    with pytest.raises(InputError, match="malformed"):
        module_steps("module.a[x]")
