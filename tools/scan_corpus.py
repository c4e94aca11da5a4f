#!/usr/bin/env python3
"""`make scan-corpus`: measure `sesguard scan` on the public-code corpus (tools/scan_corpus/).

For each manifest: export its commit from a local clone with `git archive` into a fresh
directory, run `sesguard scan --format json` there, and compare the (rule, file, line)
findings with the sites the reader wrote down. Prints a table and the totals, writes
tools/scan_corpus/results.json. Exit 0 when recall is at least 95 % with no finding on a
line that is not a send; 1 otherwise (a project not measured counts as missed); 2 on a bad
manifest or argument. Clones: docs/scan-corpus.md.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import scan_corpus_manifest as corpus
from scan_corpus_manifest import NO_FINDING, Manifest, ManifestError

RECALL_TARGET = 0.95
MIRRORS_VARIABLE = "SESGUARD_CORPUS_MIRRORS"
NOT_FULLY_ANALYSED = "SES041"  # a file semgrep could not wholly read: counted apart
QUIET_SEVERITIES = {"info"}


class NotMeasured(Exception):
    """The project could not be measured: its sites count as not found."""


def git_dir(mirrors: Path, manifest: Manifest) -> Path:
    """`<mirrors>/<owner>+<name>`: a clone, or a directory holding a bare `repo`."""
    home = mirrors / manifest.mirror_name
    bare = home / "repo"
    if bare.is_dir():
        return bare
    if home.is_dir():
        return home
    raise NotMeasured(f"no clone at {home}")


def export(manifest: Manifest, mirrors: Path, into: Path) -> None:
    """The manifest's commit (only its `paths`, if given) written out under ``into``."""
    repo = git_dir(mirrors, manifest)
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", manifest.commit, "--", *manifest.paths],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        said = archive.stderr.decode(errors="replace").strip().splitlines()
        raise NotMeasured(f"git archive {manifest.commit[:12]}: {said[-1] if said else 'failed'}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")


def scan(tree: Path, manifest: Manifest, sesguard: str, timeout: int) -> dict:
    """`sesguard scan --format json` of ``tree``: its parsed report."""
    command = [sesguard, "scan", str(tree), "--format", "json", "--timeout", str(timeout)]
    try:
        done = subprocess.run(
            [*command, *manifest.scan_args],
            capture_output=True,
            text=True,
            timeout=timeout + 60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise NotMeasured(f"sesguard scan not done within {timeout + 60} s") from None
    if done.returncode not in (0, 1):
        raise NotMeasured(f"sesguard scan exit {done.returncode}: {done.stderr.strip()}")
    try:
        return json.loads(done.stdout)
    except ValueError:
        raise NotMeasured("sesguard scan printed no JSON report") from None


def compare(manifest: Manifest, report: dict) -> dict:
    """Found, missed and unexpected, by (rule, file, line)."""
    findings = [f for f in report["findings"] if f["rule"] != NOT_FULLY_ANALYSED]
    keys = {(f["rule"], f["file"], f["line"]) for f in findings}
    loud_lines = {(f["file"], f["line"]) for f in findings if f["severity"] not in QUIET_SEVERITIES}
    sets_used = report["summary"].get("configuration_sets_used") or {}
    expected = {s.key for s in manifest.sends if s.rule != NO_FINDING}
    found, missed = [], []
    for site in manifest.sends:
        if site.rule == NO_FINDING:
            # a correct send: found when no error or warning lands on it (an info
            # finding there is still unexpected, below)
            seen = (site.file, site.line) not in loud_lines
        else:
            seen = site.key in keys
        if site.set is not None and site.set not in sets_used:
            seen = False
        (found if seen else missed).append(site.label())
    unexpected = sorted(f"{r} {f}:{n}" for r, f, n in keys - expected)
    return {
        "found": found,
        "missed": missed,
        "unexpected": unexpected,
        "findings_on_sends": len(keys & expected),
        "not_fully_analysed": sum(1 for f in report["findings"] if f["rule"] == NOT_FULLY_ANALYSED),
        "files_scanned": report["summary"].get("files_scanned"),
        "engine": report["summary"].get("engine"),
    }


def measure(manifest: Manifest, mirrors: Path, sesguard: str, timeout: int) -> dict:
    """One project's record for results.json (status "measured" or "not measured")."""
    record = {
        "repo": manifest.repo,
        "commit": manifest.commit,
        "expectations": manifest.expectations_digest(),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d"),
    }
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="scan-corpus-") as tmp:
            tree = Path(tmp) / manifest.mirror_name
            tree.mkdir()
            export(manifest, mirrors, tree)
            record |= {
                "status": "measured",
                **compare(manifest, scan(tree, manifest, sesguard, timeout)),
            }
    except NotMeasured as reason:
        record |= {"status": "not measured", "reason": str(reason)}
    record["seconds"] = round(time.monotonic() - started, 1)
    return record


