"""Lex V2: waiters with configurable patience, locales that may already exist, resource policies."""
from __future__ import annotations

from ..engine import Context, Handler
from ..errors import is_not_found, translate


class BotLocale(Handler):
    """``CreateBotLocale`` on an existing locale fails; adopt it and bring it in line instead."""

    def create(self, ctx: Context, inputs):
        key = self.key(ctx, inputs, {}, "describe_bot_locale")
        current, error = self.try_call(ctx, "describe_bot_locale", **key)
        if error is None and current.get("botLocaleStatus") not in ("Deleting", "Failed"):
            ctx.say("locale exists: updating it")
            outputs = self.outputs_from(ctx, inputs, current)
            return self.update(ctx, inputs, outputs, set(inputs))
        if error is not None and not is_not_found(error):
            raise translate(error, "describe_bot_locale")
        return super().create(ctx, inputs)


class LocaleBuild(Handler):
    """Start a build, then wait with ``bot_locale_built`` (which treats NotBuilt as failure, so the
    waiter only starts after ``BuildBotLocale`` returned)."""

    def update(self, ctx: Context, inputs, outputs, changed):
        return self.create(ctx, inputs)

    def read(self, ctx: Context, inputs, outputs):
        current = super().read(ctx, inputs, outputs)
        if current is None:
            return None
        status = self.call(ctx, "describe_bot_locale", **self.key(ctx, inputs, outputs, "describe_bot_locale"))
        return current if status.get("botLocaleStatus") == "Built" else None


class AliasPolicy(Handler):
    """Resource policies carry a revision: updates and deletes send the one last seen."""

    def _revision(self, ctx: Context, inputs):
        response, error = self.try_call(ctx, "describe_resource_policy", resourceArn=inputs["resourceArn"])
        if error is not None:
            if is_not_found(error):
                return None
            raise translate(error, "describe_resource_policy")
        return response.get("revisionId")

    def create(self, ctx: Context, inputs):
        revision = self._revision(ctx, inputs)
        if revision is not None:
            return self.update(ctx, inputs, {"id": inputs["resourceArn"], "revision": revision}, set(inputs))
        return super().create(ctx, inputs)

    def update(self, ctx: Context, inputs, outputs, changed):
        response = self.call(ctx, "update_resource_policy", resourceArn=inputs["resourceArn"],
                             policy=inputs["policy"], expectedRevisionId=self._revision(ctx, inputs))
        return {**outputs, "revision": response.get("revisionId")}

    def delete(self, ctx: Context, inputs, outputs):
        revision = self._revision(ctx, inputs)
        if revision is None:
            return
        response, error = self.try_call(ctx, "delete_resource_policy", resourceArn=inputs["resourceArn"],
                                        expectedRevisionId=revision)
        if error is not None and not is_not_found(error):
            raise translate(error, "delete_resource_policy")

