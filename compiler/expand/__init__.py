"""Expansion: the validated site model to resources, one module per area.

``expand_site(site, diagnostics)`` walks the areas in an order where each can use what the earlier
ones learnt (which functions exist, which flows are cyclic, which statements a bucket policy needs);
the order never creates dependencies: edges come only from the Refs in the inputs and ``extra_deps``.
"""
from __future__ import annotations

from dataclasses import dataclass

from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.model import Site
from ccdsl.dsl.source import Span

from ..resources import Resource
from . import agent_site, bots, connect, flows, functions, iam, monitoring, pipelines, prompts, storage, tasks, tokens
from .context import Context


@dataclass
class Expanded:
    site: str
    region: str
    resources: dict[str, Resource]
    artefacts: dict[str, str]
    flow_sources: dict[str, dict[str, Span]]


def expand_site(site: Site, diagnostics: Diagnostics, source_dir: str = ".") -> Expanded:
    """Every resource and artefact of a validated site whose compact values are parsed."""
    ctx = Context(site=site.site, region=site.region, tags=dict(site.tags), diagnostics=diagnostics,
                  source_dir=source_dir, buckets=site.buckets, tables=site.tables)
    storage.expand_account(ctx)
    storage.expand_keys(ctx, site.keys)
    storage.expand_buckets(ctx, site.buckets)
    storage.expand_logs(ctx, site.logs)
    storage.expand_tables(ctx, site.tables)
    storage.expand_topics(ctx, site.topics)
    connect.expand_instance(ctx, site.instance)
    pipelines.expand_pipelines(ctx, site)
    functions.expand_functions(ctx, site.functions)
    functions.expand_apis(ctx, site.apis)
    bots.expand_bots(ctx, site.bots)
    connect.expand_hours(ctx, site.hours)
    connect.expand_numbers(ctx, site.numbers)
    connect.expand_queues(ctx, site.queues)
    connect.expand_routing(ctx, site.routing, site.queues)
    connect.expand_security_profiles(ctx, site.security_profiles)
    connect.expand_hierarchy(ctx, site.hierarchy)
    connect.expand_agent_statuses(ctx, site.agent_statuses)
    connect.expand_attributes(ctx, site.attributes)
    connect.expand_agents(ctx, site.agents, frozenset(site.security_profiles))
    prompts.expand_prompts(ctx, site)
    tasks.expand_views(ctx, site.views)
    ready = flows.expand_flows(ctx, site)
    flows.expand_number_flows(ctx, site.numbers, ready)
    connect.expand_quick_connects(ctx, site.quick_connects, site.queues, ready)
    tasks.expand_task_templates(ctx, site.task_templates, ready)
    monitoring.expand_monitoring(ctx, site)
    agent_site.expand_agent_site(ctx, site)
    storage.expand_bucket_policies(ctx, site.buckets)
    iam.expand_roles(ctx)
    tokens.check_attributes(ctx)
    return Expanded(ctx.site, ctx.region, ctx.resources, ctx.artefacts, ctx.flow_sources)
