"""The public-code corpus of `sesguard scan`: one TOML manifest per project, read and checked.

A manifest names a public repository, the commit that was read, and the send sites the
reader expects findings on, written down from the code before the scanner ran on it
(docs/scan-corpus.md). ``rule = "none"`` marks a send the reader
judged correct: it is a send site, found when no finding lands on its line.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import tomllib

CORPUS = Path(__file__).resolve().parent / "scan_corpus"
RESULTS = CORPUS / "results.json"
NO_FINDING = "none"
RULE = re.compile(r"^SES0\d\d$")
COMMIT = re.compile(r"^[0-9a-f]{40}$")
REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")

TOP_KEYS = {"repo", "commit", "paths", "scan_args", "proves", "read_by_hand", "send", "not_a_send"}
SEND_KEYS = {"rule", "file", "line", "why", "set"}
NOT_A_SEND_KEYS = {"file", "line", "why"}


class ManifestError(ValueError):
    """A manifest that cannot be used: the message names the file and what is wrong."""


@dataclass(frozen=True)
class Site:
    rule: str  # SESnnn, or "none" for a send the reader judged correct
    file: str
    line: int
    why: str
    set: str | None = None  # the literal set name the reader expects counted

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.rule, self.file, self.line)

    def label(self) -> str:
        return f"{self.rule} {self.file}:{self.line}"


@dataclass(frozen=True)
class NotASend:
    file: str
    line: int
    why: str


@dataclass(frozen=True)
class Manifest:
    path: Path
    repo: str
    commit: str
    proves: str
    read_by_hand: str
    paths: tuple[str, ...] = ()
    scan_args: tuple[str, ...] = ()
    sends: tuple[Site, ...] = field(default=())
    not_sends: tuple[NotASend, ...] = field(default=())

    @property
    def mirror_name(self) -> str:
        return self.repo.replace("/", "+")

    def expectations_digest(self) -> str:
        """What the measure depends on besides the commit: a changed manifest is re-measured."""
        wanted = {
            "paths": list(self.paths),
            "scan_args": list(self.scan_args),
            "send": [asdict(s) for s in self.sends],
            "not_a_send": [asdict(n) for n in self.not_sends],
        }
        return hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()[:16]


def _text(table: dict, key: str, where: str, optional: bool = False) -> str | None:
    value = table.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ManifestError(f"{where}: `{key}` must be a non-empty string")
    return value


def _line(table: dict, where: str) -> int:
    value = table.get("line")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ManifestError(f"{where}: `line` must be a positive integer")
    return value


def _relative(path: str, where: str) -> str:
    if path.startswith("/") or ".." in Path(path).parts:
        raise ManifestError(f"{where}: `{path}` must be relative to the exported tree")
    return path


def _strings(table: dict, key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ManifestError(f"{where}: `{key}` must be a list of non-empty strings")
    return tuple(value)


def _unknown(table: dict, allowed: set[str], where: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise ManifestError(f"{where}: unknown key(s) {', '.join(extra)}")


def _site(table: object, where: str) -> Site:
    if not isinstance(table, dict):
        raise ManifestError(f"{where}: must be a table")
    _unknown(table, SEND_KEYS, where)
    rule = _text(table, "rule", where)
    if rule != NO_FINDING and not RULE.match(rule):
        raise ManifestError(f"{where}: rule `{rule}` is neither SESnnn nor `{NO_FINDING}`")
    return Site(
        rule=rule,
        file=_relative(_text(table, "file", where), where),
        line=_line(table, where),
        why=_text(table, "why", where),
        set=_text(table, "set", where, optional=True),
    )


def _not_a_send(table: object, where: str) -> NotASend:
    if not isinstance(table, dict):
        raise ManifestError(f"{where}: must be a table")
    _unknown(table, NOT_A_SEND_KEYS, where)
    return NotASend(
        file=_relative(_text(table, "file", where), where),
        line=_line(table, where),
        why=_text(table, "why", where),
    )


def load(path: Path) -> Manifest:
    """The manifest at ``path``, or ManifestError naming the file and the first fault."""
    where = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ManifestError(f"{where}: not readable TOML ({error})") from None
    _unknown(data, TOP_KEYS, where)
    repo = _text(data, "repo", where)
    if not REPO.match(repo):
        raise ManifestError(f"{where}: repo `{repo}` is not owner/name")
    if path.stem != repo.replace("/", "+"):
        raise ManifestError(f"{where}: the file of {repo} is {repo.replace('/', '+')}.toml")
    commit = _text(data, "commit", where)
    if not COMMIT.match(commit):
        raise ManifestError(f"{where}: commit must be the full 40-hex hash, not `{commit}`")
    sends_raw, not_sends_raw = data.get("send", []), data.get("not_a_send", [])
    if not isinstance(sends_raw, list) or not sends_raw:
        raise ManifestError(f"{where}: at least one [[send]] is needed")
    if not isinstance(not_sends_raw, list):
        raise ManifestError(f"{where}: `not_a_send` must be [[not_a_send]] tables")
    sends = tuple(_site(s, f"{where} [[send]] {i + 1}") for i, s in enumerate(sends_raw))
    not_sends = tuple(
        _not_a_send(n, f"{where} [[not_a_send]] {i + 1}") for i, n in enumerate(not_sends_raw)
    )
    lines = [(s.file, s.line) for s in sends] + [(n.file, n.line) for n in not_sends]
    repeated = sorted({f"{f}:{n}" for f, n in lines if lines.count((f, n)) > 1})
    if repeated:
        raise ManifestError(f"{where}: a line is listed twice: {', '.join(repeated)}")
    return Manifest(
        path=path,
        repo=repo,
        commit=commit,
        proves=_text(data, "proves", where),
        read_by_hand=_text(data, "read_by_hand", where),
        paths=tuple(_relative(p, where) for p in _strings(data, "paths", where)),
        scan_args=_strings(data, "scan_args", where),
        sends=sends,
        not_sends=not_sends,
    )


def load_all(corpus: Path = CORPUS) -> list[Manifest]:
    """Every manifest of the corpus, sorted by repository; ManifestError on the first bad one."""
    manifests = [load(path) for path in sorted(corpus.glob("*.toml"))]
    if not manifests:
        raise ManifestError(f"no manifest (*.toml) in {corpus}")
    return sorted(manifests, key=lambda m: m.repo.lower())


def load_results(path: Path = RESULTS) -> dict[str, dict]:
    """results.json's projects by repository ({} when it does not exist yet)."""
    if not path.exists():
        return {}
    try:
        return {p["repo"]: p for p in json.loads(path.read_text())["projects"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ManifestError(f"{path.name}: not a corpus results file ({error})") from None


def current(manifest: Manifest, results: dict[str, dict]) -> dict | None:
    """The measured result of ``manifest``, or None when there is none at its commit and
    expectations (never measured, not measurable, or the manifest changed since)."""
    record = results.get(manifest.repo)
    if (
        record is None
        or record.get("status") != "measured"
        or record.get("commit") != manifest.commit
        or record.get("expectations") != manifest.expectations_digest()
    ):
        return None
    return record


def totals(manifests: list[Manifest], results: dict[str, dict]) -> dict:
    """Sites expected, found, missed; unexpected findings; recall and precision. A project
    without a current measure counts all its sites as not found (fail closed)."""
    expected = sum(len(m.sends) for m in manifests)
    found = missed = unexpected = matched = not_measured = 0
    for manifest in manifests:
        record = current(manifest, results)
        if record is None:
            not_measured += 1
            continue
        found += len(record["found"])
        missed += len(record["missed"])
        unexpected += len(record["unexpected"])
        matched += record["findings_on_sends"]
    flagged = matched + unexpected
    return {
        "projects": len(manifests),
        "projects_not_measured": not_measured,
        "sites": expected,
        "found": found,
        "missed": missed,
        "not_measured_sites": expected - found - missed,
        "unexpected": unexpected,
        "recall": found / expected if expected else 0.0,
        "precision": matched / flagged if flagged else 1.0,
    }
