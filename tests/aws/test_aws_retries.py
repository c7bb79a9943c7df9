"""One retry policy: botocore sends each call once, the executor retries (never both, so they cannot multiply)."""
import pytest

from ccdsl.runtime.providers.base import ResolvedResource, Throttled


def test_a_throttled_call_is_sent_once_and_surfaces_as_throttled(stubbed):
    from botocore.awsrequest import AWSResponse

    provider, _ = stubbed
    client = provider.clients("sns")
    sent = []

    def throttle(request, **_):
        sent.append(request.url)
        body = (b'<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>'
                b'<Message>Rate exceeded</Message></Error></ErrorResponse>')
        return AWSResponse(request.url, 400, {}, _Raw(body))

    client.meta.events.register("before-send.sns", throttle)
    with pytest.raises(Throttled, match="Throttling"):
        provider.create_sync(ResolvedResource("alarm.topic", "aws_sns_topic", "alarms", {"Name": "alarms"}))
    assert len(sent) == 1  # the executor's backoff is the only retry


def test_clients_are_configured_without_botocore_retries(stubbed):
    from ccdsl.runtime.providers.aws.clients import BOTOCORE_RETRIES

    provider, _ = stubbed
    assert provider.clients("connect").meta.config.retries == BOTOCORE_RETRIES
    assert BOTOCORE_RETRIES["total_max_attempts"] == 1


class _Raw:
    def __init__(self, body: bytes):
        self.body = body

    def stream(self, **_):
        yield self.body
