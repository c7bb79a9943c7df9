"""Lambda settings compiled into their calls: layers, VPC (with the role's network-interface grant),
reserved concurrency (PutFunctionConcurrency, before the provisioned concurrency it bounds), arm64."""
import json

from ccdsl.compiler import addresses as A
from ccdsl.compiler.registry import rules
from ccdsl.compiler.resources import Ref

LAYER = "arn:aws:lambda:eu-west-2:133256977650:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:11"
SITE = f"""\
functions:
  f:
    source: f
    architecture: arm64
    layers: ["{LAYER}"]
    vpc: {{subnets: [subnet-0a1b2c3d4e5f60718], security_groups: [sg-0123456789abcdef0]}}
    reserved: 10
    provisioned: 2
    alias: live
  plain: {{source: plain}}
"""


def test_layers_vpc_and_architecture_reach_create_function(compile_text):
    cs, diags = compile_text(SITE)
    assert cs is not None, [d.message for d in diags]
    f = cs.resources[A.function_addr("f")].inputs
    assert f["Layers"] == [LAYER]
    assert f["Architectures"] == ["arm64"]
    assert f["VpcConfig"] == {"SubnetIds": ["subnet-0a1b2c3d4e5f60718"], "SecurityGroupIds": ["sg-0123456789abcdef0"]}
    plain = cs.resources[A.function_addr("plain")].inputs
    assert "VpcConfig" not in plain and "Layers" not in plain


def test_a_function_in_a_vpc_may_manage_its_network_interfaces(compile_text):
    cs, _ = compile_text(SITE)
    policy = json.loads(cs.artefacts["policies/function_f.json"])["policy"]
    vpc = [s for s in policy["Statement"] if s["Sid"] == "Vpc"]
    assert vpc and "ec2:CreateNetworkInterface" in vpc[0]["Action"] and vpc[0]["Resource"] == "*"
    plain = json.loads(cs.artefacts["policies/function_plain.json"])["policy"]
    assert not any(s["Sid"] == "Vpc" for s in plain["Statement"])


def test_reserved_concurrency_is_its_own_call_before_the_provisioned_concurrency(compile_text):
    cs, _ = compile_text(SITE)
    reserved = cs.resources[A.function_reserved_addr("f")]
    assert reserved.type == "aws_lambda_function_concurrency"
    assert reserved.inputs == {"FunctionName": Ref(A.function_addr("f"), "name"), "ReservedConcurrentExecutions": 10}
    assert A.function_reserved_addr("f") in cs.graph.predecessors(A.function_provisioned_addr("f"))
    assert A.function_reserved_addr("plain") not in cs.resources


def test_more_than_five_layers_is_refused_before_sending():
    found = rules.violations("aws_lambda_function", "create_function", {"Layers": [LAYER] * 6})
    assert [r.id for r, _ in found] == ["lambda.function.layers"]
