"""Alarm targets and composite alarm rules: every `notify:` entry is a declared topic, an e-mail
address or an ARN (E212) of a service the alarm may notify (E177); every alarm a composite rule names
exists (E229, with did-you-mean); a composite alarm neither shares its name with an alarm nor depends on
itself (E163).

The services an alarm's actions may reach live here (:data:`ACTION_SERVICES`); the registry's rules on
PutMetricAlarm and PutCompositeAlarm requests read the same table."""
from __future__ import annotations

import re

from ..diagnostics import Diagnostics
from ..model import Alarm, CompositeAlarm, Name, Site
from .scope import Scope

#: the ARN services an alarm's actions may name, by kind of alarm: a topic name or an e-mail address
#: is an SNS topic. Metric alarms: SNS, EC2 actions (arn:aws:automate, arn:aws:swf), Auto Scaling, Systems
#: Manager OpsItems and incident response plans, Lambda
#: (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html AlarmActions);
#: composite alarms: SNS, Lambda and Systems Manager only
#: (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutCompositeAlarm.html AlarmActions)
ACTION_SERVICES = {
    "metric": ("sns", "automate", "swf", "autoscaling", "ssm", "ssm-incidents", "lambda"),
    "composite": ("sns", "lambda", "ssm", "ssm-incidents"),
}
_ARN_SERVICE = re.compile(r"^arn:[^:]+:([^:]+):")


def action_problem(kind: str, action: str) -> str | None:
    """Why ``action`` (an ARN, as the request carries it) cannot be an action of a ``kind`` alarm."""
    match = _ARN_SERVICE.match(action)
    allowed = ACTION_SERVICES[kind]
    if match is None:
        return f"'{action}' is not an ARN (actions are the ARNs of {', '.join(allowed)} targets)"
    if match.group(1) not in allowed:
        return f"'{action}' is an ARN of {match.group(1)}: a {kind} alarm acts on {', '.join(allowed)} only"
    return None


def is_address(target: str) -> bool:
    """An e-mail address (notified through a topic made for it) rather than a topic's name."""
    return "@" in target


def is_arn(target: str) -> bool:
    return target.startswith("arn:")


def check_alarms(site: Site, scope: Scope, diags: Diagnostics) -> None:
    mon = site.monitoring
    if mon is None:
        return
    entries: list[Alarm | CompositeAlarm] = [*mon.alarms.values(), *mon.composites.values()]
    for entry in entries:
        kind = "composite" if isinstance(entry, CompositeAlarm) else "metric"
        for target in entry.notify or ():
            if is_arn(target):
                problem = action_problem(kind, str(target))
                if problem:
                    diags.error("E177", f"notify of {kind} alarm '{entry.name}': {problem}", target.span,
                                hint="notify a topic, an e-mail address, or the ARN of a target the alarm allows",
                                length=len(target))
            elif not is_address(target):
                scope.check("topic", str(target), target.span, diags, f"(notify of alarm '{entry.name}')")
    names = set(mon.alarms) | set(mon.composites)
    for name, composite in mon.composites.items():
        if name in mon.alarms:
            diags.error("E163", f"composite alarm '{name}' has the name of an alarm", composite.span,
                        hint="alarms and composite alarms share their names: rename one")
        if composite.rule.ast is None:
            continue
        for ref in composite.rule.ast.names:
            scope.check("alarm", ref.value, ref.span, diags, f"(rule of composite alarm '{name}')", candidates=names)
    _check_cycles(site, diags)


def _check_cycles(site: Site, diags: Diagnostics) -> None:
    """A composite alarm that names itself, directly or through other composite alarms."""
    assert site.monitoring is not None
    composites = site.monitoring.composites
    uses: dict[str, list[Name]] = {}
    for name, composite in composites.items():
        if composite.rule.ast is not None:
            uses[name] = [Name(n.value, n.span) for n in composite.rule.ast.names if n.value in composites]
    for start in sorted(uses):
        seen: set[str] = set()
        todo = [(ref, ref) for ref in uses[start]]
        while todo:
            first, ref = todo.pop()
            if ref == start:
                diags.error("E163", f"composite alarm '{start}' depends on itself (through '{first}')", first.span,
                            hint="a composite alarm's rule cannot lead back to it")
                break
            if ref in seen:
                continue
            seen.add(ref)
            todo.extend((first, nxt) for nxt in uses.get(ref, ()))
