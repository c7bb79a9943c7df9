"""The catalogue names real boto3 operations, and every type has a latency range."""
import pytest

from ccdsl.compiler import latency
from ccdsl.compiler.catalog import CATALOG, spec, to_json
from ccdsl.compiler.resources import PHASES

botocore_session = pytest.importorskip("botocore.session")


def _snake(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and (not name[i - 1].isupper() or (i + 1 < len(name) and name[i + 1].islower())):
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


@pytest.fixture(scope="module")
def operations():
    session = botocore_session.get_session()
    cache = {}

    def ops(service):
        if service not in cache:
            model = session.get_service_model(service)
            cache[service] = {_snake(op) for op in model.operation_names}
        return cache[service]

    return ops


def test_every_operation_exists_in_botocore(operations):
    missing = []
    for name, s in CATALOG.items():
        if s.service == "local":
            continue
        ops = operations(s.service)
        for op in (s.create, s.read, s.update, s.delete, *s.update_by_input.values(), *s.then):
            if op and op not in ops:
                missing.append(f"{name}: {s.service}.{op}")
        if s.poll and s.poll.operation not in ops:
            missing.append(f"{name}: poll {s.service}.{s.poll.operation}")
    assert not missing, missing


def test_every_type_has_a_latency_range_and_phase():
    for name, s in CATALOG.items():
        assert name in latency.LATENCY, name
        lo, hi = latency.latency_range(name)
        assert 0 < lo <= hi
        assert latency.estimate(name) == (lo + hi) / 2
        assert s.phase in PHASES
        assert "id" in s.outputs, name


def test_seed_timings():
    assert latency.latency_range("aws_connect_instance") == (120.0, 180.0)
    assert latency.latency_range("lex_bot_locale_build") == (300.0, 600.0)
    assert latency.latency_range("aws_cloudfront_distribution") == (240.0, 480.0)
    assert spec("lex_bot_locale_build").bucket == "lex-build"


def test_catalogue_is_plain_data():
    import json

    data = to_json()
    assert json.loads(json.dumps(data)) == data
