"""The agents' web page: files in a private bucket behind CloudFront (origin access control, WAF
rate limit), the bucket policy that lets only that distribution read, and the distribution's
address registered as an approved origin of the Connect instance."""
from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path
from typing import Any

from ccdsl.dsl.confine import why_outside
from ccdsl.dsl.model import Site

from .. import addresses as A
from ..resources import Ref
from ..values import template
from .context import Context, span_of

CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"  # AWS managed cache policy


def file_hash(source_dir: str, path: str) -> str:
    p = Path(source_dir) / path
    readable = why_outside(source_dir, path) is None and p.is_file()  # never a file outside the site folder
    return hashlib.sha256(p.read_bytes() if readable else b"missing:" + path.encode()).hexdigest()


def expand_agent_site(ctx: Context, site: Site) -> None:
    web = site.agent_site
    if web is None:
        return
    bucket = str(web.bucket)
    bucket_addr = A.bucket_addr(bucket)
    ctx.site_bucket = bucket  # its policy (CloudFront reads) shows with the site, phase 9
    waf = None
    if web.waf is not None:
        rate = web.waf.rate_limit.tree if web.waf.rate_limit is not None else None
        limit, window = (rate.count, rate.window) if rate is not None else (2000, 300)
        physical = ctx.physical("ccp", limit=128)
        metric = physical.replace("-", "")
        rules = [] if not limit else [{
            "Name": "rate-limit", "Priority": 0, "Action": {"Block": {}},
            "Statement": {"RateBasedStatement": {"Limit": limit, "AggregateKeyType": "IP",
                                                 "EvaluationWindowSec": window}},
            "VisibilityConfig": {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True,
                                 "MetricName": metric + "RateLimit"}}]
        waf = A.waf_addr()
        ctx.add(waf, "aws_wafv2_web_acl", {
            "Name": physical, "Scope": "CLOUDFRONT", "DefaultAction": {"Allow": {}}, "Rules": rules,
            "VisibilityConfig": {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True,
                                 "MetricName": metric},
            "Tags": ctx.tag_list(),
        }, name=physical, span=web.waf.span)
    for key in sorted(web.files):
        path = str(web.files[key])
        ctx.add(A.site_object_addr(key), "aws_s3_object", {
            "Bucket": Ref(bucket_addr, "name"), "Key": key,
            "ContentType": mimetypes.guess_type(key)[0] or "application/octet-stream",
            "SourceFile": path, "SourceSha256": file_hash(ctx.source_dir, path),
        }, span=span_of(web, "files") or web.span)
    oac = A.oac_addr()
    ctx.add(oac, "aws_cloudfront_origin_access_control", {"OriginAccessControlConfig": {
        "Name": ctx.physical("ccp", limit=64), "Description": f"{ctx.site} agent site",
        "SigningProtocol": "sigv4", "SigningBehavior": "always", "OriginAccessControlOriginType": "s3"}},
        span=web.span)
    origin_id = "ccp-site"
    config: dict[str, Any] = {
        "CallerReference": f"ccdsl-{ctx.site}-ccp", "Comment": f"{ctx.site} agent site", "Enabled": True,
        "DefaultRootObject": "index.html", "PriceClass": web.price_class, "HttpVersion": "http2and3",
        "Origins": {"Quantity": 1, "Items": [{
            "Id": origin_id, "DomainName": Ref(bucket_addr, "domain_name"),
            "S3OriginConfig": {"OriginAccessIdentity": ""}, "OriginAccessControlId": Ref(oac, "id")}]},
        "DefaultCacheBehavior": {
            "TargetOriginId": origin_id, "ViewerProtocolPolicy": "redirect-to-https", "Compress": True,
            "CachePolicyId": CACHING_OPTIMIZED,
            "AllowedMethods": {"Quantity": 2, "Items": ["GET", "HEAD"],
                               "CachedMethods": {"Quantity": 2, "Items": ["GET", "HEAD"]}}},
        "ViewerCertificate": {"CloudFrontDefaultCertificate": True},
    }
    if waf:
        config["WebACLId"] = Ref(waf, "arn")
    if web.domain:
        config["Aliases"] = {"Quantity": 1, "Items": [web.domain]}
    dist = A.distribution_addr()
    ctx.add(dist, "aws_cloudfront_distribution", {"DistributionConfig": config}, span=web.span)
    ctx.bucket_statements.setdefault(bucket, []).append({
        "Sid": "CloudFrontReads", "Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"},
        "Action": "s3:GetObject", "Resource": template(Ref(bucket_addr, "arn"), "/*"),
        "Condition": {"StringEquals": {"AWS:SourceArn": Ref(dist, "arn")}}})
    origin = template("https://", Ref(dist, "domain_name")) if not web.domain else f"https://{web.domain}"
    ctx.add(A.approved_origin_addr(), "connect_approved_origin", {"InstanceId": ctx.instance_id, "Origin": origin},
            span=web.span, extra_deps={dist})
