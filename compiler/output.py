"""The build directory: ``graph.json`` (the contract of DESIGN §4), ``plan.md`` and the artefacts.

Everything is rendered deterministically: keys and addresses sorted, floats rounded, one trailing
newline, so that compiling twice gives byte-identical files.
"""
from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import jsonout
from .resources import PHASES, CompiledSite, Timing, to_jsonable, to_sorted_jsonable

# The seed's phased deployment, for comparison in plans and summaries: 25–35 minutes.
SEED_TOTAL_S: tuple[float, float] = (25 * 60.0, 35 * 60.0)


# Version of graph.json (and `ccdsl graph --format json`). Bump it when a field changes meaning or is removed.
GRAPH_SCHEMA_VERSION = 1


def _r(x: float) -> float:
    return round(float(x), 3)


def dumps(data: Any) -> str:
    """``json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)`` and a newline (:mod:`.jsonout`)."""
    return jsonout.dumps(data) + "\n"


@functools.lru_cache(maxsize=64)
def source_file(path: str, source_dir: str) -> str:
    """A span's file relative to the site's folder (``site.ccd``), so the build does not depend on
    where it was compiled from; a file outside that folder keeps its path."""
    try:
        return Path(path).resolve().relative_to(Path(source_dir).resolve()).as_posix()
    except ValueError:
        return path


def edge_count(graph: Any) -> int:
    """``graph.number_of_edges()`` of a networkx DiGraph, counted from its adjacency dicts (networkx sums
    every node's degree through its views: 0.1 s at 100k resources, and the compile asks three times)."""
    if graph.is_multigraph():
        return int(graph.number_of_edges())
    return sum(map(len, graph._adj.values()))


def _rounder() -> Callable[[float], float]:
    """:func:`_r` remembering its results (a site's estimates and CPM times repeat a few thousand values)."""
    memo: dict[float, float] = {}

    def r(x: float) -> float:
        got = memo.get(x)
        if got is None:
            got = round(float(x), 3)
            if x:  # 0.0 and -0.0 are one key but round apart
                memo[x] = got
        return got
    return r


def graph_data(cs: CompiledSite, with_inputs: bool = True, addresses: list[str] | None = None) -> dict[str, Any]:
    """graph.json's content; ``addresses``: ``sorted(cs.resources)`` when the caller has it already."""
    critical = set(cs.critical_path)
    # a compiled site's graph holds each resource's dependencies already (the compile made it from them)
    pred = cs.graph._pred if cs.order is not None and cs.graph is not None else None
    r3 = _rounder()
    timing_of: dict[Timing, dict[str, float]] = {}  # resources repeat each other's CPM times
    source_dir = cs.source_dir
    resources = []
    presorted = jsonout.Presorted
    all_resources, timings = cs.resources, cs.timings
    for address in sorted(all_resources) if addresses is None else addresses:
        r = all_resources[address]
        t = timings[address]
        # keys in sorted order: a resource that is plain JSON throughout is a Presorted (written in Rust); its
        # own floats are rounded to thousandths (zero or 0.001 and up: written alike), its inputs' are checked
        entry: dict[str, Any] = presorted({
            "address": address,
            "critical": address in critical,
            "depends_on": sorted(pred[address] if pred is not None else r.depends_on),
            "estimate_s": r3(r.estimate_s),
        })
        if with_inputs:
            try:
                entry["inputs"] = to_sorted_jsonable(r.inputs)
            except jsonout.NotPlain:
                entry = dict(entry)  # written the Python way
                entry["inputs"] = to_jsonable(r.inputs)
        entry["name"] = r.name
        entry["phase"] = r.phase
        if r.span is not None:
            entry["source"] = {"col": r.span.col, "file": source_file(r.span.file, source_dir),
                               "line": r.span.line}
        timing = timing_of.get(t)
        if timing is None:
            timing = {
                "earliest_finish_s": r3(t.earliest_finish),
                "earliest_start_s": r3(t.earliest_start),
                "latest_finish_s": r3(t.latest_finish),
                "latest_start_s": r3(t.latest_start),
                "slack_s": r3(t.slack),
            }
            if 0.0 not in t:  # (0.0 and -0.0 are equal keys that are written apart)
                timing_of[t] = timing
        entry["timing"] = timing
        entry["type"] = r.type
        resources.append(entry)
    counts = Counter(r.phase for r in cs.resources.values())
    return {
        "schema_version": GRAPH_SCHEMA_VERSION,
        "site": cs.site,
        "region": cs.region,
        "resources": resources,
        "critical_path": {"addresses": list(cs.critical_path), "length_s": _r(cs.critical_length_s)},
        "phases": {str(n): {"name": PHASES[n], "resources": counts.get(n, 0)} for n in sorted(PHASES)},
        "summary": {"resources": len(cs.resources), "edges": edge_count(cs.graph)},
    }


def graph_json(cs: CompiledSite) -> str:
    return dumps(graph_data(cs))


def _mmss(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}m{seconds % 60:02d}s"


