"""Sort botocore errors into the runtime's three kinds: Throttled, Transient, ProviderError."""
from __future__ import annotations

import time

from ccdsl.runtime.providers.base import ProviderError, Throttled, Transient

THROTTLING = frozenset({
    "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
    "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown",
    "ProvisionedThroughputExceededException", "LimitExceededException", "TransactionInProgressException",
    "PriorRequestNotComplete", "EC2ThrottledException", "BandwidthLimitExceeded",
})
TRANSIENT = frozenset({
    "InternalServerError", "InternalServerException", "InternalFailure", "InternalError",
    "ServiceUnavailable", "ServiceUnavailableException", "ServiceException", "RequestTimeout",
    "RequestTimeoutException", "OperationAbortedException", "ConcurrentModificationException", "BucketNotEmpty",
    "ResourceConflictException", "ConflictException", "PreconditionFailedException",
    "ResourceInUseException", "OptimisticLockException", "DependencyTimeoutException",
})
NOT_FOUND = frozenset({
    "ResourceNotFoundException", "ResourceNotFound", "NoSuchEntity", "NoSuchBucket", "NotFoundException",
    "NotFound", "EntityNotFoundException", "NoSuchKey", "NoSuchBucketPolicy", "NotFoundError",
    "ServerSideEncryptionConfigurationNotFoundError", "NoSuchPublicAccessBlockConfiguration",
    "NoSuchLifecycleConfiguration", "TrailNotFoundException", "ResourceNotFoundFault",
    "WAFNonexistentItemException", "NoSuchDistribution", "NoSuchOriginAccessControl", "ParameterNotFound",
    "DashboardNotFoundError", "ResourceNotFoundException.NotFound", "404",
})
# Right after a create, new resources are not yet visible.
EVENTUAL = (
    "not yet available",
    "try again",
)
# A role (or its policy) written moments ago is not yet usable by the service that assumes it. IAM is
# eventually consistent; the Terraform AWS provider retries these messages for its propagation timeout
# (internal/service/iam/wait.go propagationTimeout = 2 min; firehose/delivery_stream.go retryDeliveryStreamOp,
# logs/subscription_filter.go, lambda/function.go, events/target.go, cloudtrail/trail.go,
# cloudwatch/metric_stream.go, lexv2models/bot.go).
IAM_PROPAGATION = (
    "cannot be assumed by lambda",  # Lambda CreateFunction
    "role defined for the function cannot be assumed",
    "is not authorized to perform: sts:assumerole",
    "firehose is unable to assume role",  # Firehose CreateDeliveryStream
    "access was denied",
    "verify that the iam role has access",
    "please make sure the role specified",
    "could not deliver test message to specified",  # Logs PutSubscriptionFilter
    "could not execute the lambda function",
    "insufficient permissions to access s3 bucket",  # CloudTrail CreateTrail
    "invalidcloudwatchlogslogsgrouparn",
    "insufficient permissions to access",
    "unable to assume role",  # metric streams, Lex, Connect storage configs
    "role is not valid",
    "role does not have",
    "unable to validate role",
    "could not be assumed",
    "cannot assume role",
    "does not have permission to assume",
    "not authorized to assume",
)
#: how often a call that failed for IAM propagation is sent again (delays double up to IAM_DELAY_CAP_S:
#: with the default 5 s poll delay, about 3 minutes; Terraform's propagationTimeout is 2 minutes)
IAM_ATTEMPTS = 12
IAM_DELAY_CAP_S = 20.0


def is_iam_propagation(error: BaseException | str) -> bool:
    """True when the error says a just-written role or policy is not usable yet (retry for minutes)."""
    text = str(error)
    response = getattr(error, "response", None)
    if isinstance(response, dict):
        text = f"{response.get('Error', {}).get('Code', '')}: {response.get('Error', {}).get('Message', '')}"
    low = text.lower()
    return any(m in low for m in IAM_PROPAGATION)


def iam_patient(send, delay_s: float, sleep=time.sleep):
    """``send()``, sent again while it fails because a role or policy written moments ago is not usable
    yet (:func:`is_iam_propagation`); any other error, or the last attempt's, is raised as it came."""
    from botocore.exceptions import ClientError

    for attempt in range(IAM_ATTEMPTS):
        try:
            return send()
        except ClientError as error:
            if not is_iam_propagation(error) or attempt == IAM_ATTEMPTS - 1:
                raise
            sleep(min(IAM_DELAY_CAP_S, delay_s * (2 ** attempt)))
    raise AssertionError("unreachable")


