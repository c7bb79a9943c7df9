"""One test per expansion rule, on small inline sites."""
import json

from ccdsl.compiler.expand.iam import UNSCOPED_ACTIONS
from ccdsl.compiler.resources import Ref, Template, to_jsonable

BOT = """
functions:
  fulfil: {source: functions/fulfil, alias: live}
bots:
  helper:
    locales: {en_GB: Amy, en_US: Joanna}
    hook: fulfil
    fallback: Sorry?
    slot_types: {Colour: [red, blue]}
    intents:
      Pick:
        - I like {colour:Colour}
        - pick {colour:Colour} please
      Hello: [hello, hi there]
"""


def ok(result):
    cs, diags = result
    assert cs is not None, [f"{d.span}: {d.code} {d.message}" for d in diags]
    return cs


def test_two_locales_give_per_locale_intents_builds_and_one_version(compile_text):
    cs = ok(compile_text(BOT))
    r = cs.resources
    for loc in ("en_GB", "en_US"):
        assert r[f"bot.helper.locale.{loc}"].inputs["localeId"] == loc
        for intent in ("Pick", "Hello"):
            assert r[f"bot.helper.intent.{intent}.{loc}"].type == "aws_lexv2models_intent"
        build = r[f"bot.helper.build.{loc}"]
        assert {f"bot.helper.intent.Pick.{loc}", f"bot.helper.slot.Pick.colour.{loc}",
                f"bot.helper.intent.Pick.{loc}.priorities", f"bot.helper.fallback.{loc}",
                f"bot.helper.slot_type.Colour.{loc}"} <= build.depends_on
        assert "bot.helper.intent.Pick.en_GB" not in build.depends_on or loc == "en_GB"
    assert r["bot.helper.version"].depends_on >= {"bot.helper.build.en_GB", "bot.helper.build.en_US"}
    assert set(r["bot.helper.version"].inputs["botVersionLocaleSpecification"]) == {"en_GB", "en_US"}
    assert sorted(cs.artefacts) >= ["bots/helper/en_GB.json", "bots/helper/en_US.json"]
    definition = json.loads(cs.artefacts["bots/helper/en_US.json"])
    assert definition["voice"]["voiceId"] == "Joanna"
    assert definition["intents"]["Pick"]["slots"][0] == {"name": "colour", "type": "Colour", "priority": 1,
                                                          "required": True, "prompt": None}


def test_slot_priorities_come_after_slots_and_break_the_intent_slot_cycle(compile_text):
    cs = ok(compile_text(BOT))
    prio = cs.resources["bot.helper.intent.Pick.en_GB.priorities"]
    assert prio.type == "lex_intent_slot_priorities"
    assert prio.inputs["slotPriorities"] == [{"priority": 1, "slotId": Ref("bot.helper.slot.Pick.colour.en_GB", "id")}]
    assert prio.inputs["intentId"] == Ref("bot.helper.intent.Pick.en_GB", "id")
    slot = cs.resources["bot.helper.slot.Pick.colour.en_GB"]
    assert slot.inputs["slotTypeId"] == Ref("bot.helper.slot_type.Colour.en_GB", "id")
    assert "bot.helper.intent.Pick.en_GB" in slot.depends_on
    assert "bot.helper.intent.Hello.en_GB.priorities" not in cs.resources  # no slots, no update


def test_hook_function_gets_a_lexv2_permission_scoped_to_the_alias(compile_text):
    cs = ok(compile_text(BOT))
    perm = cs.resources["function.fulfil.permission.bot.helper"]
    assert perm.inputs["Principal"] == "lexv2.amazonaws.com"
    assert perm.inputs["SourceArn"] == Ref("bot.helper.alias", "arn")
    assert perm.inputs["FunctionName"] == Ref("function.fulfil.alias", "arn")
    assert "function.fulfil.permission.bot.helper" in cs.resources["bot.helper.association"].depends_on
    hook = cs.resources["bot.helper.alias"].inputs["botAliasLocaleSettings"]["en_GB"]["codeHookSpecification"]
    assert hook["lambdaCodeHook"]["lambdaARN"] == Ref("function.fulfil.alias", "arn")


