"""The ``.ccd`` sections of an instance read by :mod:`.site_read`: instance, hours, queues, routing, security
profiles, the agent hierarchy, agents, numbers, quick connects and the prompts the flows play (existing prompts
named by ARN: their audio stays in the instance), each entry under a comment naming the ARN it came from.

Every value the language can express is written; a value it cannot (a disabled queue, a recurring override …)
is a W507 warning naming the resource. :class:`SiteText` also carries, per site address, the identifiers the
instance gave it (``id``, ``arn`` …), which :mod:`.adopt` records in state.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from ccdsl.compiler import addresses as A
from ccdsl.compiler.expand.connect import CREATE_FEATURES
from ccdsl.compiler.importer.names import sanitize
from ccdsl.dsl.model.enums import FEATURE_ATTRIBUTES
from ccdsl.dsl.model.patterns import USERNAME

from .site_read import InstanceSite

DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
INDENT = "  "
_PLAIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.@/+:, -]*$")
CHANNELS = ("VOICE", "CHAT", "TASK", "EMAIL")
_USERNAME = re.compile(USERNAME)


@dataclass
class Problem:
    code: str  # W507 (a value the site cannot express) or W508 (a resource not imported)
    message: str
    arn: str = ""


@dataclass
class SiteText:
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    found: dict[str, dict[str, Any]] = field(default_factory=dict)  # site address -> identifiers in the instance
    names: dict[str, str] = field(default_factory=dict)  # ARN or id -> site name (for the flows)
    declared: set[str] = field(default_factory=set)  # the ARNs and ids of what the written sections declare
    site: str = ""  # the site's name


def scalar(value: Any) -> str:
    """A YAML scalar: plain where that reads back as the same string, JSON-quoted otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and _reads_back(text):
        return text
    return json.dumps(text, ensure_ascii=False)


@functools.lru_cache(maxsize=4096)
def _reads_back(text: str) -> bool:
    """Whether ``text`` written plain reads back as the same string (not a number, a boolean, a date …)."""
    from ruamel.yaml import YAML, YAMLError

    try:
        return YAML(typ="safe").load(f"k: {text}\n") == {"k": text}
    except YAMLError:
        return False


class _Names:
    """One site name per resource of a kind, from the instance's name; two resources never share one."""

    def __init__(self) -> None:
        self.taken: dict[str, set[str]] = {}
        self.by_id: dict[str, dict[str, str]] = {}

    def add(self, kind: str, name: str, *ids: str) -> str:
        base = name if kind == "agent" and _USERNAME.match(name) else sanitize(name, kind)
        taken = self.taken.setdefault(kind, set())
        unique, n = base, 2
        while unique in taken:
            unique, n = f"{base}_{n}", n + 1
        taken.add(unique)
        for i in ids:
            if i:
                self.by_id.setdefault(kind, {})[i] = unique
        return unique

    def of(self, kind: str, ident: str | None) -> str | None:
        return self.by_id.get(kind, {}).get(ident or "") if ident else None


def _clock(t: dict[str, Any], end: bool = False) -> str:
    hours, minutes = int(t.get("Hours", 0)), int(t.get("Minutes", 0))
    if end and hours == 0 and minutes == 0:
        hours = 24
    return f"{hours:02d}:{minutes:02d}"


def _day_ranges(days: list[int]) -> str:
    out: list[str] = []
    run: list[int] = []
    for d in sorted(days) + [99]:
        if run and d == run[-1] + 1:
            run.append(d)
            continue
        if run:
            first, last = DAYS[run[0]][:3].title(), DAYS[run[-1]][:3].title()
            out.append(first if len(run) == 1 else f"{first}-{last}")
        run = [d]
    return " ".join(out)


def schedule_text(config: list[dict[str, Any]], tz: str) -> str:
    """CreateHoursOfOperation's Config in the compact hours syntax (``Mon-Fri 09:00-17:00 @ Europe/London``)."""
    zone = f" @ {tz}" if tz and tz != "UTC" else ""
    slots: dict[tuple[str, str], list[int]] = {}
    for c in config:
        key = (_clock(c.get("StartTime") or {}), _clock(c.get("EndTime") or {}, end=True))
        slots.setdefault(key, []).append(DAYS.index(c["Day"]))
    if list(slots) == [("00:00", "24:00")] and sorted(slots[("00:00", "24:00")]) == list(range(7)):
        return "24/7" + zone
    entries = sorted(slots.items(), key=lambda kv: (min(kv[1]), kv[0]))
    return ", ".join(f"{_day_ranges(days)} {start}-{end}" for (start, end), days in entries) + zone


