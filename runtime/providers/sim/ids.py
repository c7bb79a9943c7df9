"""Identifiers and ARNs in AWS's real formats, and the outputs of a simulated create.

Outputs follow the registry entry (:mod:`ccdsl.compiler.registry`): ``in.X`` paths read the inputs,
templates are evaluated, and paths into a boto3 response (``res.X``) are answered from the inputs where
the response echoes them (``FunctionName``) or with a freshly minted identifier in the service's format.
"""
from __future__ import annotations

import random
import re
import string
import uuid
from typing import Any

from ccdsl.compiler.registry.expressions import evaluate, source

CONNECT_CHILD = {
    "aws_connect_queue": "queue",
    "aws_connect_routing_profile": "routing-profile",
    "aws_connect_contact_flow": "contact-flow",
    "aws_connect_contact_flow_module": "flow-module",
    "aws_connect_prompt": "prompt",
    "aws_connect_hours_of_operation": "operating-hours",
    "aws_connect_user": "agent",
    "aws_connect_quick_connect": "transfer-destination",
    "aws_connect_security_profile": "security-profile",
}

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

    def arn(self, resource_type: str, service: str, id_: str, inputs: dict) -> str:
        r, a = self.region, self.account
        if resource_type == "aws_connect_instance":
            return f"arn:aws:connect:{r}:{a}:instance/{id_}"
        if resource_type in CONNECT_CHILD:
            inst = inputs.get("InstanceId", "")
            return f"arn:aws:connect:{r}:{a}:instance/{inst}/{CONNECT_CHILD[resource_type]}/{id_}"
        if resource_type == "aws_connect_phone_number":
            return f"arn:aws:connect:{r}:{a}:phone-number/{id_}"
        if resource_type == "aws_iam_role":
            return f"arn:aws:iam::{a}:role/{inputs.get('RoleName', id_)}"
        if resource_type == "aws_lambda_function":
            return f"arn:aws:lambda:{r}:{a}:function:{inputs.get('FunctionName', id_)}"
        if resource_type == "aws_lambda_alias":
            return f"arn:aws:lambda:{r}:{a}:function:{inputs.get('FunctionName')}:{inputs.get('Name')}"
        if resource_type == "aws_sns_topic":
            return f"arn:aws:sns:{r}:{a}:{inputs.get('Name', id_)}"
        if resource_type == "aws_sns_topic_subscription":
            return f"{inputs.get('TopicArn', f'arn:aws:sns:{r}:{a}:topic')}:{self.uuid()}"
        if resource_type == "aws_dynamodb_table":
            return f"arn:aws:dynamodb:{r}:{a}:table/{inputs.get('TableName', id_)}"
        if resource_type == "aws_kms_key":
            return f"arn:aws:kms:{r}:{a}:key/{id_}"
        if resource_type == "aws_kinesis_firehose_delivery_stream":
            return f"arn:aws:firehose:{r}:{a}:deliverystream/{inputs.get('DeliveryStreamName', id_)}"
        if resource_type == "aws_cloudwatch_event_rule":
            return f"arn:aws:events:{r}:{a}:rule/{inputs.get('Name', id_)}"
        if resource_type == "aws_cloudwatch_metric_stream":
            return f"arn:aws:cloudwatch:{r}:{a}:metric-stream/{inputs.get('Name', id_)}"
        if resource_type == "aws_cloudtrail":
            return f"arn:aws:cloudtrail:{r}:{a}:trail/{inputs.get('Name', id_)}"
        if resource_type == "aws_wafv2_web_acl":
            scope = "global" if inputs.get("Scope") == "CLOUDFRONT" else "regional"
            region = "us-east-1" if scope == "global" else r
            return f"arn:aws:wafv2:{region}:{a}:{scope}/webacl/{inputs.get('Name', 'acl')}/{id_}"
        if resource_type == "aws_cloudfront_distribution":
            return f"arn:aws:cloudfront::{a}:distribution/{id_}"
        kind = resource_type.removeprefix("aws_").split("_", 1)[-1].replace("_", "-")
        return f"arn:aws:{service}:{r}:{a}:{kind}/{id_}"

    def phone_number(self, number_type: str, country: str, prefix: str | None = None) -> str:
        """A number of the country (its calling code), under ``prefix`` when one is asked for."""
        from ccdsl.compiler.registry.documented import CALLING_CODES

        code = CALLING_CODES.get(country, "+1")
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