def test_flow_invoke_and_api_permissions(compile_text):
    cs = ok(compile_text("""
functions:
  cb: {source: functions/cb}
  web: {source: functions/web}
apis:
  front: {function: web, routes: [GET /x]}
flows:
  main:
    do: |
      invoke cb
        error -> bye
      bye:
        hangup
"""))
    r = cs.resources
    assert r["function.cb.permission.connect"].inputs["Principal"] == "connect.amazonaws.com"
    assert r["function.cb.permission.connect"].inputs["SourceArn"] == Ref("connect.instance", "arn")
    assert r["connect.lambda.cb"].inputs["FunctionArn"] == Ref("function.cb", "arn")
    assert {"connect.lambda.cb", "function.cb.permission.connect", "function.cb"} <= r["flow.main"].depends_on
    api_perm = r["function.web.permission.api.front"]
    assert api_perm.inputs["Principal"] == "apigateway.amazonaws.com"
    assert isinstance(api_perm.inputs["SourceArn"], Template)
    assert r["api.front.route.GET_x"].inputs["RouteKey"] == "GET /x"
    assert r["api.front.stage"].inputs["AutoDeploy"] is True
    assert not any(a.startswith("function.web.permission.connect") for a in r)


def test_roles_have_no_wildcard_actions_and_wildcard_resources_only_where_required(compile_text):
    site = BOT.replace("alias: live}", "alias: live, access: [table t1 rw]}") + "tables:\n  t1: {key: id}\n"
    cs = ok(compile_text(site))
    policies = [r for r in cs.resources.values() if r.type == "aws_iam_role_policy"]
    assert policies
    for p in policies:
        doc = json.loads(to_jsonable(p.inputs["PolicyDocument"]))
        for st in doc["Statement"]:
            actions = st["Action"] if isinstance(st["Action"], list) else [st["Action"]]
            assert not any(a == "*" or a.endswith(":*") for a in actions), (p.address, st)
            resources = st["Resource"] if isinstance(st["Resource"], list) else [st["Resource"]]
            if "*" in resources:
                assert set(actions) <= UNSCOPED_ACTIONS, (p.address, st)
    fulfil = json.loads(cs.artefacts["policies/function_fulfil.json"])["policy"]
    assert any("${table.t1.arn}" in json.dumps(st["Resource"]) for st in fulfil["Statement"])


