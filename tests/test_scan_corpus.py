"""The public-code corpus of `sesguard scan` (tools/scan_corpus/): its manifests are valid, its
recorded measure is current, and the measuring tool compares, fails closed and refuses bad
input as docs/scan-corpus.md says. No clone of a public project is needed."""

from __future__ import annotations

import json
import subprocess

import pytest
import scan_corpus
import scan_corpus_manifest as corpus
from scan_corpus_manifest import ManifestError

MANIFEST = """\
repo = "octo/demo"
commit = "{commit}"
proves = "a v2 send without a set"
read_by_hand = "app.py"

[[send]]
rule = "SES015"
file = "app.py"
line = 3
why = "send_email(Content=...) without a set"

[[send]]
rule = "none"
file = "app.py"
line = 9
why = "a send with a literal set"
set = "transactional"

[[not_a_send]]
file = "app.py"
line = 12
why = "a method of the same name"
"""
COMMIT = "a" * 40


def write_manifest(folder, text=None, name="octo+demo.toml", commit=COMMIT):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(MANIFEST.format(commit=commit) if text is None else text)
    return path


def finding(rule, line, severity="error", file="app.py"):
    return {"rule": rule, "file": file, "line": line, "severity": severity}


def report(findings, sets=None):
    summary = {"files_scanned": 1, "engine": "semgrep 1.185.0"}
    return {"findings": findings, "summary": summary | {"configuration_sets_used": sets or {}}}


def test_every_manifest_of_the_corpus_is_valid_and_names_its_own_file():
    manifests = corpus.load_all()
    assert len(manifests) >= 30
    assert sum(len(m.sends) for m in manifests) >= 60
    for manifest in manifests:
        assert manifest.path.stem == manifest.mirror_name


def test_results_cover_every_manifest_at_its_commit_and_expectations():
    results = corpus.load_results()
    stale = [m.repo for m in corpus.load_all() if corpus.current(m, results) is None]
    assert stale == [], "re-measure with `make scan-corpus MIRRORS=…`: " + ", ".join(stale)


def test_a_changed_expectation_makes_the_measure_stale(tmp_path):
    manifest = corpus.load(write_manifest(tmp_path))
    results = {"octo/demo": {"status": "measured", "commit": COMMIT, "found": [], "missed": []}}
    results["octo/demo"]["expectations"] = manifest.expectations_digest()
    assert corpus.current(manifest, results) is not None
    edited = write_manifest(
        tmp_path / "edited", MANIFEST.format(commit=COMMIT).replace("line = 3", "line = 4")
    )
    assert corpus.current(corpus.load(edited), results) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('commit = "' + COMMIT, 'commit = "abc123'), "commit must be the full 40-hex hash"),
        (('rule = "SES015"', 'rule = "SES15"'), "is neither SESnnn nor `none`"),
        (("line = 3", "line = 0"), "`line` must be a positive integer"),
        (('file = "app.py"\nline = 3', 'file = "../app.py"\nline = 3'), "must be relative"),
        (("read_by_hand", "read_by_eye"), "unknown key(s) read_by_eye"),
        (("line = 12", "line = 3"), "a line is listed twice: app.py:3"),
        (
            ('repo = "octo/demo"', 'repo = "octo/other"'),
            "the file of octo/other is octo+other.toml",
        ),
        (("[[send]]", "[[sent]]"), "unknown key(s) sent"),
        (("proves = ", "proves = = "), "not readable TOML"),
    ],
)
def test_a_bad_manifest_is_refused_with_its_file_and_fault(tmp_path, change, message):
    text = MANIFEST.format(commit=COMMIT).replace(*change)
    with pytest.raises(ManifestError, match="octo\\+demo.toml") as raised:
        corpus.load(write_manifest(tmp_path, text))
    assert message in str(raised.value)


def test_the_tool_exits_2_with_one_line_on_a_bad_manifest(tmp_path, capsys):
    write_manifest(tmp_path / "corpus", MANIFEST.format(commit="abc"))
    code = scan_corpus.main(["--mirrors", str(tmp_path), "--corpus", str(tmp_path / "corpus")])
    err = capsys.readouterr().err.strip().splitlines()
    assert (code, len(err)) == (2, 1)
    assert err[0].startswith("scan_corpus: octo+demo.toml: commit must be")


