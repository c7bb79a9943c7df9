"""Every compact string in examples/*/site.ccd parses, and names in flows point at their file text."""
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.compact import (
    parse_access,
    parse_alarm,
    parse_composite,
    parse_duration,
    parse_flow,
    parse_hours,
    parse_interpolations,
    parse_lifecycle,
    parse_metric,
    parse_pipeline,
    parse_rate,
    parse_route,
    parse_utterance,
)
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import TextOrigin

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted(ROOT.glob("examples/*/site.ccd"))


def origin_of(path, lines, parent, key):
    """TextOrigin of the string value parent[key] (mapping key or sequence index)."""
    line0, col0 = parent.lc.item(key) if isinstance(key, int) else parent.lc.value(key)
    ch = lines[line0][col0]
    if ch in "|>":
        first = line0 + 1
        indent = len(lines[first]) - len(lines[first].lstrip())
        return TextOrigin(str(path), first + 1, indent + 1, block_indent=indent)
    if ch in "\"'":
        return TextOrigin(str(path), line0 + 1, col0 + 2)
    return TextOrigin(str(path), line0 + 1, col0 + 1)


def compact_strings(doc):
    """(parser, parent, key) of every compact-syntax value the file format defines."""
    def mapping(node):
        return node if hasattr(node, "items") else {}

    for key, value in mapping(doc.get("hours")).items():
        if hasattr(value, "items"):
            yield parse_hours, value, "schedule"
        else:
            yield parse_hours, doc["hours"], key
    for _name, flow in mapping(doc.get("flows")).items():
        if isinstance(flow, dict) and isinstance(flow.get("do"), str):
            yield parse_flow, flow, "do"
    for _name, bucket in mapping(doc.get("buckets")).items():
        if isinstance(bucket, dict) and "lifecycle" in bucket:
            yield parse_lifecycle, bucket, "lifecycle"
    for section, field in (("logs", "retention"), ("functions", "timeout"), ("bots", "idle_timeout")):
        for item in mapping(doc.get(section)).values():
            if isinstance(item, dict) and isinstance(item.get(field), str):
                yield parse_duration, item, field
    for fn in mapping(doc.get("functions")).values():
        for i, _ in enumerate((fn or {}).get("access") or []):
            yield parse_access, fn["access"], i
    for api in mapping(doc.get("apis")).values():
        for i, _ in enumerate((api or {}).get("routes") or []):
            yield parse_route, api["routes"], i
    for bot in mapping(doc.get("bots")).values():
        for intent in mapping((bot or {}).get("intents")).values():
            samples = intent.get("utterances") if hasattr(intent, "get") else intent
            for i, _ in enumerate(samples or []):
                yield parse_utterance, samples, i
            if hasattr(intent, "get") and isinstance(intent.get("confirm"), str):
                yield parse_utterance, intent, "confirm"
    for key in mapping(doc.get("pipelines")):
        yield parse_pipeline, doc["pipelines"], key
    monitoring = mapping(doc.get("monitoring"))
    for i, _ in enumerate(monitoring.get("dashboard") or []):
        yield parse_metric, monitoring["dashboard"], i
    alarms = mapping(monitoring.get("alarms"))
    for key, alarm in alarms.items():
        if isinstance(alarm, str):
            yield parse_alarm, alarms, key
        else:
            yield parse_alarm, alarm, "condition"
    composites = mapping(monitoring.get("composites"))
    for key, composite in composites.items():
        if isinstance(composite, str):
            yield parse_composite, composites, key
        else:
            yield parse_composite, composite, "rule"
    waf = mapping(mapping(doc.get("agent_site")).get("waf"))
    if isinstance(waf.get("rate_limit"), str):
        yield parse_rate, waf, "rate_limit"


def all_strings(node):
    """(parent, key) of every string scalar in the document."""
    items = node.items() if hasattr(node, "items") else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if isinstance(value, str):
            yield node, key
        else:
            yield from all_strings(value)


