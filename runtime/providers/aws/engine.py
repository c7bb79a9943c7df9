"""The generic handler: create / read / update / delete driven by a registry entry
(:class:`~ccdsl.compiler.registry.ResourceType`).

Per-type modules in ``handlers/`` subclass :class:`Handler` for what the table cannot say.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ccdsl.compiler.registry import Call, ResourceType
from ccdsl.compiler.registry.expressions import evaluate, evaluate_all
from ccdsl.runtime.providers.base import ProviderError, Transient

from .clients import Clients
from .errors import code_of, iam_patient, is_not_found, refuse_documented, translate, waiter_failed
from .local_inputs import prepare


@dataclass(slots=True)
class Context:
    """What a handler needs for one resource: clients, settings and a way to report progress."""

    clients: Clients
    address: str = ""
    progress: Callable[[str, str], None] | None = None
    region: str | None = None  # where this resource lives, when not the site's region
    source_dir: str = "."  # the site's folder: local files (Lambda packages, web pages) are relative to it

    @property
    def settings(self):
        return self.clients.settings

    def say(self, message: str) -> None:
        if self.progress is not None:
            self.progress(self.address, message)

    def call(self, service: str, method: str, region: str | None = None, **kwargs) -> dict[str, Any]:
        """One boto3 call; errors become Throttled / Transient / ProviderError."""
        from botocore.exceptions import ClientError

        send = getattr(self.clients(service, region), method)
        try:
            return iam_patient(lambda: send(**kwargs), self.settings.poll_delay_s)
        except ClientError as error:
            raise translate(error, method) from None
        except ProviderError:
            raise
        except Exception as error:  # botocore's own exceptions (connection, validation)
            raise translate(error, method) from None

    def try_call(self, service: str, method: str, region: str | None = None, **kwargs):
        """Like :meth:`call`, but returns ``(None, error)`` for a ClientError instead of raising."""
        from botocore.exceptions import ClientError

        send = getattr(self.clients(service, region), method)
        try:
            return iam_patient(lambda: send(**kwargs), self.settings.poll_delay_s), None
        except ClientError as error:
            return None, error
        except ProviderError:
            raise
        except Exception as error:
            raise translate(error, method) from None

    def wait(self, service: str, name: str, region: str | None = None, **kwargs) -> None:
        """A botocore waiter with the configured patience (``WaiterConfig``)."""
        from botocore.exceptions import WaiterError

        config = self.settings.waiter_config()
        if config:
            kwargs["WaiterConfig"] = config
        try:
            self.clients(service, region).get_waiter(name).wait(**kwargs)
        except WaiterError as error:
            raise waiter_failed(name, error) from None

    def poll(self, what: str, probe: Callable[[], str | None], done: set[str], failed: set[str]) -> str:
        """Call ``probe`` until it returns a status in ``done`` (for APIs without a waiter)."""
        deadline = time.monotonic() + self.settings.poll_timeout_s
        while True:
            status = probe()
            if status in done:
                return status
            if status in failed:
                raise ProviderError(f"{what} ended in status {status}")
            if time.monotonic() >= deadline:
                raise Transient(f"{what}: still {status} after {self.settings.poll_timeout_s:.0f}s")
            self.say(f"{what}: {status}")
            time.sleep(self.settings.poll_delay_s)


def _client(call: Call) -> dict[str, str]:
    """``service=`` for a call on another client than the type's own (nothing otherwise)."""
    return {"service": call.service} if call.service else {}


class _Lazy:
    """The account id, fetched (once) only when an expression uses it."""

    def __init__(self, clients: Clients):
        self._clients = clients

    def __str__(self) -> str:
        return self._clients.account


