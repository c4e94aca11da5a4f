"""ADOPTION.md: what maps where, what the first plan changes and why, what stays outside
the module, what could not be adopted."""

from __future__ import annotations

from .plan import Adoption, Note
from .writer import MARKER

# Section headings: the adopt tests read these to compare with the gate and the audit.
REMAINS = "Findings the adopted root still has"
OUTSIDE = "What stays outside the module"
NOT_ADOPTED = "What cannot be adopted"
AUDIT_KEEPS = "The rules in brackets: what `sesguard audit` still reports on it after the apply."


def adoption_md(adoption: Adoption, reads: str) -> str:
    a = adoption
    lines = [
        f"<!-- {MARKER}: re-running adopt rewrites this file. -->",
        f"# Adopting account {a.account} in {a.region}",
        "",
        f"Read: {reads}. Written: `main.tf` ({len(a.streams)} ses_stream and "
        f"{len(a.identities)} ses_identity calls) and `imports.tf` ({len(a.imports)} "
        "imports). The first `terraform plan` imports every object below and destroys or "
        "replaces none of them: where the module's shape would replace one (a set's name, a "
        "pool's scaling mode, a destination's name), the existing value is kept.",
        "",
        "## What maps where",
        "",
        "| existing object | module address | import ID |",
        "|---|---|---|",
        *(f"| {i.what} | `{i.address}` | `{i.id}` |" for i in a.imports),
        "",
    ]
    lines += _section("What the first plan changes in place", a.changes,
                      "Each change is tied to the rule it fixes.")  # fmt: skip
    lines += _section("What adoption keeps as it is, and why", a.kept)
    lines += _section(REMAINS, a.remaining,
                      "`sesguard check` on the first plan reports these (kept on purpose "
                      "above); everything else it reports is new.")  # fmt: skip
    lines += _section(OUTSIDE, a.outside, AUDIT_KEEPS)
    lines += _section(NOT_ADOPTED, a.not_adopted,
                      f"Adopt does not guess: decide these, then run adopt again. "
                      f"{AUDIT_KEEPS}")  # fmt: skip
    if a.variables:
        lines += ["## Values to fill in", ""]
        lines += [f"- `{name}`: {why} Set it in `terraform.tfvars`." for name, why in
                  a.variables.items()] + [""]  # fmt: skip
    return "\n".join(lines)


def _section(title: str, notes: list[Note], intro: str = "") -> list[str]:
    lines = [f"## {title}", ""]
    if intro and notes:
        lines += [intro, ""]
    if not notes:
        return [*lines, "Nothing.", ""]
    for note in notes:
        rule = f" ({note.rule})" if note.rule else ""
        lines.append(f"- {note.subject}: {note.text}{rule}")
    return [*lines, ""]