def test_the_tool_needs_its_clones_named(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(scan_corpus.MIRRORS_VARIABLE, raising=False)
    assert scan_corpus.main(["--corpus", str(tmp_path)]) == 2
    assert "give --mirrors DIR or set $SESGUARD_CORPUS_MIRRORS" in capsys.readouterr().err


def test_sites_are_found_missed_and_findings_elsewhere_unexpected(tmp_path):
    manifest = corpus.load(write_manifest(tmp_path))
    result = scan_corpus.compare(
        manifest,
        report(
            [finding("SES015", 3), finding("SES019", 9, "info"), finding("SES041", 1, "warning")],
            {"transactional": 1},
        ),
    )
    assert result["found"] == ["SES015 app.py:3", "none app.py:9"]
    assert (result["missed"], result["unexpected"]) == ([], ["SES019 app.py:9"])
    assert (result["findings_on_sends"], result["not_fully_analysed"]) == (1, 1)


def test_a_correct_send_is_missed_when_an_error_lands_on_it_or_its_set_is_not_counted(tmp_path):
    manifest = corpus.load(write_manifest(tmp_path))
    flagged = scan_corpus.compare(
        manifest, report([finding("SES015", 3), finding("SES015", 9)], {"transactional": 1})
    )
    assert flagged["missed"] == ["none app.py:9"]
    assert flagged["unexpected"] == ["SES015 app.py:9"]
    uncounted = scan_corpus.compare(manifest, report([finding("SES015", 3)]))
    assert uncounted["missed"] == ["none app.py:9"]
    wrong_rule = scan_corpus.compare(manifest, report([finding("SES016", 3)], {"transactional": 1}))
    assert (wrong_rule["missed"], wrong_rule["unexpected"]) == (
        ["SES015 app.py:3"],
        ["SES016 app.py:3"],
    )


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_the_commit_is_exported_from_a_plain_clone_with_only_its_paths(tmp_path):
    clone = tmp_path / "mirrors" / "octo+demo"
    (clone / "src").mkdir(parents=True)
    (clone / "src" / "app.py").write_text("v1\n")
    (clone / "other.py").write_text("x\n")
    git("init", "-q", cwd=clone)
    git("add", ".", cwd=clone)
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one", cwd=clone)
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=clone, check=True, capture_output=True, text=True
    ).stdout.strip()
    (clone / "src" / "app.py").write_text("v2, not the commit read\n")
    text = MANIFEST.format(commit=commit).replace("read_by_hand", 'paths = ["src"]\nread_by_hand')
    manifest = corpus.load(write_manifest(tmp_path / "corpus", text))
    into = tmp_path / "tree"
    into.mkdir()
    scan_corpus.export(manifest, tmp_path / "mirrors", into)
    assert sorted(p.relative_to(into).as_posix() for p in into.rglob("*.py")) == ["src/app.py"]
    assert (into / "src" / "app.py").read_text() == "v1\n"


def test_a_project_without_its_clone_is_not_measured_and_counts_as_missed(tmp_path, capsys):
    corpus_dir = tmp_path / "corpus"
    write_manifest(corpus_dir)
    code = scan_corpus.main(["--mirrors", str(tmp_path), "--corpus", str(corpus_dir)])
    out = capsys.readouterr().out
    assert code == 1
    assert "not measured: no clone at" in out
    saved = json.loads((corpus_dir / "results.json").read_text())["projects"]
    assert [(p["repo"], p["status"]) for p in saved] == [("octo/demo", "not measured")]
    summary = corpus.totals(corpus.load_all(corpus_dir), {p["repo"]: p for p in saved})
    assert (summary["found"], summary["not_measured_sites"], summary["recall"]) == (0, 2, 0.0)


def test_the_doc_table_shows_each_project_as_measured_or_not(tmp_path):
    import gen_scan_corpus_table as page

    manifest = corpus.load(write_manifest(tmp_path))
    record = {"status": "measured", "commit": COMMIT, "files_scanned": 7, "date": "2026-01-02"}
    record |= {"expectations": manifest.expectations_digest(), "engine": "semgrep 1.185.0"}
    record |= {"found": ["none app.py:9"], "missed": ["SES015 app.py:3"], "unexpected": []}
    record |= {"findings_on_sends": 0}
    row = page.table([manifest], {"octo/demo": record}).splitlines()[-1]
    assert "octo/demo (`aaaaaaaa`, 7 files)" in row
    assert row.endswith("| **missed** `SES015 app.py:3` |")
    assert "no finding `app.py:9`" in row
    assert "Recall 50.0 %" in page.totals_sentence([manifest], {"octo/demo": record})
    stale = page.table([manifest], {}).splitlines()[-1]
    assert stale.endswith("| **not measured** (no measure at this commit) |")
