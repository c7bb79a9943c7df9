"""AWS's documented rules for the calls of the secure-by-default stack: JWT authorizers and the routes that use
them, Kinesis server-side encryption and DynamoDB point-in-time recovery. Each rule cites its page; the
simulator rejects a request that breaks one and the aws provider refuses to send it (see :mod:`.rules`)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .rules import rule


@rule("apigatewayv2.route.jwt_authorizer", "aws_apigatewayv2_route", "*",
      "https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html "
      "authorizerId: required when authorizationType is JWT")
def _route_authorizer(request: Mapping[str, Any]) -> str | None:
    kind = request.get("AuthorizationType", "NONE")
    if kind not in ("NONE", "AWS_IAM", "JWT", "CUSTOM"):
        return f"BadRequestException: AuthorizationType {kind} is not NONE, AWS_IAM, JWT or CUSTOM"
    if kind in ("JWT", "CUSTOM") and not request.get("AuthorizerId"):
        return f"BadRequestException: a route with AuthorizationType {kind} needs an AuthorizerId"
    return None


@rule("apigatewayv2.authorizer.jwt_configuration", "aws_apigatewayv2_authorizer", "*",
      "https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html "
      "jwtConfiguration (issuer, audience) and identitySource: required for a JWT authorizer")
def _jwt_configuration(request: Mapping[str, Any]) -> str | None:
    if request.get("AuthorizerType") != "JWT":
        return None
    config = request.get("JwtConfiguration") or {}
    if not config.get("Issuer") or not config.get("Audience"):
        return "BadRequestException: a JWT authorizer needs JwtConfiguration with an Issuer and an Audience"
    if not request.get("IdentitySource"):
        return "BadRequestException: a JWT authorizer needs an IdentitySource (e.g. $request.header.Authorization)"
    return None


@rule("kinesis.stream_encryption.kms", "kinesis_stream_encryption", "*",
      "https://docs.aws.amazon.com/kinesis/latest/APIReference/API_StartStreamEncryption.html "
      "EncryptionType: the only valid value is KMS; KeyId: required")
def _stream_encryption(request: Mapping[str, Any]) -> str | None:
    if request.get("EncryptionType") != "KMS":
        return f"ValidationException: EncryptionType {request.get('EncryptionType')} (the only valid value is KMS)"
    if not request.get("KeyId"):
        return "ValidationException: StartStreamEncryption needs a KeyId"
    return None


@rule("dynamodb.continuous_backups.specification", "dynamodb_table_recovery", "*",
      "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html "
      "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: required")
def _recovery(request: Mapping[str, Any]) -> str | None:
    spec = request.get("PointInTimeRecoverySpecification") or {}
    if not isinstance(spec.get("PointInTimeRecoveryEnabled"), bool):
        return "ValidationException: PointInTimeRecoverySpecification needs PointInTimeRecoveryEnabled"
    return None