def load(path):
    return YAML().load(path.read_text()), path.read_text().splitlines()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_compact_string_parses(path):
    doc, lines = load(path)
    seen = 0
    for parser, parent, key in compact_strings(doc):
        diags = Diagnostics()
        ast = parser(str(parent[key]), origin_of(path, lines, parent, key), diags)
        assert ast is not None and not diags.items, (parser.__name__, key, [f"{d.span}: {d.message}" for d in diags])
        seen += 1
    assert seen


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_string_scans_for_references(path):
    doc, lines = load(path)
    for parent, key in all_strings(doc):
        diags = Diagnostics()
        ast = parse_interpolations(str(parent[key]), origin_of(path, lines, parent, key), diags)
        assert ast is not None and not diags.items, [f"{d.span}: {d.message}" for d in diags]
        for ref in ast.references:  # the name's span points at the name in the file
            assert lines[ref.name.span.line - 1][ref.name.span.col - 1:].startswith(ref.name.value)


def _names(stmt):
    yield from A.label_refs(stmt)
    for field in ("queue", "bot", "flow", "function", "hours", "voice", "name"):
        value = getattr(stmt, field, None)
        if isinstance(value, A.Name):
            yield value
    for branch in getattr(stmt, "branches", ()):
        yield from branch.intents


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_flow_names_point_at_their_text_in_the_file(path):
    doc, lines = load(path)
    checked = 0
    for parser, parent, key in compact_strings(doc):
        if parser is not parse_flow:
            continue
        body = parse_flow(str(parent[key]), origin_of(path, lines, parent, key), Diagnostics())
        for stmt in A.walk(body.statements):
            line = lines[stmt.span.line - 1]
            assert line[stmt.span.col - 1] not in " \t", (stmt, line)
            for name in _names(stmt):
                assert lines[name.span.line - 1][name.span.col - 1:].startswith(name.value), (name, name.span)
                checked += 1
    assert checked


def test_every_statement_example_in_the_flow_docs_parses():
    text = (ROOT / "docs" / "flows.md").read_text()
    section = text.split("### Statements, one example each", 1)[1].split("### Syntax errors", 1)[0]
    blocks = section.split("```")[1::2]
    assert len(blocks) >= 6
    kinds = set()
    for block in blocks:
        diags = Diagnostics()
        body = parse_flow(block.lstrip("\n"), TextOrigin("docs/flows.md", 1, 1, block_indent=0), diags)
        assert body is not None and not diags.items, [d.message for d in diags]
        kinds |= {type(s).__name__ for s in A.walk(body.statements)}
    every = {cls.__name__ for cls in A.Stmt.__args__}
    assert kinds == every, every - kinds


SITE = '''\
buckets:
  recordings: {lifecycle: "glacier after 30d, expire aftr 2555d"}
hours:
  office: 'Mon-Fri 08:00-20:00 @ Europe/Lodnon'
flows:
  main:
    do: |
      logging on
      ask banking "How can I help?"
        CheckBalance -> agent
        otherwise -> agent
      agent:
        queue GeneralAgentQueue
        transfer to flow other timeout 5s
'''


def _first_error(parser, parent, key, lines):
    diags = Diagnostics()
    assert parser(str(parent[key]), origin_of(Path("site.ccd"), lines, parent, key), diags) is None
    return diags.items[0]


def _col_of(lines, line, needle):
    return lines[line - 1].index(needle) + 1


def test_errors_point_into_quoted_and_block_scalars_read_by_ruamel():
    doc, lines = YAML().load(SITE), SITE.splitlines()
    d = _first_error(parse_lifecycle, doc["buckets"]["recordings"], "lifecycle", lines)
    assert (d.span.line, d.span.col) == (2, _col_of(lines, 2, "aftr"))
    assert d.hint == "did you mean 'after'?"
    d = _first_error(parse_hours, doc["hours"], "office", lines)
    assert (d.code, d.span.line, d.span.col) == ("E015", 4, _col_of(lines, 4, "Europe/Lodnon"))
    d = _first_error(parse_flow, doc["flows"]["main"], "do", lines)
    assert (d.span.line, d.span.col) == (14, _col_of(lines, 14, "timeout"))
