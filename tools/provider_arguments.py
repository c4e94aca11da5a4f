"""Argument names: the ones our modules write, and the ones a hashicorp/aws schema knows.

A name is a dotted path inside one resource or data source: ``tags``, ``delivery_options``,
``delivery_options.tls_policy`` (a nested block and an argument inside it). Each reader returns
``{(kind, type): {path, ...}}`` with kind ``resource`` or ``data``, so any two compare with
``missing``:

- ``written_arguments``: the HCL of modules/*, parsed with python-hcl2 (dynamic blocks count
  as the block they generate; meta-arguments such as ``count`` and ``lifecycle`` are not the
  provider's);
- ``terraform_schema_arguments``: ``terraform providers schema -json`` of an initialised root
  (the provider this machine runs);
- ``cdktf_schema_arguments``: the npm package ``@cdktf/provider-aws``, whose
  ``lib/<name>/index.js`` is generated from a provider schema: each resource class lists its
  arguments in ``synthesizeHclAttributes`` and each nested block's in a
  ``<block>ToHclTerraform`` function, with ``isBlock`` telling the two apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import hcl2

Key = tuple[str, str]  # (kind, type): ("resource", "aws_sns_topic"), ("data", "aws_region")
Arguments = dict[Key, set[str]]

# Terraform's own arguments of every resource and data source block, not the provider's.
META_ARGUMENTS = {"count", "for_each", "depends_on", "provider", "lifecycle"}
META_BLOCKS = {"lifecycle", "provisioner", "connection", "precondition", "postcondition"}


class SchemaError(RuntimeError):
    """A schema source cannot be read; the message is one line."""


# --- what we write -------------------------------------------------------------------------


def _label(text: str) -> str:
    return json.loads(text) if text.startswith('"') else text  # python-hcl2 keeps the quotes


def _body_paths(body: dict, prefix: str = "") -> set[str]:
    """Every argument and nested block name in a block body, as dotted paths."""
    paths: set[str] = set()
    for name, value in body.items():
        if name.startswith("__"):  # python-hcl2's markers (__is_block__, line numbers)
            continue
        if name == "dynamic":  # dynamic "x" { content { ... } } writes blocks named x
            for dynamic in value:
                for label, spec in dynamic.items():
                    block = f"{prefix}{_label(label)}"
                    paths.add(block)
                    for content in spec.get("content", []):
                        paths |= _body_paths(content, f"{block}.")
            continue
        paths.add(f"{prefix}{name}")
        # A nested block is a list of bodies marked as blocks; an attribute whose value is a
        # list of objects is not descended into (its keys are values, not schema names).
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict) and item.get("__is_block__"):
                    paths |= _body_paths(item, f"{prefix}{name}.")
    return paths


def written_arguments(tf_files: Iterable[Path]) -> Arguments:
    """The arguments and nested blocks each resource type and data source is written with."""
    written: Arguments = {}
    for path in tf_files:
        try:
            parsed = hcl2.loads(path.read_text())
        except Exception as error:  # python-hcl2 raises lark errors of several kinds
            raise SchemaError(f"{path}: cannot parse HCL ({type(error).__name__})") from None
        for kind in ("resource", "data"):
            for block in parsed.get(kind, []):
                for type_label, named in block.items():
                    key = (kind, _label(type_label))
                    paths = written.setdefault(key, set())
                    for body in named.values():
                        top = {
                            name: value
                            for name, value in body.items()
                            if name not in META_ARGUMENTS | META_BLOCKS
                        }
                        paths |= _body_paths(top)
    return written


# --- what terraform providers schema -json says ----------------------------------------------


def _block_paths(block: dict, prefix: str = "") -> set[str]:
    paths: set[str] = set()
    for name, attribute in block.get("attributes", {}).items():
        paths.add(f"{prefix}{name}")
        nested = attribute.get("nested_type")  # plugin-framework nested attributes
        if nested:
            paths |= _block_paths(nested, f"{prefix}{name}.")
    for name, nested_block in block.get("block_types", {}).items():
        paths.add(f"{prefix}{name}")
        paths |= _block_paths(nested_block.get("block", {}), f"{prefix}{name}.")
    return paths


def terraform_schema_arguments(schema: dict, source: str = "registry.terraform.io/hashicorp/aws"):
    """Every resource's and data source's argument paths in ``providers schema -json``."""
    try:
        provider = schema["provider_schemas"][source]
    except KeyError:
        raise SchemaError(f"the schema holds no provider {source}") from None
    arguments: Arguments = {}
    for kind, section in (("resource", "resource_schemas"), ("data", "data_source_schemas")):
        for type_name, entry in provider.get(section, {}).items():
            arguments[(kind, type_name)] = _block_paths(entry["block"])
    return arguments


# --- what the CDKTF bindings say ------------------------------------------------------------

# One entry of a generated `const attrs = {...}`: its name, value expression and isBlock flag.
_ATTR = re.compile(
    r"^\s+[\"']?(?P<name>\w+)[\"']?: \{\s*\n"
    r"\s+value: (?P<value>.*),\s*\n"
    r"\s+isBlock: (?P<block>true|false),",
    re.M,
)
_HCL_FUNCTION = re.compile(r"^function (\w+ToHclTerraform)\(struct\) \{$", re.M)
# The converter a block's value goes through (cdktf's own helpers are prefixed `cdktf.`).
_BLOCK_CONVERTER = re.compile(r"(?<![\w.])(\w+ToHclTerraform)\b")


def cdktf_folder(kind: str, type_name: str) -> str:
    """lib/ folder of a type: aws_sesv2_configuration_set -> sesv2-configuration-set,
    data aws_region -> data-aws-region."""
    if not type_name.startswith("aws_"):
        raise SchemaError(f"{type_name} is not a hashicorp/aws type")
    name = type_name.removeprefix("aws_").replace("_", "-")
    return f"data-aws-{name}" if kind == "data" else name


def _attrs(text: str) -> list[tuple[str, str, bool]]:
    return [(m["name"], m["value"], m["block"] == "true") for m in _ATTR.finditer(text)]


def _converters(source: str) -> dict[str, str]:
    """Body of every generated ``<block>ToHclTerraform`` function, by function name."""
    starts = list(_HCL_FUNCTION.finditer(source))
    bodies = {}
    for match in starts:
        end = source.find("\n}\n", match.end())
        bodies[match[1]] = source[match.end() : end]
    return bodies


def _cdktf_paths(
    attrs: list[tuple[str, str, bool]], converters: dict[str, str], prefix: str, depth: int = 0
) -> set[str]:
    if depth > 20:
        raise SchemaError(f"nested blocks deeper than 20 levels under {prefix!r}")
    paths: set[str] = set()
    for name, value, is_block in attrs:
        paths.add(f"{prefix}{name}")
        if not is_block:
            continue
        converter = _BLOCK_CONVERTER.search(value)
        if converter is None or converter[1] not in converters:
            raise SchemaError(f"block {prefix}{name}: no converter function in {value!r}")
        nested = _attrs(converters[converter[1]])
        paths |= _cdktf_paths(nested, converters, f"{prefix}{name}.", depth + 1)
    return paths


def cdktf_type_arguments(package: Path, kind: str, type_name: str) -> set[str] | None:
    """Argument paths of one type in @cdktf/provider-aws; None when the package has no such type."""
    index = package / "lib" / cdktf_folder(kind, type_name) / "index.js"
    if not index.is_file():
        return None
    source = index.read_text()
    declared = re.findall(r'^(\w+)\.tfResourceType = "(\w+)";$', source, re.M)
    if [found for _, found in declared] != [type_name]:
        raise SchemaError(f"{index} declares {declared}, expected the one type {type_name}")
    class_name = declared[0][0]
    if class_name.startswith("DataAws") != (kind == "data"):
        raise SchemaError(f"{index}: class {class_name} is not a {kind} binding")
    start = source.find("synthesizeHclAttributes() {")
    end = source.find("// remove undefined attributes", start)
    if start < 0 or end < 0:
        raise SchemaError(f"{index}: no synthesizeHclAttributes() in the resource class")
    top = _attrs(source[start:end])
    if not top:
        raise SchemaError(f"{index}: synthesizeHclAttributes() lists no argument")
    return _cdktf_paths(top, _converters(source), "")


def cdktf_provider_version(package: Path) -> str:
    """The hashicorp/aws version the package was generated from (package.json `cdktf.provider`)."""
    try:
        manifest = json.loads((package / "package.json").read_text())
        provider = manifest["cdktf"]["provider"]
    except (OSError, ValueError, KeyError) as error:
        raise SchemaError(f"{package}: no cdktf.provider in package.json ({error})") from None
    if provider.get("name") != "registry.terraform.io/hashicorp/aws":
        raise SchemaError(f"{package} is generated from {provider.get('name')}, not hashicorp/aws")
    return provider["version"]


def cdktf_schema_arguments(package: Path, keys: Iterable[Key]) -> Arguments:
    """Argument paths of the given types in @cdktf/provider-aws (types it lacks are left out)."""
    arguments: Arguments = {}
    for kind, type_name in keys:
        found = cdktf_type_arguments(package, kind, type_name)
        if found is not None:
            arguments[(kind, type_name)] = found
    return arguments


# --- comparison ------------------------------------------------------------------------------


def missing(written: Arguments, schema: Arguments) -> dict[Key, set[str]]:
    """What ``written`` uses that ``schema`` lacks: a whole type (``{"*"}``) or its paths."""
    gaps: dict[Key, set[str]] = {}
    for key, paths in written.items():
        if key not in schema:
            gaps[key] = {"*"}
        elif paths - schema[key]:
            gaps[key] = paths - schema[key]
    return gaps


def pair_count(arguments: Arguments) -> int:
    """Number of (type, argument path) pairs."""
    return sum(len(paths) for paths in arguments.values())
