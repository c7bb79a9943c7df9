"""The command line against moto_server: apply, plan and destroy with ``--provider aws`` and state on S3."""
import os
import subprocess
import sys

SITE = """\
ccdsl: 1
site: tiny
region: eu-west-2
instance: {alias: tiny-cc, identity: CONNECT_MANAGED, features: [inbound, outbound]}
keys:
  data: {description: Data, rotation: true}
buckets:
  reports: {key: data}
tables:
  callback: {key: callback_id, ttl: expires_at}
topics:
  alarms: {}
"""


def ccdsl(*args, cwd):
    env = {**os.environ, "TERM": "dumb"}
    return subprocess.run([sys.executable, "-m", "ccdsl", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_apply_plan_destroy_with_the_aws_provider_and_s3_state(aws_env, boto, tmp_path):
    boto("s3").create_bucket(Bucket="team-state", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    (tmp_path / "site.ccd").write_text(SITE)
    state = ["--state", "s3://team-state/tiny.json", "--provider", "aws"]
    applied = ccdsl("apply", "site.ccd", *state, "--yes", "--plain", cwd=tmp_path)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "testing" not in applied.stdout + applied.stderr  # credentials never appear
    assert boto("dynamodb").list_tables()["TableNames"] == ["tiny-callback"]
    assert boto("connect").list_instances()["InstanceSummaryList"][0]["InstanceAlias"] == "tiny-cc"
    planned = ccdsl("plan", "site.ccd", *state, "--detailed-exitcode", cwd=tmp_path)
    assert planned.returncode == 0, planned.stdout + planned.stderr  # 0: nothing to change
    destroyed = ccdsl("destroy", "site.ccd", *state, "--yes", "--plain", cwd=tmp_path)
    assert destroyed.returncode == 0, destroyed.stdout + destroyed.stderr
    assert boto("dynamodb").list_tables()["TableNames"] == []
    assert [b["Name"] for b in boto("s3").list_buckets()["Buckets"]] == ["team-state"]
    assert not (tmp_path / ".ccdsl" / "state.db").exists()  # the state lives in S3 only
