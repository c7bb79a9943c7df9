"""A compiled site as a CloudFormation template, its assets and a parameters file.

Each compiled resource goes through its handler in :mod:`ccdsl.compiler.registry.cloudformation`: it becomes
a CloudFormation resource, folds into its parent, or becomes a call made by the template's own custom-resource
function (for the few Connect associations CloudFormation has no type for). Dependencies are the intrinsics
in the properties plus ``DependsOn`` from the compiled graph's ordering-only edges. Secrets become parameters
(``${env:…}``) or dynamic references (``${ssm:…}``); the account and region come from pseudo-parameters.
"""
from __future__ import annotations

import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccdsl.compiler.registry import cloudformation as mapping
from ccdsl.compiler.resources import CompiledSite, Ref, Resource, Secret

from .cfn_step import STEP_CODE
from .cfn_values import Values, logical_id, portable
from .nested import NestingError, needs_nesting, split


class ExportError(Exception):
    """The site cannot be exported as one template (the message says why)."""


@dataclass
class Export:
    template: dict[str, Any]
    parameters: dict[str, str]
    assets: dict[str, Path | bytes] = field(default_factory=dict)  # relative path -> source file or bytes
    groups: dict[str, int] = field(default_factory=dict)  # logical id -> display group (for nested stacks)


