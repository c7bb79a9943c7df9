"""The plan as ``plan``, ``apply`` and ``destroy`` print it, in Terraform's conventions.

One line per change (``+`` create, ``~`` update, ``-/+`` replace, ``-`` delete, ``=`` kept), coloured on a
terminal; under an update or replacement each changed input as ``name: old → new`` (secrets masked, long
values elided) with ``# forces replacement`` on the input that forces it; a warning for every replaced or
deleted resource that holds data; the critical path; and ``Plan: N to add, M to change, K to destroy.``
last, right above the question. ``--compact`` prints one line per phase instead of one per change.
"""
from __future__ import annotations

import json
import re
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

MARKS = {"create": ("+", "green"), "update": ("~", "yellow"), "replace": ("-/+", "red"),
         "delete": ("-", "red"), "kept": ("=", "cyan")}
# Resources whose replacement or deletion loses what they hold.
DATA_LOSS = {
    "aws_dynamodb_table": "DynamoDB table: its items are lost",
    "aws_s3_bucket": "S3 bucket: its objects (recordings, transcripts, reports) are lost",
    "aws_connect_instance": "Connect instance: its users, metrics and contact records are lost",
    "aws_connect_phone_number": "phone number: a released number may not come back (180-day cooldown)",
    "aws_kinesis_stream": "Kinesis stream: records not yet read are lost",
    "aws_kms_key": "KMS key: data encrypted with it cannot be read once it is deleted",
}
KEPT_NOTE = "kept: released numbers have a cooldown of up to 180 days; --release-numbers releases them"
SENSITIVE = re.compile(r"pass(word)?|secret|token|private|credential", re.I)
VALUE_WIDTH = 48


def kept(change: Any, release_numbers: bool) -> bool:
    """A phone number a destroy or removal keeps (it is only forgotten by state)."""
    return change.action == "delete" and change.type == "aws_connect_phone_number" and not release_numbers


def counts(plan: Any, release_numbers: bool = False) -> dict[str, int]:
    """Terraform's three figures (a replacement adds and destroys) and the numbers kept."""
    out = {"add": 0, "change": 0, "destroy": 0, "kept": 0}
    for c in plan.steps:
        if kept(c, release_numbers):
            out["kept"] += 1
        elif c.action == "create":
            out["add"] += 1
        elif c.action == "update":
            out["change"] += 1
        elif c.action == "replace":
            out["add"] += 1
            out["destroy"] += 1
        elif c.action == "delete":
            out["destroy"] += 1
    return out


def verdict_line(plan: Any, release_numbers: bool = False) -> Text:
    c = counts(plan, release_numbers)
    text = Text("Plan: ", style="bold")
    text.append(f"{c['add']} to add", style="green" if c["add"] else "")
    text.append(", ")
    text.append(f"{c['change']} to change", style="yellow" if c["change"] else "")
    text.append(", ")
    text.append(f"{c['destroy']} to destroy", style="red" if c["destroy"] else "")
    if c["kept"]:
        text.append(f", {c['kept']} kept", style="cyan")
    text.append(".")
    return text


def print_plan(plan: Any, provider: str, out: TextIO | None = None, *, compact: bool = False,
               release_numbers: bool = False, console: Console | None = None) -> None:
    from ccdsl.runtime.plan import phase_name
    from ccdsl.runtime.sinks.summary import clock_text, duration_text

    con = console or Console(file=out, highlight=False, soft_wrap=False)
    width = max(60, con.width)
    where = f"{provider}, {plan.region}" if plan.region else provider
    con.print(Text.assemble((plan.site, "bold"), f" ({where}) ", ("destroy plan" if plan.destroy else "plan", "bold")))
    if not plan.has_changes:
        con.print("No changes. The site matches the recorded state.")
        return
    by_phase: dict[int, list] = {}
    for ch in plan.steps:
        by_phase.setdefault(ch.phase, []).append(ch)
    critical = set(plan.critical_path)
    addr_w = min(56, max(len(c.address) for c in plan.steps))
    type_w = min(40, max(len(c.type) for c in plan.steps))
    show_type = 4 + 4 + addr_w + 1 + type_w + 10 <= width
    for phase in sorted(by_phase):
        rows = sorted(by_phase[phase], key=lambda ch: ch.address)
        est = max((plan.earliest_start_s.get(c.address, 0.0) + c.estimate_s for c in rows), default=0.0)
        if compact:
            line = Text(f"Phase {phase:>2} {phase_name(phase):<26}")
            for action in ("create", "update", "replace", "delete"):
                n = sum(1 for c in rows if c.action == action and not kept(c, release_numbers))
                mark, style = MARKS[action]
                line.append(f" {mark}{n:<4}" if n else " " * (len(mark) + 5), style=style)
            n_kept = sum(1 for c in rows if kept(c, release_numbers))
            if n_kept:
                line.append(f" ={n_kept} kept", style="cyan")
            line.append(f"  ends ≈{clock_text(est)}", style="dim")
            con.print(line, no_wrap=True, overflow="ellipsis")
            continue
        con.print(Text(f"\nPhase {phase} {phase_name(phase)} ({len(rows)})", style="bold"))
        for ch in rows:
            _change_line(con, ch, critical, addr_w, type_w if show_type else 0, width, release_numbers,
                         duration_text)
            if ch.action in ("update", "replace"):
                for detail in _details(ch, plan, width):
                    con.print(detail, no_wrap=True, overflow="ellipsis")
    con.print(Text(f"\nCritical path: ≈{duration_text(plan.critical_length_s)} in {len(plan.critical_path)} steps "
                   "(◆; the chain that decides when the run ends)", style="bold"))
    if not compact:
        for a in plan.critical_path:
            ch = plan.changes[a]
            con.print(Text(f"  {clock_text(plan.earliest_start_s.get(a, 0.0))}  {a}  ≈{duration_text(ch.estimate_s)}"),
                      no_wrap=True, overflow="ellipsis")
    for line in data_loss_lines(plan, release_numbers):
        con.print(line)
    con.print()
    con.print(verdict_line(plan, release_numbers))


