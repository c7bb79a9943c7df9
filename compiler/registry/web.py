"""The agent web site's CloudFront distribution, origin access control and WAF ACL: their registry entries."""

from __future__ import annotations

from .base import Call, Find, Latency, Poll, ResourceType

TYPES = [
    ResourceType(
        "aws_wafv2_web_acl",
        "wafv2",
        "create_web_acl",
        group=9,
        bucket="wafv2",
        latency=Latency(create=(5, 15), delete=(2.5, 7.5)),
        read="get_web_acl",
        update="update_web_acl",
        delete="delete_web_acl",
        arn=("arn:{partition}:wafv2:{in.Scope == 'CLOUDFRONT' && 'us-east-1' || region}:{account}:"
             "{in.Scope == 'CLOUDFRONT' && 'global' || 'regional'}/webacl/{in.Name}/{out.id}"),
        outputs={
            "id": "res.Summary.Id",
            "arn": "res.Summary.ARN",
            "name": "in.Name",
            "lock_token": "res.Summary.LockToken",
        },
        key={"Name": "in.Name", "Scope": "in.Scope", "Id": "out.id", "LockToken": "out.lock_token"},
        replace_on=frozenset({"Name", "Scope"}),
        read_outputs={"arn": "res.WebACL.ARN", "lock_token": "res.LockToken"},
        find=Find(
            "list_web_acls",
            "WebACLs",
            "Name",
            "in.Name",
            {"Scope": "in.Scope"},
            {"id": "item.Id", "arn": "item.ARN", "name": "item.Name"},
        ),
        note=(
            "CLOUDFRONT scope: the client must be in us-east-1; lives in us-east-1: the handler picks the region "
            "by Scope"
        ),
    ),
    ResourceType(
        "aws_cloudfront_origin_access_control",
        "cloudfront",
        "create_origin_access_control",
        group=9,
        bucket="cloudfront",
        latency=Latency(create=(2, 5), delete=(1, 2.5)),
        read="get_origin_access_control",
        update="update_origin_access_control",
        delete="delete_origin_access_control",
        outputs={"id": "res.OriginAccessControl.Id", "etag": "res.ETag"},
        key={"Id": "out.id", "IfMatch": "out.etag"},
        find=Find(
            "list_origin_access_controls",
            "OriginAccessControlList.Items",
            "Name",
            "in.OriginAccessControlConfig.Name",
            {},
            {"id": "item.Id"},
        ),
    ),
    ResourceType(
        "aws_cloudfront_distribution",
        "cloudfront",
        "create_distribution",
        group=9,
        bucket="cloudfront",
        latency=Latency(create=(240, 480), delete=(120, 240)),
        read="get_distribution",
        update="update_distribution",
        delete="delete_distribution",
        arn="arn:{partition}:cloudfront::{account}:distribution/{out.id}",
        outputs={
            "id": "res.Distribution.Id",
            "arn": "res.Distribution.ARN",
            "domain_name": "res.Distribution.DomainName",
            "etag": "res.ETag",
        },
        key={"Id": "out.id", "IfMatch": "out.etag"},
        replace_on=frozenset({"DistributionConfig.CallerReference"}),
        read_outputs={"domain_name": "res.Distribution.DomainName", "etag": "res.ETag"},
        find=Find(
            "list_distributions",
            "DistributionList.Items",
            "CallerReference",
            "in.DistributionConfig.CallerReference",
            {},
            {},
        ),
        poll=Poll("get_distribution", "res.Distribution.Status", ("Deployed",), ()),
        note="delete: disable (update_distribution Enabled=false), wait Deployed, then delete with the new ETag",
        procedure={
            "config": Call("get_distribution_config"),  # the config and the ETag an update or delete sends
            "listed": Call("list_distributions", "DistributionList.Items",
                           outputs={"id": "item.Id", "arn": "item.ARN", "domain_name": "item.DomainName"}),
            "deployed": Call("distribution_deployed", waiter=True),
        },
    ),
]