class Builder:
    """Collects the template while the type handlers run (the ``Sink`` they write to)."""

    def __init__(self, cs: CompiledSite) -> None:
        self.cs = cs
        self.source_dir = Path(cs.source_dir)
        self.resources: dict[str, dict[str, Any]] = {}
        self.owner: dict[str, str] = {}  # compiled address -> logical id that carries it
        self.parameters: dict[str, dict[str, Any]] = {}
        self.assets: dict[str, Path | bytes] = {}
        self.lex: dict[str, dict[str, Any]] = {}
        self.steps: set[str] = set()
        self.flow_contents: dict[str, str] = {}
        self.values = Values(self._ref, self._secret)

    # -- the Sink protocol
    def put(self, r: Resource, cfn_type: str, props: dict[str, Any]) -> None:
        lid = logical_id(r.address)
        self.resources[lid] = {"Type": cfn_type, "Properties": props}
        self.owner[r.address] = lid

    def props(self, address: str) -> dict[str, Any]:
        return self.resources[self.owner[address]]["Properties"]  # type: ignore[no-any-return]

    def fold(self, r: Resource, parent: str) -> None:
        self.owner[r.address] = self.owner[parent]

    def v(self, value: Any) -> Any:
        return self.values(value)

    def doc(self, value: Any) -> Any:
        return self.values.document(value)

    def step(self, r: Resource, service: str, call: str, args: dict[str, Any], delete: str | None,
             delete_keys: tuple[str, ...] = (), outputs: dict[str, str] | None = None) -> None:
        props: dict[str, Any] = {"ServiceToken": {"Fn::GetAtt": ["CcdslStepFunction", "Arn"]},
                                 "Service": service, "Call": call, "Args": self.v(args)}
        if delete:
            props["Delete"] = delete
            props["DeleteKeys"] = list(delete_keys)
        if outputs:
            props["Outputs"] = outputs
        self.steps.add(call)
        if delete:
            self.steps.add(delete)
        self.put(r, "Custom::" + "".join(w.title() for w in call.split("_")), props)

    def asset_function(self, r: Resource) -> dict[str, Any]:
        code = r.inputs.get("Code", {}).get("ZipFile")
        package = self.cs.resources.get(code.address) if isinstance(code, Ref) else None
        if package is None:
            raise ExportError(f"{r.address}: its code has no package to export")
        name = logical_id(r.address)
        self.assets[f"functions/{name}.zip"] = _zip_folder(self.source_dir / package.inputs["Source"])
        self.parameters.setdefault("AssetsBucket", {"Type": "String", "Description":
                                   "S3 bucket holding the uploaded assets/ folder"})
        self.parameters.setdefault("AssetsPrefix", {"Type": "String", "Default": "",
                                   "Description": "key prefix of the uploaded assets/ folder (ends with /)"})
        return {"S3Bucket": {"Ref": "AssetsBucket"}, "S3Key": {"Fn::Sub": f"${{AssetsPrefix}}functions/{name}.zip"}}

    def param(self, name: str, default: Any, description: str) -> dict[str, Any]:
        """A site-specific value as a template parameter (its default the site's value), for StackSets."""
        self.parameters[name] = {"Type": "String", "Default": str(default), "Description": description}
        return {"Ref": name}

    def asset_file(self, r: Resource) -> None:
        self.assets[f"site/{r.inputs['Key']}"] = self.source_dir / r.inputs["SourceFile"]

    # -- values
    def _ref(self, ref: Ref) -> Any:
        target = self.cs.resources.get(ref.address)
        if target is None:
            raise ExportError(f"reference to unknown resource {ref.address}")
        if target.type == "aws_caller_identity":
            return {"Ref": "AWS::AccountId"} if ref.attr in ("account", "account_id") else {"Ref": "AWS::Partition"}
        if target.type in ("aws_lexv2models_bot_locale",):
            return target.inputs["localeId"]
        if target.type == "aws_lexv2models_slot_type":
            return target.inputs["slotTypeName"]
        if target.type in ("aws_lexv2models_intent", "lex_fallback_intent"):
            return target.inputs["intentName"]
        lid = logical_id(ref.address)
        spec = mapping.ATTRS.get(target.type, {}).get(ref.attr)
        if spec is None:
            spec = "ref" if ref.attr in ("id", "name") else "@" + ref.attr[:1].upper() + ref.attr[1:]
            if target.type.startswith("Custom") or lid not in self.resources and target.type in mapping.FOLDING:
                raise ExportError(f"{ref.token}: no CloudFormation value for this output")
        if spec == "ref":
            return {"Ref": lid}
        if spec.startswith("@"):
            return {"Fn::GetAtt": [lid, spec[1:]]}
        if spec.startswith("sub:"):
            return {"Fn::Sub": spec[4:].replace("${{L}}", f"${{{lid}}}")}
        if spec.startswith("in:"):
            return self.v(target.inputs[spec[3:]])
        if spec.startswith("split:"):
            arn = self._ref(Ref(ref.address, "arn"))
            return {"Fn::Select": [1, {"Fn::Split": [f"/{spec[6:]}/", arn]}]} if spec[6:] != "phone-number" \
                else {"Fn::Select": [1, {"Fn::Split": ["phone-number/", arn]}]}
        if spec == "version":
            version = lid + "Version"
            self.resources.setdefault(version, {"Type": "AWS::Lambda::Version",
                                                "Properties": {"FunctionName": {"Ref": lid}}})
            return {"Fn::GetAtt": [version, "Version"]}
        raise ExportError(f"{ref.token}: unknown attribute mapping {spec}")

    def _secret(self, secret: Secret) -> Any:
        if secret.source == "ssm":
            return f"{{{{resolve:ssm:{secret.name}}}}}"
        name = logical_id(secret.name.lower().replace("_", "."))
        param: dict[str, Any] = {"Type": "String", "Description": f"the site's ${{env:{secret.name}}}"}
        if secret.default is not None:
            param["Default"] = secret.default
        else:
            param["NoEcho"] = True
        self.parameters[name] = param
        return {"Ref": name}


