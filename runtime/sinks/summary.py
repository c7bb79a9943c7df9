"""The end-of-run summary as text lines (per phase and total, actual against estimated, the critical path as
it really ran, failures with reasons), read from the run's :class:`~ccdsl.runtime.progress.RunModel`; and
the duration formats the plain and rich views share."""
from __future__ import annotations

from ccdsl.runtime import events as ev
from ccdsl.runtime.progress import SEED_DESTROY_S, SEED_PHASED_S, RunModel


def clock_text(seconds: float) -> str:
    seconds = max(0.0, seconds)
    m, s = divmod(int(round(seconds)), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def duration_text(seconds: float) -> str:
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{seconds:.1f}s" if seconds < 10 else f"{seconds:.0f}s"
    m, s = divmod(int(round(seconds)), 60)
    if m < 60:
        return f"{m}m{s:02d}s"
    h, m = divmod(m, 60)
    return f"{h}h{m:02d}m"


def located(address: str, source: ev.SourceSpan | None) -> str:
    """``queue.Sales (site.ccd:12:3)``: an address with where it is declared, when known."""
    return f"{address} ({source})" if source is not None else address


def summary_lines(model: RunModel) -> list[str]:
    """The summary once the run is over (``ApplyDone`` seen); no lines before."""
    d = model.finished
    if d is None:
        return []
    status = "complete" if d.ok else ("stopped" if model.stopping else "FAILED")
    lo, hi = SEED_DESTROY_S if model.destroying else SEED_PHASED_S
    seed = "destroy" if model.destroying else "phased deploy"
    # The seed's figures are for a whole deployment or destroy: an update is not compared with them.
    whole = model.destroying or all(r.action == "create" for r in model.resources.values())
    compare = f"; the seed's {seed} takes {lo / 60:.0f}-{hi / 60:.0f} min" if whole else ""
    c = d.counts
    lines = [
        f"{model.site}: {status} in {duration_text(d.elapsed_s)} (estimated {duration_text(d.estimated_s)}"
        f"{compare})",
        f"  {c.get('done', 0)} done, {c.get('failed', 0)} failed, {c.get('skipped', 0)} skipped, "
        f"{c.get('pending', 0)} not started, {c.get('noop', 0)} unchanged; {model.retries} retries"
        + (f"; {c['unrecorded']} changed but NOT RECORDED in state" if c.get("unrecorded") else ""),
    ]
    phases = [ph for ph in model.phases.values() if ph.total]
    if phases:
        lines.append("  phase                        done  actual    estimated")
        for ph in sorted(phases, key=lambda p: p.number):
            actual = (ph.last_end - ph.first_start) if ph.first_start is not None and ph.last_end else 0.0
            name = f"{ph.number:>2} {ph.name}"
            lines.append(f"  {name:<28} {ph.done:>4}/{ph.total:<4} {duration_text(actual):>8}  "
                         f"{duration_text(ph.estimate):>8}")
    if d.critical_path:
        lines.append("  critical path as it ran:")
        for a in d.critical_path:
            r = model.resources.get(a)
            est = duration_text(r.estimate) if r else "?"
            start = r.start_t if r is not None and r.start_t is not None else 0.0
            took = r.duration if r is not None and r.duration is not None else 0.0
            lines.append(f"    {clock_text(start)}  {a}  {duration_text(took)} (est {est})")
    for r in model.failures():
        lines.append(f"  FAILED {located(r.address, r.source)}: {r.error}")
    if model.counts["skipped"]:
        lines.append(f"  skipped {model.counts['skipped']} resource(s) that depend on a failure")
    lines.append(verdict(model))
    return lines


def verdict(model: RunModel) -> str:
    """The run's outcome in one line, Terraform style: what the reader keeps in the scrollback."""
    d = model.finished
    if d is None:
        return ""
    word = "Destroy" if model.destroying else "Apply"
    took = duration_text(d.elapsed_s)
    done = [r for r in model.resources.values() if r.status == "done"]
    if d.ok:
        if model.destroying:
            kept = sum(1 for r in done if r.address in model.kept)
            parts = [f"{len(done) - kept} destroyed"] + ([f"{kept} kept"] if kept else [])
        else:
            by = {a: sum(1 for r in done if r.action == a) for a in ("create", "update", "replace", "delete")}
            names = {"create": "created", "update": "updated", "replace": "replaced", "delete": "destroyed"}
            parts = [f"{n} {names[a]}" for a, n in by.items() if n] or ["nothing to do"]
        return f"{word} complete: {', '.join(parts)} in {took} (estimated {duration_text(d.estimated_s)})."
    c = d.counts
    in_flight = sum(1 for r in model.resources.values() if r.status in ("running", "retrying"))
    if model.stopping and not c.get("failed", 0):
        flight = f", {in_flight} abandoned in flight" if in_flight else ""
        return (f"{word} stopped after {took}: {c.get('done', 0)} done{flight}, {c.get('pending', 0)} not started; "
                f"run `ccdsl {word.lower()}` again to resume.")
    return (f"{word} failed after {took}: {c.get('failed', 0)} failed, {c.get('skipped', 0)} skipped, "
            f"{c.get('done', 0)} done; fix the failures and run `ccdsl {word.lower()}` again.")