def data_loss_lines(plan: Any, release_numbers: bool = False) -> list[Text]:
    lines = []
    for ch in sorted(plan.steps, key=lambda c: c.address):
        what = DATA_LOSS.get(ch.type)
        if what is None or ch.action not in ("replace", "delete") or kept(ch, release_numbers):
            continue
        verb = "replaces" if ch.action == "replace" else "deletes"
        lines.append(Text.assemble(("Warning: ", "bold red"), f"this plan {verb} {ch.address} ({what})"))
    return lines


def _change_line(con: Console, ch: Any, critical: set[str], addr_w: int, type_w: int, width: int,
                 release_numbers: bool, duration_text: Any) -> None:
    is_kept = kept(ch, release_numbers)
    mark, style = MARKS["kept" if is_kept else ch.action]
    line = Text(f"  {mark:>3} ", style=f"bold {style}")
    line.append(f"{ch.address:<{addr_w}}", style=style if ch.action != "update" else "")
    if type_w:
        line.append(f" {ch.type:<{type_w}}", style="dim")
    if is_kept:
        line.append(f"  ({KEPT_NOTE})", style="cyan")
    else:
        line.append(f" ≈{duration_text(ch.estimate_s):<6}", style="dim")
        if ch.address in critical:
            line.append(" ◆", style="magenta")
        why = [r for r in ch.reasons if not r.startswith("changed: ")]
        if why and ch.action in ("update", "replace"):
            line.append(f"  ({'; '.join(why)})", style="dim")
    con.print(line, no_wrap=True, overflow="ellipsis")


def _details(ch: Any, plan: Any, width: int) -> list[Text]:
    """``name: old → new`` for each changed input of an update or replacement."""
    if ch.resource is None or ch.record is None:
        return []
    new_identity = {a for a, c in plan.changes.items() if c.action in ("create", "replace")}
    out = []
    for key in ch.changed:
        old = ch.record.inputs.get(key)
        new = ch.resource.inputs.get(key)
        for path, before, after in _diff_values(key, old, new):
            line = Text(f"        {path}: ", style="")
            masked = bool(SENSITIVE.search(path)) or _has_secret(new)
            line.append("(sensitive)" if masked else _short(before), style="red")
            line.append(" → ")
            line.append("(sensitive)" if masked else _short(after, new_identity), style="green")
            if key in ch.forces:
                line.append("   # forces replacement", style="bold red")
            out.append(line)
    return out


def _diff_values(path: str, old: Any, new: Any, depth: int = 0) -> list[tuple[str, Any, Any]]:
    from ccdsl.compiler.resources import to_jsonable

    new_j = to_jsonable(new)
    if isinstance(old, dict) and isinstance(new_j, dict) and depth < 3:
        rows = []
        for k in sorted(set(old) | set(new_j), key=str):
            a, b = old.get(k), (new.get(k) if isinstance(new, dict) else new_j.get(k))
            if to_jsonable(b) != a:
                rows += _diff_values(f"{path}.{k}", a, b, depth + 1)
        return rows or [(path, old, new)]
    return [(path, old, new)]


def _has_secret(value: Any) -> bool:
    from ccdsl.compiler.resources import Secret, Template

    if isinstance(value, Secret):
        return True
    if isinstance(value, Template):
        return any(isinstance(p, Secret) for p in value.parts)
    if isinstance(value, dict):
        return any(_has_secret(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_secret(v) for v in value)
    return False


def _short(value: Any, new_identity: set[str] | frozenset[str] = frozenset()) -> str:
    from ccdsl.compiler.resources import Ref, iter_refs, to_jsonable

    if value is None:
        return "(none)"
    if isinstance(value, Ref) or any(r.address in new_identity for r in iter_refs(value)):
        if any(r.address in new_identity for r in iter_refs(value)):
            return "(known after apply)"
    text = json.dumps(to_jsonable(value), separators=(", ", ": "), default=str, ensure_ascii=False)
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"
