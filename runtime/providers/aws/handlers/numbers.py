"""Phone numbers: search, claim, poll until CLAIMED; adopt numbers already claimed for the site.

A claim is asynchronous and AWS offers no waiter, so ``DescribePhoneNumber`` is polled. Claims are
made idempotent twice over: a ``ClientToken`` derived from the resource address (a retried claim returns
the first one), and before searching, numbers already claimed to the same target with the same
country, type and description are adopted. Released numbers enter a long cooldown, so destroy keeps
numbers unless asked to release them.
"""
from __future__ import annotations

import hashlib

from ccdsl.runtime.providers.base import ProviderError

from ..engine import Context, Handler
from ..errors import is_not_found, translate
from ..local_inputs import local_values

_SEARCH = ("PhoneNumberCountryCode", "PhoneNumberType", "PhoneNumberPrefix")


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
        available = self.call(ctx, "search_available_phone_numbers", **target, MaxResults=1,
                              **{k: v for k, v in search.items()})
        numbers = available.get("AvailableNumbersList") or []
        if not numbers:
            raise ProviderError(f"no {search.get('PhoneNumberType')} number available in "
                                f"{search.get('PhoneNumberCountryCode')}")
        number = numbers[0]["PhoneNumber"]
        claim = {k: v for k, v in self.create_kwargs(ctx, inputs).items()
                 if k in self.members(ctx, "claim_phone_number") and k not in ("TargetArn", "InstanceId")}
        claim.setdefault("ClientToken", _token(ctx.address or repr(sorted(search.items()))))
        response = self.call(ctx, "claim_phone_number", **target, **claim, PhoneNumber=number)
        outputs = {"id": response["PhoneNumberId"], "arn": response["PhoneNumberArn"], "number": number}
        self.wait_claimed(ctx, outputs["id"])
        return outputs

    def wait_claimed(self, ctx: Context, number_id: str) -> None:
        def probe():
            response, error = self.try_call(ctx, "describe_phone_number", PhoneNumberId=number_id)
            if error is not None:
                if is_not_found(error):  # a claim moments old may not be visible yet
                    return "not visible yet"
                raise translate(error, "describe_phone_number")
            return response["ClaimedPhoneNumberSummary"].get("PhoneNumberStatus", {}).get("Status")

        ctx.poll(f"phone number {number_id}", probe, {"CLAIMED"}, {"FAILED"})

    def adopt(self, ctx: Context, inputs, search: dict, target: dict):
        args = {**target}
        if "PhoneNumberCountryCode" in search:
            args["PhoneNumberCountryCodes"] = [search["PhoneNumberCountryCode"]]
        if "PhoneNumberType" in search:
            args["PhoneNumberTypes"] = [search["PhoneNumberType"]]
        if "PhoneNumberPrefix" in search:
            args["PhoneNumberPrefix"] = search["PhoneNumberPrefix"]
        description = inputs.get("PhoneNumberDescription")
        for item in self.list_items(ctx, "list_phone_numbers_v2", "ListPhoneNumbersSummaryList", args):
            summary = self.call(ctx, "describe_phone_number", PhoneNumberId=item["PhoneNumberId"])
            claimed = summary["ClaimedPhoneNumberSummary"]
            if description is None or claimed.get("PhoneNumberDescription") == description:
                status = claimed.get("PhoneNumberStatus", {}).get("Status")
                if status == "IN_PROGRESS":
                    self.wait_claimed(ctx, item["PhoneNumberId"])
                elif status == "FAILED":
                    continue
                return {"id": item["PhoneNumberId"], "arn": item["PhoneNumberArn"], "number": item["PhoneNumber"]}
        return None

    def read(self, ctx: Context, inputs, outputs):
        response, error = self.try_call(ctx, "describe_phone_number", PhoneNumberId=outputs["id"])
        if error is not None:
            if is_not_found(error):
                return None
            raise translate(error, "describe_phone_number")
        claimed = response["ClaimedPhoneNumberSummary"]
        if claimed.get("PhoneNumberStatus", {}).get("Status") == "FAILED":
            return None
        return {**outputs, "number": claimed.get("PhoneNumber", outputs.get("number"))}

    def update(self, ctx: Context, inputs, outputs, changed):
        if "PhoneNumberDescription" in changed or "Tags" in changed:
            ctx.say("description and tags of a claimed number are kept")
        return dict(outputs)


def _token(text: str) -> str:
    return hashlib.sha256(f"ccdsl:{text}".encode()).hexdigest()[:64]
