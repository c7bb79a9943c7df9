"""An existing KMS key and log group named by ARN, through the aws provider against moto_server: a log group
made here is encrypted with the existing key, nothing is made for the existing ones, and destroying the site
leaves both as they were."""
import networkx as nx
from aws_stack import Stack

from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.resources import to_jsonable

SITE = """ccdsl: 1
site: acme-bank
region: eu-west-2
instance: {{alias: acme-bank}}
keys:
  vault: {{arn: "{key}"}}
logs:
  lex: {{retention: 14d, key: vault}}
  shared: {{arn: "{group}"}}
"""
TYPES = ("kms_key_existing", "cloudwatch_log_group_existing", "aws_cloudwatch_log_group", "cloudwatch_log_retention")


def test_a_log_group_made_here_uses_an_existing_key_and_the_existing_ones_are_left_alone(provider, boto, tmp_path):
    kms, logs = boto("kms"), boto("logs")
    key = kms.create_key(Description="owned by the security team")["KeyMetadata"]
    logs.create_log_group(logGroupName="/org/shared")
    group = next(g for g in logs.describe_log_groups(logGroupNamePrefix="/org/shared")["logGroups"])
    site = tmp_path / "site.ccd"
    site.write_text(SITE.format(key=key["Arn"], group=group["logGroupArn"]))
    compiled, diags = compile_site(site)
    assert compiled is not None, [d.message for d in diags]
    order = [a for a in nx.topological_sort(compiled.graph) if compiled.resources[a].type in TYPES]
    stack = Stack(provider, [(a, compiled.resources[a].type, to_jsonable(compiled.resources[a].inputs)) for a in order])
    calls = provider.write_calls
    out = stack.apply()
    assert out["key.vault"] == {"id": key["KeyId"], "arn": key["Arn"]}
    assert out["logs.shared"] == {"id": "/org/shared", "name": "/org/shared", "arn": group["logGroupArn"]}
    made = {g["logGroupName"]: g for g in logs.describe_log_groups()["logGroups"]}
    assert made["/ccdsl/acme-bank/lex"]["kmsKeyId"] == key["Arn"] and made["/ccdsl/acme-bank/lex"][
        "retentionInDays"] == 14
    assert provider.write_calls - calls == 2  # the log group made here and its retention: nothing else
    stack.destroy()
    assert [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]] == ["/org/shared"]
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"
