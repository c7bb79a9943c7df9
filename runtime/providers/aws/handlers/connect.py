"""Amazon Connect types beyond one call each: the instance (polled until ACTIVE), queues and routing
profiles (lists chunked to the per-call caps), users (security profiles by name), security-profile
lookups, storage configs and the association steps (idempotent by listing first)."""
from __future__ import annotations

import re
from typing import Any

from ccdsl.runtime.providers.base import ProviderError, Transient

from ..engine import Context, Handler
from . import passwords

QUEUE_CONFIGS_PER_CALL = 10  # CreateRoutingProfile / AssociateRoutingProfileQueues: the one place they are chunked
QUICK_CONNECTS_PER_CALL = 50  # AssociateQueueQuickConnects / CreateQueue
_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


class ConnectInstance(Handler):
    def adopted(self, ctx: Context, inputs, outputs):
        self.after_create(ctx, inputs, outputs)  # an adopted instance may still be being created
        return outputs


class Queue(Handler):
    """``QuickConnectIds`` beyond the 50 CreateQueue takes are associated in further calls."""

    def create_kwargs(self, ctx: Context, inputs):
        kwargs = super().create_kwargs(ctx, inputs)
        if len(kwargs.get("QuickConnectIds") or []) > QUICK_CONNECTS_PER_CALL:
            kwargs["QuickConnectIds"] = kwargs["QuickConnectIds"][:QUICK_CONNECTS_PER_CALL]
        return kwargs

    def after_create(self, ctx: Context, inputs, outputs):
        rest = (inputs.get("QuickConnectIds") or [])[QUICK_CONNECTS_PER_CALL:]
        for part in chunks(rest, QUICK_CONNECTS_PER_CALL):
            self.step(ctx, "associate_quick_connects", inputs, outputs, QuickConnectIds=part)
        super().after_create(ctx, inputs, outputs)


class RoutingProfile(Handler):
    """Queue configs: 10 per call, on create and on update (added, changed, removed).

    The routing profile's inputs hold *all* its queue configs (the compiler does not split them), so the
    update can reconcile the whole list against what AWS lists without dropping any."""

    def create_kwargs(self, ctx: Context, inputs):
        kwargs = super().create_kwargs(ctx, inputs)
        for key in ("QueueConfigs", "ManualAssignmentQueueConfigs"):
            if kwargs.get(key):
                kwargs[key] = kwargs[key][:QUEUE_CONFIGS_PER_CALL]
        return kwargs

    def after_create(self, ctx: Context, inputs, outputs):
        for key in ("QueueConfigs", "ManualAssignmentQueueConfigs"):
            rest = (inputs.get(key) or [])[QUEUE_CONFIGS_PER_CALL:]
            for part in chunks(rest, QUEUE_CONFIGS_PER_CALL):
                self.step(ctx, "associate_queues", inputs, outputs, **{key: part})
        super().after_create(ctx, inputs, outputs)

    def update(self, ctx: Context, inputs, outputs, changed):
        others = set(changed) - {"QueueConfigs", "ManualAssignmentQueueConfigs"}
        if others:
            outputs = super().update(ctx, inputs, outputs, others)
        if "QueueConfigs" in changed:
            self.sync_queues(ctx, inputs, outputs)
        if "ManualAssignmentQueueConfigs" in changed:
            self.sync_manual_queues(ctx, inputs, outputs)
        return dict(outputs)

    def sync_manual_queues(self, ctx: Context, inputs, outputs) -> None:
        """Manual-assignment queues: those AWS lists but the site no longer names are disassociated, new
        ones associated (ListRoutingProfileManualAssignmentQueues, Associate/DisassociateRoutingProfileQueues)."""
        current = {(q["QueueId"], q["Channel"]) for q in self.listed(ctx, "manual_queues", inputs, outputs)}
        wanted = {(c["QueueReference"]["QueueId"], c["QueueReference"]["Channel"]): c
                  for c in inputs.get("ManualAssignmentQueueConfigs") or []}
        removed = [{"QueueId": q, "Channel": ch} for (q, ch) in sorted(current) if (q, ch) not in wanted]
        added = [c for k, c in wanted.items() if k not in current]
        for part in chunks(removed, QUEUE_CONFIGS_PER_CALL):
            self.step(ctx, "disassociate_queues", inputs, outputs, ManualAssignmentQueueReferences=part)
        for part in chunks(added, QUEUE_CONFIGS_PER_CALL):
            self.step(ctx, "associate_queues", inputs, outputs, ManualAssignmentQueueConfigs=part)

    def sync_queues(self, ctx: Context, inputs, outputs) -> None:
        current = {(q["QueueId"], q["Channel"]): q for q in self.listed(ctx, "queues", inputs, outputs)}
        wanted = {(c["QueueReference"]["QueueId"], c["QueueReference"]["Channel"]): c
                  for c in inputs.get("QueueConfigs") or []}
        added = [c for k, c in wanted.items() if k not in current]
        changed = [c for k, c in wanted.items()
                   if k in current and (current[k]["Priority"], current[k]["Delay"]) != (c["Priority"], c["Delay"])]
        removed = [{"QueueId": q, "Channel": ch} for (q, ch) in current if (q, ch) not in wanted]
        for part in chunks(removed, QUEUE_CONFIGS_PER_CALL):
            self.step(ctx, "disassociate_queues", inputs, outputs, QueueReferences=part)
        for part in chunks(changed, QUEUE_CONFIGS_PER_CALL):
            self.step(ctx, "update_queues", inputs, outputs, QueueConfigs=part)
        for part in chunks(added, QUEUE_CONFIGS_PER_CALL):
            self.step(ctx, "associate_queues", inputs, outputs, QueueConfigs=part)


