"""Every reference between sections resolves (E2xx), with "did you mean" for misspelt names.

References inside compact strings (``${kind.name.attr}``, access rules, alarm and metric
expressions, pipeline chains) are checked from their parsed trees; flow bodies are checked by
:mod:`ccdsl.dsl.flows`.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..confine import escaping_links, why_outside
from ..diagnostics import Diagnostics, did_you_mean
from ..model import Compact, Name, Site, Text
from ..model.enums import SECURITY_PROFILES
from .schedule_rules import HIERARCHY_LEVELS, hierarchy_depth_problem
from .scope import Scope


def check_references(site: Site, scope: Scope, diags: Diagnostics,
                     compacts: Sequence[Compact] | None = None) -> None:
    def ref(kind: str, name: Name | None, context: str = "") -> None:
        if name is not None:
            scope.check(kind, str(name), name.span, diags, context)

    inst = site.instance
    if inst is not None and inst.storage is not None:
        for target in (getattr(inst.storage, f) for f in type(inst.storage).model_fields):
            if target is not None and hasattr(target, "bucket"):
                ref("bucket", target.bucket)
                ref("key", target.key)
    for bucket in site.buckets.values():
        ref("key", bucket.key)
    for log in site.logs.values():
        if log.key != "none":
            ref("key", log.key)
    for table in site.tables.values():
        ref("key", table.kms)
    for topic in site.topics.values():
        if topic.key != "none":
            ref("key", topic.key)
    for function in site.functions.values():
        ref("log", function.logs)
    for api in site.apis.values():
        ref("function", api.function)
        ref("log", api.logs)
    for bot in site.bots.values():
        ref("function", bot.hook, f"(hook of bot '{bot.name}')")
        ref("log", bot.logs)
    for queue in site.queues.values():
        ref("hours", queue.hours, f"(hours of queue '{queue.name}')")
        ref("number", queue.caller_id)
        ref("flow", queue.outbound_flow)
        if queue.quick_connects is not None:
            for name in queue.quick_connects.names:
                ref("quick_connect", name)
    for routing in site.routing.values():
        for entry in routing.queues.queues.values():
            ref("queue", Name(entry.name, entry.span), f"(routing profile '{routing.name}')")
        ref("queue", routing.outbound, f"(outbound queue of routing profile '{routing.name}')")
    profiles = (*SECURITY_PROFILES, *site.security_profiles)
    groups = set(site.hierarchy.groups) if site.hierarchy else set()
    for agent in site.agents.values():
        ref("routing", agent.routing)
        for profile in agent.security:
            scope.check("security_profile", str(profile), profile.span, diags, candidates=profiles)
        if agent.hierarchy is not None:
            scope.check("hierarchy_group", str(agent.hierarchy), agent.hierarchy.span, diags,
                        f"(agent '{agent.name}')", candidates=groups)
    _check_hierarchy(site, scope, diags)
    _check_proficiencies(site, scope, diags)
    for number in site.numbers.values():
        ref("flow", number.flow, f"(flow of number '{number.name}')")
    for qc in site.quick_connects.values():
        ref("queue", qc.queue)
        ref("agent", qc.user)
        ref("flow", qc.flow)
    if site.lake is not None:
        ref("bucket", site.lake.bucket)
    if site.monitoring is not None:
        notify = site.monitoring.notify
        if notify is not None and "@" not in notify:
            ref("topic", notify)
        if site.monitoring.trail is not None:
            ref("bucket", site.monitoring.trail.bucket)
    if site.agent_site is not None:
        ref("bucket", site.agent_site.bucket)
    for prompt in site.prompts.values():
        if prompt.bucket is not None:  # an existing prompt (`arn:`) has none
            ref("bucket", prompt.bucket, f"(bucket of prompt '{prompt.name}')")
    check_interpolations(site, scope, diags, compacts)
    check_files(site, diags)


def check_interpolations(site: Site, scope: Scope, diags: Diagnostics,
                         compacts: Sequence[Compact] | None = None) -> None:
    """``${kind.name.attr}`` inside strings names something the site declares; ``compacts``: the site's
    compact values in walk order, when known (otherwise the site is walked)."""
    for node in site.walk() if compacts is None else compacts:
        if not isinstance(node, Text) or node.ast is None:
            continue
        for reference in getattr(node.ast, "references", ()):
            kind = reference.kind
            if kind in scope.known:
                scope.check(kind, reference.name.value, reference.name.span, diags, f"in ${{{kind}.…}}")


def check_files(site: Site, diags: Diagnostics) -> None:
    """Folders and files the site names are inside the folder of the site file (E225, checked even for
    text not on disk) and exist there (E223/E224, only for a file on disk)."""
    on_disk = bool(site.path) and Path(site.path or "").is_file()
    base = Path(site.path).parent if site.path else Path(".")
    folders = _FolderFacts(base, on_disk)  # functions of a big site share a few folders: each is looked at once
    for function in site.functions.values():
        if function.source is None:  # an existing function (`arn:`): no folder
            continue
        span = function.span_of("source")
        reason, is_dir, links = folders.facts(str(function.source))
        if reason is not None:
            _report_outside(diags, reason, f"source folder '{function.source}' of function '{function.name}'", span)
            continue
        if on_disk and not is_dir:
            _missing(diags, "E223", f"source folder '{function.source}' of function '{function.name}' not found",
                     span)
        elif on_disk:
            for link in links:
                diags.error("E225", f"'{function.source}/{link}' in the source folder of function "
                            f"'{function.name}' is a symlink that leads outside the site folder", span,
                            hint="copy the file into the folder instead of linking to it")
    for flow in site.flows.values():
        if not flow.template:
            continue
        span = flow.span_of("template")
        if _outside(diags, base, flow.template, f"template '{flow.template}' of flow '{flow.name}'", span):
            continue
        if on_disk and not (base / flow.template).is_file():
            _missing(diags, "E224", f"template '{flow.template}' of flow '{flow.name}' not found", span)
    for prompt in site.prompts.values():
        if prompt.file is None or prompt.arn:  # an existing prompt (`arn:`): no audio here
            continue
        span = prompt.span_of("file")
        if _outside(diags, base, prompt.file, f"audio file '{prompt.file}' of prompt '{prompt.name}'", span):
            continue
        if on_disk and not (base / prompt.file).is_file():
            _missing(diags, "E224", f"audio file '{prompt.file}' of prompt '{prompt.name}' not found", span)
    if site.agent_site is not None:
        for key, local in site.agent_site.files.items():
            span = getattr(local, "span", None) or site.agent_site.span_of("files")
            if _outside(diags, base, local, f"agent-site file '{local}' (for '{key}')", span):
                continue
            if on_disk and not (base / local).is_file():
                _missing(diags, "E224", f"file '{local}' (for '{key}') not found", span)


class _FolderFacts:
    """For each function source folder named (once per distinct text): why it is outside the site folder
    (or None), whether it is a folder on disk, and the symlinks in it that lead outside."""

    def __init__(self, base: Path, on_disk: bool) -> None:
        self.base, self.on_disk = base, on_disk
        self.known: dict[str, tuple[str | None, bool, list[str]]] = {}

    def facts(self, source: str) -> tuple[str | None, bool, list[str]]:
        """``(reason outside or None, is a folder, escaping links)`` of ``source``; disk facts only on disk."""
        found = self.known.get(source)
        if found is None:
            reason = why_outside(self.base, source)
            is_dir = reason is None and self.on_disk and (self.base / source).is_dir()
            links = escaping_links(self.base / source, self.base) if is_dir else []
            found = self.known[source] = (reason, is_dir, links)
        return found


def _outside(diags: Diagnostics, base: Path, path: str, what: str, span: Any) -> bool:
    reason = why_outside(base, str(path))
    _report_outside(diags, reason, what, span)
    return reason is not None


def _report_outside(diags: Diagnostics, reason: str | None, what: str, span: Any) -> None:
    if reason is not None:
        diags.error("E225", f"{what} is not inside the site folder: {reason}", span,
                    hint="files a site uses live in the folder of the .ccd file or below it")


def _missing(diags: Diagnostics, code: str, message: str, span: Any) -> None:
    diags.error(code, message, span, hint="paths are relative to the folder of the .ccd file")


def _check_hierarchy(site: Site, scope: Scope, diags: Diagnostics) -> None:
    """Custom security profiles do not shadow the built-ins; hierarchy groups have known parents, no cycle,
    and no more levels than declared (Connect has at most five:
    https://docs.aws.amazon.com/connect/latest/adminguide/agent-hierarchy.html)."""
    for profile in site.security_profiles.values():
        if profile.name in SECURITY_PROFILES:
            diags.error("E110", f"'{profile.name}' is a built-in security profile", profile.span,
                        hint="agents use the built-in one by name; give the custom profile another name")
    hierarchy = site.hierarchy
    if hierarchy is None:
        return
    groups = set(hierarchy.groups)
    for group in hierarchy.groups.values():
        if group.parent is not None and not scope.check("hierarchy_group", str(group.parent), group.parent.span,
                                                        diags, f"(parent of '{group.name}')", candidates=groups):
            continue
        depth = hierarchy.depth(group.name)
        problem = hierarchy_depth_problem(depth, len(hierarchy.levels))
        if problem:
            at = group.span_of("parent") if depth == 0 else group.span
            hint = None if depth == 0 or depth > len(HIERARCHY_LEVELS) else "add a name to `hierarchy.levels`"
            diags.error("E161", f"hierarchy group '{group.name}' {problem}", at, hint=hint)


def _check_proficiencies(site: Site, scope: Scope, diags: Diagnostics) -> None:
    """An agent's proficiencies name declared attributes and values, at levels 1 to 5
    (https://docs.aws.amazon.com/connect/latest/APIReference/API_UserProficiency.html)."""
    for agent in site.agents.values():
        whole = agent.span_of("proficiencies")
        for name, levels in agent.proficiencies.items():
            if not scope.check("attribute", name, getattr(name, "span", None) or whole, diags,
                               f"(proficiencies of agent '{agent.name}')") \
                    or name not in site.attributes:  # unknown, or declared in a section that did not build
                continue
            values = site.attributes[name].values
            for value, level in levels.items():
                at = getattr(value, "span", None) or whole  # the value's key: the level sits beside it
                if value not in values:
                    diags.error("E228", f"'{value}' is not a value of attribute '{name}'", at,
                                hint=did_you_mean(value, values) or f"values: {', '.join(values)}",
                                length=max(len(value), 1))
                if not 1 <= level <= 5:
                    diags.error("E105", f"proficiency level {level:g} of '{name}: {value}' is out of range (1 to 5)",
                                at)
