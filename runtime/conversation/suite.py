"""A site's conversation suite: find its test files, run every test, measure coverage, render the outcome
as text, JSON or JUnit XML (returned as strings: the runtime never prints)."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ccdsl.dsl.diagnostics import Diagnostics

from .coverage import Coverage, measure
from .runner import Result, run_case
from .site import ConversationSite, load_site
from .testfile import Suite, load_suite


@dataclass
class SuiteReport:
    site: ConversationSite | None
    suite: Suite | None
    results: list[Result] = field(default_factory=list)
    coverage: Coverage | None = None
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    seconds: float = 0.0

    @property
    def passed(self) -> int:
        return sum(r.status == "passed" for r in self.results)

    @property
    def failed(self) -> int:
        return sum(r.status != "passed" for r in self.results)

    @property
    def actions(self) -> int:
        return sum(r.actions for r in self.results)


def find_test_files(site_path: str | Path, files: list[str] | None = None) -> list[Path]:
    """The files named, or every ``tests/*.yaml`` (and ``*.yml``) beside the site file, in name order."""
    if files:
        return [Path(f) for f in files]
    folder = Path(site_path).resolve().parent / "tests"
    rel = Path(site_path).parent / "tests"
    return sorted(rel / p.name for p in list(folder.glob("*.yaml")) + list(folder.glob("*.yml")))


def run_suite(site_path: str | Path, files: list[str] | None = None, names: list[str] | None = None) -> SuiteReport:
    started = time.perf_counter()
    site, diags = load_site(site_path)
    report = SuiteReport(site, None, diagnostics=diags)
    if site is None:
        return report
    paths = find_test_files(site_path, files)
    for path in paths:
        if not path.is_file():
            diags.error("T001", "no such test file", _file_span(path))
    suite = load_suite(site, [p for p in paths if p.is_file()], diags)
    report.suite = suite
    if diags.has_errors:
        return report
    cache: dict = {}
    for case in suite.cases:
        if names and not any(n in case.name for n in names):
            continue
        report.results.append(run_case(site, case, cache))
    report.coverage = measure(site, (t for r in report.results for t in r.taken))
    report.seconds = time.perf_counter() - started
    return report


def _file_span(path: Path):
    from ccdsl.dsl.source import Span
    return Span(str(path), 1, 1)


# -- rendering ----------------------------------------------------------------------------------------------
def render_text(report: SuiteReport, with_coverage: bool, verbose: bool = False) -> str:
    lines: list[str] = []
    for r in report.results:
        mark = "PASS" if r.status == "passed" else "FAIL"
        lines.append(f"{mark}  {r.name}  ({r.file}:{r.line})")
        if r.status != "passed":
            lines.extend("      " + line for line in r.message.splitlines())
    if with_coverage and report.coverage is not None:
        cov = report.coverage
        lines.append("")
        lines.append(f"transition coverage: {cov.covered}/{cov.total} ({cov.percent}%)")
        for name, fc in sorted(cov.flows.items()):
            lines.append(f"  {name:<24} {fc.covered:>3}/{fc.total:<3} {fc.percent:>5}%")
            for u in fc.uncovered:
                where = f"{u['file']}:{u['line']}" if u["file"] else "(template)"
                lines.append(f"      uncovered: {u['action']} → {u['branch']} → {u['to']}  ({where})")
    lines.append("")
    count = len(report.results)
    lines.append(f"{count} test{'' if count == 1 else 's'}, {report.passed} passed, {report.failed} failed "
                 f"({report.actions} flow actions in {report.seconds * 1000:.0f} ms)")
    return "\n".join(lines) + "\n"


def render_json(report: SuiteReport) -> str:
    doc: dict[str, Any] = {
        "tests": len(report.results), "passed": report.passed, "failed": report.failed,
        "coverage": report.coverage.to_dict() if report.coverage else
        {"transitions": {"covered": 0, "total": 0, "percent": 0.0}, "flows": {}},
        "results": [r.to_dict() for r in report.results],
    }
    return json.dumps(doc, indent=2) + "\n"


def render_junit(report: SuiteReport) -> str:
    site = report.site.name if report.site else "site"
    suite = ET.Element("testsuite", name=f"ccdsl test {site}", tests=str(len(report.results)),
                       failures=str(report.failed), errors="0", time=f"{report.seconds:.3f}")
    for r in report.results:
        case = ET.SubElement(suite, "testcase", classname=Path(r.file).stem, name=r.name, file=r.file,
                             line=str(r.line))
        if r.status != "passed":
            first = r.message.splitlines()[1].strip() if len(r.message.splitlines()) > 1 else r.message
            failure = ET.SubElement(case, "failure", message=first)
            failure.text = r.message
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
