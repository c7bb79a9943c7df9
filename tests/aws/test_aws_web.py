"""The agent web site: bucket, CloudFront origin access control and distribution, WAFv2 web ACL."""
from aws_acme_moto import dedupe
from aws_stack import Stack


def _site() -> list:
    return [
        ("bucket.ccp_site", "aws_s3_bucket", {"Bucket": "acme-bank-ccp-site",
                                              "CreateBucketConfiguration": {"LocationConstraint": "eu-west-2"}}),
        ("web.acl", "aws_wafv2_web_acl", {
            "Name": "acme-bank-ccp", "Scope": "CLOUDFRONT", "DefaultAction": {"Allow": {}},
            "VisibilityConfig": {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True,
                                 "MetricName": "acme-bank-ccp"},
            "Rules": [{"Name": "common", "Priority": 0, "OverrideAction": {"None": {}},
                       "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS",
                                                                    "Name": "AWSManagedRulesCommonRuleSet"}},
                       "VisibilityConfig": {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True,
                                            "MetricName": "common"}}]}),
        ("web.oac", "aws_cloudfront_origin_access_control", {"OriginAccessControlConfig": {
            "Name": "acme-bank-ccp", "SigningProtocol": "sigv4", "SigningBehavior": "always",
            "OriginAccessControlOriginType": "s3"}}),
        ("web.distribution", "aws_cloudfront_distribution", {"DistributionConfig": {
            "CallerReference": "acme-bank-ccp", "Comment": "acme-bank agent site", "Enabled": True,
            "DefaultRootObject": "index.html", "WebACLId": "${web.acl.arn}",
            "Origins": {"Quantity": 1, "Items": [{
                "Id": "ccp", "DomainName": "${bucket.ccp_site.domain_name}",
                "OriginAccessControlId": "${web.oac.id}", "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
            "DefaultCacheBehavior": {"TargetOriginId": "ccp", "ViewerProtocolPolicy": "redirect-to-https",
                                     "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"}}}),
    ]


def test_agent_site_distribution_behind_waf(provider, boto):
    stack = Stack(provider, dedupe(_site()))
    out = stack.apply()
    waf = boto("wafv2", "us-east-1")  # CLOUDFRONT-scoped ACLs live in us-east-1
    acls = waf.list_web_acls(Scope="CLOUDFRONT")["WebACLs"]
    assert [(a["Name"], a["ARN"]) for a in acls] == [("acme-bank-ccp", out["web.acl"]["arn"])]
    assert boto("wafv2").list_web_acls(Scope="REGIONAL")["WebACLs"] == []
    cf = boto("cloudfront")
    oac = cf.get_origin_access_control(Id=out["web.oac"]["id"])["OriginAccessControl"]
    assert oac["OriginAccessControlConfig"]["SigningBehavior"] == "always"
    config = cf.get_distribution_config(Id=out["web.distribution"]["id"])["DistributionConfig"]
    assert config["WebACLId"] == out["web.acl"]["arn"]
    # (moto does not echo OriginAccessControlId back; real CloudFront does)
    assert config["Origins"]["Items"][0]["DomainName"] == "acme-bank-ccp-site.s3.eu-west-2.amazonaws.com"
    assert out["web.distribution"]["domain_name"].endswith(".cloudfront.net")
    before = provider.write_calls
    stack.apply()
    assert provider.write_calls == before


def test_destroy_disables_the_distribution_before_deleting_it(provider, boto):
    stack = Stack(provider, dedupe(_site()))
    stack.apply()
    stack.destroy()
    writes = [c.operation for c in provider.clients.writes() if c.service == "cloudfront"]
    assert writes[-3:] == ["UpdateDistribution", "DeleteDistribution", "DeleteOriginAccessControl"]
    cf = boto("cloudfront")
    assert cf.list_distributions()["DistributionList"].get("Items", []) == []
    assert cf.list_origin_access_controls()["OriginAccessControlList"].get("Items", []) == []
    assert boto("wafv2", "us-east-1").list_web_acls(Scope="CLOUDFRONT")["WebACLs"] == []


def test_web_acl_and_distribution_are_adopted_when_state_is_lost(provider, boto):
    first = Stack(provider, dedupe(_site())).apply()
    second = Stack(provider, dedupe(_site())).apply()
    assert second["web.acl"]["id"] == first["web.acl"]["id"]
    assert second["web.oac"]["id"] == first["web.oac"]["id"]
    assert second["web.distribution"]["id"] == first["web.distribution"]["id"]
    assert len(boto("cloudfront").list_distributions()["DistributionList"]["Items"]) == 1