def plan_markdown(cs: CompiledSite, addresses: list[str] | None = None) -> str:
    """``plan.md``: the critical path, the resources per phase and every resource with its slack.

    Written line by line in Python (a template's loop over every resource cost a few calls per row);
    ``tests/compiler/test_plan_markdown.py`` checks it against the jinja template it replaced. ``addresses``:
    ``sorted(cs.resources)`` when the caller has it already."""
    resources = cs.resources
    timings = cs.timings
    # one walk of the resources: each phase's rows, and when its first resource starts and its last one ends
    rows: dict[int, list[str]] = {n: [] for n in PHASES}
    first: dict[int, float] = {}
    last: dict[int, float] = {}
    # a row's text after its address: resources of one type mostly share their estimate and slack, so each
    # distinct text is formatted once (not for zeros: 0.0 and -0.0 are one key but are written apart)
    tails: dict[tuple[str, float, float], str] = {}
    for address in sorted(resources) if addresses is None else addresses:
        r = resources[address]
        t = timings[r.address]
        phase = r.phase
        phase_rows = rows.get(phase)
        if phase_rows is None:
            phase_rows = rows[phase] = []
        if phase_rows:
            if t[0] < first[phase]:
                first[phase] = t[0]
            if t[1] > last[phase]:
                last[phase] = t[1]
        else:
            first[phase], last[phase] = t[0], t[1]
        estimate, slack = r.estimate_s, t[2] - t[0]  # (Timing.slack: latest start - earliest start)
        key = (r.type, estimate, slack)
        tail = tails.get(key) if estimate and slack else None
        if tail is None:
            tail = f"{r.type}, {'%.1f' % estimate} s, slack {'%.0f' % slack} s"
            if estimate and slack:
                tails[key] = tail
        phase_rows.append(f"- `{r.address}` — {tail}")
    lo, hi = SEED_TOTAL_S
    length = cs.critical_length_s
    saving = (1 - length / lo) * 100 if lo else 0.0
    lines = [
        f"# Plan: {cs.site} ({cs.region})",
        "",
        f"{len(resources)} resources, {edge_count(cs.graph)} dependencies.",
        f"Critical path: **{_mmss(length)}** ({'%.0f' % length} s) with true dependencies only,",
        f"against the seed's phased deployment of {_mmss(lo)}–{_mmss(hi)}: {'%.0f' % saving} % shorter than its "
        "best case.",
        "",
        "## Critical path",
        "",
        "| # | resource | type | estimate | starts at |",
        "|---|---|---|---|---|",
    ]
    for i, address in enumerate(cs.critical_path, 1):
        r = resources[address]
        lines.append(f"| {i} | `{r.address}` | {r.type} | {'%.1f' % r.estimate_s} s | "
                     f"{_mmss(timings[r.address].earliest_start)} |")
    lines += [
        "",
        "## Resources per phase",
        "",
        "Phases are for display only: a resource starts as soon as what it references exists.",
        "",
        "| phase | name | resources | first starts | last ends |",
        "|---|---|---|---|---|",
    ]
    for n, name in PHASES.items():
        if rows[n]:
            lines.append(f"| {n} | {name} | {len(rows[n])} | {_mmss(first[n])} | {_mmss(last[n])} |")
        else:
            lines.append(f"| {n} | {name} | 0 | – | – |")
    for n, name in PHASES.items():
        lines += ["", f"### {n}. {name}", ""]
        lines += rows[n]
    lines.append("")
    return "\n".join(lines)


def write_build(cs: CompiledSite, out_dir: str | Path) -> list[Path]:
    """Write graph.json, plan.md and every artefact under ``out_dir``; returns the paths written."""
    from ccdsl.dsl.gc_pause import collector_paused

    with collector_paused():  # many small acyclic objects (the graph's JSON form): nothing for the cyclic collector
        return _write_build(cs, out_dir)


# a file written with one open, write and close: no file object, buffer or text layer per artefact
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _write_file(path: str, data: bytes) -> None:
    """``Path(path).write_bytes(data)`` with the operating system's calls alone."""
    fd = os.open(path, _WRITE_FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:  # a write may take less than all of it
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _write_build(cs: CompiledSite, out_dir: str | Path) -> list[Path]:
    out = Path(out_dir)
    files: dict[str, str] = dict(cs.artefacts)
    addresses = sorted(cs.resources)  # graph.json and plan.md list the resources in this order
    files["plan.md"] = plan_markdown(cs, addresses)
    out.mkdir(parents=True, exist_ok=True)
    graph_path = out / "graph.json"
    data = graph_data(cs, addresses=addresses)
    if os.linesep == "\n":  # streamed (never the whole text in memory) as UTF-8 bytes, as text mode writes them
        with open(graph_path, "wb") as bfh:
            jsonout.dump(data, bfh)
            bfh.write(b"\n")
    else:
        with open(graph_path, "w", encoding="utf-8") as fh:
            jsonout.dump(data, fh)
            fh.write("\n")
    written = [graph_path]
    root = os.fspath(out)
    folders = {""}
    for rel in sorted(files):
        folder = rel.rpartition("/")[0]
        if folder not in folders:  # thousands of files share a few folders
            os.makedirs(os.path.join(root, folder), exist_ok=True)
            folders.add(folder)
        text = files[rel] if os.linesep == "\n" else files[rel].replace("\n", os.linesep)  # as text mode writes
        _write_file(os.path.join(root, rel), text.encode("utf-8"))
        written.append(out / rel)
    return sorted(written)
