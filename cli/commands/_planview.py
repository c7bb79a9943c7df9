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

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

MARKS = {"create": ("+", "green"), "update": ("~", "yellow"), "replace": ("-/+", "red"),
         "delete": ("-", "red"), "kept": ("=", "cyan")}
# Resources whose replacement or deletion loses what they hold.
DATA_LOSS = {  # resource type -> (what it is, plural, what is lost)
    "aws_dynamodb_table": ("DynamoDB table", "DynamoDB tables", "{its} items are lost"),
    "aws_s3_bucket": ("S3 bucket", "S3 buckets", "{its} objects are lost"),
    "aws_connect_instance": ("Connect instance", "Connect instances",
                             "{its} users, metrics and contact records are lost"),
    "aws_connect_phone_number": ("phone number", "phone numbers", "a released number may not come back"),
    "aws_kinesis_stream": ("Kinesis stream", "Kinesis streams", "records not yet read are lost"),
    "aws_kms_key": ("KMS key", "KMS keys", "what {it} encrypted cannot be read once {it} is gone"),
}
KEPT_NOTE = "kept, not released"
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


def verdict_line(plan: Any, release_numbers: bool = False, figures: dict[str, int] | None = None) -> Text:
    """``Plan: N to add, …``; ``figures``: :func:`counts` of the plan when already at hand."""
    c = counts(plan, release_numbers) if figures is None else figures
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


def _simple_width(text: str) -> int | None:
    """The width of ``text`` when it is one line of printable ASCII but for the marks plans use (≈ ◆ …, one
    cell each): nothing for rich to strip, and as wide as it is long; else None (rich must measure it)."""
    probe = text.replace("≈", "~").replace("◆", "*").replace("…", ".")
    return len(probe) if probe.isascii() and probe.isprintable() else None


def _cells(text: str) -> int:
    """rich's ``cell_len`` (which measures a simple line a character at a time)."""
    simple = _simple_width(text)
    return cell_len(text) if simple is None else simple


def _as_is(text: str, width: int) -> bool:
    """Whether rich, without colour, prints ``text`` as it is: a simple line (:func:`_simple_width`) that fits
    ``width``."""
    simple = _simple_width(text)
    return simple is not None and simple <= width


class _Lines:
    """Lines printed in runs: consecutive lines with the same overflow go to the console in one print, the
    same text as one print each (rich wraps or crops every line on its own) at a fraction of the cost on a
    plan of thousands of changes."""

    def __init__(self, con: Console) -> None:
        self.con, self.cropped = con, False
        self.lines: list[Text | str] = []
        # without colour (and not recorded) a line's styles print as nothing: a line rich would print as it is
        # can be given as its text (see :meth:`as_is`)
        self.plain = con.color_system is None and not con.record
        self.width = con.width  # (rich works it out from the environment and the terminal at every read)

    def as_is(self, text: str) -> bool:
        """Print ``text`` as it is and say True when that is what rich would print for it, with any styles,
        cropped or wrapped (no colour, one line that fits the width, nothing to strip); else False: the caller
        gives the line as :class:`Text`."""
        if not self.plain or not _as_is(text, self.width):
            return False
        self.lines.append(text)
        return True

    def crop(self, line: Text) -> None:
        """A line cut with an ellipsis at the console's width."""
        self._add(line, True)

    def wrap(self, line: Text) -> None:
        """A line wrapped at the console's width."""
        self._add(line, False)

    def _add(self, line: Text, cropped: bool) -> None:
        if self.lines and cropped != self.cropped:
            self.flush()
        self.cropped = cropped
        self.lines.append(line)

    def flush(self) -> None:
        lines, self.lines = self.lines, []
        if not lines:
            return
        if self.con.color_system is not None or self.con.record:
            self._print(lines)
            return
        # Without colour, a line that fits the width and holds no tab prints as its plain text: what rich
        # would write for it. The others (cut, wrapped, tabs) still go through rich.
        width, plain = self.width, list[str]()
        for line in lines:
            if isinstance(line, str):  # known to print as it is
                plain.append(line)
                continue
            text = line.plain
            if "\t" in text or _cells(text) > width:
                self._write(plain)
                self._print([line])
            else:
                plain.append(text)
        self._write(plain)

    def _write(self, plain: list[str]) -> None:
        if plain:
            self.con.file.write("\n".join(plain) + "\n")
            plain.clear()

    def _print(self, lines: list[Text | str]) -> None:
        text = Text("\n").join(Text(line) if isinstance(line, str) else line for line in lines)
        if self.cropped:
            self.con.print(text, no_wrap=True, overflow="ellipsis")
        else:
            self.con.print(text)


def _header(site: str, region: str, provider: str, destroy: bool) -> Text:
    where = f"{provider}, {region}" if region else provider
    return Text.assemble((site, "bold"), f" ({where}) ", ("destroy plan" if destroy else "plan", "bold"))


def print_unchanged(site: str, region: str, provider: str, out: TextIO | None = None, *, destroy: bool = False,
                    console: Console | None = None) -> None:
    """The plan that changes nothing (also shown when the inputs are known unchanged, without compiling)."""
    con = console or Console(file=out, highlight=False, soft_wrap=False)
    con.print(_header(site, region, provider, destroy))
    con.print("No changes. The site matches the recorded state.")


