"""The CloudFormation StackSet inputs for a site's ``targets:``: ``create-stack-set`` and one
``create-stack-instances`` per group of targets that share a region and parameter overrides (a StackSet
operation deploys every listed account to every listed region, so unlike targets are not mixed).
Operation preferences follow the site's ``rollout:`` (max concurrent targets, failure tolerance), with the
concurrency decoupled from failures (``SOFT_FAILURE_TOLERANCE``) as ``apply --all-targets`` runs them: the
default, ``STRICT_FAILURE_TOLERANCE``, would lower the concurrency to the tolerance + 1 (StackSetOperationPreferences,
https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackSetOperationPreferences.html).
Field names: CloudFormation API reference, CreateStackSet and CreateStackInstances,
https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackInstances.html
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ccdsl.dsl.model.site import Site

from .cloudformation import Export, ExportError

INLINE_BODY_LIMIT = 51_200  # bytes of a TemplateBody; larger templates go through TemplateURL


def stackset_inputs(site: Site, export: Export, template_text: str) -> dict[str, dict[str, Any]]:
    """File name → the JSON input of one ``aws cloudformation … --cli-input-json``."""
    if not site.targets:
        raise ExportError("--stackset needs a `targets:` section in the site")
    managed = {name for name, t in site.targets.items() if t.ou}
    if managed and len(managed) != len(site.targets):
        raise ExportError("targets mix accounts and organisation units (`ou:`): one StackSet uses one or the other")
    for name, t in site.targets.items():
        if not t.ou and not t.account:
            raise ExportError(f"target {name} has no `account:` (a StackSet deploys to account ids, not profiles)")
    rollout = site.rollout
    prefs = {"MaxConcurrentCount": rollout.max_concurrent if rollout else 1,
             "FailureToleranceCount": rollout.failure_tolerance if rollout else 0,
             "RegionConcurrencyType": "PARALLEL", "ConcurrencyMode": "SOFT_FAILURE_TOLERANCE"}
    stack_set: dict[str, Any] = {
        "StackSetName": site.site, "Description": f"ccdsl site {site.site}",
        "Parameters": [{"ParameterKey": k, "ParameterValue": v} for k, v in export.parameters.items()],
        "Capabilities": ["CAPABILITY_NAMED_IAM"],
        "PermissionModel": "SERVICE_MANAGED" if managed else "SELF_MANAGED",
    }
    if managed:
        stack_set["AutoDeployment"] = {"Enabled": True, "RetainStacksOnAccountRemoval": False}
    if len(template_text.encode()) <= INLINE_BODY_LIMIT:
        stack_set["TemplateBody"] = template_text
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for name, t in sorted(site.targets.items()):
        region = t.region or site.region
        key = (region, json.dumps(t.parameters, sort_keys=True))
        group = groups.setdefault(key, {"names": [], "accounts": [], "ous": [], "parameters": t.parameters})
        group["names"].append(name)
        (group["ous"] if t.ou else group["accounts"]).append(t.ou or t.account)
    files: dict[str, dict[str, Any]] = {"create-stack-set.json": stack_set}
    for (region, _), group in groups.items():
        body: dict[str, Any] = {"StackSetName": site.site, "Regions": [region], "OperationPreferences": prefs}
        if group["ous"]:
            body["DeploymentTargets"] = {"OrganizationalUnitIds": group["ous"]}
        else:
            body["Accounts"] = group["accounts"]
        if group["parameters"]:
            body["ParameterOverrides"] = [{"ParameterKey": k, "ParameterValue": v}
                                          for k, v in sorted(group["parameters"].items())]
        files[f"create-stack-instances-{'-'.join(group['names'])}.json"] = body
    return files


def write_stackset(site: Site, export: Export, out: Path, template: Path) -> list[Path]:
    """Write ``out/stackset/*.json``; the paths written."""
    unknown = sorted({k for t in site.targets.values() for k in t.parameters} - set(export.parameters))
    if unknown:
        raise ExportError(f"target parameters the template does not take: {', '.join(unknown)} "
                          f"(it takes: {', '.join(export.parameters) or 'none'})")
    folder = out / "stackset"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, body in stackset_inputs(site, export, template.read_text()).items():
        path = folder / name
        path.write_text(json.dumps(body, indent=2) + "\n")
        written.append(path)
    return written
