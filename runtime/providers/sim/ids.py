"""Identifiers in AWS's real formats, and the outputs of a simulated create.

Outputs follow the registry entry (:mod:`ccdsl.compiler.registry`): ``in.X`` paths read the inputs,
templates are evaluated, and paths into a boto3 response (``res.X``) are answered from the inputs where
the response echoes them (``FunctionName``) or with a freshly minted identifier in the service's format.
ARNs come from the entry's ARN template (``ResourceType.arn_template``), never from here.
"""
from __future__ import annotations

import random
import re
import string
import uuid
from typing import Any

from ccdsl.compiler.registry.expressions import evaluate, source

NAME_KEYS = (
    "Name", "RoleName", "FunctionName", "TableName", "Bucket", "botName", "intentName", "slotName",
    "slotTypeName", "botAliasName", "AliasName", "logGroupName", "filterName", "StreamName",
    "DeliveryStreamName", "AlarmName", "DashboardName", "StatementId", "Username", "InstanceAlias",
    "PolicyName", "StageName", "RouteKey", "Key", "localeId", "AttributeType", "ResourceType", "Origin",
)
SCOPE_KEYS = ("InstanceId", "TargetArn", "botId", "localeId", "intentId", "ApiId", "DatabaseName", "RoleName",
              "FunctionName", "logGroupName", "Bucket", "Rule", "TopicArn")


def path_get(data: Any, path: str) -> Any:
    value = data
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            idx = int(part[1:-1])
            if not isinstance(value, list) or idx >= len(value):
                return None
            value = value[idx]
        else:
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
    return value


def name_of(inputs: dict, fallback: str) -> tuple[str, str]:
    """(name, the input key it came from)."""
    for key in ("DatabaseInput", "TableInput"):
        if isinstance(inputs.get(key), dict) and inputs[key].get("Name"):
            return str(inputs[key]["Name"]), key
    for key in NAME_KEYS:
        if inputs.get(key) not in (None, ""):
            return str(inputs[key]), key
    return fallback, ""


class Minter:
    def __init__(self, rng: random.Random, region: str, account: str):
        self.rng = rng
        self.region = region
        self.account = account

    def _chars(self, n: int, alphabet: str) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def new_id(self, service: str, resource_type: str) -> str:
        up = string.ascii_uppercase + string.digits
        low = string.ascii_lowercase + string.digits
        if service == "lexv2-models":
            return self._chars(10, up)
        if service == "iam":
            return "AROA" + self._chars(17, up)
        if service == "apigatewayv2":
            return self._chars(10 if resource_type == "aws_apigatewayv2_api" else 7, low)
        if service == "cloudfront":
            return "E" + self._chars(13, up)
        return self.uuid()

    def phone_number(self, number_type: str, country: str, prefix: str | None = None) -> str:
        """A number of the country (its calling code), under ``prefix`` when one is asked for."""
        from ccdsl.compiler.registry.documented import CALLING_CODES
        from ccdsl.dsl.checks.numbers import offered

        code = CALLING_CODES.get(country, "+1")
        prefix = prefix or (offered(country, number_type) or (None,))[0]
        if not prefix:
            prefix = {"+44": "+44800" if number_type == "TOLL_FREE" else "+4420",
                      "+1": "+1800" if number_type == "TOLL_FREE" else "+1206"}.get(
                code, code + ("800" if number_type == "TOLL_FREE" else "2"))
        length = 13 if code == "+44" else 12  # E.164 digits with the plus
        return prefix + self._chars(max(length - len(prefix), 3), string.digits)

    def extra(self, key: str, service: str, id_: str, inputs: dict) -> Any:
        up = string.ascii_uppercase + string.digits
        if key == "domain_name":
            return f"d{self._chars(13, string.ascii_lowercase + string.digits)}.cloudfront.net"
        if key == "etag":
            return "E" + self._chars(13, up)
        if key == "endpoint":
            return f"https://{id_}.execute-api.{self.region}.amazonaws.com"
        if key == "lock_token" or key == "revision":
            return self.uuid()
        if key == "status":
            return "Built"
        if key == "stream_arn":
            table = inputs.get("TableName")
            return f"arn:aws:dynamodb:{self.region}:{self.account}:table/{table}/stream/2026-01-01T00:00:00.000"
        if key == "number" and inputs.get("PhoneNumber"):
            return str(inputs["PhoneNumber"])  # a specific number is claimed as asked
        if key == "number":
            return self.phone_number(str(inputs.get("PhoneNumberType", "DID")),
                                     str(inputs.get("PhoneNumberCountryCode", "GB")), inputs.get("PhoneNumberPrefix"))
        if key == "zip_file":
            return f".ccdsl/packages/{inputs.get('Sha256', id_)}.zip"
        return f"{key}-{self._chars(8, up)}"


def template_context(region: str, account: str, inputs: dict, outputs: dict) -> dict[str, Any]:
    """The context registry templates are evaluated in, as the simulated account answers them."""
    return {"in": inputs, "out": outputs, "res": {}, "region": region, "account": account, "partition": "aws"}


def identity(resource_type: str, spec, inputs: dict, fallback: str, region: str, account: str):
    """(display name, scope, unique): how AWS tells this resource apart from its siblings.

    From the registry entry: the identifying inputs (``identify`` entries read from inputs) form the scope; the
    name is the ``name`` output when it is an input, else — for resources AWS identifies by their inputs
    alone (an S3 object, a Lambda permission) — the identifier those inputs make. ``unique`` says whether
    a second resource with that name in that scope is a duplicate.
    """
    ident = spec.key
    in_keys = [e[3:] for e in ident.values() if source(e) == "input"]
    has_out = any(isinstance(e, str) and e.startswith("out.") for e in ident.values())
    name_expr = spec.outputs.get("name", "")
    id_expr = spec.outputs.get("id", "")
    name, name_key = None, None
    if source(name_expr) == "input":
        name_key = name_expr[3:]
        name = path_get(inputs, name_key)
    elif "InstanceAlias" in inputs:
        name_key, name = "InstanceAlias", inputs["InstanceAlias"]
    elif not has_out:
        if source(id_expr) == "input":
            name_key = id_expr[3:]
            name = path_get(inputs, name_key)
        elif source(id_expr) == "template":
            name = evaluate(id_expr, template_context(region, account, inputs, {}))
        elif in_keys:
            name_key = in_keys[-1]
            name = path_get(inputs, name_key)
    scope = "|".join(f"{k}={path_get(inputs, k)}" for k in in_keys if k != name_key)
    if name is None or name == "":
        return fallback, scope, False
    return str(name), scope, True
