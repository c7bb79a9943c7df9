"""Lambda: package (zip of the source folder, keyed by its content hash), function, alias,
provisioned concurrency, execution role with least-privilege grants from ``access``, and invoke
permissions derived from who uses the function (bot hooks, flows, HTTP APIs)."""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

from ccdsl.dsl import compact as C
from ccdsl.dsl.confine import walk_files, why_outside
from ccdsl.dsl.model import Api, Function
from ccdsl.dsl.source import Span

from .. import addresses as A
from ..resources import Ref, Template
from ..values import template
from .context import Context, span_of
from .storage import account
from .tokens import user_text

KMS_USE = ("kms:Decrypt", "kms:GenerateDataKey")
TABLE_READ = ("dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
              "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan")
TABLE_WRITE = ("dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem")
STREAM_READ = ("kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
               "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard")
STREAM_WRITE = ("kinesis:DescribeStreamSummary", "kinesis:PutRecord", "kinesis:PutRecords")
#: what a function in a VPC needs to manage its network interfaces: the actions of the managed policy
#: AWSLambdaVPCAccessExecutionRole (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html);
#: DescribeNetworkInterfaces works only on every resource, so the statement is unscoped as AWS's own
VPC_ACCESS = ("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
              "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses")


@functools.lru_cache(maxsize=256)
def source_hash(source_dir: str, folder: str) -> str:
    """SHA-256 over the relative paths and bytes of every file in the folder (sorted)."""
    digest = hashlib.sha256()
    root = Path(source_dir) / folder
    if why_outside(source_dir, folder) is None and root.is_dir():
        for name, path in walk_files(root, source_dir):  # symlinks out of the site folder are not read
            digest.update(name.encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    else:
        digest.update(b"missing:" + folder.encode())
    return digest.hexdigest()


def function_target(ctx: Context, name: str) -> Ref:
    """The ARN callers invoke: the alias when the function has one, else the function."""
    fn = ctx.functions[name]
    return Ref(A.function_alias_addr(name) if fn.alias else A.function_addr(name), "arn")


def permission(ctx: Context, name: str, user: str, principal: str, source_arn: Ref | Template | str,
               span: Span | None = None) -> str:
    """The permission letting ``user`` invoke function ``name`` (its address). An existing function (``arn:``) gets
    none: its resource policy is its owner's; the function itself is what the caller then depends on."""
    fn = ctx.functions.get(name)
    if fn is not None and fn.arn:
        return A.function_addr(name)
    addr = A.function_permission_addr(name, user)
    if not ctx.has(addr):
        ctx.add(addr, "aws_lambda_permission", {
            "FunctionName": function_target(ctx, name),
            "StatementId": "ccdsl-" + user.replace(".", "-"),
            "Action": "lambda:InvokeFunction",
            "Principal": principal,
            # confused-deputy prevention: only this resource of this account may invoke (Lambda Developer Guide,
            # "Granting function access to AWS services": SourceArn and SourceAccount)
            "SourceArn": source_arn,
            "SourceAccount": account(ctx),
        }, span=span)
    return addr


def expand_functions(ctx: Context, functions: dict[str, Function]) -> None:
    ctx.functions = functions
    for name in sorted(functions):
        fn = functions[name]
        if fn.arn or fn.source is None:
            _existing_function(ctx, name, fn)
            continue
        physical = ctx.physical(name, limit=64)
        role = ctx.role(f"function_{name}", "lambda.amazonaws.com", fn.span)
        package = A.function_package_addr(name)
        ctx.add(package, "lambda_package", {"Source": fn.source, "Sha256": source_hash(ctx.source_dir, fn.source)},
                span=span_of(fn, "source") or fn.span)
        inputs: dict[str, Any] = {
            "FunctionName": physical,
            "Runtime": fn.runtime,
            "Role": Ref(role, "arn"),
            "Handler": fn.handler,
            "Code": {"ZipFile": Ref(package, "zip_file")},
            "Timeout": max(1, fn.timeout.tree.seconds),
            "MemorySize": fn.memory,
            "Architectures": [fn.architecture],
            "Publish": True,
            "Tags": ctx.tag_map(),
        }
        if fn.description:
            inputs["Description"] = fn.description
        if fn.layers:
            inputs["Layers"] = list(fn.layers)
        if fn.vpc is not None:
            inputs["VpcConfig"] = {"SubnetIds": list(fn.vpc.subnets), "SecurityGroupIds": list(fn.vpc.security_groups)}
            ctx.grant(f"function_{name}", VPC_ACCESS, ["*"], sid="Vpc")
        if fn.env:
            inputs["Environment"] = {"Variables": {k: user_text(ctx, v)
                                                   for k, v in sorted(fn.env.items())}}
        if fn.logs:
            log_arn = Ref(A.log_group_addr(fn.logs), "arn")
            inputs["LoggingConfig"] = {"LogFormat": "JSON", "LogGroup": Ref(A.log_group_addr(fn.logs), "name")}
            ctx.grant(f"function_{name}", ("logs:CreateLogStream", "logs:PutLogEvents"),
                      [template(log_arn, ":*")], sid="Logs")
        else:
            group = template("arn:aws:logs:", ctx.region, ":", account(ctx), ":log-group:/aws/lambda/", physical)
            ctx.grant(f"function_{name}", ("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
                      [group, template(group, ":*")], sid="Logs")
        for i, rule in enumerate(fn.access):
            grant_access(ctx, f"function_{name}", rule.tree, i)
        fn_addr = A.function_addr(name)
        # the policy must be in place before the function first runs (provisioned concurrency starts it)
        ctx.add(fn_addr, "aws_lambda_function", inputs, name=physical, span=fn.span,
                extra_deps={A.role_policy_addr(f"function_{name}")})
        if fn.alias:
            ctx.add(A.function_alias_addr(name), "aws_lambda_alias", {
                "FunctionName": Ref(fn_addr, "name"), "Name": fn.alias,
                "FunctionVersion": Ref(fn_addr, "version"),
            }, name=fn.alias, span=span_of(fn, "alias") or fn.span)
        if fn.reserved is not None:
            ctx.add(A.function_reserved_addr(name), "aws_lambda_function_concurrency", {
                "FunctionName": Ref(fn_addr, "name"), "ReservedConcurrentExecutions": fn.reserved,
            }, span=span_of(fn, "reserved") or fn.span)
        if fn.provisioned:
            qualifier = Ref(A.function_alias_addr(name), "name") if fn.alias else Ref(fn_addr, "version")
            # reserved concurrency first: it bounds the provisioned concurrency
            ctx.add(A.function_provisioned_addr(name), "aws_lambda_provisioned_concurrency_config", {
                "FunctionName": Ref(fn_addr, "name"), "Qualifier": qualifier,
                "ProvisionedConcurrentExecutions": fn.provisioned,
            }, span=span_of(fn, "provisioned") or fn.span,
                extra_deps={A.function_reserved_addr(name)} if fn.reserved is not None else set())


def _existing_function(ctx: Context, name: str, fn: Function) -> None:
    """A function deployed elsewhere: its ARN as the site gives it, for flows, bot hooks and the instance's
    association. Nothing is built, deployed or granted."""
    arn = str(fn.arn or "")
    ctx.add(A.function_addr(name), "lambda_function_existing",
            {"FunctionArn": arn, "FunctionName": arn.split(":")[6] if arn.count(":") >= 6 else name},
            name=name, span=span_of(fn, "arn") or fn.span)


def grant_access(ctx: Context, role: str, rule: C.Access, index: int) -> None:
    """The IAM statements of one ``access:`` entry (``table NAME rw``, ``bedrock invoke`` …)."""
    sid = f"Access{index}"
    kind, target, mode = rule.kind, rule.name.value if rule.name is not None else None, rule.mode
    if kind == "table" and target:
        arn = Ref(A.table_addr(target), "arn")
        actions = (TABLE_READ if mode in ("read", "rw") else ()) + (TABLE_WRITE if mode in ("write", "rw") else ())
        ctx.grant(role, actions, [arn, template(arn, "/index/*")], sid=sid)
        table = ctx.tables.get(target)
        if table is not None and table.kms:
            ctx.grant(role, KMS_USE, [Ref(A.key_addr(table.kms), "arn")], sid=sid + "Key")
    elif kind == "stream" and target:
        actions = (STREAM_READ if mode in ("read", "rw") else ()) + (STREAM_WRITE if mode in ("write", "rw") else ())
        ctx.grant(role, actions, [Ref(A.stream_addr(target), "arn")], sid=sid)
        key = ctx.stream_keys.get(target)
        if key:  # readers decrypt, writers generate data keys (Kinesis Data Streams Developer Guide,
            # "Permissions to use user-generated KMS keys")
            ctx.grant(role, KMS_USE, [Ref(A.key_addr(key), "arn")], sid=sid + "Key")
    elif kind == "topic" and target:
        ctx.grant(role, ("sns:Publish",), [Ref(A.topic_addr(target), "arn")], sid=sid)
        key = ctx.topic_keys.get(target)
        if key:  # publishers to an encrypted topic (SNS Developer Guide, "Encryption at rest")
            ctx.grant(role, KMS_USE, [Ref(A.key_addr(key), "arn")], sid=sid + "Key")
    elif kind == "bucket" and target:
        arn = Ref(A.bucket_addr(target), "arn")
        actions = (("s3:GetObject",) if mode in ("read", "rw") else ()) + (
            ("s3:PutObject",) if mode in ("write", "rw") else ())
        ctx.grant(role, actions, [template(arn, "/*")], sid=sid)
        ctx.grant(role, ("s3:ListBucket",), [arn], sid=sid + "List")
        key = ctx.bucket_key(target)
        if key:
            ctx.grant(role, KMS_USE, [Ref(A.key_addr(key), "arn")], sid=sid + "Key")
    elif kind == "bedrock":
        ctx.grant(role, ("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"),
                  [f"arn:aws:bedrock:{ctx.region}::foundation-model/*"], sid=sid)
    elif kind == "connect":
        ctx.grant(role, ("connect:StartOutboundVoiceContact", "connect:StartTaskContact"),
                  [template(ctx.instance_arn, "/contact/*")], sid=sid)
    elif kind == "function" and target:
        ctx.grant(role, ("lambda:InvokeFunction",), [function_target(ctx, target)], sid=sid)
    elif kind == "queue" and target:
        ctx.grant(role, ("connect:DescribeQueue",), [Ref(A.queue_addr(target), "arn")], sid=sid)


def route_key(route: C.Route) -> tuple[str, str]:
    """(method, path) of an API route: ``POST /login``, ``GET /accounts/{id}``, ``ANY /{proxy+}``."""
    parts = [seg if isinstance(seg, str) else "{%s%s}" % (seg.name, "+" if seg.greedy else "")
             for seg in route.segments]
    return route.method.upper(), "/" + "/".join(parts)


def _route_auth(api: Api, key: str, written: str) -> Any:
    """`iam`, `none` or a JWT authorizer for one route: its `route_auth` entry, else the API's `auth` (IAM by
    default). Route AuthorizationType (AWS_IAM | JWT | NONE):
    https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html"""
    exceptions = {" ".join(k.split()): v for k, v in (getattr(api, "route_auth", None) or {}).items()}
    return exceptions.get(" ".join(written.split()), exceptions.get(key, getattr(api, "auth", "iam") or "iam"))


def _authorizer(ctx: Context, api_name: str, auth: Any, made: dict[tuple, str], span: Span | None) -> Ref:
    """The JWT authorizer of one issuer and audience on an API (made once, shared by its routes).
    CreateAuthorizer with AuthorizerType JWT needs JwtConfiguration and an IdentitySource:
    https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html"""
    jwt = auth.jwt
    config = (jwt.issuer, tuple(jwt.audience))
    if config not in made:
        name = "jwt" if not made else f"jwt{len(made) + 1}"
        made[config] = A.api_authorizer_addr(api_name, name)
        ctx.add(made[config], "aws_apigatewayv2_authorizer", {
            "ApiId": Ref(A.api_addr(api_name), "id"), "Name": name, "AuthorizerType": "JWT",
            "IdentitySource": ["$request.header.Authorization"],
            "JwtConfiguration": {"Issuer": jwt.issuer, "Audience": list(jwt.audience)},
        }, name=name, span=getattr(jwt, "span", None) or span)
    return Ref(made[config], "id")


def expand_apis(ctx: Context, apis: dict[str, Api]) -> None:
    for name in sorted(apis):
        api = apis[name]
        addr = A.api_addr(name)
        physical = ctx.physical(name, limit=128)
        inputs: dict[str, Any] = {"Name": physical, "ProtocolType": "HTTP", "Tags": ctx.tag_map()}
        if api.cors is not None:
            inputs["CorsConfiguration"] = {"AllowOrigins": list(api.cors.origins),
                                           "AllowMethods": list(api.cors.methods),
                                           "AllowHeaders": list(api.cors.headers)}
        ctx.add(addr, "aws_apigatewayv2_api", inputs, name=physical, span=api.span)
        integration = A.api_integration_addr(name)
        ctx.add(integration, "aws_apigatewayv2_integration", {
            "ApiId": Ref(addr, "id"), "IntegrationType": "AWS_PROXY",
            "IntegrationUri": function_target(ctx, api.function), "IntegrationMethod": "POST",
            "PayloadFormatVersion": "2.0",
        }, span=span_of(api, "function") or api.span)
        authorizers: dict[tuple, str] = {}
        for route in api.routes:
            method, path = route_key(route.tree)
            auth = _route_auth(api, f"{method} {path}", str(route))
            route_inputs: dict[str, Any] = {
                "ApiId": Ref(addr, "id"), "RouteKey": f"{method} {path}",
                "Target": template("integrations/", Ref(integration, "id")),
                "AuthorizationType": "AWS_IAM" if auth == "iam" else "NONE" if auth == "none" else "JWT",
            }
            if route_inputs["AuthorizationType"] == "JWT":
                route_inputs["AuthorizerId"] = _authorizer(ctx, name, auth, authorizers, span_of(route) or api.span)
            ctx.add(A.api_route_addr(name, method, path), "aws_apigatewayv2_route", route_inputs,
                    span=span_of(route) or api.span)
        stage: dict[str, Any] = {"ApiId": Ref(addr, "id"), "StageName": api.stage, "AutoDeploy": True,
                                 "Tags": ctx.tag_map()}
        if api.logs:
            stage["AccessLogSettings"] = {
                "DestinationArn": Ref(A.log_group_addr(api.logs), "arn"),
                "Format": '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp",'
                          '"routeKey":"$context.routeKey","status":"$context.status"}',
            }
        ctx.add(A.api_stage_addr(name), "aws_apigatewayv2_stage", stage, name=api.stage, span=api.span)
        permission(ctx, api.function, f"api.{name}", "apigateway.amazonaws.com",
                   template(Ref(addr, "execution_arn"), "/*/*"), span=api.span)
