"""Functions built here (``source``) and existing ones named by ARN (``arn``): each is one or the other (E510); an
existing function takes no build or deployment settings (E511) and lives in the site's Region (E512)."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model import Site

#: what only a function built here has: its code, runtime, sizing, role grants and deployment
BUILD_SETTINGS = ("handler", "runtime", "architecture", "memory", "timeout", "provisioned", "reserved", "layers",
                  "vpc", "alias", "logs", "env", "access", "description")


def check_functions(site: Site, diags: Diagnostics) -> None:
    for name, fn in site.functions.items():
        if (fn.source is None) == (fn.arn is None):
            both = fn.source is not None
            diags.error("E510", f"function '{name}' needs either `source:` (built here) or `arn:` (an existing "
                        f"function), {'not both' if both else 'and has neither'}",
                        fn.span_of("arn") if both else fn.span,
                        hint="`source: functions/NAME` builds the code; `arn: arn:aws:lambda:…` uses a function "
                             "deployed elsewhere")
            continue
        if fn.arn is None:
            continue
        for key in BUILD_SETTINGS:
            if key in fn.model_fields_set:
                diags.error("E511", f"function '{name}' is an existing function (`arn:`): `{key}` is set where "
                            "it is built, not here", fn.span_of(key),
                            hint=f"remove `{key}`, or build the function here with `source:`")
        region = fn.arn.split(":")[3]
        # Connect adds a function to an instance (and lets its flows invoke it) in the instance's own Region:
        # https://docs.aws.amazon.com/lambda/latest/dg/services-connect.html
        if site.region and region != site.region:
            diags.error("E512", f"function '{name}' is in {region}, the site in {site.region}: an instance is "
                        "associated only with functions of its own Region", fn.span_of("arn"),
                        hint=f"deploy the function in {site.region} and use that ARN")
