"""References and ranges inside parsed compact strings: access rules, routes, pipelines, metrics, alarms."""
from __future__ import annotations

from ..compact.access import NAMED
from ..compact.nodes import Name
from ..compact.pipelines import LakeStage, StreamStage, TableStage
from ..diagnostics import Diagnostics
from ..model import Site
from .scope import Scope

#: feeds whose records ccdsl knows the schema of: their `table` stage declares the Glue table
KNOWN_SCHEMA_FEEDS = ("contact_records", "agent_events")
STREAM_RETENTION = (24 * 3600, 8760 * 3600)


def check_compact_references(site: Site, scope: Scope, diags: Diagnostics) -> None:
    for function in site.functions.values():
        for rule in function.access:
            access = rule.ast
            if access is not None and access.name is not None and access.kind in NAMED and access.kind in scope.known:
                scope.check(access.kind, access.name.value, access.name.span, diags,
                            f"(access of function '{function.name}')")
    for api in site.apis.values():
        seen: dict[str, int] = {}
        for route in api.routes:
            key = " ".join(route.text.split())
            if route.ast is not None and key in seen:
                diags.error("E157", f"route '{key}' is given twice in api '{api.name}' (first at line {seen[key]})",
                            route.span, length=len(route.text))
            seen.setdefault(key, route.span.line)
    _check_pipelines(site, scope, diags)
    monitoring = site.monitoring
    if monitoring is not None:
        for metric in monitoring.dashboard:
            _check_metric(metric.ast, scope, diags)
        for alarm in monitoring.alarms.values():
            if alarm.condition.ast is not None:
                _check_metric(alarm.condition.ast.metric, scope, diags)


def _check_metric(metric: object, scope: Scope, diags: Diagnostics) -> None:
    target = getattr(metric, "target", None)
    kind = getattr(metric, "kind", None)
    if target is not None and kind in scope.known:
        scope.check(kind, target.value, target.span, diags)


def _check_pipelines(site: Site, scope: Scope, diags: Diagnostics) -> None:
    streams: dict[str, int] = {}  # streams declared with options -> line
    tables: dict[str, int] = {name: table.span.line for name, table in (site.lake.tables if site.lake else {}).items()}
    for pipeline in site.pipelines.values():
        chain = pipeline.chain.ast
        if chain is None:
            continue
        source = chain.source
        if source is not None and source.kind == "logs":
            for name in source.names:
                scope.check("log", name.value, name.span, diags, f"(pipeline '{pipeline.name}')")
        for stage in chain.stages:
            declares = (stage.shards, stage.retention, stage.key) if isinstance(stage, StreamStage) else ()
            if isinstance(stage, StreamStage) and any(v is not None for v in declares):
                _declare(streams, "stream", stage.name, diags)
            if isinstance(stage, StreamStage) and stage.key is not None and stage.key.value != "none":
                scope.check("key", stage.key.value, stage.key.span, diags, f"(stream '{stage.name.value}')")
            if isinstance(stage, StreamStage) and stage.retention is not None:
                low, high = STREAM_RETENTION
                if not low <= stage.retention <= high:
                    diags.error("E105", f"stream '{stage.name.value}': retention is out of range (24h to 8760h)",
                                stage.span)
            elif isinstance(stage, LakeStage) and site.lake is None and "lake_table" not in scope.unchecked:
                diags.error("E226", f"pipeline '{pipeline.name}' writes to the lake but no `lake:` is declared",
                            stage.span, hint="add `lake: {bucket: …, database: …}`")
            elif isinstance(stage, TableStage):
                if source is not None and source.kind in KNOWN_SCHEMA_FEEDS:
                    _declare(tables, "lake table", stage.name, diags)  # declared by the pipeline itself
                    continue
                scope.check("lake_table", stage.name.value, stage.name.span, diags, f"(pipeline '{pipeline.name}')")


def _declare(seen: dict[str, int], what: str, name: Name, diags: Diagnostics) -> None:
    if name.value in seen:
        diags.error("E158", f"{what} '{name.value}' is declared twice (first at line {seen[name.value]})",
                    name.span, length=len(name.value))
    else:
        seen[name.value] = name.span.line
