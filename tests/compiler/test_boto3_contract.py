"""The design rule: a resource's inputs are the keyword arguments of the boto3 call that creates it.

Checked against botocore's service models for every resource acme-bank expands to: each input (apart
from the catalogue's provider-local ones) is a member of the create operation, every required member
is there (except what the provider looks up itself, like the phone number to claim), and botocore's
own parameter validation (types, nesting) accepts the call with apply-time values as strings.
"""
from pathlib import Path

import pytest

from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.registry import REGISTRY as CATALOG
from ccdsl.compiler.resources import Ref, Secret, Template

botocore_session = pytest.importorskip("botocore.session")
from botocore.validate import ParamValidator  # noqa: E402

SITE = Path(__file__).resolve().parents[2] / "examples" / "acme-bank" / "site.ccd"
PROVIDED = {"aws_connect_phone_number": {"PhoneNumber"}}


def _placeholder(value):
    """Inputs with Refs, Secrets and Templates as the strings they resolve to."""
    if isinstance(value, (Ref, Secret, Template)):
        return "x" * 64  # long enough for every ARN and id minimum
    if isinstance(value, dict):
        return {k: _placeholder(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_placeholder(v) for v in value]
    return value


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
        params = {k: _placeholder(v) for k, v in r.inputs.items() if k not in local}
        for key in PROVIDED.get(r.type, ()):
            params[key] = "+442071838750"
        report = ParamValidator().validate(params, op.input_shape)
        if report.has_errors():
            problems.append(f"{r.address}: {report.generate_report()}")
    assert not problems, "\n".join(problems)
    assert len(seen) > 60