def print_plan(plan: Any, provider: str, out: TextIO | None = None, *, compact: bool = False,
               release_numbers: bool = False, console: Console | None = None) -> None:
    from ccdsl.runtime.plan import phase_name
    from ccdsl.runtime.sinks.summary import clock_text, duration_text

    con = console or Console(file=out, highlight=False, soft_wrap=False)
    width = max(60, con.width)
    if not plan.has_changes:
        print_unchanged(plan.site, plan.region, provider, destroy=plan.destroy, console=con)
        return
    con.print(_header(plan.site, plan.region, provider, plan.destroy))
    lines = _Lines(con)
    by_phase: dict[int, list] = {}
    steps = plan.steps
    for ch in steps:
        by_phase.setdefault(ch.phase, []).append(ch)
    critical = set(plan.critical_path)
    texts: dict[float, str] = {}  # each distinct estimate's text, worked out once (a type's resources share them)

    def estimate_text(seconds: float) -> str:
        text = texts.get(seconds)
        if text is None:
            text = texts[seconds] = duration_text(seconds)
        return text

    addr_w = min(56, max(len(c.address) for c in steps))
    type_w = min(40, max(len(c.type) for c in steps))
    show_type = 4 + 4 + addr_w + 1 + type_w + 10 <= width
    for phase in sorted(by_phase):
        rows = sorted(by_phase[phase], key=lambda ch: ch.address)
        est = max((plan.earliest_start_s.get(c.address, 0.0) + c.estimate_s for c in rows), default=0.0)
        if compact:
            line = Text(f"Phase {phase:>2} {phase_name(phase):<22}")
            for action in ("create", "update", "replace", "delete"):
                n = sum(1 for c in rows if c.action == action and not kept(c, release_numbers))
                mark, style = MARKS[action]
                line.append(f" {mark}{n:<4}" if n else " " * (len(mark) + 5), style=style)
            n_kept = sum(1 for c in rows if kept(c, release_numbers))
            if n_kept:
                line.append(f" ={n_kept} kept", style="cyan")
            line.append(f"  ends ≈{clock_text(est)}", style="dim")
            lines.crop(line)
            continue
        lines.wrap(Text(f"\nPhase {phase} {phase_name(phase)} ({len(rows)})", style="bold"))
        for ch in rows:
            _change_line(lines, ch, critical, addr_w, type_w if show_type else 0, width, release_numbers,
                         estimate_text)
            if ch.action in ("update", "replace"):
                for detail in _details(ch, plan, width):
                    lines.wrap(detail)  # wraps at a space rather than hide the end of a value
    lines.wrap(Text(f"\nCritical path: ≈{duration_text(plan.critical_length_s)} in {len(plan.critical_path)} steps "
                   "(◆; the chain that decides when the run ends)", style="bold"))
    if not compact:
        for a in plan.critical_path:
            ch = plan.changes[a]
            lines.crop(Text(f"  {clock_text(plan.earliest_start_s.get(a, 0.0))}  {a}  ≈{duration_text(ch.estimate_s)}"))
    if plan.estimated_s > plan.critical_length_s + 0.5:  # the service limits make the run longer than its chain
        lines.wrap(Text(f"\nEstimated ≈{duration_text(plan.estimated_s)} under the service limits "
                       "(Connect's request rate, Lex's concurrent builds, --limits); the chain that ends the run:",
                       style="bold"))
        for k in plan.estimated_chain:
            wait = f"  (waits {duration_text(k.wait_s)} for {k.waited_for})" if k.waited_for and k.wait_s >= 0.5 else ""
            lines.crop(Text(f"  {clock_text(k.start_s)}  {k.address}  ≈{duration_text(k.finish_s - k.start_s)}{wait}"))
    warnings = data_loss_lines(plan, release_numbers)
    figures = counts(plan, release_numbers)
    n_kept = figures["kept"]
    if n_kept:
        warnings.append(Text.assemble(("Note: ", "bold cyan"), f"{n_kept} phone number(s) are kept and only "
                                      "forgotten by state: AWS holds a released number for up to 180 days. "
                                      "--release-numbers releases them."))
    if warnings:
        lines.wrap(Text())
    for line in warnings:
        lines.wrap(line)
    lines.wrap(Text())
    lines.wrap(verdict_line(plan, release_numbers, figures))
    lines.flush()


def data_loss_lines(plan: Any, release_numbers: bool = False) -> list[Text]:
    """One warning per kind of data-holding resource the plan replaces or deletes."""
    groups: dict[tuple[str, str], list[str]] = {}
    losing = [ch for ch in plan.steps if ch.type in DATA_LOSS and ch.action in ("replace", "delete")]
    for ch in sorted(losing, key=lambda c: c.address):  # (only those sorted: a plan's addresses are distinct)
        if not kept(ch, release_numbers):
            groups.setdefault((ch.action, ch.type), []).append(ch.address)
    lines = []
    for (action, rtype), addresses in groups.items():
        one, many, lost = DATA_LOSS[rtype]
        verb = "replaces" if action == "replace" else "deletes"
        several = len(addresses) > 1
        what = f"{len(addresses)} {many}" if several else f"the {one}"
        lost = lost.format(its="their" if several else "its", it="they" if several else "it")
        lost = lost.replace("they is", "they are")
        lines.append(Text.assemble(("Warning: ", "bold red"), f"this plan {verb} {what} ",
                                   (", ".join(addresses), "bold"), f": {lost}."))
    return lines