def _zip_folder(folder: Path) -> bytes:
    """The folder as a zip with fixed timestamps, so the same code gives the same bytes."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _intrinsic_refs(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        if "Ref" in value and isinstance(value["Ref"], str):
            found.add(value["Ref"])
        if "Fn::GetAtt" in value:
            found.add(value["Fn::GetAtt"][0])
        if "Fn::Sub" in value:
            text = value["Fn::Sub"] if isinstance(value["Fn::Sub"], str) else value["Fn::Sub"][0]
            found.update(m.split(".")[0] for m in re.findall(r"\$\{([A-Za-z0-9.:]+)\}", text))
        for v in value.values():
            found |= _intrinsic_refs(v)
    elif isinstance(value, list):
        for v in value:
            found |= _intrinsic_refs(v)
    return found


def _step_function(calls: set[str]) -> dict[str, dict[str, Any]]:
    actions = sorted({"connect:" + "".join(w.title() for w in c.split("_")) for c in calls})
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": actions,
         "Resource": {"Fn::Sub": "arn:${AWS::Partition}:connect:${AWS::Region}:${AWS::AccountId}:*"}}]}
    return {
        "CcdslStepRole": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
            "ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/"
                                              "AWSLambdaBasicExecutionRole"}],
            "Policies": [{"PolicyName": "connect-steps", "PolicyDocument": policy}]}},
        "CcdslStepFunction": {"Type": "AWS::Lambda::Function", "Properties": {
            "Runtime": "python3.12", "Handler": "index.handler", "Timeout": 120, "MemorySize": 128,
            "Role": {"Fn::GetAtt": ["CcdslStepRole", "Arn"]}, "Code": {"ZipFile": STEP_CODE}}},
    }


def _graph(b: Builder) -> Any:
    import networkx as nx

    g = nx.DiGraph()
    for lid, body in b.resources.items():
        g.add_node(lid)
        for dep in _intrinsic_refs(body.get("Properties", {})) | set(body.get("DependsOn", [])):
            if dep in b.resources and dep != lid:
                g.add_edge(dep, lid)
    return g


def _unfold_flow_cycles(b: Builder) -> None:
    """Flows that refer to each other (directly or through queues and quick connects) are created with their
    stub content, and their content is set by a call once all of them exist: CloudFormation has no cycles."""
    import networkx as nx

    cyclic = {n for scc in nx.strongly_connected_components(_graph(b)) if len(scc) > 1 for n in scc}
    for address, parent in sorted(b.flow_contents.items()):
        lid = b.owner[parent]
        if lid not in cyclic:
            continue
        b.props(parent)["Content"] = b.v(b.cs.resources[parent].inputs["Content"])
        mapping.flow_content_step(b, b.cs.resources[address])


def build(cs: CompiledSite) -> Export:
    """The template, its parameter defaults and its assets for a compiled site."""
    b = Builder(cs)
    order = sorted(cs.resources.values(), key=lambda r: mapping.rank(r.type))
    for r in order:
        handler = mapping.HANDLERS.get(r.type)
        if handler is None:
            raise ExportError(f"{r.address}: type {r.type} has no CloudFormation mapping")
        handler(b, r)
    _unfold_flow_cycles(b)
    for r in cs.resources.values():  # ordering-only edges of the compiled graph
        lid = b.owner.get(r.address)
        if lid is None or lid not in b.resources:
            continue
        deps = {b.owner[d] for d in r.extra_deps if d in b.owner and b.owner[d] in b.resources}
        deps -= {lid} | _intrinsic_refs(b.resources[lid]["Properties"])
        if deps:
            existing = set(b.resources[lid].get("DependsOn", []))
            b.resources[lid]["DependsOn"] = sorted(existing | deps)
    for body in b.resources.values():
        body["Properties"] = portable(body["Properties"], cs.region)
    if b.steps:
        b.resources.update(_step_function(b.steps))
    template: dict[str, Any] = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"ccdsl site {cs.site} (exported by ccdsl export cloudformation)",
    }
    if b.parameters:
        template["Parameters"] = dict(sorted(b.parameters.items()))
    template["Resources"] = b.resources
    defaults = {k: str(p.get("Default", "")) for k, p in b.parameters.items()}
    return Export(template, defaults, b.assets, _groups(b))


def _groups(b: Builder) -> dict[str, int]:
    """Each CloudFormation resource's display group: its compiled resource's (the one it is named after)."""
    from ccdsl.compiler.registry import REGISTRY

    groups: dict[str, int] = {}
    for address, lid in b.owner.items():
        spec = REGISTRY.get(b.cs.resources[address].type)
        if spec is not None and (lid not in groups or logical_id(address) == lid):
            groups[lid] = spec.group
    for lid in b.resources:
        if lid not in groups:  # a Lambda version beside its function; the custom-resource function
            groups[lid] = groups.get(lid.removesuffix("Version"), 1)
    return groups


def _dump(template: dict[str, Any], as_yaml: bool) -> str:
    if as_yaml:
        import yaml

        plain = json.loads(json.dumps(template))  # located strings as plain ones
        return yaml.safe_dump(plain, sort_keys=False, width=120, allow_unicode=True)  # type: ignore[no-any-return]
    return json.dumps(template, indent=2) + "\n"


def nest(export: Export, as_yaml: bool = False) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(the template to write, nested templates by stack name): the template split when it is over the quotas."""
    body = _dump(export.template, as_yaml)
    if not needs_nesting(export.template, len(body.encode())):
        return export.template, {}
    template = dict(export.template)
    params = dict(template.get("Parameters", {}))
    params.setdefault("AssetsBucket", {"Type": "String",
                                       "Description": "S3 bucket holding the uploaded assets/ folder"})
    params.setdefault("AssetsPrefix", {"Type": "String", "Default": "",
                                       "Description": "key prefix of the uploaded assets/ folder (ends with /)"})
    template["Parameters"] = dict(sorted(params.items()))
    suffix = "yaml" if as_yaml else "json"

    def url(name: str) -> dict[str, Any]:
        return {"Fn::Sub": "https://${AssetsBucket}.s3.${AWS::Region}.${AWS::URLSuffix}/${AssetsPrefix}"
                           f"stacks/{name}.{suffix}"}

    try:
        return split(template, export.groups, url)
    except NestingError as exc:
        raise ExportError(str(exc)) from None


