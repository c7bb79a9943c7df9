"""Lex V2: waiters with configurable patience, locales that may already exist, alias policy statements,
and bot versions swapped without taking the alias down."""
from __future__ import annotations

import json

from ..engine import Context, Handler
from ..errors import is_not_found, translate


class BotLocale(Handler):
    """``CreateBotLocale`` on an existing locale fails; adopt it and bring it in line instead."""

    def create(self, ctx: Context, inputs):
        read = self.spec.read
        assert read is not None, "a bot locale's entry names its read call"
        current, error = self.try_call(ctx, read, **self.key(ctx, inputs, {}, read))
        if error is None and current.get("botLocaleStatus") not in ("Deleting", "Failed"):
            ctx.say("locale exists: updating it")
            outputs = self.outputs_from(ctx, inputs, current)
            return self.update(ctx, inputs, outputs, set(inputs))
        if error is not None and not is_not_found(error):
            raise translate(error, read)
        return super().create(ctx, inputs)


class LocaleBuild(Handler):
    """Start a build, then wait with ``bot_locale_built`` (which treats NotBuilt as failure, so the
    waiter only starts after ``BuildBotLocale`` returned)."""

    def update(self, ctx: Context, inputs, outputs, changed):
        return self.create(ctx, inputs)

    def read(self, ctx: Context, inputs, outputs):
        current = super().read(ctx, inputs, outputs)  # the entry's read: DescribeBotLocale, status in read_outputs
        return current if current is not None and current.get("status") == "Built" else None


class AliasPolicy(Handler):
    """The statements ccdsl needs on a bot alias's resource policy, added one by one.

    ``CreateResourcePolicyStatement`` adds a statement to whatever policy the alias has (or starts one),
    so ours coexist with statements Amazon Connect or anyone else adds; destroy removes only ours
    (Lex V2 API reference, CreateResourcePolicyStatement / DeleteResourcePolicyStatement). Every change
    sends the revision last seen.
    """

    def _current(self, ctx: Context, arn: str) -> tuple[str | None, dict[str, dict]]:
        """The policy's revision and its statements by Sid (None, {} when the alias has no policy)."""
        read = self.spec.read
        assert read is not None, "an alias policy's entry names its read call"
        response, error = self.try_call(ctx, read, resourceArn=arn)
        if error is not None:
            if is_not_found(error):
                return None, {}
            raise translate(error, read)
        policy = json.loads(response.get("policy") or "{}")
        return response.get("revisionId"), {str(st.get("Sid")): st for st in policy.get("Statement") or []}

    def _wanted(self, inputs) -> list[dict]:
        policy = inputs["policy"]
        policy = json.loads(policy) if isinstance(policy, str) else policy
        return list(policy.get("Statement") or [])

    def create(self, ctx: Context, inputs):
        arn = inputs["resourceArn"]
        revision, present = self._current(ctx, arn)
        for statement in self._wanted(inputs):
            sid = str(statement["Sid"])
            if sid in present:
                if _same(present[sid], statement):
                    continue
                response = self.step(ctx, "remove_statement", resourceArn=arn, statementId=sid,
                                     expectedRevisionId=revision)
                revision = response.get("revisionId")
            kwargs = {"resourceArn": arn, **statement_request(statement)}
            if revision is not None:
                kwargs["expectedRevisionId"] = revision
            revision = self.step(ctx, "add_statement", **kwargs).get("revisionId")
        return self.outputs_from(ctx, inputs, {"revisionId": revision})

    def read(self, ctx: Context, inputs, outputs):
        revision, present = self._current(ctx, inputs["resourceArn"])
        if not all(str(st["Sid"]) in present for st in self._wanted(inputs)):
            return None
        return {**outputs, "revision": revision}

    def update(self, ctx: Context, inputs, outputs, changed):
        return {**outputs, **self.create(ctx, inputs)}

    def delete(self, ctx: Context, inputs, outputs):
        arn = inputs["resourceArn"]
        revision, present = self._current(ctx, arn)
        for statement in self._wanted(inputs):
            sid = str(statement["Sid"])
            if sid not in present:
                continue
            response, error = self.try_step(ctx, "remove_statement", resourceArn=arn,
                                            statementId=sid, expectedRevisionId=revision)
            if error is not None:
                if is_not_found(error):
                    return
                raise translate(error, self.op("remove_statement"))
            revision = response.get("revisionId")


def statement_request(statement: dict) -> dict:
    """An IAM-style policy statement as CreateResourcePolicyStatement's arguments."""
    principal = statement.get("Principal") or {}
    principals = [{"service": s} for s in _listed(principal.get("Service"))]
    principals += [{"arn": a} for a in _listed(principal.get("AWS"))]
    request = {"statementId": str(statement["Sid"]), "effect": statement.get("Effect", "Allow"),
               "principal": principals, "action": _listed(statement.get("Action"))}
    if statement.get("Condition"):
        request["condition"] = {op: {k: str(v) for k, v in values.items()}
                                for op, values in statement["Condition"].items()}
    return request


def _listed(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _same(present: dict, wanted: dict) -> bool:
    """Whether a statement read back from the policy says what ``wanted`` says (Resource is Lex's to fill)."""
    def norm(st: dict) -> tuple:
        principal = st.get("Principal") or {}
        return (st.get("Effect", "Allow"), sorted(_listed(principal.get("Service"))),
                sorted(_listed(principal.get("AWS"))), sorted(_listed(st.get("Action"))),
                json.dumps(st.get("Condition") or {}, sort_keys=True))
    return norm(present) == norm(wanted)


class BotVersion(Handler):
    """A numbered version an alias still serves is not deleted when it is replaced: the new version is
    made, the alias moves to it (:class:`BotAlias`), and only then is the old one removed. So a bot edit
    never leaves the live alias pointing at a deleted version."""

    def delete(self, ctx: Context, inputs, outputs):
        version = outputs.get("version")
        serving = [a["botAliasName"] for a in _aliases(self, ctx, inputs["botId"]) if a.get("botVersion") == version]
        if serving:
            ctx.say(f"version {version} kept while alias {', '.join(serving)} serves it; removed once it moves")
            return
        super().delete(ctx, inputs, outputs)


class BotAlias(Handler):
    """After the alias moves to a new version, the versions ccdsl made that no alias serves are deleted."""

    def update(self, ctx: Context, inputs, outputs, changed):
        outputs = super().update(ctx, inputs, outputs, changed)
        if "botVersion" in changed:
            self.remove_unserved_versions(ctx, inputs["botId"])
        return outputs

    def remove_unserved_versions(self, ctx: Context, bot_id: str) -> None:
        serving = {a.get("botVersion") for a in _aliases(self, ctx, bot_id)}
        for item in self.listed(ctx, "versions", botId=bot_id):
            version = item.get("botVersion")
            if version in serving or version == "DRAFT" or not str(item.get("description", "")).startswith(
                    "ccdsl definition"):
                continue
            ctx.say(f"removing version {version}, which no alias serves any more")
            _, error = self.try_step(ctx, "delete_version", botId=bot_id, botVersion=version,
                                     skipResourceInUseCheck=False)
            if error is not None and not is_not_found(error):
                raise translate(error, self.op("delete_version"))


def _aliases(handler: Handler, ctx: Context, bot_id: str) -> list[dict]:
    return list(handler.listed(ctx, "aliases", botId=bot_id))
