"""The site's ``targets:`` as ccdsl itself deploys them: which targets a command names, where each one keeps
its state, and the site compiled for each one (the target's region, its parameter overrides).

Every target has its own state (``<site dir>/.ccdsl/targets/<name>/state.db``, with its own lock) and so its own
simulated account (``sim.db`` beside that state, ARNs with the target's account id). Parameter overrides use the
names the CloudFormation export gives its parameters (``InstanceAlias``, ``<Number>Country``/``<Number>Type``,
one per ``${env:…}``), so one ``targets:`` section serves both ``apply --all-targets`` and ``--stackset``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from ccdsl.compiler.resources import CompiledSite, Secret, Template

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")  # a target name is a folder name under .ccdsl/targets/
EXPORT_ONLY = frozenset({"AssetsBucket", "AssetsPrefix"})  # where the export's assets are uploaded


class TargetError(Exception):
    """The targets cannot be run (the lines say why)."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """One target as a run needs it."""

    name: str
    region: str
    account: str | None = None  # the account id, when the site gives one
    profile: str | None = None
    parameters: dict[str, str] = field(default_factory=dict)

    @property
    def sim_account(self) -> str:
        """The simulated account's id: the target's own, else a stable one made from its name."""
        if self.account:
            return self.account
        digest = int(hashlib.sha256(self.name.encode()).hexdigest(), 16)
        return "9" + str(digest % 10**11).zfill(11)

    def label(self) -> str:
        where = self.account or (f"profile {self.profile}" if self.profile else "")
        return f"{self.name} ({', '.join(x for x in (where, self.region) if x)})"


@dataclass(frozen=True, slots=True)
class RolloutSpec:
    """StackSets' operation preferences: ``max_concurrent`` targets at once; once more than
    ``failure_tolerance`` targets have failed, no further target is started."""

    max_concurrent: int = 1
    failure_tolerance: int = 0


@dataclass(slots=True)
class Selection:
    model: Any  # the validated site model (ccdsl.dsl.model.Site)
    source_dir: str
    targets: list[TargetSpec]
    rollout: RolloutSpec


def target_state_path(site_path: str | Path, name: str) -> Path:
    """``<site dir>/.ccdsl/targets/<name>/state.db``."""
    return Path(site_path).resolve().parent / ".ccdsl" / "targets" / name / "state.db"


def select(site_path: str | Path, names: list[str] | None) -> Selection:
    """The targets ``names`` (every target when None), in the site's order. Raises :class:`TargetError`."""
    from ccdsl.dsl.report import Sources, render_text
    from ccdsl.dsl.validate import validate_file

    path = Path(site_path)
    if not path.exists():
        raise TargetError([f"{path}: error: no such file"])
    model, diags = validate_file(str(path))
    if model is None or diags.has_errors:
        sources = Sources()
        raise TargetError([render_text(d, sources) for d in diags.sorted() if d.is_error]
                          or [f"{path}: cannot compile"])
    declared = dict(model.targets)
    if not declared:
        raise TargetError([f"{path}: the site has no `targets:` section; --target and --all-targets run the "
                           "targets it lists"])
    wanted = list(declared) if names is None else names
    lines = []
    for name in wanted:
        if name not in declared:
            near = get_close_matches(name, list(declared), n=1)
            hint = f"; did you mean {near[0]}?" if near else f" (the site has: {', '.join(declared)})"
            lines.append(f"--target: {path.name} has no target {name!r}{hint}")
            continue
        t = declared[name]
        if not NAME.match(name):
            lines.append(f"{t.span}: error: target name {name!r} must be letters, digits, '.', '_' or '-' "
                         "(it names the target's state folder)")
        if t.ou:
            lines.append(f"{t.span}: error: target {name} deploys to an organisation unit (`ou:`); only a "
                         "StackSet can (`ccdsl export cloudformation --stackset`)")
    if lines:
        raise TargetError(lines)
    rollout = model.rollout
    spec = RolloutSpec(rollout.max_concurrent, rollout.failure_tolerance) if rollout else RolloutSpec()
    targets = [TargetSpec(name, declared[name].region or model.region, declared[name].account,
                          declared[name].profile, dict(declared[name].parameters)) for name in wanted]
    return Selection(model, str(path.resolve().parent), targets, spec)


