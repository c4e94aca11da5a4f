"""Generate the inputs/outputs tables of every module README from variables.tf and outputs.tf.

terraform-docs cannot be installed here; python-hcl2 parses the HCL. The tables live between
``<!-- BEGIN_TF_DOCS -->`` and ``<!-- END_TF_DOCS -->`` in ``modules/<name>/README.md``; the
text around them is written by hand.

Usage: ``module_docs.py`` rewrites the READMEs; ``module_docs.py --check`` exits 1 and names
every README whose tables are stale.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from pathlib import Path

import hcl2

REPO = Path(__file__).resolve().parent.parent
MODULES = REPO / "modules"
BEGIN, END = "<!-- BEGIN_TF_DOCS -->", "<!-- END_TF_DOCS -->"


class DocsError(RuntimeError):
    """A README or HCL file cannot be used; the message is one line."""


def _unquote(value: object) -> object:
    """python-hcl2 keeps HCL quoting ("\\"text\\"") and wraps expressions in ${...}: undo both."""
    if isinstance(value, str):
        if len(value) >= 2 and value[0] == value[-1] == '"':
            with contextlib.suppress(ValueError):  # a template whose ${...} holds quotes
                return json.loads(value)
            return value[1:-1]
        if value.startswith("${") and value.endswith("}"):
            return value[2:-1]
        return value
    if isinstance(value, list):
        return [_unquote(item) for item in value]
    if isinstance(value, dict):
        return {_unquote(k): _unquote(v) for k, v in value.items() if not str(k).startswith("__")}
    return value


def _blocks(path: Path, kind: str) -> list[tuple[str, dict]]:
    try:
        with path.open() as handle:
            parsed = hcl2.load(handle)
    except FileNotFoundError:
        return []
    except Exception as error:  # python-hcl2 raises lark errors of several kinds
        raise DocsError(f"{_show(path)}: cannot parse HCL ({type(error).__name__})") from None
    return [
        (str(_unquote(name)), _unquote(body))
        for block in parsed.get(kind, [])
        for name, body in block.items()
    ]


def _show(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def _cell(text: str) -> str:
    """Prose for a table cell: one line, no column breaks, no <name> swallowed as HTML."""
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def _code(text: str) -> str:
    one_line = re.sub(r"\s+", " ", text).replace("|", "\\|")
    return f"`{one_line}`"


def render_tables(module: Path) -> str:
    """The generated markdown (inputs, then outputs) of one module."""
    lines = [
        "## Inputs",
        "",
        "| Name | Description | Type | Default | Required |",
        "|---|---|---|---|:---:|",
    ]
    for name, body in _blocks(module / "variables.tf", "variable"):
        required = "default" not in body
        default = "" if required else _code(json.dumps(body["default"]))
        lines.append(
            f"| `{name}` | {_cell(body.get('description', ''))} | {_code(body.get('type', 'any'))} "
            f"| {default} | {'yes' if required else 'no'} |"
        )
    lines += ["", "## Outputs", "", "| Name | Description |", "|---|---|"]
    for name, body in _blocks(module / "outputs.tf", "output"):
        lines.append(f"| `{name}` | {_cell(body.get('description', ''))} |")
    return "\n".join(lines)


def rendered_readme(module: Path) -> tuple[Path, str, str]:
    """(README path, current text, text with fresh tables)."""
    readme = module / "README.md"
    if not readme.is_file():
        raise DocsError(f"{_show(readme)} is missing (it needs {BEGIN} and {END})")
    current = readme.read_text()
    if current.count(BEGIN) != 1 or current.count(END) != 1:
        raise DocsError(f"{_show(readme)} must contain {BEGIN} and {END} once each")
    head, rest = current.split(BEGIN)
    _, tail = rest.split(END)
    return readme, current, f"{head}{BEGIN}\n{render_tables(module)}\n{END}{tail}"


def documented_modules() -> list[Path]:
    return sorted(p.parent for p in MODULES.glob("*/variables.tf"))


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    if argv and not check:
        print("usage: module_docs.py [--check]", file=sys.stderr)
        return 2
    stale = []
    try:
        for module in documented_modules():
            readme, current, fresh = rendered_readme(module)
            if current != fresh:
                stale.append(_show(readme))
                if not check:
                    readme.write_text(fresh)
    except DocsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in stale:
        print(
            f"{'stale' if check else 'updated'}: {path}" + (" (run `make docs`)" if check else "")
        )
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