def security_profile(ctx: Context, handler: Handler, inputs: dict[str, Any], name: str) -> dict[str, Any]:
    """The outputs of the security profile called ``name`` (new instances ship Admin, Agent, …), read by the
    entry's ``security_profiles`` list call."""
    for profile in handler.listed(ctx, "security_profiles", inputs):
        found = handler.found(ctx, "security_profiles", profile, inputs)
        if found.get("name") == name:
            return found
    raise ProviderError(f"instance {inputs['InstanceId']} has no security profile named {name!r}")


class User(Handler):
    """Security profiles may be given by name; they are looked up on the instance. On a CONNECT_MANAGED
    instance an agent without a password gets a generated one, kept in Secrets Manager (:mod:`.passwords`)."""

    def create_kwargs(self, ctx: Context, inputs):
        kwargs = super().create_kwargs(ctx, inputs)
        if kwargs.get("SecurityProfileIds"):
            kwargs["SecurityProfileIds"] = [p if _ID.match(p) else security_profile(ctx, self, inputs, p)["id"]
                                            for p in kwargs["SecurityProfileIds"]]
        return kwargs

    def create(self, ctx: Context, inputs):
        if inputs.get("Password") or passwords.identity_type(ctx, self, inputs) != "CONNECT_MANAGED":
            return super().create(ctx, inputs)
        tags = dict(inputs.get("Tags") or {})
        name = passwords.secret_name(tags.get("ccdsl:site", ""), inputs["Username"])
        password = passwords.stored_or_new(ctx, self, name, tags)
        outputs = super().create(ctx, {**inputs, "Password": password})
        ctx.say(f"initial password stored in AWS Secrets Manager secret {name}")
        return {**outputs, "password_secret": name}

    def delete(self, ctx: Context, inputs, outputs):
        super().delete(ctx, inputs, outputs)
        if outputs.get("password_secret"):  # the generated password goes with its agent (7-day recovery)
            passwords.forget(ctx, self, outputs["password_secret"])

    def update(self, ctx: Context, inputs, outputs, changed):
        return super().update(ctx, inputs, outputs, set(changed) - {"Password"})


