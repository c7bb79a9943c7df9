"""The design rule: a resource's inputs are the keyword arguments of the boto3 call that creates it.

Checked against botocore's service models for every resource acme-bank expands to: each input (apart
from the catalogue's provider-local ones) is a member of the create operation, and every required
member is there (except what the provider looks up itself, like the phone number to claim).
"""
from pathlib import Path

import pytest

from ccdsl.compiler.catalog import CATALOG
from ccdsl.compiler.pipeline import compile_site

botocore_session = pytest.importorskip("botocore.session")
SITE = Path(__file__).resolve().parents[2] / "examples" / "acme-bank" / "site.ccd"
PROVIDED = {"aws_connect_phone_number": {"PhoneNumber"}}


def _operation(session, service, method):
    from botocore import xform_name

    model = session.get_service_model(service)
    for name in model.operation_names:
        if xform_name(name) == method:
            return model.operation_model(name)
    raise AssertionError(f"{service}.{method} not in botocore")


def test_inputs_are_create_call_kwargs():
    cs, diags = compile_site(SITE)
    assert cs is not None
    session = botocore_session.get_session()
    problems = []
    seen = set()
    for r in cs.resources.values():
        spec = CATALOG[r.type]
        if spec.service == "local":
            continue
        op = _operation(session, spec.service, spec.create)
        members = set(op.input_shape.members) if op.input_shape else set()
        local = {k.split(".")[0] for k in spec.local_inputs if "." not in k}
        for key in r.inputs:
            if key not in members and key not in local:
                problems.append(f"{r.address}: {spec.create} has no {key}")
        required = set(op.input_shape.required_members) if op.input_shape else set()
        missing = required - set(r.inputs) - PROVIDED.get(r.type, set())
        if missing:
            problems.append(f"{r.address}: {spec.create} needs {sorted(missing)}")
        seen.add(r.type)
    assert not problems, "\n".join(problems)
    assert len(seen) > 60