def percent(part: float) -> str:
    return f"{100 * part:.1f} %"


def print_table(manifests: list[Manifest], results: dict[str, dict]) -> None:
    width = max(len(m.repo) for m in manifests)
    print(f"{'project':<{width}}  sites found missed unexpected  files  seconds")
    for manifest in manifests:
        record = results.get(manifest.repo, {})
        if corpus.current(manifest, results) is None:
            why = record.get("reason") or "no measure at this commit and expectations"
            print(f"{manifest.repo:<{width}}  {len(manifest.sends):>5}  not measured: {why}")
            continue
        print(
            f"{manifest.repo:<{width}}  {len(manifest.sends):>5} {len(record['found']):>5}"
            f" {len(record['missed']):>6} {len(record['unexpected']):>10}"
            f"  {record['files_scanned'] or 0:>5}  {record['seconds']:>7}"
        )
        for label in record["missed"]:
            print(f"    missed {label}")
        for label in record["unexpected"]:
            print(f"    unexpected {label}")


def print_totals(summary: dict) -> None:
    print(
        f"{summary['projects']} projects ({summary['projects_not_measured']} not measured),"
        f" {summary['sites']} send sites: {summary['found']} found, {summary['missed']} missed,"
        f" {summary['not_measured_sites']} not measured; {summary['unexpected']} unexpected"
        f" findings. Recall {percent(summary['recall'])}, precision"
        f" {percent(summary['precision'])}."
    )


def write_results(results: dict[str, dict], manifests: list[Manifest], path: Path) -> None:
    """results.json: one record per manifest (records of removed manifests are dropped)."""
    projects = [results[m.repo] for m in manifests if m.repo in results]
    path.write_text(json.dumps({"projects": projects}, indent=1, sort_keys=True) + "\n")


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--mirrors",
        type=Path,
        default=os.environ.get(MIRRORS_VARIABLE),
        help=f"folder of clones named <owner>+<name> (default: ${MIRRORS_VARIABLE})",
    )
    parser.add_argument("--only", action="append", default=[], metavar="OWNER/NAME")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per project's scan")
    parser.add_argument(
        "--sesguard", default=str(Path(sys.executable).with_name("sesguard")), help="the CLI"
    )
    parser.add_argument("--corpus", type=Path, default=corpus.CORPUS, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = arguments(argv)
    if args.mirrors is None:
        print(
            f"scan_corpus: no clones: give --mirrors DIR or set ${MIRRORS_VARIABLE}",
            file=sys.stderr,
        )
        return 2
    if not args.mirrors.is_dir():
        print(f"scan_corpus: --mirrors {args.mirrors} is not a directory", file=sys.stderr)
        return 2
    results_path = args.corpus / "results.json"
    try:
        manifests = corpus.load_all(args.corpus)
        results = corpus.load_results(results_path)
    except ManifestError as error:
        print(f"scan_corpus: {error}", file=sys.stderr)
        return 2
    unknown = sorted(set(args.only) - {m.repo for m in manifests})
    if unknown:
        print(f"scan_corpus: --only {', '.join(unknown)}: no such manifest", file=sys.stderr)
        return 2
    for manifest in manifests:
        if args.only and manifest.repo not in args.only:
            continue
        print(f"measuring {manifest.repo} …", file=sys.stderr, flush=True)
        results[manifest.repo] = measure(manifest, args.mirrors, args.sesguard, args.timeout)
    write_results(results, manifests, results_path)
    print_table(manifests, results)
    summary = corpus.totals(manifests, results)
    print_totals(summary)
    met = summary["recall"] >= RECALL_TARGET and summary["unexpected"] == 0
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
