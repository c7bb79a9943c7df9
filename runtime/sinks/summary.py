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
    c = d.counts
    lines = [
        f"{model.site}: {status} in {duration_text(d.elapsed_s)} (estimated {duration_text(d.estimated_s)}; "
        f"the seed's {seed} takes {lo / 60:.0f}-{hi / 60:.0f} min)",
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
    return lines