_LEVELS = ("LevelOne", "LevelTwo", "LevelThree", "LevelFour", "LevelFive")


def write_site(read: InstanceSite, flow_names: dict[str, str], region: str,
               played: Collection[str] = ()) -> SiteText:
    """The site text (before the flows) and what to adopt; ``flow_names`` maps flow ARNs and ids to names,
    ``played`` holds the prompt ARNs (or ids) the flows play."""
    out = SiteText()
    names = _Names()
    for key, name in flow_names.items():
        names.by_id.setdefault("flow", {})[key] = name
    _index(read, names)
    _head(out, read, region)
    _hours(out, read, names)
    _queues(out, read, names)
    _routing(out, read, names)
    _security(out, read, names)
    _hierarchy(out, read, names)
    _agents(out, read, names)
    _numbers(out, read, names)
    _quick_connects(out, read, names)
    _prompts(out, read, names, played)
    for kind, table in names.by_id.items():
        if kind != "flow":
            out.names.update(table)
        if kind not in ("flow", "prompt"):
            out.declared.update(table)
    return out


def _index(read: InstanceSite, names: _Names) -> None:
    """Every name first, so references between sections resolve whatever the order."""
    for h in read.hours:
        names.add("hours", h["Name"], h.get("HoursOfOperationId", ""), h.get("HoursOfOperationArn", ""))
    for q in read.queues:
        names.add("queue", q["Name"], q.get("QueueId", ""), q.get("QueueArn", ""))
    for r in read.routing:
        names.add("routing", r["Name"], r.get("RoutingProfileId", ""), r.get("RoutingProfileArn", ""))
    for s in read.security_profiles:
        if s.get("Default"):
            names.taken.setdefault("security", set()).add(s["SecurityProfileName"])
            names.by_id.setdefault("security", {}).update({s["Id"]: s["SecurityProfileName"]})
        else:
            names.add("security", s["SecurityProfileName"], s.get("Id", ""), s.get("Arn", ""))
    for u in read.users:
        names.add("agent", u["Username"], u.get("Id", ""), u.get("Arn", ""))
    for n in read.numbers:
        label = n.get("PhoneNumberDescription") or "number_" + str(n.get("PhoneNumber", "")).lstrip("+")
        names.add("number", label, n.get("PhoneNumberId", ""), n.get("PhoneNumberArn", ""))
    for c in read.quick_connects:
        names.add("quick_connect", c["Name"], c.get("QuickConnectId", ""), c.get("QuickConnectARN", ""))
    for p in read.prompts:
        names.add("prompt", p["Name"], p.get("Id", ""), p.get("Arn", ""))
    for g in read.hierarchy_groups:
        names.add("hierarchy", g["Name"], g.get("Id", ""), g.get("Arn", ""))


def write_entry(out: SiteText, arn: str, name: str, fields: Iterable[tuple[str, Any]], depth: int = 1) -> None:
    out.lines.append(f"{INDENT * depth}# from {arn}")
    out.lines.append(f"{INDENT * depth}{scalar(name)}:")
    _fields(out, fields, depth + 1)


