"""From a .ccd file to a :class:`CompiledSite`: validate, expand, build the graph (CPM runs when first read)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.gc_pause import collector_paused
from ccdsl.dsl.source import Span

from .graph import numbered_graph
from .resources import CompiledSite, Resource

if TYPE_CHECKING:
    from ccdsl.dsl.model import Site


def assemble(site: str, region: str, resources: Mapping[str, Resource], diagnostics: Diagnostics,
             artefacts: Mapping[str, str] | None = None, source_dir: str = ".",
             flow_sources: Mapping[str, dict[str, Span]] | None = None) -> CompiledSite | None:
    """The graph over expanded resources; None when the graph has errors. The critical path is worked out
    when first read (:class:`CompiledSite`): ``plan`` computes its own over the steps it would take."""
    graph, order, numbered = numbered_graph(resources, diagnostics)
    if diagnostics.has_errors:
        return None
    compiled = CompiledSite(
        site=site,
        region=region,
        resources={a: resources[a] for a in graph},  # the graph's nodes are the addresses in sorted order
        graph=graph,
        artefacts=dict(sorted((artefacts or {}).items())),
        source_dir=source_dir,
        flow_sources=dict(flow_sources or {}),
        order=order,
    )
    # the critical path and the estimate read the graph numbered, while the site's resources and graph are these
    numbered.resources = compiled.resources
    compiled.numbered = numbered
    return compiled


def compile_model(site: Site, diagnostics: Diagnostics, source_dir: str = ".") -> CompiledSite | None:
    """Compile a validated site model (the output of ``validate_file``)."""
    from .expand import expand_site
    from .expand.functions import source_hash

    source_hash.cache_clear()  # a code folder's digest holds for one compile: its files may change before the next

    # many small objects, none freed: the cyclic collector would only rescan them (it made big compiles grow
    # faster than linearly)
    with collector_paused():
        expanded = expand_site(site, diagnostics, source_dir=source_dir)
        if diagnostics.has_errors:
            return None
        compiled = assemble(expanded.site, expanded.region, expanded.resources, diagnostics,
                            expanded.artefacts, source_dir, expanded.flow_sources)
    if compiled is not None:
        from ccdsl.dsl.flows.channels import plan_channels

        compiled.flow_channels = {name: frozenset(channels) for name, channels in plan_channels(site).channels.items()}
    return compiled


def compile_site(path: str | Path) -> tuple[CompiledSite | None, Diagnostics]:
    """Validate and compile a .ccd file. Never raises for bad input: problems come back as diagnostics
    and the CompiledSite is None when there is any error."""
    from ccdsl.dsl.validate import validate_file

    site, diagnostics = validate_file(str(path))
    if site is None or diagnostics.has_errors:
        return None, diagnostics
    source_dir = str(Path(path).resolve().parent)
    return compile_model(site, diagnostics, source_dir=source_dir), diagnostics
