"""Audio prompts and flow modules as acme-bank expands them: the upload, CreatePrompt, the bucket grant, the
module resource, and the flows that name them."""
import json
from pathlib import Path

import pytest

from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.resources import Ref, Template, to_jsonable


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


def test_an_existing_prompt_is_named_by_its_arn_and_nothing_is_uploaded():
    site = Path(__file__).resolve().parents[2] / "examples" / "retail-chat" / "site.ccd"
    compiled, diags = compile_site(site)
    assert compiled is not None and not diags.has_errors
    r = compiled.resources
    prompt = r["prompt.closed_chime"]
    arn = ("arn:aws:connect:us-east-1:444455556666:instance/3f1c9e42-7b1d-4c55-9a0e-2d6f8b1a7c30/prompt/"
           "9b7e2c1d-4a3f-4e8b-b6d2-1c0f5e9a8d47")
    assert prompt.type == "connect_prompt_existing"
    assert prompt.inputs == {"PromptArn": arn, "PromptId": "9b7e2c1d-4a3f-4e8b-b6d2-1c0f5e9a8d47",
                             "Name": "closed_chime"}
    assert "prompt.closed_chime.object" not in r and not any(a.startswith("bucket.") and "Prompts" in json.dumps(
        to_jsonable(v.inputs)) for a, v in r.items())
    content = r["flow.voice_entry"].inputs["Content"]  # the flow plays it by the ARN its step outputs
    text = content.token if isinstance(content, Template) else json.dumps(content)
    play = next(a for a in json.loads(text)["Actions"] if a["Parameters"].get("PromptId"))
    assert play["Parameters"] == {"PromptId": "${prompt.closed_chime.arn}"}