def code_of(error) -> str:
    """The AWS error code of a botocore ClientError, or of the ProviderError :func:`translate` made of one
    (empty for anything else)."""
    if isinstance(error, ProviderError):
        return str(getattr(error, "aws_code", ""))
    response = getattr(error, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


def status_of(error) -> int:
    """The HTTP status of a botocore ClientError (0 for anything else)."""
    response = getattr(error, "response", None) or {}
    return int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)


def is_not_found(error) -> bool:
    return code_of(error) in NOT_FOUND


def translate(error: Exception, operation: str) -> ProviderError:
    """The runtime's view of a botocore/boto3 exception raised by ``operation``; one made of a ClientError
    keeps its AWS error code (:func:`code_of`)."""
    from botocore.exceptions import ClientError

    if isinstance(error, ProviderError):
        return error
    if isinstance(error, ClientError):
        translated = _client_error(error, operation)
        translated.aws_code = code_of(error)  # type: ignore[attr-defined]
        return translated
    return _other_error(error, operation)


def _client_error(error, operation: str) -> ProviderError:
    code, status = code_of(error), status_of(error)
    message = str(error.response.get("Error", {}).get("Message", "")) or str(error)
    text = f"{operation}: {code}: {message}"
    problems = error.response.get("problems") or []  # InvalidContactFlowException lists them
    if problems:
        text += " — " + "; ".join(str(p.get("message", p)) if isinstance(p, dict) else str(p) for p in problems)
    if code in THROTTLING or status == 429:
        return Throttled(text)
    if code in TRANSIENT or status >= 500 or any(m in message.lower() for m in EVENTUAL):
        return Transient(text)
    if code in NOT_FOUND and operation.startswith("list_"):
        # listing under a parent created moments ago (a Lex bot or locale) that is not readable yet
        return Transient(f"{text} (not visible yet)")
    if is_iam_propagation(error):
        return Transient(f"{text} (IAM is still propagating a new role or policy)")
    return ProviderError(text)


def _other_error(error: Exception, operation: str) -> ProviderError:
    from botocore.exceptions import ConnectionError as BotoConnectionError
    from botocore.exceptions import (
        EndpointConnectionError,
        NoCredentialsError,
        NoRegionError,
        ParamValidationError,
        ReadTimeoutError,
        WaiterError,
    )

    if isinstance(error, (EndpointConnectionError, ReadTimeoutError, BotoConnectionError)):
        return Transient(f"{operation}: {error}")
    if isinstance(error, WaiterError):
        last = getattr(error, "last_response", None) or {}
        last_code = str(last.get("Error", {}).get("Code", ""))
        last_status = int(last.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
        if last_code in NOT_FOUND or last_status == 404:
            # Lex waiters (BotAvailable, BotLocaleCreated, BotAliasAvailable) have no 404 acceptor, but a
            # resource created moments ago may not be readable yet (Terraform lexv2models NotFoundChecks).
            return Transient(f"{operation}: not visible yet: {error}")
        return ProviderError(f"{operation}: {error}")
    if isinstance(error, NoCredentialsError):
        return ProviderError("no AWS credentials found: configure a profile (AWS_PROFILE) or the environment")
    if isinstance(error, NoRegionError):
        return ProviderError("no AWS region: set region in the site file or AWS_REGION")
    if isinstance(error, ParamValidationError):
        return ProviderError(f"{operation}: {error}")
    return ProviderError(f"{operation}: {type(error).__name__}: {error}")


def waiter_failed(name: str, error: Exception) -> ProviderError:
    """The runtime's view of a botocore waiter that gave up: a 404 (read-after-create lag) is Transient."""
    last = getattr(error, "last_response", None) or {}
    reasons = last.get("failureReasons") if isinstance(last, dict) else None
    detail = f" ({'; '.join(map(str, reasons))})" if reasons else ""
    kind = translate(error, f"waiting for {name}")
    text = f"waiting for {name}: {getattr(error, 'kwargs', {}).get('reason', error)}{detail}"
    return Transient(text) if isinstance(kind, Transient) else ProviderError(text)


def refuse_documented(resource_type: str, operation: str, request: dict) -> None:
    """Refuse to send a request that breaks one of AWS's documented rules (ccdsl.compiler.registry)."""
    from ccdsl.compiler.registry import documented, rules  # noqa: F401  (documented registers the rules)

    for found, message in rules.violations(resource_type, operation, request):
        raise ProviderError(f"{operation}: not sent: {message} [{found.id}: {found.citation}]")
