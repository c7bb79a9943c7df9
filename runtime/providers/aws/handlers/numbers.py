"""Phone numbers: search, claim, poll until CLAIMED; adopt numbers already claimed for the site.

A claim is asynchronous and AWS offers no waiter, so ``DescribePhoneNumber`` is polled. Claims are
made idempotent twice over: a ``ClientToken`` derived from the resource address (a UUID, as the API
requires; a retried claim returns the first one), and before searching, numbers already claimed to the
same target with the same country, type and description are adopted.

Several numbers of one country and type are claimed in parallel: each claim skips numbers another claim
of this run holds, searches several candidates, and moves to the next one when AWS answers "not
available" (someone else took it between search and claim). Released numbers enter a long cooldown, so
destroy keeps numbers unless asked to release them.
"""
from __future__ import annotations

import threading
import uuid

from ccdsl.compiler.registry.expressions import evaluate
from ccdsl.runtime.providers.base import ProviderError, Transient

from ..engine import Context, Handler
from ..errors import code_of, translate
from ..local_inputs import local_values

_SEARCH = ("PhoneNumberCountryCode", "PhoneNumberType", "PhoneNumberPrefix")
#: ClaimPhoneNumber ClientToken is a UUID (API reference pattern); derived from the address so retries match
TOKEN_NAMESPACE = uuid.UUID("6f2b9c1e-3a5d-4e0b-9c7a-1d2e3f405162")
CANDIDATES = 10  # numbers asked of SearchAvailablePhoneNumbers per claim
_HELD: set[str] = set()  # numbers a claim of this process is working on
_HELD_LOCK = threading.Lock()


def client_token(address: str) -> str:
    """A UUID for ClaimPhoneNumber's ClientToken, the same for the same resource address."""
    return str(uuid.uuid5(TOKEN_NAMESPACE, f"ccdsl:{address}"))


def _not_available(error) -> bool:
    text = str(getattr(error, "response", {}).get("Error", {}).get("Message", "")).lower()
    return code_of(error) in ("InvalidParameterException", "ResourceConflictException",
                              "IdempotencyException") and "not available" in text


class PhoneNumber(Handler):
    def _search(self, inputs) -> dict:
        found = local_values(inputs, self.spec.local_inputs, "search")
        return found or {k: inputs[k] for k in _SEARCH if k in inputs}

    def _target(self, inputs) -> dict:
        return {k: inputs[k] for k in ("TargetArn", "InstanceId") if inputs.get(k)}

    def create(self, ctx: Context, inputs):
        search = self._search(inputs)
        target = self._target(inputs)
        if not target:
            raise ProviderError("a phone number needs TargetArn or InstanceId (the instance that claims it)")
        adopted = self.adopt(ctx, inputs, search, target)
        if adopted is not None:
            ctx.say(f"adopted {adopted['number']}")
            return adopted
        claim = {k: v for k, v in self.create_kwargs(ctx, inputs).items()
                 if k in self.members(ctx, self.spec.create) and k not in ("TargetArn", "InstanceId")}
        claim.setdefault("ClientToken", client_token(ctx.address or repr(sorted(search.items()))))
        if claim.get("PhoneNumber"):  # the site names the very number: claim it, no search
            response, error = self.try_call(ctx, self.spec.create, **target, **claim)
            if error is not None:
                if _not_available(error):
                    raise ProviderError(f"{claim['PhoneNumber']} is not available to claim: {error}")
                raise translate(error, self.spec.create)
            number = claim["PhoneNumber"]
        else:
            response, number = self.claim(ctx, target, search, claim)
        outputs = self.outputs_from(ctx, inputs, {**response, "PhoneNumber": number})
        self.wait_claimed(ctx, inputs, outputs)
        return outputs

    def claim(self, ctx: Context, target: dict, search: dict, claim: dict) -> tuple[dict, str]:
        """Search candidates and claim the first one nobody holds; "not available" moves to the next."""
        what = f"{search.get('PhoneNumberType', '')} number in {search.get('PhoneNumberCountryCode', '')}"
        if search.get("PhoneNumberPrefix"):
            what += f" starting {search['PhoneNumberPrefix']}"
        available = self.step(ctx, "search", **target, MaxResults=CANDIDATES, **search)
        numbers = [n["PhoneNumber"] for n in available.get("AvailableNumbersList") or []]
        if not numbers:
            raise ProviderError(f"no {what} is available")
        token = claim.get("ClientToken")
        for number in numbers:
            with _HELD_LOCK:
                if number in _HELD:
                    continue
                _HELD.add(number)
            try:
                response, error = self.try_call(ctx, self.spec.create, **target, **claim, PhoneNumber=number)
                if error is None:
                    return response, number
                if not _not_available(error):
                    raise translate(error, self.spec.create)
                ctx.say(f"{number} was taken meanwhile: trying the next one")
                if token:  # a token is bound to the first request's parameters: a new number needs a new one
                    claim = {**claim, "ClientToken": str(uuid.uuid5(TOKEN_NAMESPACE, f"{token}:{number}"))}
            finally:
                with _HELD_LOCK:
                    _HELD.discard(number)
        raise Transient(f"every {what} found was taken by another claim: searching again")

    def wait_claimed(self, ctx: Context, inputs, outputs) -> None:
        """The entry's poll (DescribePhoneNumber until CLAIMED): a claim is asynchronous."""
        self.poll(ctx, inputs, outputs)

    def adopt(self, ctx: Context, inputs, search: dict, target: dict):
        args = {**target}
        if "PhoneNumberCountryCode" in search:
            args["PhoneNumberCountryCodes"] = [search["PhoneNumberCountryCode"]]
        if "PhoneNumberType" in search:
            args["PhoneNumberTypes"] = [search["PhoneNumberType"]]
        if "PhoneNumberPrefix" in search:
            args["PhoneNumberPrefix"] = search["PhoneNumberPrefix"]
        description = inputs.get("PhoneNumberDescription")
        poll = self.spec.poll
        assert poll is not None and self.spec.read is not None, "a phone number's entry names its read and poll"
        wanted = inputs.get("PhoneNumber")  # a site that names its number adopts only that one
        for item in self.listed(ctx, "claimed", **args):
            found = self.found(ctx, "claimed", item, inputs)
            if wanted and found.get("number") != wanted:
                continue
            summary = self.call(ctx, self.spec.read, **self.key(ctx, inputs, found, self.spec.read))
            claimed = summary["ClaimedPhoneNumberSummary"]
            if wanted or description is None or claimed.get("PhoneNumberDescription") == description:
                status = evaluate(poll.status, {"res": summary})
                if status in poll.failed:
                    continue
                if status not in poll.ready:
                    self.wait_claimed(ctx, inputs, found)
                return found
        return None

    def update(self, ctx: Context, inputs, outputs, changed):
        if "PhoneNumberDescription" in changed or "Tags" in changed:
            ctx.say("description and tags of a claimed number are kept")
        return dict(outputs)