class Handler:
    """Create / read / update / delete of one resource type, as its registry entry says."""

    def __init__(self, spec: ResourceType):
        self.spec = spec

    # -- helpers -------------------------------------------------------------------------------
    def context(self, ctx: Context, inputs, outputs=None, response=None) -> dict[str, Any]:
        return {"region": ctx.clients.region if ctx.region is None else ctx.region,
                "partition": ctx.clients.partition, "account": _Lazy(ctx.clients),
                "in": inputs, "out": outputs or {}, "res": response or {}}

    def region_for(self, inputs) -> str | None:
        return self.spec.region

    def call(self, ctx: Context, method: str, service: str | None = None, **kwargs):
        """One call of the type (refused before sending when it breaks a documented AWS rule of the type:
        the simulator rejects the same)."""
        refuse_documented(self.spec.type, method, kwargs)
        return ctx.call(service or self.spec.service, method, ctx.region, **kwargs)

    def try_call(self, ctx: Context, method: str, service: str | None = None, **kwargs):
        refuse_documented(self.spec.type, method, kwargs)
        return ctx.try_call(service or self.spec.service, method, ctx.region, **kwargs)

    # -- the entry's procedural calls, by role (ResourceType.procedure) --------------------------
    def op(self, role: str) -> str:
        """The boto3 method (or waiter) the entry names for ``role``."""
        return self.spec.step(role).op

    def step(self, ctx: Context, role: str, inputs=None, outputs=None, **kwargs) -> dict[str, Any]:
        """Make the call named ``role``: its declared args (over inputs/outputs), then ``kwargs``."""
        call = self.spec.step(role)
        return self.call(ctx, call.op, **_client(call), **self.step_args(ctx, call, inputs, outputs), **kwargs)

    def try_step(self, ctx: Context, role: str, inputs=None, outputs=None, **kwargs):
        call = self.spec.step(role)
        return self.try_call(ctx, call.op, **_client(call), **self.step_args(ctx, call, inputs, outputs), **kwargs)

    def step_args(self, ctx: Context, call: Call, inputs, outputs) -> dict[str, Any]:
        return evaluate_all(call.args, self.context(ctx, inputs or {}, outputs)) if call.args else {}

    def listed(self, ctx: Context, role: str, inputs=None, outputs=None, **kwargs):
        """The entries of the list call named ``role`` (every page)."""
        call = self.spec.step(role)
        assert call.items is not None, f"{self.spec.type} {role}: a list call names its items"
        args = {**self.step_args(ctx, call, inputs, outputs), **kwargs}
        return self.list_items(ctx, call.op, call.items, args, call.service)

    def found(self, ctx: Context, role: str, item: dict, inputs=None) -> dict[str, Any]:
        """The outputs the call named ``role`` declares, read from one of its entries (or its response)."""
        context = {**self.context(ctx, inputs or {}), "item": item, "res": item}
        values = evaluate_all(self.spec.step(role).outputs, context)
        return {k: (str(v) if isinstance(v, _Lazy) else v) for k, v in values.items()}

    def wait_step(self, ctx: Context, role: str, **kwargs) -> None:
        call = self.spec.step(role)
        ctx.say(f"waiting: {call.op}")
        ctx.wait(call.service or self.spec.service, call.op, ctx.region, **kwargs)

    def members(self, ctx: Context, method: str) -> set[str]:
        client = ctx.clients(self.spec.service, ctx.region)
        model = client.meta.service_model.operation_model(client.meta.method_to_api_mapping[method])
        return set(model.input_shape.members) if model.input_shape is not None else set()

    def key(self, ctx: Context, inputs, outputs, method: str | None = None) -> dict[str, Any]:
        """The arguments naming the resource, limited to those ``method`` accepts."""
        values = evaluate_all(self.spec.key, self.context(ctx, inputs, outputs))
        values = {k: (str(v) if isinstance(v, _Lazy) else v) for k, v in values.items()}
        if method is None:
            return values
        accepted = self.members(ctx, method)
        return {k: v for k, v in values.items() if k in accepted}

    def outputs_from(self, ctx: Context, inputs, response, outputs=None) -> dict[str, Any]:
        """Outputs in two passes: those reading ``out.`` see the ones computed first."""
        first = {k: e for k, e in self.spec.outputs.items() if "out." not in str(e)}
        values = evaluate_all(first, self.context(ctx, inputs, outputs, response))
        rest = {k: e for k, e in self.spec.outputs.items() if k not in first}
        values.update(evaluate_all(rest, self.context(ctx, inputs, {**(outputs or {}), **values}, response)))
        return {k: (str(v) if isinstance(v, _Lazy) else v) for k, v in values.items()}

    def create_kwargs(self, ctx: Context, inputs) -> dict[str, Any]:
        return prepare(inputs, self.spec.local_inputs, ctx.source_dir)

    # -- lifecycle -----------------------------------------------------------------------------
    def create(self, ctx: Context, inputs: dict[str, Any]) -> dict[str, Any]:
        spec = self.spec
        if spec.find is not None:
            found = self.find(ctx, inputs)
            if found is not None:
                ctx.say("adopted an existing resource with the same name")
                return self.adopted(ctx, inputs, found)
        response, error = self.try_call(ctx, spec.create, **self.create_kwargs(ctx, inputs))
        if error is not None:
            if code_of(error) in spec.exists:
                ctx.say("already exists: adopting it")
                if spec.find is not None:  # listed a moment ago without it: look again
                    adopted = self.find(ctx, inputs)
                else:
                    adopted = self.read(ctx, inputs, self.outputs_from(ctx, inputs, {}))
                if adopted is not None:
                    return self.adopted(ctx, inputs, adopted)
            if is_not_found(error):  # a dependency created moments ago is not visible yet
                raise Transient(f"{spec.create}: {code_of(error)}: not visible yet: {error}") from None
            raise translate(error, spec.create)
        problem = evaluate(spec.create_result, {"res": response}) if spec.create_result else None
        if problem:
            raise ProviderError(f"{spec.create}: {problem}")
        outputs = self.outputs_from(ctx, inputs, response)
        self.after_create(ctx, inputs, outputs)
        return outputs

    def after_create(self, ctx: Context, inputs, outputs) -> None:
        spec = self.spec
        if spec.create_waiter:
            self.wait_created(ctx, inputs, outputs)
        elif spec.poll is not None:
            self.poll(ctx, inputs, outputs)
        for method in spec.then:
            self.call(ctx, method, **self.key(ctx, inputs, outputs, method))

    def wait_created(self, ctx: Context, inputs, outputs) -> None:
        """The entry's create waiter (also what an update waits for where AWS changes the resource slowly)."""
        assert self.spec.create_waiter is not None, "waited for only by a type whose entry has a create waiter"
        name, args = self.spec.create_waiter
        ctx.say(f"waiting: {name}")
        ctx.wait(self.spec.service, name, ctx.region, **evaluate_all(args, self.context(ctx, inputs, outputs)))

    def poll(self, ctx: Context, inputs, outputs) -> str:
        poll = self.spec.poll
        assert poll is not None, "polled only for a spec that has a poll"
        kwargs = self.key(ctx, inputs, outputs, poll.op)

        def probe():
            response, error = self.try_call(ctx, poll.op, **kwargs)
            if error is not None:
                if is_not_found(error):  # right after a create, the new resource may not be visible yet
                    return "not visible yet"
                raise translate(error, poll.op)
            return evaluate(poll.status, {"res": response})

        return ctx.poll(f"{self.spec.type} {poll.op}", probe, set(poll.ready), set(poll.failed))

    def adopted(self, ctx: Context, inputs, outputs) -> dict[str, Any]:
        """Bring an adopted resource in line with the inputs (the default: update it in place)."""
        if self.spec.update or self.spec.update_by_input:
            return self.update(ctx, inputs, outputs, set(inputs))
        return outputs

    def find(self, ctx: Context, inputs) -> dict[str, Any] | None:
        find = self.spec.find
        assert find is not None, "called only for a spec that has a find"
        context = self.context(ctx, inputs)
        wanted = evaluate(find.name, context)
        args = evaluate_all(find.args, context)
        for item in self.list_items(ctx, find.op, find.items, args):
            if item.get(find.field) == wanted:
                found = evaluate_all(find.outputs, {**context, "item": item})
                return {k: (str(v) if isinstance(v, _Lazy) else v) for k, v in found.items()}
        return None

    def list_items(self, ctx: Context, method: str, items: str, args: dict[str, Any], service: str | None = None):
        import jmespath

        client = ctx.clients(service or self.spec.service, ctx.region)
        if not client.can_paginate(method):  # page by hand on the token the response carries
            args = dict(args)
            while True:
                page = self.call(ctx, method, **({"service": service} if service else {}), **args)
                yield from jmespath.search(items, page) or []
                token = next((n for n in ("nextToken", "NextToken", "NextMarker") if page.get(n)), None)
                if token is None:
                    return
                args[token] = page[token]
        try:
            for page in client.get_paginator(method).paginate(**args):
                yield from jmespath.search(items, page) or []
        except ProviderError:
            raise
        except Exception as error:
            raise translate(error, method) from None

    def read(self, ctx: Context, inputs, outputs) -> dict[str, Any] | None:
        spec = self.spec
        if spec.read is None:
            return dict(outputs)
        response, error = self.try_call(ctx, spec.read, **self.key(ctx, inputs, outputs, spec.read))
        if error is not None:
            if is_not_found(error):
                return None
            raise translate(error, spec.read)
        if spec.gone and evaluate(spec.gone, {"res": response}):
            return None
        # outputs the create response would have given, where the read response has the same shape
        same_shape = {k: v for k, v in self.outputs_from(ctx, inputs, response, outputs).items() if k not in outputs}
        fresh = evaluate_all(spec.read_outputs or {}, self.context(ctx, inputs, outputs, response))
        return {**same_shape, **outputs, **fresh}

    def update(self, ctx: Context, inputs, outputs, changed: set[str]) -> dict[str, Any]:
        spec = self.spec
        by_input = {k: op for k, op in spec.update_by_input.items() if k in changed}  # in the table's order
        rest = set(changed) - set(by_input)
        if rest and spec.update is None and not by_input:
            raise ProviderError(f"{spec.type} cannot be updated in place (changed: {', '.join(sorted(changed))})")
        for method in dict.fromkeys(by_input.values()):  # one call per update operation, in order
            accepted = self.members(ctx, method)
            kwargs = {k: v for k, v in self.create_kwargs(ctx, inputs).items() if k in accepted}
            kwargs.update(self.key(ctx, inputs, outputs, method))
            self.call(ctx, method, **kwargs)
        if rest and spec.update is not None:
            response = self.call(ctx, spec.update, **self.update_kwargs(ctx, inputs, outputs, rest))
            if spec.update == spec.create:
                outputs = {**outputs, **self.outputs_from(ctx, inputs, response, outputs)}
        return dict(outputs)

    def update_kwargs(self, ctx: Context, inputs, outputs, changed: set[str]) -> dict[str, Any]:
        spec = self.spec
        kwargs = self.create_kwargs(ctx, inputs)
        if spec.update_mode != "put":
            assert spec.update is not None, "an updatable spec names its update call"
            accepted = self.members(ctx, spec.update)
            kwargs = {k: v for k, v in kwargs.items()
                      if k in accepted and (spec.update_mode == "model" or k in changed)}
        kwargs.update(self.key(ctx, inputs, outputs, spec.update))
        return kwargs

    def delete(self, ctx: Context, inputs, outputs) -> None:
        spec = self.spec
        if spec.delete is None or spec.kind == "data":
            return
        context = self.context(ctx, inputs, outputs)
        kwargs = {**self.key(ctx, inputs, outputs, spec.delete), **evaluate_all(spec.delete_args, context)}
        response, error = self.try_call(ctx, spec.delete, **kwargs)
        if error is not None:
            if is_not_found(error):
                return
            raise translate(error, spec.delete)
        if spec.delete_waiter:
            name, args = spec.delete_waiter
            ctx.wait(spec.service, name, ctx.region, **evaluate_all(args, context))
