"""Audio prompts and flow modules as acme-bank expands them: the upload, CreatePrompt, the bucket grant, the
module resource, and the flows that name them."""
import json

import pytest

from ccdsl.compiler.resources import Ref, Template


@pytest.fixture
def r(acme_bank):
    return acme_bank.resources


def test_a_prompt_is_uploaded_then_created_from_its_s3_uri(r):
    obj = r["prompt.brand_chime.object"]
    assert obj.type == "aws_s3_object"
    assert obj.inputs["Key"] == "prompts/brand_chime.wav" and obj.inputs["SourceFile"] == "prompts/brand_chime.wav"
    assert obj.inputs["Bucket"] == Ref("bucket.connect_storage", "name")
    prompt = r["prompt.brand_chime"]
    assert prompt.type == "aws_connect_prompt"
    assert isinstance(prompt.inputs["S3Uri"], Template)
    assert prompt.inputs["S3Uri"].token == "s3://${bucket.connect_storage.name}/prompts/brand_chime.wav"
    assert prompt.inputs["SourceSha256"] == obj.inputs["SourceSha256"]  # a new file re-sends UpdatePrompt
    assert {"prompt.brand_chime.object", "bucket.connect_storage.policy"} <= set(prompt.depends_on)


def test_connect_may_read_the_prompts_of_its_instance_only(r):
    policy = r["bucket.connect_storage.policy"].inputs["Policy"]
    text = policy.token if isinstance(policy, Template) else json.dumps(policy)
    statement = next(s for s in json.loads(text)["Statement"] if s["Sid"] == "ConnectReadsPrompts")
    assert statement["Principal"] == {"Service": "connect.amazonaws.com"}
    assert statement["Action"] == "s3:GetObject"
    assert statement["Resource"] == "${bucket.connect_storage.arn}/prompts/*"
    assert statement["Condition"] == {"StringEquals": {"aws:SourceArn": "${connect.instance.arn}"}}


def test_a_module_is_its_own_resource_and_flows_run_it_by_id(r):
    module = r["flow.account_security"]
    assert module.type == "aws_connect_contact_flow_module"
    assert "Type" not in module.inputs
    primary = r["flow.bedrock_primary.content"]  # the entry flows transfer to each other: content comes after
    assert "flow.account_security" in primary.depends_on
    assert "prompt.brand_chime" in primary.depends_on
    content = primary.inputs["Content"]
    text = content.token if isinstance(content, Template) else json.dumps(content)
    doc = json.loads(text)
    run = next(a for a in doc["Actions"] if a["Type"] == "InvokeFlowModule")
    assert run["Parameters"] == {"FlowModuleId": "${flow.account_security.id}"}
    play = next(a for a in doc["Actions"] if a["Parameters"].get("PromptId"))
    assert play["Parameters"] == {"PromptId": "${prompt.brand_chime.arn}"}
