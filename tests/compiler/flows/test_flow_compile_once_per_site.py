"""Compiling the flows of a site does the site-wide work once, not once per flow (which made the compile
quadratic in the number of flows): the language analysis runs once whatever the number of flows."""
from __future__ import annotations

from types import SimpleNamespace as NS

import ccdsl.compiler.flows.compile as flow_compile
import ccdsl.dsl.flows.language as language
from ccdsl.compiler.flows import compile_flows
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.diagnostics import Diagnostics


def site(count: int) -> NS:
    flows = {f"f{i}": NS(type="contact_flow", do=NS(ast=A.FlowBody((A.Say(f"hello {i}"), A.Hangup()))),
                         template=None, vars={}, description=None, span=None, language=None)
             for i in range(count)}
    return NS(flows=flows, queues={}, bots={}, functions={}, hours={}, span=None, instance=None, numbers={})


def test_language_analysis_runs_once_per_site(monkeypatch):
    calls = []
    real = language.plan_languages

    def counting(s):
        calls.append(s)
        return real(s)

    monkeypatch.setattr(flow_compile, "plan_languages", counting, raising=False)  # wherever compile reaches it
    monkeypatch.setattr(language, "plan_languages", counting)
    diags = Diagnostics()
    compiled = compile_flows(site(40), diags)
    assert list(diags) == []
    assert len(compiled) == 40
    assert len(calls) == 1


def test_a_single_flow_still_compiles_on_its_own():
    compiled = flow_compile.compile_flow(site(3), "f1", Diagnostics())
    assert compiled is not None and "hello 1" in compiled.text
