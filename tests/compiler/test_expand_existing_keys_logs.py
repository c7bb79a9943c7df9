"""Existing KMS keys and log groups (``arn:``): a local step each, with outputs from the ARN; nothing else is made
for them, and what encrypts with or writes to them refers to that ARN."""
import json
from pathlib import Path

from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.registry import REGISTRY
from ccdsl.compiler.resources import to_jsonable

KEY = "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
GROUP = "arn:aws:logs:eu-west-2:123456789012:log-group:/aws/lex/shared"
SITE = f"""ccdsl: 1
site: demo
region: eu-west-2
instance: {{alias: demo}}
keys:
  vault: {{arn: "{KEY}"}}
logs:
  lex: {{retention: 14d, key: vault}}
  plain: {{key: none}}
  shared: {{arn: "{GROUP}:*"}}
bots:
  front:
    locales: {{en_GB: Amy}}
    logs: shared
    intents:
      Hello: [hello there]
"""


def _compiled(tmp_path: Path):
    site = tmp_path / "site.ccd"
    site.write_text(SITE)
    compiled, diags = compile_site(site)
    assert compiled is not None and not diags.has_errors, [d.message for d in diags]
    return compiled.resources


def test_an_existing_key_is_a_local_step_and_log_groups_made_here_encrypt_with_its_arn(tmp_path):
    r = _compiled(tmp_path)
    key = r["key.vault"]
    assert key.type == "kms_key_existing" and REGISTRY[key.type].service == "local"
    assert key.inputs == {"KeyArn": KEY, "KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab"}
    assert not [a for a in r if a.startswith("key.vault.")]  # no alias, no rotation: they are the owner's
    assert to_jsonable(r["logs.lex"].inputs)["kmsKeyId"] == "${key.vault.arn}"
    assert "kmsKeyId" not in r["logs.plain"].inputs
    assert REGISTRY["kms_key_existing"].outputs == {"id": "in.KeyId", "arn": "in.KeyArn"}


def test_an_existing_log_group_is_named_by_its_arn_and_a_bot_writes_to_it(tmp_path):
    r = _compiled(tmp_path)
    group = r["logs.shared"]
    assert group.type == "cloudwatch_log_group_existing"
    assert group.inputs == {"LogGroupArn": GROUP, "LogGroupName": "/aws/lex/shared"}  # without the trailing :*
    assert "logs.shared.retention" not in r and "logs.lex.retention" in r
    alias = to_jsonable(r["bot.front.alias"].inputs)
    assert alias["conversationLogSettings"]["textLogSettings"][0]["destination"]["cloudWatch"][
        "cloudWatchLogGroupArn"] == "${logs.shared.arn}"
    policy = json.loads(to_jsonable(r["role.bot_front.policy"].inputs)["PolicyDocument"])
    assert {"Sid": "ConversationLogs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": "${logs.shared.arn}:*"} in policy["Statement"]
