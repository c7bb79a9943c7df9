"""A local fake of Amazon Connect and Lex V2 (and the STS and Secrets Manager calls they need) for contract tests.

It answers at botocore's ``before-call`` event, after the request has been built and checked by the
service model, so every request goes through the real client. Responses are made from each operation's
output shape, with identifiers in the formats AWS uses (UUIDs for Connect, 10-character ids for Lex),
statuses that finish what the provider waits for, and a little state: what was created is what later
describes and lists see, so adoption paths are not taken by accident. Every request is kept in
:attr:`FakeAws.requests` as (service, operation, params).
"""
from __future__ import annotations

import itertools
import string
from datetime import UTC, datetime
from typing import Any

from botocore.awsrequest import AWSResponse

ACCOUNT = "123456789012"
REGION = "eu-west-2"
NOW = datetime(2026, 11, 30, tzinfo=UTC)
#: status members and the value that ends the provider's wait
STATUS = {
    "InstanceStatus": "ACTIVE", "botStatus": "Available", "botLocaleStatus": "Built", "botAliasStatus": "Available",
    "IdentityManagementType": "CONNECT_MANAGED", "Status": "CLAIMED",
}
#: describes that must say "not found" until the thing exists (service, operation) -> creating operation
NOT_BEFORE = {
    ("lexv2-models", "DescribeBotLocale"): "CreateBotLocale",
    ("lexv2-models", "DescribeResourcePolicy"): "CreateResourcePolicyStatement",
    ("secretsmanager", "GetSecretValue"): "CreateSecret",
}
SECURITY_PROFILES = ("Admin", "Agent", "CallCenterManager", "QualityAnalyst")


class FakeAws:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict]] = []
        self._counter = itertools.count(1)
        self._done: set[tuple[str, str]] = set()
        self._params: dict = {}

    def attach(self, client) -> None:
        client.meta.events.register("before-parameter-build.*.*", self._keep)
        client.meta.events.register("before-call.*.*", self._answer)

    def _keep(self, params, model, **_):
        """The API parameters of the call (``before-call`` sees only the serialized request)."""
        self._params = dict(params)

    # -- identifiers ---------------------------------------------------------------------------
    def uuid(self) -> str:
        n = next(self._counter)
        return f"{n:08x}-0000-4000-8000-{n:012x}"

    def lex_id(self) -> str:
        n = next(self._counter)
        digits = string.ascii_uppercase + string.digits
        out = ""
        for _ in range(10):
            n, r = divmod(n, len(digits))
            out = digits[r] + out
        return out

    # -- the answer ------------------------------------------------------------------------------
    def _answer(self, model, **_):
        params, self._params = self._params, {}
        service = model.service_model.service_name
        self.requests.append((service, model.name, params))
        self._done.add((service, model.name))
        creator = NOT_BEFORE.get((service, model.name))
        if creator is not None and (service, creator) not in self._done:
            return AWSResponse(None, 404, {}, None), {
                "Error": {"Code": "ResourceNotFoundException", "Message": "not found"},
                "ResponseMetadata": {"HTTPStatusCode": 404}}
        parsed = self._special(service, model.name, params)
        if parsed is None:
            parsed = self._fill(model.output_shape, service, model.name, 0) if model.output_shape else {}
        parsed.setdefault("ResponseMetadata", {"HTTPStatusCode": 200})
        return AWSResponse(None, 200, {}, None), parsed

    def _special(self, service: str, op: str, params: dict) -> dict | None:
        if op == "GetCallerIdentity":
            return {"UserId": "AIDAEXAMPLE", "Account": ACCOUNT, "Arn": f"arn:aws:iam::{ACCOUNT}:user/ci"}
        if op == "ListSecurityProfiles":
            return {"SecurityProfileSummaryList": [
                {"Id": self.uuid(), "Arn": f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/x/security-profile/{p}",
                 "Name": p} for p in SECURITY_PROFILES]}
        if op == "SearchAvailablePhoneNumbers":
            prefix = params.get("PhoneNumberPrefix") or {"GB": "+4420", "US": "+1206"}.get(
                params.get("PhoneNumberCountryCode"), "+1206")
            return {"AvailableNumbersList": [
                {"PhoneNumber": f"{prefix}{next(self._counter):07d}", "PhoneNumberCountryCode":
                 params.get("PhoneNumberCountryCode"), "PhoneNumberType": params.get("PhoneNumberType")}]}
        if op == "DescribeResourcePolicy":
            return {"resourceArn": params["resourceArn"], "revisionId": "1", "policy": '{"Statement": []}'}
        if op == "GetSecretValue":
            return {"SecretString": "Gener4ted-Passw0rd", "Name": params["SecretId"]}
        if service == "lexv2-models" and op in ("CreateBotVersion", "DescribeBotVersion"):
            return {"botId": params.get("botId"), "botVersion": "1", "botStatus": "Available"}
        return None

    def _fill(self, shape, service: str, op: str, depth: int) -> Any:
        kind = shape.type_name
        if kind == "structure":
            if depth > 4:
                return {}
            out = {}
            for name, member in shape.members.items():
                value = self._member(name, member, service, op, depth)
                if value is not None:
                    out[name] = value
            return out
        return None

    def _member(self, name: str, shape, service: str, op: str, depth: int) -> Any:
        kind = shape.type_name
        if name in STATUS and kind == "string":
            return STATUS[name]
        if kind == "structure":
            return self._fill(shape, service, op, depth + 1)
        if kind == "list" or kind == "map":
            return [] if kind == "list" else {}
        if kind == "string":
            low = name.lower()
            if shape.enum:
                return shape.enum[0]
            if low.endswith("arn"):
                return f"arn:aws:{'lex' if service == 'lexv2-models' else service}:{REGION}:{ACCOUNT}:x/{self.uuid()}"
            if low.endswith("id") or low == "id":
                return self.lex_id() if service == "lexv2-models" else self.uuid()
            if low.endswith("version"):
                return "1"
            if "token" in low:
                return None  # no further pages
            return "x"
        if kind in ("integer", "long"):
            return 1
        if kind in ("double", "float"):
            return 1.0
        if kind == "boolean":
            return False
        if kind == "timestamp":
            return NOW
        return None
