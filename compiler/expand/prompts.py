"""Audio prompts: each ``prompts:`` entry's .wav is uploaded to its bucket (``aws_s3_object`` under
``prompts/``) and created in the instance with CreatePrompt (``aws_connect_prompt``, S3Uri pointing at the
object); the bucket lets Connect read the prompts (the service principal, for this instance only). A changed
file is uploaded again and re-sent with UpdatePrompt (the prompt's inputs carry the file's hash). An existing
prompt (``arn:``) is a local step whose outputs are its ARN and id: nothing is uploaded or created."""
from __future__ import annotations

import os

from ccdsl.dsl.model import Site
from ccdsl.dsl.source import Span

from .. import addresses as A
from ..resources import Ref
from ..values import template
from .agent_site import file_hash
from .context import Context, span_of

PREFIX = "prompts/"


def expand_prompts(ctx: Context, site: Site) -> None:
    for name in sorted(site.prompts):
        prompt = site.prompts[name]
        if prompt.arn or prompt.file is None or prompt.bucket is None:
            _existing_prompt(ctx, name, str(prompt.arn or ""), span_of(prompt, "arn") or prompt.span)
            continue
        bucket = str(prompt.bucket)
        key = PREFIX + name + (os.path.splitext(prompt.file)[1].lower() or ".wav")
        digest = file_hash(ctx.source_dir, prompt.file)
        obj = A.prompt_object_addr(name)
        ctx.add(obj, "aws_s3_object", {
            "Bucket": Ref(A.bucket_addr(bucket), "name"), "Key": key, "ContentType": "audio/wav",
            "SourceFile": prompt.file, "SourceSha256": digest,
        }, span=span_of(prompt, "file") or prompt.span)
        inputs = {"InstanceId": ctx.instance_id, "Name": name,
                  "S3Uri": template("s3://", Ref(A.bucket_addr(bucket), "name"), "/" + key),
                  "SourceSha256": digest, "Tags": ctx.tag_map()}
        if prompt.description:
            inputs["Description"] = prompt.description
        # Connect reads the file when the prompt is created: after the upload and the bucket's policy
        ctx.add(A.prompt_addr(name), "aws_connect_prompt", inputs, name=name, span=prompt.span,
                extra_deps={obj, A.bucket_part_addr(bucket, "policy")})
    buckets = sorted({str(p.bucket) for p in site.prompts.values() if p.bucket is not None and not p.arn})
    for bucket in buckets:
        ctx.bucket_statements.setdefault(bucket, []).append({
            "Sid": "ConnectReadsPrompts", "Effect": "Allow", "Principal": {"Service": "connect.amazonaws.com"},
            "Action": "s3:GetObject", "Resource": template(Ref(A.bucket_addr(bucket), "arn"), "/" + PREFIX + "*"),
            "Condition": {"StringEquals": {"aws:SourceArn": ctx.instance_arn}},
        })


def _existing_prompt(ctx: Context, name: str, arn: str, span: Span | None) -> None:
    """A prompt the instance already has: its ARN as the site gives it (and its id, the ARN's last part) for the
    flows that play it."""
    ctx.add(A.prompt_addr(name), "connect_prompt_existing",
            {"PromptArn": arn, "PromptId": arn.rsplit("/", 1)[-1], "Name": name}, name=name, span=span)