def test_buckets_are_private_encrypted_and_tls_only(compile_text):
    cs = ok(compile_text("""
keys:
  k: {}
buckets:
  plain: {}
  secret: {key: k, versioning: true, lifecycle: "glacier after 30d, expire after 365d"}
"""))
    r = cs.resources
    for b in ("plain", "secret"):
        pab = r[f"bucket.{b}.public_access_block"].inputs["PublicAccessBlockConfiguration"]
        assert all(pab.values())
        policy = json.loads(to_jsonable(r[f"bucket.{b}.policy"].inputs["Policy"]))
        deny = policy["Statement"][0]
        assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    rule = r["bucket.secret.encryption"].inputs["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"] == Ref("key.k", "arn")
    assert r["bucket.plain.encryption"].inputs["ServerSideEncryptionConfiguration"]["Rules"][0][
        "ApplyServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}
    life = r["bucket.secret.lifecycle"].inputs["LifecycleConfiguration"]["Rules"][0]
    assert life["Transitions"] == [{"Days": 30, "StorageClass": "GLACIER"}]
    assert life["Expiration"] == {"Days": 365}
    assert "bucket.plain.versioning" not in r and "bucket.secret.versioning" in r


CYCLIC_FLOWS = """
hours:
  always: 24/7
queues:
  Q: {hours: always}
numbers:
  main: {type: DID, country: GB, flow: a}
flows:
  a:
    do: |
      menu "Press 1 for b."
        1 -> other
        otherwise -> other
      other:
        transfer to flow b
  b:
    do: |
      say "This is b."
      transfer to flow a
  c:
    do: |
      transfer to flow a
"""


def test_flows_that_transfer_to_each_other_compile(compile_text):
    cs = ok(compile_text(CYCLIC_FLOWS))
    r = cs.resources
    for name in ("a", "b"):
        assert r[f"flow.{name}"].inputs["Status"] == "PUBLISHED"  # minimal stub, content after
        step = r[f"flow.{name}.content"]
        assert step.type == "connect_contact_flow_content"
        assert step.inputs["ContactFlowId"] == Ref(f"flow.{name}", "id")
    assert "flow.b" in r["flow.a.content"].depends_on and "flow.a" in r["flow.b.content"].depends_on
    assert "flow.c.content" not in r and "Status" not in r["flow.c"].inputs
    assert "flow.a" in r["flow.c"].depends_on
    assert "flow.a.content" in r["number.main.flow"].depends_on
    assert json.loads(cs.artefacts["flows/a.json"])["Version"] == "2019-10-30"


def test_a_cycle_the_user_wrote_is_a_diagnostic_with_positions(compile_text):
    cs, diags = compile_text("""
functions:
  ping: {source: functions/ping, env: {PEER: "${function.pong.arn}"}}
  pong: {source: functions/pong, env: {PEER: "${function.ping.arn}"}}
""")
    assert cs is None
    cycle = [d for d in diags if d.code == "E401"]
    assert cycle, [str(d) for d in diags]
    lines = {d.span.line for d in cycle}
    assert len(lines) == 2  # both functions are pointed at
    assert "function.ping" in cycle[0].message and "function.pong" in cycle[0].message


def test_a_missing_reference_never_reaches_the_compiler(compile_text):
    cs, diags = compile_text("""
hours:
  always: 24/7
queues:
  Q: {hours: nope}
""")
    assert cs is None
    codes = {d.code for d in diags}
    assert any(c.startswith("E2") for c in codes), codes
    assert not any(c.startswith("E4") for c in codes), codes


def test_routing_profile_with_more_than_ten_queue_configs(compile_text):
    queues = "\n".join(f"  Q{i}: {{hours: always}}" for i in range(4))
    cs = ok(compile_text(f"""
hours:
  always: 24/7
queues:
{queues}
routing:
  all:
    queues: all
    channels: {{voice: 1, chat: 2, task: 1}}
    outbound: Q0
"""))
    rp = cs.resources["routing.all"]
    assert len(rp.inputs["QueueConfigs"]) == 12  # the aws provider sends them 10 per call
    assert not [a for a in cs.resources if a.startswith("routing.all.")]


def test_user_references_map_onto_addresses(compile_text):
    cs = ok(compile_text("""
logs:
  app: {}
functions:
  fulfil:
    source: functions/fulfil
    alias: live
    env:
      LOGS: "${log.app.arn}"
      BOT: "${bot.helper.alias_id}"
      MIXED: "arn=${log.app.arn};user=${env:WHO:-me}"
bots:
  helper:
    locales: {en_GB: Amy}
    intents:
      Hello: [hello]
"""))
    env = cs.resources["function.fulfil"].inputs["Environment"]["Variables"]
    assert env["LOGS"] == Ref("logs.app", "arn")
    assert env["BOT"] == Ref("bot.helper.alias", "id")
    assert env["MIXED"].token == "arn=${logs.app.arn};user=${env:WHO:-me}"
    assert {"logs.app", "bot.helper.alias"} <= cs.resources["function.fulfil"].depends_on


def test_a_reference_to_an_output_that_does_not_exist_is_e404(compile_text):
    cs, diags = compile_text("""
tables:
  t1: {key: id}
functions:
  f: {source: functions/f, env: {T: "${table.t1.colour}"}}
""")
    assert cs is None
    (d,) = [d for d in diags if d.code == "E404"]
    assert "'table.t1' has no output 'colour'" in d.message and "arn" in d.hint
    assert (d.span.line, d.span.col) == (9, 38)  # at the reference itself
