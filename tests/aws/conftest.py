"""A ``moto_server`` on 127.0.0.1 for the aws provider's integration tests.

The server runs as a subprocess on a free port for the whole session, over HTTPS with a certificate
made for the session (boto3 trusts it through ``AWS_CA_BUNDLE``); every test starts from an empty
account (``POST /moto-api/reset``). boto3 reaches it through ``CCDSL_AWS_ENDPOINT_URL`` with dummy
credentials, so nothing leaves the machine. Tests in this folder are marked ``aws`` automatically.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REGION = "eu-west-2"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(HERE):
            item.add_marker(pytest.mark.aws)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1: the server speaks HTTPS, as AWS does (bucket policies that
    deny insecure transport apply), and boto3 trusts it through AWS_CA_BUNDLE."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "moto.crt", folder / "moto.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def _post(url: str, body: dict | None = None) -> None:
    data = json.dumps(body or {}).encode()
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10, context=_TLS.get("context")) as response:
        response.read()


_TLS: dict = {}


def _start(port: int, log, cert: Path, key: Path) -> subprocess.Popen:
    command = shutil.which("moto_server")
    argv = [command] if command else [sys.executable, "-m", "moto.server"]
    env = {**os.environ, "MOTO_PORT": str(port)}
    return subprocess.Popen([*argv, "-H", "127.0.0.1", "-p", str(port), "-c", str(cert), "-k", str(key)],
                            stdout=log, stderr=log, env=env)


def _wait_until_up(process: subprocess.Popen, url: str, attempts: int = 300) -> None:
    for _ in range(attempts):
        if process.poll() is not None:
            raise RuntimeError(f"moto_server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/moto-api/", timeout=1, context=_TLS["context"]):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("moto_server did not answer")


@pytest.fixture(scope="session")
def moto_endpoint(tmp_path_factory):
    """The HTTPS URL of a moto_server started for this test session (stopped at the end)."""
    import ssl

    folder = tmp_path_factory.mktemp("moto")
    cert, key = _certificate(folder)
    _TLS["bundle"] = str(cert)
    _TLS["context"] = ssl.create_default_context(cafile=str(cert))
    log = open(folder / "moto_server.log", "wb")
    process = url = None
    for _ in range(3):  # another process may take the port between choosing and binding it
        port = _free_port()
        url = f"https://127.0.0.1:{port}"
        process = _start(port, log, cert, key)
        try:
            _wait_until_up(process, url)
            break
        except RuntimeError:
            process.kill()
            process.wait()
            process = None
    if process is None:
        log.close()
        pytest.fail("could not start moto_server on 127.0.0.1")
    _post(f"{url}/moto-api/config", {"lambda": {"use_docker": False}})
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


@pytest.fixture
def aws_env(moto_endpoint, monkeypatch):
    """An empty moto account, with boto3 and the aws provider pointed at it."""
    _post(f"{moto_endpoint}/moto-api/reset")
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "CCDSL_AWS_PROFILE", "CCDSL_AWS_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("CCDSL_AWS_ENDPOINT_URL", moto_endpoint)
    monkeypatch.setenv("AWS_CA_BUNDLE", _TLS["bundle"])
    return moto_endpoint


@pytest.fixture
def boto(aws_env):
    """A boto3 client factory for reading resources back: ``boto("s3").list_buckets()``."""
    import boto3

    session = boto3.session.Session(region_name=REGION)
    cache: dict[str, object] = {}

    def client(service: str, region: str = REGION):
        key = f"{service}@{region}"
        if key not in cache:
            cache[key] = session.client(service, region_name=region, endpoint_url=aws_env)
        return cache[key]

    return client


@pytest.fixture
def provider(aws_env, tmp_path):
    """The aws provider pointed at moto, with the site folder in ``tmp_path`` (holding one function)."""
    from ccdsl.runtime.providers.aws import AwsProvider

    source = tmp_path / "functions" / "banking"
    source.mkdir(parents=True)
    (source / "handler.py").write_text("def handler(event, context):\n    return {'ok': True}\n")
    return AwsProvider(REGION, source_dir=str(tmp_path), poll_delay_s=0.05)


@pytest.fixture
def stubbed(monkeypatch):
    """The aws provider with botocore Stubbers instead of a server: ``provider, stub = stubbed``;
    ``stub("connect")`` gives the activated Stubber of that client. Every request the provider makes is
    also checked against the full service model (enums, maxima, patterns) by its clients."""
    from botocore.stub import Stubber

    from ccdsl.runtime.providers.aws import AwsProvider

    for name in ("CCDSL_AWS_ENDPOINT_URL", "AWS_PROFILE", "CCDSL_AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    provider = AwsProvider(REGION, poll_delay_s=0, waiter_delay_s=0)
    stubbers: dict[str, Stubber] = {}

    def stub(service: str, region: str | None = None) -> Stubber:
        key = f"{service}@{region}"
        if key not in stubbers:
            stubbers[key] = Stubber(provider.clients(service, region))
            stubbers[key].activate()
        return stubbers[key]

    yield provider, stub
    for stubber in stubbers.values():
        stubber.assert_no_pending_responses()
        stubber.deactivate()
