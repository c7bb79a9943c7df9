"""S3, KMS and IAM through the aws provider against moto_server: read back, re-apply, destroy."""
import json

import pytest
from aws_acme_moto import RECORDINGS_LIFECYCLE, bucket, dedupe, role
from aws_stack import Stack

from ccdsl.runtime.providers.base import ProviderError


def test_bucket_with_encryption_access_block_versioning_and_lifecycle(provider, boto):
    stack = Stack(provider, dedupe(bucket("recordings", key_name="connect", versioning=True,
                                          lifecycle=RECORDINGS_LIFECYCLE)))
    out = stack.apply()
    s3 = boto("s3")
    name = out["bucket.recordings"]["name"]
    assert name == "acme-bank-recordings"
    assert out["bucket.recordings"]["arn"] == "arn:aws:s3:::acme-bank-recordings"
    rule = s3.get_bucket_encryption(Bucket=name)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    assert rule["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"] == out["key.connect"]["arn"]
    block = s3.get_public_access_block(Bucket=name)["PublicAccessBlockConfiguration"]
    assert all(block.values()) and len(block) == 4
    assert s3.get_bucket_versioning(Bucket=name)["Status"] == "Enabled"
    rules = s3.get_bucket_lifecycle_configuration(Bucket=name)["Rules"]
    assert rules[0]["Transitions"][0]["StorageClass"] == "GLACIER" and rules[0]["Expiration"]["Days"] == 2555


def test_reapply_of_buckets_makes_no_write_calls(provider, boto):
    stack = Stack(provider, dedupe(bucket("transcripts", key_name="connect") + bucket("reports")))
    stack.apply()
    before = provider.write_calls
    stack.apply()
    assert provider.write_calls == before
    assert {b["Name"] for b in boto("s3").list_buckets()["Buckets"]} == {"acme-bank-transcripts", "acme-bank-reports"}


def test_destroy_empties_a_versioned_bucket_and_leaves_nothing(provider, boto):
    stack = Stack(provider, dedupe(bucket("recordings", key_name="connect", versioning=True)))
    out = stack.apply()
    s3 = boto("s3")
    for body in (b"one", b"two"):  # two versions of one recording
        s3.put_object(Bucket=out["bucket.recordings"]["name"], Key="call.wav", Body=body)
    stack.destroy()
    assert boto("s3").list_buckets()["Buckets"] == []
    keys = boto("kms").list_keys()["Keys"]
    states = {boto("kms").describe_key(KeyId=k["KeyId"])["KeyMetadata"]["KeyState"] for k in keys}
    assert states == {"PendingDeletion"}  # KMS keys can only be scheduled for deletion
    assert not [a for a in boto("kms").list_aliases()["Aliases"] if a["AliasName"].startswith("alias/acme")]


def test_kms_key_rotation_alias_and_description_update(provider, boto):
    stack = Stack(provider, dedupe(bucket("reports")))
    out = stack.apply()
    kms = boto("kms")
    key_id = out["key.data"]["id"]
    assert kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"] is True
    alias = [a for a in kms.list_aliases()["Aliases"] if a["AliasName"] == "alias/acme-bank-data"]
    assert alias and alias[0]["TargetKeyId"] == key_id
    resource = stack.resolved("key.data")
    resource.inputs["Description"] = "acme-bank data lake"
    provider.update_sync(resource, out["key.data"], {"Description"})
    assert kms.describe_key(KeyId=key_id)["KeyMetadata"]["Description"] == "acme-bank data lake"


def test_role_with_inline_policy_update_and_destroy(provider, boto):
    policy = {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}
    stack = Stack(provider, role("banking_lambda", "lambda.amazonaws.com", policy))
    out = stack.apply()
    iam = boto("iam")
    got = iam.get_role(RoleName="acme-bank-banking_lambda")["Role"]
    assert got["Arn"] == out["role.banking_lambda"]["arn"]
    assert got["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": "lambda.amazonaws.com"}
    inline = iam.get_role_policy(RoleName="acme-bank-banking_lambda", PolicyName="acme-bank-banking_lambda")
    assert inline["PolicyDocument"]["Statement"][0]["Action"] == "dynamodb:GetItem"
    # a changed trust policy is updated in place
    resource = stack.resolved("role.banking_lambda")
    resource.inputs["AssumeRolePolicyDocument"] = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lexv2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    provider.update_sync(resource, out["role.banking_lambda"], {"AssumeRolePolicyDocument"})
    doc = iam.get_role(RoleName="acme-bank-banking_lambda")["Role"]["AssumeRolePolicyDocument"]
    assert doc["Statement"][0]["Principal"] == {"Service": "lexv2.amazonaws.com"}
    # a role whose inline policy is still attached is cleaned before delete (IAM refuses otherwise)
    provider.delete_sync(resource, out["role.banking_lambda"])
    assert iam.list_roles()["Roles"] == []


def test_existing_role_and_bucket_are_adopted_not_duplicated(provider, boto):
    resources = role("sales_lambda", "lambda.amazonaws.com") + dedupe(bucket("reports"))
    Stack(provider, resources).apply()
    again = Stack(provider, resources).apply()  # state lost: the same names exist already
    assert again["role.sales_lambda"]["arn"].endswith(":role/acme-bank-sales_lambda")
    assert len(boto("iam").list_roles()["Roles"]) == 1
    assert len(boto("s3").list_buckets()["Buckets"]) == 1


def test_invalid_request_is_rejected_before_sending(provider, boto):
    stack = Stack(provider, [("bucket.bad", "aws_s3_bucket_versioning", {
        "Bucket": "nowhere", "VersioningConfiguration": {"Status": "Sometimes"}})])
    before = len(provider.clients.calls)
    with pytest.raises(ProviderError, match=r"VersioningConfiguration\.Status: 'Sometimes' is not one of"):
        stack.apply()
    assert len(provider.clients.calls) == before  # nothing reached the server
