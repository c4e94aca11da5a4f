"""Module READMEs are generated from the HCL, and every validation message is actionable."""

from __future__ import annotations

import re
import shutil

import module_docs
import pytest

MODULES = module_docs.documented_modules()


def test_docs_check_reports_a_readme_made_stale_by_a_new_variable(tmp_path, monkeypatch, capsys):
    module = tmp_path / "modules" / "ses_stream"
    shutil.copytree(
        module_docs.MODULES / "ses_stream", module, ignore=shutil.ignore_patterns(".terraform*")
    )
    with (module / "variables.tf").open("a") as handle:
        handle.write('\nvariable "new_knob" {\n  description = "A knob."\n  type = bool\n}\n')
    monkeypatch.setattr(module_docs, "MODULES", tmp_path / "modules")

    assert module_docs.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().out
    assert module_docs.main([]) == 0
    assert "| `new_knob` | A knob. | `bool` |  | yes |" in (module / "README.md").read_text()
    assert module_docs.main(["--check"]) == 0


def test_docs_refuses_a_readme_without_markers_in_one_line(tmp_path, monkeypatch, capsys):
    module = tmp_path / "modules" / "bare"
    module.mkdir(parents=True)
    (module / "variables.tf").write_text('variable "x" {\n  type = string\n}\n')
    (module / "README.md").write_text("# bare\n")
    monkeypatch.setattr(module_docs, "MODULES", tmp_path / "modules")

    assert module_docs.main(["--check"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "BEGIN_TF_DOCS" in error


@pytest.mark.parametrize("module", MODULES, ids=[m.name for m in MODULES])
def test_every_validation_message_names_its_variable(module):
    variables = module_docs._blocks(module / "variables.tf", "variable")
    checked = 0
    for name, body in variables:
        for validation in body.get("validation", []):
            message = validation["error_message"]
            assert message.startswith(name), (
                f"{name}: {message!r} must start with the variable name"
            )
            assert message.endswith("."), f"{name}: {message!r} must be a sentence"
            checked += 1
    assert checked >= 3, "the module should validate its closed inputs"


CLOSED_SET = re.compile(r"contains\(\[((?:\s*\"[^\"]*\"\s*,?)+)\]")


@pytest.mark.parametrize("module", MODULES, ids=[m.name for m in MODULES])
def test_every_closed_set_validation_lists_its_allowed_values(module):
    """A bad value fails plan with a message naming the allowed values."""
    checked = 0
    for name, body in module_docs._blocks(module / "variables.tf", "variable"):
        for validation in body.get("validation", []):
            for literals in CLOSED_SET.findall(validation["condition"]):
                for value in re.findall(r"\"([^\"]*)\"", literals):
                    assert value in validation["error_message"], (
                        f"{name}: message does not name allowed value {value!r}"
                    )
                checked += 1
    assert checked >= 2, "closed inputs should be validated against their allowed values"