def check_aws_account(target: TargetSpec) -> str:
    """With ``--provider aws``: why the target cannot be deployed with the credentials its profile (or the
    environment) gives — they reach another account than its ``account:`` — or '' when they reach it."""
    from ccdsl.runtime.providers.aws.clients import Clients
    from ccdsl.runtime.providers.aws.errors import translate
    from ccdsl.runtime.providers.aws.settings import AwsSettings

    if not target.account:
        return ""
    try:
        found = Clients(AwsSettings.from_env(region=target.region, profile=target.profile)).account
    except Exception as exc:  # no credentials, an unknown profile, no network: say which target
        why = translate(exc, "GetCallerIdentity")
        return f"target {target.name}: cannot tell which account the credentials reach: {why}"
    if found != target.account:
        how = f"profile {target.profile}" if target.profile else "the environment's credentials"
        return (f"target {target.name}: {how} reach account {found}, not the target's {target.account}; "
                "nothing was changed (set the target's `profile:` to one that reaches it)")
    return ""


def compile_target(selection: Selection, target: TargetSpec) -> CompiledSite:
    """The site compiled for ``target``: its region, then its parameter overrides. Raises :class:`TargetError`."""
    from ccdsl.compiler.pipeline import compile_model
    from ccdsl.dsl.diagnostics import Diagnostics

    model = selection.model
    if target.region != model.region:
        model = model.model_copy(update={"region": target.region})
    diags = Diagnostics()
    compiled = compile_model(model, diags, source_dir=selection.source_dir)
    if compiled is None:
        raise TargetError([f"target {target.name}: {d.message}" for d in diags.sorted() if d.is_error]
                          or [f"target {target.name}: cannot compile"])
    problems = apply_parameters(compiled, target.parameters)
    if problems:
        raise TargetError([f"target {target.name}: {p}" for p in problems])
    return compiled


def parameter_slots(cs: CompiledSite) -> dict[str, list[tuple[str, str]]]:
    """Parameter name → the (address, input) pairs it sets, named as the CloudFormation export names them."""
    from ccdsl.compiler.export.cfn_values import logical_id

    slots: dict[str, list[tuple[str, str]]] = {}
    for address, r in cs.resources.items():
        if r.type == "aws_connect_instance":
            slots.setdefault("InstanceAlias", []).append((address, "InstanceAlias"))
        elif r.type == "aws_connect_phone_number":
            base = logical_id(address)
            slots.setdefault(base + "Country", []).append((address, "PhoneNumberCountryCode"))
            slots.setdefault(base + "Type", []).append((address, "PhoneNumberType"))
    return slots


def env_parameter(secret: Secret) -> str:
    """The export's parameter name for an ``${env:NAME}`` value."""
    from ccdsl.compiler.export.cfn_values import logical_id

    return logical_id(secret.name.lower().replace("_", "."))


def apply_parameters(cs: CompiledSite, parameters: dict[str, str]) -> list[str]:
    """Set ``parameters`` on the compiled resources in place; the problems (unknown names)."""
    if not parameters:
        return []
    slots = parameter_slots(cs)
    env: dict[str, str] = {}
    for r in cs.resources.values():
        for secret in _secrets(r.inputs):
            if secret.source == "env":
                env.setdefault(env_parameter(secret), secret.name)
    unknown = sorted(set(parameters) - set(slots) - set(env) - EXPORT_ONLY)
    if unknown:
        known = sorted(set(slots) | set(env))
        return [f"parameter(s) the site does not take: {', '.join(unknown)} (it takes: {', '.join(known) or 'none'})"]
    for name, value in parameters.items():
        for address, key in slots.get(name, []):
            cs.resources[address].inputs[key] = value
    by_env = {env[name]: value for name, value in parameters.items() if name in env}
    if by_env:
        for r in cs.resources.values():
            r.inputs = _with_env(r.inputs, by_env)
    return []


def _secrets(value: Any) -> list[Secret]:
    from ccdsl.runtime.inputs import secrets_in

    return secrets_in(value)


def _with_env(value: Any, values: dict[str, str]) -> Any:
    """``value`` with each ``${env:NAME}`` named in ``values`` replaced by the target's value (written in the
    site, so no secret)."""
    if isinstance(value, Secret):
        return values.get(value.name, value) if value.source == "env" else value
    if isinstance(value, Template):
        return replace(value, parts=tuple(_with_env(p, values) for p in value.parts))
    if isinstance(value, dict):
        return {k: _with_env(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_env(v, values) for v in value]
    if isinstance(value, tuple):
        return tuple(_with_env(v, values) for v in value)
    return value
