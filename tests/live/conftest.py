"""The live acceptance suite runs against a real AWS account, and only when asked:
``CCDSL_LIVE_AWS=1`` and credentials that ``sts get-caller-identity`` accepts. Never in CI."""
import os
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(HERE):
            item.add_marker(pytest.mark.live)


def _credentials() -> str | None:
    try:
        import boto3

        return boto3.client("sts").get_caller_identity()["Account"]
    except Exception:  # no credentials, no network: not an account to test against
        return None


@pytest.fixture(scope="session")
def live_account():
    if os.environ.get("CCDSL_LIVE_AWS") != "1":
        pytest.skip("live AWS tests run only with CCDSL_LIVE_AWS=1")
    account = _credentials()
    if account is None:
        pytest.skip("no AWS credentials (configure AWS_PROFILE or the AWS_* environment)")
    return account
