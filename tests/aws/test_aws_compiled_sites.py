"""Contract tests from compiled sites: every Connect and Lex resource that compiling minimal, retail-chat
and acme-bank produces is created through the aws provider, with the compiled values (references filled
in from earlier resources, in dependency order), against a local fake of Connect and Lex. Each request
is checked against the botocore model (the clients do it before sending) and AWS's documented rules."""
from pathlib import Path

import networkx as nx
import pytest
from aws_fake_connect_lex import ACCOUNT, REGION, FakeAws

from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.registry import REGISTRY as CATALOG
from ccdsl.compiler.registry import documented, rules  # noqa: F401  (documented registers the rules)
from ccdsl.runtime.inputs import resolve, secrets_in
from ccdsl.runtime.providers.base import ResolvedResource

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SERVED = ("connect", "lexv2-models")


class Outputs(dict):
    """Outputs by address; resources outside Connect and Lex get plausible ones on first use."""

    def get(self, address, default=None):
        if address not in self:
            self[address] = Made(address)
        return dict.get(self, address)


class Made(dict):
    """Outputs of a resource the fake does not serve (IAM role, Lambda alias, log group …)."""

    def __init__(self, address: str):
        super().__init__()
        self.address = address

    def __contains__(self, attr):
        return True

    def __missing__(self, attr):
        slug = self.address.replace(".", "-").replace("_", "-")
        value = {"arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{slug}:live" if "function" in self.address
                 else f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/ccdsl/{slug}" if "log" in self.address
                 else f"arn:aws:iam::{ACCOUNT}:role/{slug}"}.get(attr, slug)
        self[attr] = value
        return value


@pytest.mark.parametrize("example", ["minimal", "retail-chat", "acme-bank"])
def test_every_connect_and_lex_call_of_a_compiled_site_is_valid(stubbed, example):
    provider, _ = stubbed
    fake = FakeAws()
    for service in (*SERVED, "secretsmanager", "sts"):
        fake.attach(provider.clients(service))
    compiled, diags = compile_site(EXAMPLES / example / "site.ccd")
    assert compiled is not None, [d.message for d in diags]
    outputs, created = Outputs(), 0
    for address in nx.topological_sort(compiled.graph):
        r = compiled.resources[address]
        if CATALOG[r.type].service not in SERVED:
            continue
        secrets = {s: "Sup3r-Secret-1" for s in secrets_in(r.inputs)}
        inputs, _ = resolve(r.inputs, outputs, secrets)
        outputs[address] = provider.create_sync(ResolvedResource(address, r.type, r.name or address, inputs))
        created += 1
    assert created == sum(CATALOG[r.type].service in SERVED for r in compiled.resources.values())
    problems = []
    owners = {CATALOG[r.type].create: r.type for r in compiled.resources.values()}
    for service, operation, params in fake.requests:
        snake = next(m for m, api in provider.clients(service).meta.method_to_api_mapping.items() if api == operation)
        rtype = owners.get(snake)
        if rtype is not None:
            problems += [f"{operation}: {message}" for _, message in rules.violations(rtype, snake, params)]
    assert problems == []
    ops = {op for _, op, _ in fake.requests}
    if example == "acme-bank":
        assert {"ClaimPhoneNumber", "CreateUser", "CreateBotLocale", "CreateResourcePolicyStatement",
                "AssociateBot", "CreateSecret"} <= ops
        claims = [p for _, op, p in fake.requests if op == "ClaimPhoneNumber"]
        assert all(documented.UUID.match(p["ClientToken"]) for p in claims)
        users = [p for _, op, p in fake.requests if op == "CreateUser"]
        assert users and all(documented.PASSWORD.match(p["Password"]) for p in users)
        locales = [p for _, op, p in fake.requests if op == "CreateBotLocale"]
        assert locales and all(p["voiceSettings"].get("engine") for p in locales)
