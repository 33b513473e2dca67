"""`diff` reports: text, json, markdown (a pull-request comment), and the formats CI
services read natively: GitHub Actions annotations (`github`) and SARIF (`sarif`)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from .apidiff import RULES, Change

FORMATS = ("text", "json", "markdown", "github", "sarif")

def summary_line(changes: list[Change]) -> str:
    breaking = sum(c.breaking for c in changes)
    return f"{len(changes)} changes: {breaking} breaking, {len(changes) - breaking} non-breaking"


def render(changes: list[Change], format: str, old_name: str, new_name: str) -> str:
    if format == "github":
        return _github(changes, new_name)
    if format == "sarif":
        return _sarif(changes, new_name)
    if format == "json":
        rows = [{**asdict(c), "breaking": c.breaking, "summary": RULES[c.rule].summary} for c in changes]
        return json.dumps({"old": old_name, "new": new_name, "changes": rows}, indent=2) + "\n"
    if format == "markdown":
        lines = [f"### API changes: `{old_name}` → `{new_name}`", "", summary_line(changes), ""]
        if changes:
            lines += ["| | rule | where | detail |", "| --- | --- | --- | --- |"]
            for c in changes:
                cells = [_md(c.rule), _md(c.where), _md(c.detail)]
                lines.append(f"| {'**breaking**' if c.breaking else 'ok'} | {cells[0]} | {cells[1]} | {cells[2]} |")
        return "\n".join(lines) + "\n"
    lines = [f"{'BREAKING' if c.breaking else 'ok      '}  {c.rule}: {c.where}" + (f" ({c.detail})" if c.detail else "")
             for c in changes]
    return "\n".join(lines + [summary_line(changes)]) + "\n"


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`").replace("\n", " ").replace("<", "&lt;")


def _github(changes: list[Change], new_name: str) -> str:
    """GitHub Actions workflow commands: an error annotation per breaking change, a notice
    for the others, on the new description's file (GitHub shows them on the pull request)."""
    file = _file_of(new_name)
    lines = []
    for c in changes:
        level = "error" if c.breaking else "notice"
        title = f"{c.rule} ({'breaking' if c.breaking else 'non-breaking'})"
        message = c.where + (f" ({c.detail})" if c.detail else "") + f": {RULES[c.rule].summary}"
        lines.append(f"::{level} file={_github_property(file)},title={_github_property(title)}::{_github_data(message)}")
    return "\n".join(lines + [summary_line(changes)]) + "\n"


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _sarif(changes: list[Change], new_name: str) -> str:
    """SARIF 2.1.0 (GitHub code scanning, Azure DevOps, GitLab read it): one result per
    change, `error` when breaking, `note` otherwise, located on the new description."""
    used = sorted({c.rule for c in changes})
    rules = [
        {
            "id": rule,
            "shortDescription": {"text": RULES[rule].summary},
            "defaultConfiguration": {"level": "error" if RULES[rule].breaking else "note"},
            "helpUri": "docs/api-diff.md",
        }
        for rule in used
    ]
    results = [
        {
            "ruleId": c.rule,
            "ruleIndex": used.index(c.rule),
            "level": "error" if c.breaking else "note",
            "message": {"text": c.where + (f" ({c.detail})" if c.detail else "") + f": {RULES[c.rule].summary}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _file_of(new_name)}}}],
            "partialFingerprints": {"apiforgeChange/v1": f"{c.rule}|{c.where}"},
        }
        for c in changes
    ]
    report = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "apiforge diff", "rules": rules}}, "results": results}],
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _file_of(name: str) -> str:
    """The file a change is located in: a `REV:PATH` side's path, or the file itself."""
    revision, colon, path = name.partition(":")
    return path if colon and not Path(name).exists() and len(revision) > 1 else name
