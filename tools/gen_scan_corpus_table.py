#!/usr/bin/env python3
"""Write docs/scan-corpus.md's table and totals from the corpus (`make docs`).

The table is the manifests (tools/scan_corpus/*.toml: what the reader expected) beside
results.json (what `make scan-corpus` measured), so the page never disagrees with the data.
`--check` exits 1 when the page is stale; tests/test_generated_docs.py runs every check.
"""

from __future__ import annotations

import sys
from pathlib import Path

import scan_corpus_manifest as corpus
from doc_blocks import regenerate, with_block
from scan_corpus_manifest import NO_FINDING, Manifest, ManifestError

SCAN_PAGE = Path(__file__).resolve().parent.parent / "docs" / "scan-corpus.md"
START, END = "<!-- scan-corpus:start -->", "<!-- scan-corpus:end -->"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def expected(manifest: Manifest) -> str:
    sites = []
    for site in manifest.sends:
        rule = "no finding" if site.rule == NO_FINDING else site.rule
        sites.append(f"{rule} `{site.file}:{site.line}` ({site.why})")
    return "; ".join(sites)


def measured(manifest: Manifest, results: dict[str, dict]) -> str:
    record = corpus.current(manifest, results)
    if record is None:
        reason = results.get(manifest.repo, {}).get("reason", "no measure at this commit")
        return f"**not measured** ({reason})"
    parts = []
    if record["missed"]:
        parts.append("**missed** " + ", ".join(f"`{m}`" for m in record["missed"]))
    if record["unexpected"]:
        parts.append("**unexpected** " + ", ".join(f"`{u}`" for u in record["unexpected"]))
    return "; ".join(parts) or "the same"


def table(manifests: list[Manifest], results: dict[str, dict]) -> str:
    lines = [
        "| pattern | project (commit, files scanned) | expected, from reading | found |",
        "|---|---|---|---|",
    ]
    for manifest in manifests:
        record = corpus.current(manifest, results) or {}
        files = f", {record['files_scanned']:,} files" if record.get("files_scanned") else ""
        where = f", `{'`, `'.join(manifest.paths)}`" if manifest.paths else ""
        project = f"{manifest.repo} (`{manifest.commit[:8]}`{where}{files})"
        row = [manifest.proves, project, expected(manifest), measured(manifest, results)]
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    return "\n".join(lines)


def totals_sentence(manifests: list[Manifest], results: dict[str, dict]) -> str:
    summary = corpus.totals(manifests, results)
    correct = sum(1 for m in manifests for s in m.sends if s.rule == NO_FINDING)
    not_sends = sum(len(m.not_sends) for m in manifests)
    records = [r for m in manifests if (r := corpus.current(m, results))]
    engines = sorted({r["engine"] for r in records if r.get("engine")})
    dates = sorted({r["date"] for r in records})
    span = "–".join(sorted({dates[0], dates[-1]})) if dates else ""
    when = f", {', '.join(engines)}, {span}" if dates else ""
    flagged = "finding" if summary["unexpected"] == 1 else "findings"
    unmeasured = summary["projects_not_measured"]
    return (
        f"{summary['sites']} send sites read in {summary['projects']} public projects"
        f" ({correct} of them correct sends that must get no error or warning), and"
        f" {not_sends} lines read and judged not sends. Measured{when}:"
        f" {summary['found']} found, {summary['missed']} missed"
        + (
            f", {summary['not_measured_sites']} in {unmeasured} projects not measured"
            if unmeasured
            else ""
        )
        + f"; {summary['unexpected']} {flagged} on a line that is not an expected send."
        f" **Recall {100 * summary['recall']:.1f} %, precision {100 * summary['precision']:.1f} %**"
        " (a project not measured counts as missed)."
    )


def render(page: str) -> str:
    manifests = corpus.load_all()
    results = corpus.load_results()
    body = table(manifests, results) + "\n\n" + totals_sentence(manifests, results)
    return with_block(page, START, END, body, "docs/scan-corpus.md")


def main(argv: list[str]) -> int:
    try:
        return regenerate(SCAN_PAGE, render, argv)
    except ManifestError as error:
        print(f"gen_scan_corpus_table: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