def write(export: Export, out: Path, as_yaml: bool = False) -> list[Path]:
    """Write the template, parameters/default.json and assets/ under ``out``; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    template, nested = nest(export, as_yaml)
    path = out / ("template.yaml" if as_yaml else "template.json")
    path.write_text(_dump(template, as_yaml))
    written.append(path)
    for name, body in nested.items():  # uploaded with the other assets; the parent reads them from there
        child = out / "assets" / "stacks" / f"{name}.{'yaml' if as_yaml else 'json'}"
        child.parent.mkdir(parents=True, exist_ok=True)
        child.write_text(_dump(body, as_yaml))
        written.append(child)
    params = out / "parameters" / "default.json"  # beside, not among, the templates: `cfn-lint DIR/*.json`
    params.parent.mkdir(exist_ok=True)
    defaults = {k: str(p.get("Default", "")) for k, p in template.get("Parameters", {}).items()}
    params.write_text(json.dumps([{"ParameterKey": k, "ParameterValue": v}
                                  for k, v in defaults.items()], indent=2) + "\n")
    written.append(params)
    for rel, src in sorted(export.assets.items()):
        target = out / "assets" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(src, bytes):
            target.write_bytes(src)
        else:
            shutil.copyfile(src, target)
        written.append(target)
    return written


def summary(cs: CompiledSite, export: Export) -> dict[str, int]:
    """Counts for the command's summary line."""
    resources = export.template["Resources"]
    custom = sum(1 for body in resources.values() if body["Type"].startswith("Custom::"))
    return {"resources": len(resources), "compiled": len(cs.resources), "custom": custom,
            "folded": sum(1 for r in cs.resources.values() if mapping.rank(r.type) > 0
                          or r.type in ("lex_bot_locale_build", "lambda_package", "aws_caller_identity"))}