class SecurityProfile(Handler):
    """A lookup by name: nothing is created or deleted."""

    def create(self, ctx: Context, inputs):
        return security_profile(ctx, self, inputs, _wanted_name(inputs))

    def read(self, ctx: Context, inputs, outputs):
        try:
            return self.create(ctx, inputs)
        except ProviderError:
            return None

    def update(self, ctx: Context, inputs, outputs, changed):
        return self.create(ctx, inputs)


def _wanted_name(inputs: dict[str, Any]) -> str:
    for path in (("Name",), ("SecurityProfileName",), ("SearchCriteria", "StringCondition", "Value")):
        value: Any = inputs
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, str):
            return value
    raise ProviderError("a security profile lookup needs a name")


class Membership(Handler):
    """An association step made idempotent by listing what is already associated first.

    What is associated is listed by the entry's ``present`` call (its ``member`` output is one associated
    value); subclasses say what is wanted (``member``: the input holding one value or a list) and how many
    values one call takes (``chunk``; 0 for single-value calls).
    """

    member: str = ""
    chunk: int = 0

    def present(self, ctx: Context, inputs) -> set:
        return {self.found(ctx, "present", item, inputs).get("member")
                for item in self.listed(ctx, "present", inputs)}

    def wanted(self, inputs) -> list:
        value = _dig(inputs, self.member)
        return list(value) if isinstance(value, list) else [value]

    def create(self, ctx: Context, inputs):
        present = self.present(ctx, inputs)
        missing = [v for v in self.wanted(inputs) if v not in present]
        if missing:
            kwargs = self.create_kwargs(ctx, inputs)
            for part in chunks(missing, self.chunk) if self.chunk else [None]:
                self.call(ctx, self.spec.create, **(kwargs if part is None else {**kwargs, self.member: part}))
        return self.outputs_from(ctx, inputs, {})

    def read(self, ctx: Context, inputs, outputs):
        return dict(outputs) if set(self.wanted(inputs)) <= self.present(ctx, inputs) else None

    def update(self, ctx: Context, inputs, outputs, changed):
        self.create(ctx, inputs)
        return dict(outputs)

    def delete(self, ctx: Context, inputs, outputs):
        associated = self.present(ctx, inputs)
        present = [v for v in self.wanted(inputs) if v in associated]
        if not present or self.spec.delete is None:
            return
        key = self.key(ctx, inputs, outputs, self.spec.delete)
        for part in chunks(present, self.chunk) if self.chunk else [None]:
            self.call(ctx, self.spec.delete, **(key if part is None else {**key, self.member: part}))


def _dig(data, path: str):
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


class QueueQuickConnects(Membership):
    member, chunk = "QuickConnectIds", QUICK_CONNECTS_PER_CALL


class ApprovedOrigin(Membership):
    member = "Origin"


class LambdaAssociation(Membership):
    member = "FunctionArn"


class BotAssociation(Membership):
    """AssociateBot is refused with InvalidRequestException for a while after the bot alias (or its
    resource policy) is created; Terraform retries it (internal/service/connect/bot_association.go)."""

    member = "LexV2Bot.AliasArn"

    def create(self, ctx, inputs):
        try:
            return super().create(ctx, inputs)
        except ProviderError as error:
            if isinstance(error, Transient) or "InvalidRequestException" not in str(error):
                raise
            raise Transient(f"{error} (a new bot alias is not associable yet)") from None


class StorageConfig(Handler):
    """Adopt an association of the same resource type and storage type instead of adding a second."""

    def create(self, ctx: Context, inputs):
        wanted = inputs["StorageConfig"].get("StorageType")
        for config in self.listed(ctx, "existing", inputs):
            if config.get("StorageType") == wanted:
                outputs = self.found(ctx, "existing", config, inputs)
                ctx.say("adopted the existing storage config")
                return self.update(ctx, inputs, outputs, set(inputs))
        return super().create(ctx, inputs)
