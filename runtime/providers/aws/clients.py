"""boto3 clients for the aws provider: one session, one client per service and region.

Clients do not retry: botocore makes each call once (:data:`BOTOCORE_RETRIES`) and a throttled or
transient failure reaches the executor as Throttled/Transient, which retries the resource with its own
backoff and limits (one retry policy, reported as retry events). Every client checks each request
against the service model before sending (:mod:`.model_check`) and reports every call it makes to
:attr:`Clients.calls`, so a run can say how many write calls it made (a no-op re-apply makes none).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

from . import model_check
from .settings import AwsSettings

# One attempt per call: the executor's policy (``ExecOptions.max_attempts``, backoff) is the only one,
# so retries never multiply (botocore's attempts under the executor's).
BOTOCORE_RETRIES = {"mode": "standard", "total_max_attempts": 1}
READ_PREFIXES = ("Describe", "Get", "List", "Search", "Head", "Batch Get", "Lookup")


@dataclass(frozen=True, slots=True)
class Call:
    service: str
    operation: str

    @property
    def is_write(self) -> bool:
        return not self.operation.startswith(READ_PREFIXES)


class Clients:
    def __init__(self, settings: AwsSettings, session=None):
        import boto3

        self.settings = settings
        self.session = session or boto3.session.Session(profile_name=settings.profile, region_name=settings.region)
        self.region = settings.region or self.session.region_name
        self._clients: dict[tuple[str, str], object] = {}
        self._lock = threading.Lock()
        self._account: str | None = None
        self.calls: list[Call] = []

    def __call__(self, service: str, region: str | None = None):
        key = (service, region or self.region or "")
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                client = self._make(service, region or self.region)
                self._clients[key] = client
        return client

    def _make(self, service: str, region: str | None):
        from botocore.config import Config

        config = Config(
            retries=dict(BOTOCORE_RETRIES),
            user_agent_extra="ccdsl",
            connect_timeout=10,
            read_timeout=60,
        )
        client = self.session.client(
            service, region_name=region, endpoint_url=self.settings.endpoint_url, config=config
        )
        if self.settings.validate_requests:
            model_check.install(client)
        service_id = client.meta.service_model.service_id.hyphenize()
        client.meta.events.register(f"provide-client-params.{service_id}", self._record)
        return client

    def _record(self, model, **_):
        self.calls.append(Call(model.service_model.service_name, model.name))

    def writes(self) -> list[Call]:
        return [c for c in self.calls if c.is_write]

    @property
    def account(self) -> str:
        if self._account is None:
            from ccdsl.compiler.registry.account import account_call

            caller = account_call("caller")
            self._account = getattr(self(caller.service or ""), caller.op)()["Account"]
        return self._account

    @property
    def partition(self) -> str:
        region = self.region or ""
        if region.startswith("cn-"):
            return "aws-cn"
        if region.startswith("us-gov-"):
            return "aws-us-gov"
        return "aws"
