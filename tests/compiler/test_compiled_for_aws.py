"""What the compiler sends that AWS documents and botocore's model does not check: Lex voice engines,
the CloudWatch Logs principal of key policies, published stubs of flow cycles, inline policy size."""
import json
from pathlib import Path

import pytest

from ccdsl.compiler.expand.iam import INLINE_POLICY_CHARS, policy_chars
from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.resources import to_jsonable
from ccdsl.dsl.checks.bots import default_engine, voice_table

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def acme():
    cs, diags = compile_site(EXAMPLES / "acme-bank" / "site.ccd")
    assert cs is not None, [d.message for d in diags]
    return cs


def test_every_bot_locale_names_an_engine_its_voice_has(acme):
    voices = voice_table()["voices"]
    locales = [r for r in acme.resources.values() if r.type == "aws_lexv2models_bot_locale"]
    assert locales
    for r in locales:
        settings = r.inputs["voiceSettings"]
        assert settings.get("engine") in voices[settings["voiceId"]]["engines"], r.address


def test_ruth_without_an_engine_gets_neural_not_lex_default_standard():
    assert "standard" not in voice_table()["voices"]["Ruth"]["engines"]
    assert default_engine("Ruth") == "neural"
    assert default_engine("Nosuchvoice") is None


def test_the_site_can_name_the_engine_in_the_shorthand(compile_text):
    cs, diags = compile_text("""
    bots:
      b:
        locales: {en_GB: Amy standard}
        intents:
          Hi: [hello there]
    """)
    assert cs is not None, [d.message for d in diags]
    assert cs.resources["bot.b.locale.en_GB"].inputs["voiceSettings"] == {"voiceId": "Amy", "engine": "standard"}


def test_key_policy_lets_cloudwatch_logs_in_as_its_regional_principal(acme):
    for r in (r for r in acme.resources.values() if r.type == "aws_kms_key"):
        policy = json.loads(to_jsonable(r.inputs["Policy"])) if isinstance(to_jsonable(r.inputs["Policy"]), str) \
            else to_jsonable(r.inputs["Policy"])
        principals = [st["Principal"].get("Service") for st in policy["Statement"] if "Service" in st["Principal"]]
        flat = [p for ps in principals for p in (ps if isinstance(ps, list) else [ps])]
        assert "logs.amazonaws.com" not in flat
        assert "logs.eu-west-2.amazonaws.com" in flat
        logs = next(st for st in policy["Statement"] if st["Principal"].get("Service") == "logs.eu-west-2.amazonaws.com")
        assert "kms:EncryptionContext:aws:logs:arn" in logs["Condition"]["ArnLike"]


def test_flow_cycle_stubs_are_published(acme):
    stubs = [r for r in acme.resources.values() if r.type == "aws_connect_contact_flow"
             and f"{r.address}.content" in acme.resources]
    assert stubs
    assert all(r.inputs["Status"] == "PUBLISHED" for r in stubs)


def test_every_compiled_inline_policy_fits_iams_quota(acme):
    for r in (r for r in acme.resources.values() if r.type == "aws_iam_role_policy"):
        assert policy_chars(r.inputs["PolicyDocument"]) <= INLINE_POLICY_CHARS, r.address


def test_an_inline_policy_over_the_quota_is_a_compile_error_naming_the_entries(compile_text):
    tables = "\n".join(f"  t{i:03d}: {{key: id}}" for i in range(160))
    access = ", ".join(f"table t{i:03d} rw" for i in range(160))
    cs, diags = compile_text(f"""
    tables:
    {tables}
    functions:
      big: {{source: functions/big, access: [{access}]}}
    """.replace("\n    ", "\n"))
    errors = [d for d in diags if d.code == "E405"]
    assert errors, [f"{d.code} {d.message}" for d in diags]
    assert "function_big" in errors[0].message and "table.t000" in errors[0].message
    assert errors[0].span.line > 1
