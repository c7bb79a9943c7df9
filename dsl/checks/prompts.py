"""Prompts uploaded here (``file`` and ``bucket``) and existing ones named by ARN (``arn``): each is one or the
other (E513); an existing prompt takes no upload settings (E514) and belongs to the site's instance, so it is in
the site's Region and every existing prompt names the same instance (E515)."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model import Site

#: what only a prompt uploaded and created here has
UPLOAD_SETTINGS = ("file", "bucket", "description")


def _instance(arn: str) -> str:
    """The instance id of a prompt ARN (``…:instance/ID/prompt/PROMPT_ID``)."""
    return arn.split(":instance/", 1)[1].split("/", 1)[0]


def check_prompts(site: Site, diags: Diagnostics) -> None:
    first: tuple[str, str] | None = None  # (prompt name, instance id) of the first existing prompt
    for name in sorted(site.prompts):
        prompt = site.prompts[name]
        if prompt.arn is None:
            if prompt.file is None or prompt.bucket is None:
                diags.error("E513", f"prompt '{name}' needs either `file:` and `bucket:` (uploaded here) or `arn:` "
                            "(an existing prompt of the instance), and has "
                            f"{'neither' if prompt.file is None and prompt.bucket is None else 'only one of them'}",
                            prompt.span, hint="`file: prompts/NAME.wav` with `bucket: BUCKET` uploads the audio; "
                                              "`arn: arn:aws:connect:…/prompt/ID` plays a prompt the instance has")
            continue
        settings = [key for key in UPLOAD_SETTINGS if key in prompt.model_fields_set]
        if {"file", "bucket"} & set(settings):
            key = "file" if "file" in settings else "bucket"
            diags.error("E513", f"prompt '{name}' needs either `file:` and `bucket:` (uploaded here) or `arn:` (an "
                        "existing prompt), not both", prompt.span_of("arn"),
                        hint=f"remove `arn:` to upload the file, or `{key}:` to play the existing prompt")
            continue
        for key in settings:
            diags.error("E514", f"prompt '{name}' is an existing prompt (`arn:`): `{key}` is set where it is "
                        "created, not here", prompt.span_of(key),
                        hint=f"remove `{key}`, or upload the prompt here with `file:` and `bucket:`")
        # a flow plays only prompts of its own instance, which lives in the site's Region:
        # https://docs.aws.amazon.com/connect/latest/adminguide/prompts.html
        region = prompt.arn.split(":")[3]
        if site.region and region != site.region:
            diags.error("E515", f"prompt '{name}' is in {region}, the site in {site.region}: a flow plays only "
                        "prompts of its own instance", prompt.span_of("arn"),
                        hint=f"use the ARN of the prompt in the site's instance in {site.region}")
            continue
        instance = _instance(prompt.arn)
        if first is None:
            first = (name, instance)
        elif instance != first[1]:
            diags.error("E515", f"prompt '{name}' is of instance {instance}, prompt '{first[0]}' of {first[1]}: a "
                        "site has one instance, and a flow plays only its prompts", prompt.span_of("arn"),
                        hint="use the ARNs of prompts in the same instance")