def _change_line(out: _Lines, ch: Any, critical: set[str], addr_w: int, type_w: int, width: int,
                 release_numbers: bool, duration_text: Any) -> None:
    is_kept = kept(ch, release_numbers)
    mark, style = MARKS["kept" if is_kept else ch.action]
    head, address = f"  {mark:>3} ", f"{ch.address:<{addr_w}}"
    rtype = ""
    if type_w:
        rtype = ch.type if len(ch.type) <= type_w else ch.type[: type_w - 1] + "…"
        rtype = f" {rtype:<{type_w}}"
    if is_kept:
        tail, diamond = f"  ({KEPT_NOTE})", ""
    else:
        tail, diamond = f" ≈{duration_text(ch.estimate_s):<6}", " ◆" if ch.address in critical else ""
    if not out.as_is(head + address + rtype + tail + diamond):
        line = Text(head, style=f"bold {style}")
        line.append(address, style=style if ch.action != "update" else "")
        if rtype:
            line.append(rtype, style="dim")
        line.append(tail, style="cyan" if is_kept else "dim")
        if diamond:
            line.append(diamond, style="magenta")
        out.crop(line)
    if ch.action not in ("update", "replace") or is_kept:
        return
    why = [r for r in ch.reasons if not r.startswith("changed: ")]
    if why:
        out.crop(Text(f"        # {'; '.join(why)}", style="dim"))


AFTER_APPLY = "(known after apply)"
SECRET = "(sensitive)"


def _details(ch: Any, plan: Any, width: int) -> list[Text]:
    """``name: old → new`` for each changed input of an update or replacement."""
    if ch.resource is None or ch.record is None:
        return []
    out = []
    for key in ch.changed:
        old = ch.record.inputs.get(key)
        new = _resolved(ch.resource.inputs.get(key), plan)
        for path, before, after in _diff_values(key, old, new):
            note = "   # forces replacement" if key in ch.forces else ""
            room = max(24, (width - 8 - len(path) - 5 - len(note)) // 2)
            masked = bool(SENSITIVE.search(path)) or after == SECRET
            line = Text(f"        {path}: ", style="")
            line.append(SECRET if masked else _short(before, room), style="red")
            line.append(" → ")
            line.append(SECRET if masked else _short(after, room, literal=after == AFTER_APPLY), style="green")
            line.append(note, style="bold red")
            out.append(line)
    return out


def _resolved(value: Any, plan: Any) -> Any:
    """The desired value as the plan knows it: a reference is the recorded output of its target, or
    "(known after apply)" when the target gets a new identity; a secret is masked."""
    from ccdsl.compiler.resources import Ref, Secret, Template

    if isinstance(value, Ref):
        target = plan.changes.get(value.address)
        if target is None or target.record is None or target.action in ("create", "replace"):
            return AFTER_APPLY
        return target.record.outputs.get(value.attr, value.token)
    if isinstance(value, Secret):
        return SECRET
    if isinstance(value, Template):
        parts = [_resolved(p, plan) if not isinstance(p, str) else p for p in value.parts]
        if SECRET in parts:
            return SECRET
        if AFTER_APPLY in parts:
            return AFTER_APPLY
        return "".join(str(p) for p in parts)
    if isinstance(value, dict):
        return {k: _resolved(v, plan) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_resolved(v, plan) for v in value]
    return value


def _diff_values(path: str, old: Any, new: Any, depth: int = 0) -> list[tuple[str, Any, Any]]:
    """The leaves that differ between the recorded ``old`` and the desired ``new``, by dotted path."""
    if depth < 4 and isinstance(old, dict) and isinstance(new, dict):
        rows = []
        for k in sorted(set(old) | set(new), key=str):
            if old.get(k) != new.get(k):
                rows += _diff_values(f"{path}.{k}", old.get(k), new.get(k), depth + 1)
        return rows
    if depth < 4 and isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        rows = []
        for i, (a, b) in enumerate(zip(old, new)):
            if a != b:
                rows += _diff_values(f"{path}[{i}]", a, b, depth + 1)
        return rows
    if new == SECRET:  # a secret's value is never recorded: its reference changed
        return [(path, old, new)]
    return [] if new == old else [(path, old, new)]


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


def _short(value: Any, limit: int = VALUE_WIDTH, *, literal: bool = False) -> str:
    if value is None:
        return "(none)"
    text = value if literal else json.dumps(value, separators=(", ", ": "), default=str, ensure_ascii=False)
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2  # keep both ends: where ARNs and names differ
    return text[:head] + "…" + text[len(text) - (limit - 1 - head):]
