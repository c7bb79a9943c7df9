"""Synthetic compiled sites for runtime tests: resources of chosen types and dependencies, no compiler."""
from __future__ import annotations

import networkx as nx

from ccdsl.compiler.registry import entry
from ccdsl.compiler.resources import CompiledSite, Ref, Resource, Timing


def site_from(spec: dict[str, dict], name: str = "synthetic", region: str = "eu-west-2") -> CompiledSite:
    """``spec``: address -> {"type", "inputs" (may hold Refs), "deps" (extra deps), "name", "replace_on"}."""
    resources = {}
    for address, s in spec.items():
        rtype = s.get("type", "aws_sns_topic")  # registry types only
        resources[address] = Resource(
            address=address, type=rtype, phase=s.get("phase", 1), inputs=dict(s.get("inputs", {})),
            estimate_s=s.get("estimate_s", entry(rtype).latency.estimate),
            name=s.get("name", address.replace(".", "-")),
            extra_deps=set(s.get("deps", ())), replace_on=frozenset(s.get("replace_on", ())),
            create_only=frozenset(s.get("create_only", ())),
        )
    graph = nx.DiGraph()
    graph.add_nodes_from(resources)
    for a, r in resources.items():
        for d in r.depends_on:
            graph.add_edge(d, a)
    order = list(nx.topological_sort(graph))
    es = {}
    for a in order:
        es[a] = max((es[d] + resources[d].estimate_s for d in graph.predecessors(a)), default=0.0)
    length = max((es[a] + resources[a].estimate_s for a in order), default=0.0)
    lf = {}
    for a in reversed(order):
        lf[a] = min((lf[s] - resources[s].estimate_s for s in graph.successors(a)), default=length)
    timings = {a: Timing(es[a], es[a] + resources[a].estimate_s, lf[a] - resources[a].estimate_s, lf[a])
               for a in order}
    critical = [a for a in order if abs(timings[a].slack) < 1e-9]
    return CompiledSite(site=name, region=region, resources=resources, graph=graph, timings=timings,
                        critical_path=critical, critical_length_s=length)


def chain_site(n_chains: int = 3, length: int = 4, rtype: str = "aws_sns_topic") -> CompiledSite:
    spec = {}
    for c in range(n_chains):
        prev = None
        for i in range(length):
            a = f"c{c}.r{i}"
            inputs = {"Name": f"c{c}-r{i}", "Value": i}
            if prev:
                inputs["Parent"] = Ref(prev, "id")
            spec[a] = {"type": rtype, "inputs": inputs}
            prev = a
    return site_from(spec)


def wide_site(n: int, rtype: str = "aws_sns_topic", fan: int = 3) -> CompiledSite:
    """``n`` resources; resource i depends on up to ``fan`` earlier ones (a layered DAG)."""
    spec = {}
    for i in range(n):
        inputs = {"Name": f"r{i}", "Value": i}
        deps = [f"r{j}" for j in (i // 2, i // 3, i // 5) if j < i][:fan] if i else []
        for k, d in enumerate(sorted(set(deps))):
            inputs[f"P{k}"] = Ref(d, "id")
        spec[f"r{i}"] = {"type": rtype, "inputs": inputs}
    return site_from(spec)


def bot_site(utterance: str = "what's my balance", queue_name: str = "General", extra: dict | None = None):
    """A Connect instance, a queue, and one Lex bot's chain down to its Connect association."""
    spec = {
        "connect.instance": {"type": "aws_connect_instance", "phase": 2,
                             "inputs": {"InstanceAlias": "acme-test", "IdentityManagementType": "CONNECT_MANAGED",
                                        "InboundCallsEnabled": True, "OutboundCallsEnabled": True}},
        "hours.always": {"type": "aws_connect_hours_of_operation", "phase": 6,
                         "inputs": {"InstanceId": Ref("connect.instance", "id"), "Name": "always",
                                    "TimeZone": "UTC", "Config": []}},
        "queue.General": {"type": "aws_connect_queue", "phase": 6,
                          "inputs": {"InstanceId": Ref("connect.instance", "id"), "Name": queue_name,
                                     "HoursOfOperationId": Ref("hours.always", "id")}},
        "bot.b": {"type": "aws_lexv2models_bot", "phase": 5,
                  "inputs": {"botName": "b", "roleArn": "arn:aws:iam::123456789012:role/x",
                             "dataPrivacy": {"childDirected": False}, "idleSessionTTLInSeconds": 300}},
        "bot.b.locale.en_GB": {"type": "aws_lexv2models_bot_locale", "phase": 5,
                               "inputs": {"botId": Ref("bot.b", "id"), "botVersion": "DRAFT", "localeId": "en_GB",
                                          "nluIntentConfidenceThreshold": 0.4}},
        "bot.b.intent.Check.en_GB": {"type": "aws_lexv2models_intent", "phase": 5,
                                     "inputs": {"botId": Ref("bot.b", "id"), "botVersion": "DRAFT", "localeId": "en_GB",
                                                "intentName": "Check",
                                                "sampleUtterances": [{"utterance": utterance}]},
                                     "deps": ["bot.b.locale.en_GB"]},
        "bot.b.intent.Agent.en_GB": {"type": "aws_lexv2models_intent", "phase": 5,
                                     "inputs": {"botId": Ref("bot.b", "id"), "botVersion": "DRAFT", "localeId": "en_GB",
                                                "intentName": "Agent",
                                                "sampleUtterances": [{"utterance": "agent please"}]},
                                     "deps": ["bot.b.locale.en_GB"]},
        "bot.b.build.en_GB": {"type": "lex_bot_locale_build", "phase": 5,
                              "inputs": {"botId": Ref("bot.b", "id"), "botVersion": "DRAFT", "localeId": "en_GB"},
                              "deps": ["bot.b.intent.Check.en_GB", "bot.b.intent.Agent.en_GB", "bot.b.locale.en_GB"]},
        "bot.b.version": {"type": "aws_lexv2models_bot_version", "phase": 5,
                          "inputs": {"botId": Ref("bot.b", "id"),
                                     "botVersionLocaleSpecification": {"en_GB": {"sourceBotVersion": "DRAFT"}}},
                          "deps": ["bot.b.build.en_GB"]},
        "bot.b.alias": {"type": "aws_lexv2models_bot_alias", "phase": 5,
                        "inputs": {"botId": Ref("bot.b", "id"), "botAliasName": "live",
                                   "botVersion": Ref("bot.b.version", "version")}},
        "bot.b.association": {"type": "connect_bot_association", "phase": 5,
                              "inputs": {"InstanceId": Ref("connect.instance", "id"),
                                         "LexV2Bot": {"AliasArn": Ref("bot.b.alias", "arn")}}},
    }
    spec.update(extra or {})
    return site_from(spec, name="bots")