def _fields(out: SiteText, fields: Iterable[tuple[str, Any]], depth: int) -> None:
    for key, value in fields:
        if value is None:
            continue
        if isinstance(value, dict):
            out.lines.append(f"{INDENT * depth}{key}:" + (" {}" if not value else ""))
            _fields(out, value.items(), depth + 1)
        elif isinstance(value, list):
            out.lines.append(f"{INDENT * depth}{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            out.lines.append(f"{INDENT * depth}{key}: {scalar(value)}")


def _renamed(out: SiteText, kind: str, original: str, name: str, arn: str) -> None:
    if original != name:
        out.problems.append(Problem("W507", f"{kind} '{original}' is named {name} in the site (the language's name "
                                    "rules): the next change to it renames it in the instance", arn))


def _head(out: SiteText, read: InstanceSite, region: str) -> None:
    inst = read.instance
    alias = str(inst.get("InstanceAlias") or inst.get("Id"))
    tags = dict(inst.get("Tags") or {})
    named = str(tags.pop("ccdsl:site", ""))  # a site ccdsl applied tags everything with its name
    site = re.sub(r"[^a-z0-9-]+", "-", (named or alias).lower()).strip("-")[:40] or "imported"
    out.site = site
    features = [f for f, on in (("inbound", inst.get("InboundCallsEnabled", True)),
                                ("outbound", inst.get("OutboundCallsEnabled", True))) if on]
    features += [feature for feature, attribute in FEATURE_ATTRIBUTES.items() if feature not in CREATE_FEATURES
                 and read.attributes.get(attribute, "").lower() == "true"]
    out.lines += ["ccdsl: 1", f"site: {scalar(site)}", f"region: {scalar(region)}",
                  *([f"tags: {{{', '.join(f'{scalar(k)}: {scalar(v)}' for k, v in sorted(tags.items()))}}}"]
                    if tags else []),
                  f"# from {read.arn}", "instance:", f"{INDENT}alias: {scalar(alias)}"]
    if inst.get("IdentityManagementType", "CONNECT_MANAGED") != "CONNECT_MANAGED":
        out.lines.append(f"{INDENT}identity: {scalar(inst['IdentityManagementType'])}")
        if inst["IdentityManagementType"] == "EXISTING_DIRECTORY":
            out.problems.append(Problem("W507", f"instance '{alias}': its directory id is not returned by "
                                        "DescribeInstance; add directory_id: to the instance", read.arn))
    if features != ["inbound", "outbound"]:
        out.lines.append(f"{INDENT}features: [{', '.join(features)}]")
    out.found[A.INSTANCE] = {"id": inst.get("Id"), "arn": read.arn}
    for feature in features:
        if feature not in CREATE_FEATURES:
            out.found[A.instance_attribute_addr(FEATURE_ATTRIBUTES[feature])] = {"id": FEATURE_ATTRIBUTES[feature]}
    account = read.arn.split(":")[4] if read.arn.count(":") >= 5 else ""
    out.found[A.ACCOUNT] = {"id": account, "account": account, "arn": f"arn:aws:iam::{account}:root"}


def _hours(out: SiteText, read: InstanceSite, names: _Names) -> None:
    if not read.hours:
        return
    out.lines += ["", "hours:"]
    for h in read.hours:
        arn, name = h.get("HoursOfOperationArn", ""), names.of("hours", h.get("HoursOfOperationId")) or h["Name"]
        _renamed(out, "hours", h["Name"], name, arn)
        schedule = schedule_text(h.get("Config") or [], h.get("TimeZone") or "UTC")
        overrides: dict[str, Any] = {}
        for o in h.get("Overrides") or []:
            oname = sanitize(str(o.get("Name")), "override")
            if o.get("RecurrenceConfig"):
                out.problems.append(Problem("W507", f"hours '{h['Name']}' override '{o.get('Name')}' recurs: only "
                                            "its first dates are written (the site has no recurring overrides)", arn))
            kind = o.get("OverrideType", "CLOSED")
            entry: dict[str, Any] = {"date": o.get("EffectiveFrom")}
            if o.get("EffectiveTill") and o.get("EffectiveTill") != o.get("EffectiveFrom"):
                entry["until"] = o["EffectiveTill"]
            if kind == "CLOSED":
                entry["closed"] = True
            else:
                slots = {(_clock(c.get("StartTime") or {}), _clock(c.get("EndTime") or {}, True))
                         for c in o.get("Config") or []}
                if len(slots) > 1 or kind != "OPEN":
                    out.problems.append(Problem("W507", f"hours '{h['Name']}' override '{o.get('Name')}' ({kind}) "
                                                "has times per day: written with the first day's times", arn))
                if slots:
                    start, end = sorted(slots)[0]
                    entry["open"] = f"{start}-{end}"
            if o.get("Description"):
                entry["description"] = o["Description"]
            overrides[oname] = entry
            out.found[A.hours_override_addr(name, oname)] = {"id": o.get("HoursOfOperationOverrideId"), "name": oname}
        if not h.get("Description") and not overrides:
            out.lines += [f"{INDENT}# from {arn}", f"{INDENT}{name}: {scalar(schedule)}"]
        else:
            write_entry(out, arn, name, [("schedule", schedule), ("description", h.get("Description")),
                                    ("overrides", overrides or None)])
        out.found[A.hours_addr(name)] = {"id": h.get("HoursOfOperationId"), "arn": arn, "name": name}


def _queues(out: SiteText, read: InstanceSite, names: _Names) -> None:
    if not read.queues:
        return
    out.lines += ["", "queues:"]
    all_quick = {c.get("QuickConnectId") for c in read.quick_connects}
    for q in read.queues:
        arn, name = q.get("QueueArn", ""), names.of("queue", q.get("QueueId")) or q["Name"]
        _renamed(out, "queue", q["Name"], name, arn)
        if q.get("Status", "ENABLED") != "ENABLED":
            out.problems.append(Problem("W507", f"queue '{q['Name']}' is {q['Status']}: the site cannot say so "
                                        "(it is written as an enabled queue)", arn))
        caller = q.get("OutboundCallerConfig") or {}
        quick = [names.of("quick_connect", i) for i in q.get("QuickConnectIds") or []]
        chosen: Any = None
        if quick and set(q.get("QuickConnectIds") or []) == all_quick:
            chosen = "all"
        elif quick:
            chosen = sorted(n for n in quick if n)
        write_entry(out, arn, name, [
            ("hours", names.of("hours", q.get("HoursOfOperationId"))), ("max_contacts", q.get("MaxContacts")),
            ("caller_id", names.of("number", caller.get("OutboundCallerIdNumberId"))),
            ("caller_name", caller.get("OutboundCallerIdName")),
            ("outbound_flow", names.of("flow", caller.get("OutboundFlowId"))), ("quick_connects", chosen),
            ("description", q.get("Description"))])
        out.found[A.queue_addr(name)] = {"id": q.get("QueueId"), "arn": arn, "name": name}
        if chosen:
            out.found[A.queue_quick_connects_addr(name)] = {"id": q.get("QueueId")}


def _routing(out: SiteText, read: InstanceSite, names: _Names) -> None:
    if not read.routing:
        return
    out.lines += ["", "routing:"]
    for r in read.routing:
        arn, name = r.get("RoutingProfileArn", ""), names.of("routing", r.get("RoutingProfileId")) or r["Name"]
        _renamed(out, "routing profile", r["Name"], name, arn)
        channels = {c["Channel"]: c["Concurrency"] for c in r.get("MediaConcurrencies") or [] if c.get("Concurrency")}
        for c in r.get("MediaConcurrencies") or []:
            behaviour = (c.get("CrossChannelBehavior") or {}).get("BehaviorType", "ROUTE_CURRENT_CHANNEL_ONLY")
            if behaviour != "ROUTE_CURRENT_CHANNEL_ONLY":
                out.problems.append(Problem("W507", f"routing profile '{r['Name']}': {c['Channel']} routes "
                                            f"{behaviour}, which the site cannot say", arn))
        queues: dict[str, dict[str, Any]] = {}
        for cfg in r.get("QueueConfigs") or []:
            qname = names.of("queue", cfg.get("QueueId")) or sanitize(str(cfg.get("QueueName")), "queue")
            entry = queues.setdefault(qname, {"priority": cfg.get("Priority", 1), "delay": cfg.get("Delay", 0),
                                              "channels": []})
            if (entry["priority"], entry["delay"]) != (cfg.get("Priority", 1), cfg.get("Delay", 0)):
                out.problems.append(Problem("W507", f"routing profile '{r['Name']}': queue '{qname}' has a different "
                                            "priority or delay per channel; the first is written", arn))
            entry["channels"].append(cfg.get("Channel"))
        written: dict[str, Any] = {}
        for qname, entry in queues.items():  # in the order the instance lists them
            fields: dict[str, Any] = {}
            if entry["priority"] != 1:
                fields["priority"] = entry["priority"]
            if entry["delay"]:
                fields["delay"] = entry["delay"]
            if sorted(entry["channels"], key=CHANNELS.index) != [c for c in CHANNELS if c in channels]:
                fields["channels"] = [c.lower() for c in CHANNELS if c in entry["channels"]]
            written[qname] = fields
        every_queue = {n for q in read.queues if (n := names.of("queue", q.get("QueueId")))}
        chosen: Any = written or None
        if written and set(written) == every_queue and not any(written.values()):
            chosen = "all"
        outbound = names.of("queue", r.get("DefaultOutboundQueueId"))
        description = r.get("Description")
        write_entry(out, arn, name, [
            ("queues", chosen),
            ("channels", {c.lower(): channels[c] for c in CHANNELS if c in channels}), ("outbound", outbound),
            ("description", None if description == f"{name} routing profile" else description)])
        out.found[A.routing_addr(name)] = {"id": r.get("RoutingProfileId"), "arn": arn, "name": name}


def _security(out: SiteText, read: InstanceSite, names: _Names) -> None:
    custom = [s for s in read.security_profiles if not s.get("Default")]
    for s in read.security_profiles:
        if s.get("Default"):
            name = s["SecurityProfileName"]
            out.found[A.security_profile_addr(name)] = {"id": s["Id"], "arn": s.get("Arn"), "name": name}
    if not custom:
        return
    out.lines += ["", "security_profiles:"]
    for s in custom:
        arn, name = s.get("Arn", ""), names.of("security", s.get("Id")) or s["SecurityProfileName"]
        _renamed(out, "security profile", s["SecurityProfileName"], name, arn)
        if not s.get("Permissions"):
            out.problems.append(Problem("W507", f"security profile '{s['SecurityProfileName']}' has no permissions, "
                                        "which the site cannot declare: left out", arn))
            continue
        write_entry(out, arn, name, [("permissions", sorted(s["Permissions"])), ("description", s.get("Description")),
                                ("access_tags", s.get("AllowedAccessControlTags") or None)])
        out.found[A.security_profile_addr(name)] = {"id": s.get("Id"), "arn": arn, "name": name}


def _hierarchy(out: SiteText, read: InstanceSite, names: _Names) -> None:
    """``hierarchy:``: the level names, top first, and each group under the group above it in its path."""
    if not read.hierarchy_groups:
        return
    levels = [str((read.hierarchy_levels.get(key) or {}).get("Name")) for key in _LEVELS
              if (read.hierarchy_levels.get(key) or {}).get("Name")]
    out.lines += ["", "hierarchy:", f"{INDENT}levels: [{', '.join(scalar(v) for v in levels)}]", f"{INDENT}groups:"]
    for g in read.hierarchy_groups:
        held = g.get("HierarchyPath") or {}
        path: list[dict[str, Any]] = [held[key] for key in _LEVELS if held.get(key)]
        parent = names.of("hierarchy", path[-2].get("Id")) if len(path) > 1 else None
        name = names.of("hierarchy", g.get("Id")) or sanitize(str(g.get("Name")), "hierarchy")
        _renamed(out, "hierarchy group", str(g.get("Name")), name, str(g.get("Arn") or ""))
        write_entry(out, str(g.get("Arn") or ""), name, [("parent", parent)], depth=2)
        if not parent:
            out.lines[-1] += " {}"
        out.found[A.hierarchy_group_addr(name)] = {"id": g.get("Id"), "arn": g.get("Arn"), "name": name}
    out.found[A.HIERARCHY_STRUCTURE] = {"id": str(read.instance.get("Id") or "")}


def _agents(out: SiteText, read: InstanceSite, names: _Names) -> None:
    if not read.users:
        return
    out.lines += ["", "agents:"]
    for u in read.users:
        arn, name = u.get("Arn", ""), names.of("agent", u.get("Id")) or u["Username"]
        _renamed(out, "user", u["Username"], name, arn)
        ident = u.get("IdentityInfo") or {}
        phone = u.get("PhoneConfig") or {}
        acw = phone.get("AfterContactWorkTimeLimit") or 0
        group = names.of("hierarchy", u.get("HierarchyGroupId"))
        if u.get("HierarchyGroupId") and group is None:
            out.problems.append(Problem("W507", f"user '{u['Username']}' is in a hierarchy group the instance does "
                                        "not list: left out of the agent", arn))
        security = [names.of("security", i) for i in u.get("SecurityProfileIds") or []]
        write_entry(out, arn, name, [
            ("email", ident.get("Email")), ("first_name", ident.get("FirstName")),
            ("last_name", ident.get("LastName")), ("routing", names.of("routing", u.get("RoutingProfileId"))),
            ("security", [s for s in security if s]), ("hierarchy", group),
            ("phone", {"type": "desk" if phone.get("PhoneType") == "DESK_PHONE" else "soft",
                       "number": phone.get("DeskPhoneNumber") or None,
                       "auto_accept": phone.get("AutoAccept") or None,
                       "acw_timeout": f"{acw}s" if acw else None})])
        out.found[A.agent_addr(name)] = {"id": u.get("Id"), "arn": arn, "name": name}


def _numbers(out: SiteText, read: InstanceSite, names: _Names) -> None:
    kept = []
    for n in read.numbers:
        arn = n.get("PhoneNumberArn", "")
        if n.get("PhoneNumberType") not in ("DID", "TOLL_FREE"):
            out.problems.append(Problem("W507", f"phone number {n.get('PhoneNumber')} is {n.get('PhoneNumberType')}: "
                                        "the site claims DID and TOLL_FREE numbers only; left out", arn))
        elif not names.of("flow", n.get("FlowId")):
            out.problems.append(Problem("W507", f"phone number {n.get('PhoneNumber')} rings no imported flow: a site "
                                        "number needs one; left out", arn))
        else:
            kept.append(n)
    if not kept:
        return
    out.lines += ["", "numbers:"]
    for n in kept:
        arn, name = n.get("PhoneNumberArn", ""), names.of("number", n.get("PhoneNumberId")) or "number"
        description = n.get("PhoneNumberDescription")
        write_entry(out, arn, name, [("type", n.get("PhoneNumberType")), ("country", n.get("PhoneNumberCountryCode")),
                                ("number", n.get("PhoneNumber")), ("flow", names.of("flow", n.get("FlowId"))),
                                ("description", description if description and description != name else None)])
        out.found[A.number_addr(name)] = {"id": n.get("PhoneNumberId"), "arn": arn, "number": n.get("PhoneNumber")}
        out.found[A.number_flow_addr(name)] = {"id": n.get("PhoneNumberId")}


def _prompts(out: SiteText, read: InstanceSite, names: _Names, played: Collection[str]) -> None:
    """Each prompt a flow plays, as an existing prompt named by its ARN (``NAME: {arn: …}``): its audio stays in
    the instance (DescribePrompt gives no S3 location to upload it from). A prompt no flow plays is left out."""
    chosen = [p for p in read.prompts if p.get("Arn") and (p.get("Arn") in played or p.get("Id") in played)]
    if not chosen:
        return
    out.lines += ["", "prompts:"]
    for p in chosen:
        arn = str(p["Arn"])
        name = names.of("prompt", p.get("Id")) or sanitize(str(p.get("Name")), "prompt")
        write_entry(out, arn, name, [("arn", arn)])
        out.declared.update(i for i in (arn, p.get("Id")) if i)


def _quick_connects(out: SiteText, read: InstanceSite, names: _Names) -> None:
    if not read.quick_connects:
        return
    out.lines += ["", "quick_connects:"]
    for c in read.quick_connects:
        arn, name = c.get("QuickConnectARN", ""), names.of("quick_connect", c.get("QuickConnectId")) or c["Name"]
        _renamed(out, "quick connect", c["Name"], name, arn)
        config = c.get("QuickConnectConfig") or {}
        kind = config.get("QuickConnectType")
        fields: list[tuple[str, Any]]
        if kind == "QUEUE":
            target = config.get("QueueConfig") or {}
            fields = [("queue", names.of("queue", target.get("QueueId"))),
                      ("flow", names.of("flow", target.get("ContactFlowId")))]
        elif kind == "USER":
            target = config.get("UserConfig") or {}
            fields = [("user", names.of("agent", target.get("UserId"))),
                      ("flow", names.of("flow", target.get("ContactFlowId")))]
        else:
            fields = [("number", (config.get("PhoneConfig") or {}).get("PhoneNumber"))]
        write_entry(out, arn, name, fields + [("description", c.get("Description"))])
        out.found[A.quick_connect_addr(name)] = {"id": c.get("QuickConnectId"), "arn": arn, "name": name}
