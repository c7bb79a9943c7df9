"""Targets on the aws provider (moto_server): each target deployed in its own region with its own state, and a
target whose credentials reach another account than its `account:` refused before anything is planned."""
import os
import subprocess
import sys

SITE = """\
ccdsl: 1
site: tiny
region: eu-west-2
instance: {alias: tiny-cc, identity: CONNECT_MANAGED, features: [inbound, outbound]}
tables:
  callback: {key: callback_id}
targets:
  london: {account: "123456789012", region: eu-west-2}
  virginia: {account: "123456789012", region: us-east-1}
  elsewhere: {account: "111111111111", region: eu-west-2}
"""


def ccdsl(*args, cwd):
    env = {**os.environ, "TERM": "dumb"}
    return subprocess.run([sys.executable, "-m", "ccdsl", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_targets_deploy_to_their_regions_and_a_wrong_account_is_refused(aws_env, boto, tmp_path):
    (tmp_path / "site.ccd").write_text(SITE)
    aws = ["--provider", "aws", "--skip-preflight", "--yes", "--plain"]
    applied = ccdsl("apply", "site.ccd", "--target", "london", "--target", "virginia", *aws, cwd=tmp_path)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert boto("dynamodb", "eu-west-2").list_tables()["TableNames"] == ["tiny-callback"]
    assert boto("dynamodb", "us-east-1").list_tables()["TableNames"] == ["tiny-callback"]
    for name in ("london", "virginia"):
        assert (tmp_path / ".ccdsl" / "targets" / name / "state.db").exists()
    planned = ccdsl("plan", "site.ccd", "--target", "virginia", "--provider", "aws", "--detailed-exitcode",
                    cwd=tmp_path)
    assert planned.returncode == 0, planned.stdout + planned.stderr

    refused = ccdsl("apply", "site.ccd", "--all-targets", *aws, cwd=tmp_path)
    assert refused.returncode == 1
    assert "target elsewhere: the environment's credentials reach account 123456789012, not the target's " \
           "111111111111" in refused.stderr
    assert not (tmp_path / ".ccdsl" / "targets" / "elsewhere").exists()

    destroyed = ccdsl("destroy", "site.ccd", "--target", "london", "--target", "virginia", *aws[:2],
                      "--yes", "--plain", cwd=tmp_path)
    assert destroyed.returncode == 0, destroyed.stdout + destroyed.stderr
    assert boto("dynamodb", "us-east-1").list_tables()["TableNames"] == []
