"""Lambda functions and the HTTP APIs in front of them."""
from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import Discriminator, Field, StringConstraints, Tag, field_validator
from pydantic_core import PydanticCustomError

from .base import Name, Node
from .compact_types import Access, Duration, Route, Text
from .enums import Architecture, LambdaRuntime

#: a layer version's ARN (CreateFunction's Layers; https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html)
LayerArn = Annotated[str, StringConstraints(
    pattern=r"^arn:[a-zA-Z0-9-]+:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+$")]
#: an existing function's ARN, optionally with a version or alias (AssociateLambdaFunction's FunctionArn, at most
#: 140 characters; https://docs.aws.amazon.com/connect/latest/APIReference/API_AssociateLambdaFunction.html)
FunctionArn = Annotated[str, StringConstraints(max_length=140, pattern=(
    r"^arn:aws[a-z-]*:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:\d{12}:function:[a-zA-Z0-9-_]+"
    r"(:(\$LATEST|[a-zA-Z0-9-_]+))?$"))]
SubnetId = Annotated[str, StringConstraints(pattern=r"^subnet-[0-9a-f]{8,17}$")]
SecurityGroupId = Annotated[str, StringConstraints(pattern=r"^sg-[0-9a-f]{8,17}$")]


class Vpc(Node):
    """The VPC a function runs in: its subnets and security groups (VpcConfig of CreateFunction)."""

    subnets: list[SubnetId] = Field(min_length=1, max_length=16)
    """subnet IDs (`subnet-…`), up to 16"""
    security_groups: list[SecurityGroupId] = Field(min_length=1, max_length=5)
    """security group IDs (`sg-…`), up to 5"""


class Function(Node):
    """A Lambda function built from a source folder, or an existing one named by its ARN (not built here: only
    associated with the instance and invoked by flows and bot hooks)."""

    source: str | None = None
    """folder of the code, relative to the site file"""
    arn: FunctionArn | None = None
    """an existing function's ARN instead of `source`: nothing is built or deployed"""
    handler: str = "handler.handler"
    runtime: LambdaRuntime = "python3.12"
    architecture: Architecture = "x86_64"
    memory: int = Field(128, ge=128, le=10240)
    """MB"""
    timeout: Duration = Field(default_factory=lambda: Duration(text="3s"))
    """at most 900s"""
    provisioned: int = Field(0, ge=0)
    """provisioned concurrency of the alias"""
    reserved: int | None = Field(None, ge=0)
    """reserved concurrency: at most this many instances run at once, and they are kept for this
    function (0 stops it from running)"""
    layers: list[LayerArn] = Field(default_factory=list, max_length=5)
    """layer version ARNs, in order (at most 5)"""
    vpc: Vpc | None = None
    """subnets and security groups to run in; the function's role gets the network-interface permissions"""
    alias: str | None = Field(None, max_length=128, pattern=r"^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$")
    logs: Name | None = None
    """log group (from `logs`)"""
    env: dict[str, Text] = Field(default_factory=dict)
    """environment variables; values may hold ${kind.name.attr} references and secrets"""
    access: list[Access] = Field(default_factory=list)
    """what the function may do: `table NAME rw`, `topic NAME publish`, `bedrock invoke` …"""
    description: str | None = Field(None, max_length=256)


class Cors(Node):
    origins: list[str] = Field(default_factory=lambda: ["*"])
    methods: list[str] = Field(default_factory=lambda: ["*"])
    headers: list[str] = Field(default_factory=lambda: ["*"])

    shorthand_schema: ClassVar[dict | None] = {"anyOf": [
        {"type": "boolean"}, {"type": "array", "items": {"type": "string"}}]}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if value is True:
            return {}
        if isinstance(value, list):
            return {"origins": value}
        return super().shorthand(value)


class Jwt(Node):
    """A JWT authorizer: tokens issued by ``issuer`` for one of ``audience`` (API Gateway checks the
    ``Authorization`` header's bearer token)."""

    issuer: str
    """the token issuer's `https://` URL (an OpenID Connect provider, e.g. a Cognito user pool)"""
    audience: list[str] | str = Field(min_length=1)
    """accepted `aud` (or `client_id`) values; one value may be written without a list"""

    @field_validator("issuer")
    @classmethod
    def _https(cls, value: str) -> str:
        # JwtConfiguration.Issuer: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html
        if not value.startswith("https://") or len(value) <= 8 or any(c.isspace() for c in value):
            raise PydanticCustomError("E104", "must be an https:// URL, not '{value}'", {"value": value})
        return value

    @field_validator("audience", mode="before")
    @classmethod
    def _one_audience(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class JwtAuth(Node):
    """`{jwt: {issuer, audience}}`: callers present a JSON Web Token."""

    jwt: Jwt


def _auth_kind(value: Any) -> str:
    """Which form an `auth` value is written in, so that only that form's problems are reported."""
    if isinstance(value, dict) and "__value" in value:
        value = value["__value"]
    return "jwt" if isinstance(value, (dict, JwtAuth)) else "auth"


#: who may call a route: `iam` (signed with AWS credentials), `none` (anyone) or a JWT authorizer
RouteAuth = Annotated[Union[Annotated[Literal["iam", "none"], Tag("auth")], Annotated[JwtAuth, Tag("jwt")]],
                      Discriminator(_auth_kind)]


class Api(Node):
    """An HTTP API (API Gateway v2) in front of one function."""

    function: Name
    """function (from `functions`)"""
    routes: list[Route] = Field(min_length=1)
    """`METHOD /path` routes"""
    logs: Name | None = None
    """access log group (from `logs`)"""
    cors: Cors | None = None
    stage: str = Field("$default", max_length=128)
    auth: RouteAuth = "iam"
    """who may call the routes: `iam` (the default: callers sign requests with AWS credentials),
    `{jwt: {issuer, audience}}` (callers present a JSON Web Token) or `none` (open to the internet; warned,
    and listed by `ccdsl compile`)"""
    route_auth: dict[str, RouteAuth] = Field(default_factory=dict)
    """per-route exceptions to `auth`, keyed by route as written in `routes` (`GET /status: none`)"""

    @field_validator("auth", mode="before")
    @classmethod
    def _plain_word(cls, value: Any) -> Any:
        """`iam`/`none` as plain text (unwrapped from the node wrapper), so that the union takes the word."""
        if isinstance(value, dict) and isinstance(value.get("__value"), str):
            value = value["__value"]
        return str(value) if isinstance(value, str) else value

    @field_validator("route_auth", mode="before")
    @classmethod
    def _plain_words(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: str(v) if isinstance(v, str) else v for k, v in value.items()}
        return value
