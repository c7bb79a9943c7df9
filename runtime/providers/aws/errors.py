"""Sort botocore errors into the runtime's three kinds: Throttled, Transient, ProviderError."""
from __future__ import annotations

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
# Right after a create, IAM roles are not yet assumable and new resources are not yet visible.
EVENTUAL = (
    "cannot be assumed by lambda",
    "role defined for the function cannot be assumed",
    "is not authorized to perform: sts:assumerole",
    "not yet available",
    "try again",
)


def code_of(error) -> str:
    response = getattr(error, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


def status_of(error) -> int:
    response = getattr(error, "response", None) or {}
    return int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)


def is_not_found(error) -> bool:
    return code_of(error) in NOT_FOUND


def translate(error: Exception, operation: str) -> ProviderError:
    """The runtime's view of a botocore/boto3 exception raised by ``operation``."""
    from botocore.exceptions import (
        ClientError, ConnectionError as BotoConnectionError, EndpointConnectionError, NoCredentialsError,
        NoRegionError, ParamValidationError, ReadTimeoutError, WaiterError,
    )

    if isinstance(error, ProviderError):
        return error
    if isinstance(error, ClientError):
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
        return ProviderError(text)
    if isinstance(error, (EndpointConnectionError, ReadTimeoutError, BotoConnectionError)):
        return Transient(f"{operation}: {error}")
    if isinstance(error, WaiterError):
        return ProviderError(f"{operation}: {error}")
    if isinstance(error, NoCredentialsError):
        return ProviderError("no AWS credentials found: configure a profile (AWS_PROFILE) or the environment")
    if isinstance(error, NoRegionError):
        return ProviderError("no AWS region: set region in the site file or AWS_REGION")
    if isinstance(error, ParamValidationError):
        return ProviderError(f"{operation}: {error}")
    return ProviderError(f"{operation}: {type(error).__name__}: {error}")
