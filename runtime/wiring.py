"""Assembles a run: compile the site, open state and take its lock, build clock, provider and limits,
plan, execute, and close the run record. :mod:`ccdsl.runtime.session` is the public face of this module."""
from __future__ import annotations

import asyncio
import signal
import threading
from pathlib import Path

from ccdsl.runtime import events as ev
from ccdsl.runtime.control import RunControl
from ccdsl.runtime.options import RunOptions
from ccdsl.runtime.plan import Plan, make_plan, records_digest


class SetupError(Exception):
    """A problem before anything ran: compile errors, a bad option, the state lock."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def load_site(site_path):
    """(CompiledSite, site file Path or None). Raises SetupError with the diagnostics on compile errors.

    A ``CompiledSite`` is taken as it is: the CLI and the dashboard compile once (:func:`plan_only`) and hand
    the compiled site and its plan to the run, so the plan shown is the plan of the site that runs."""
    from ccdsl.compiler.resources import CompiledSite

    if isinstance(site_path, CompiledSite):
        return site_path, None
    path = Path(site_path)
    if not path.exists():
        raise SetupError([f"{path}: error: no such file"])
    return _compile(path)


def _compile(path: Path):
    try:
        from ccdsl.compiler.pipeline import compile_site
    except ImportError:
        raise SetupError(["the compiler (ccdsl.compiler.compile_site) is not available in this build"]) from None
    from ccdsl.runtime import readset

    try:
        with readset.recording() as reads:
            site, diags = compile_site(str(path))
    except Exception as exc:  # the compiler reports problems as diagnostics; this is a bug in it
        raise SetupError([f"{path}: internal compiler error: {type(exc).__name__}: {exc}"]) from None
    errors = [d for d in (diags or []) if getattr(d, "is_error", True)]
    if site is None or errors:
        from ccdsl.dsl.report import Sources, render_text

        sources = Sources()  # each problem as `ccdsl validate` shows it: head line, snippet, caret, hint
        shown = errors or (diags.sorted() if diags else [])
        raise SetupError([render_text(d, sources) for d in shown] or [f"{path}: cannot compile"])
    site.inputs = readset.fingerprint(reads, path)
    return site, path


def resolve_state_path(site_file: Path | None, state_path) -> str:
    from ccdsl.runtime.state.base import state_location

    if state_path is None and site_file is None:
        raise SetupError(["a compiled site needs an explicit state path"])
    return state_location(site_file or "", state_path)


def sim_account_path(state_location: str) -> str:
    if state_location.startswith("s3://"):
        return str(Path.cwd() / ".ccdsl" / "sim.db")
    return str(Path(state_location).resolve().parent / "sim.db")


def plan_only(site_path, options: RunOptions):
    from ccdsl.runtime.session import PlanResult
    from ccdsl.runtime.state import StateError, open_state

    try:
        site, site_file = load_site(site_path)
        state = open_state(resolve_state_path(site_file, options.state_path), readonly=True)
    except SetupError as exc:
        return PlanResult(ok=False, diagnostics=exc.lines)
    except StateError as exc:
        return PlanResult(ok=False, diagnostics=[str(exc)])
    try:
        records = state.load()
        if options.refresh and not options.destroy and records:
            try:
                records = asyncio.run(_refresh_with(options, site, state.location, records))
            except SetupError as exc:
                return PlanResult(ok=False, diagnostics=exc.lines)
        plan = make_plan(site, records, destroy=options.destroy, **plan_limits(options))
    finally:
        state.close()
    return PlanResult(ok=True, plan=plan, site=site)


def plan_limits(options: RunOptions) -> dict:
    """The limits and parallelism the run obeys, as :func:`make_plan` takes them for its estimate."""
    from ccdsl.runtime.limits import Limits

    lim = options.limits if isinstance(options.limits, Limits) else Limits.parse(options.limits)
    rates, concurrency = (lim.rates, lim.concurrency) if lim.client_rate_limiting else ({}, {})
    if options.policy != "critical_path":
        rates, concurrency = {}, {}
    return {"rates": rates, "concurrency": concurrency, "parallelism": options.parallelism}


async def _refresh_with(options: RunOptions, site, location, records):
    """Refresh for a plan: read-only questions to the provider, on an instant clock, without faults."""
    clock = make_clock(options.provider, float("inf"))
    quiet = options.with_(seed=None, faults=None, latency="zero", release_numbers=False)
    prov = make_provider(quiet, site=site, state_location=location, clock=clock, readonly=True)
    try:
        return await _refresh(prov, records)
    finally:
        await clock.close()
        if hasattr(prov, "close"):
            prov.close()


def make_clock(provider: str, time_scale: float):
    from ccdsl.runtime.clock import VirtualClock, WallClock

    return VirtualClock(time_scale) if provider == "sim" else WallClock()


def make_provider(options: RunOptions, *, site, state_location, clock, progress=None, readonly: bool = False):
    """The run's provider; ``readonly`` (a plan's refresh) for the simulator: sim.db is only read."""
    name = options.provider
    if name == "sim":
        from ccdsl.runtime.providers.sim import SimProvider

        return SimProvider(sim_account_path(state_location), clock=clock, region=site.region, seed=options.seed,
                           faults=options.faults, latency=options.latency, release_numbers=options.release_numbers,
                           progress=progress, account_id=options.account, readonly=readonly)
    if name == "aws":
        if options.faults:
            raise SetupError(["--faults works with the sim provider only"])
        try:
            from ccdsl.runtime.providers import aws
        except ImportError as exc:
            raise SetupError([f"the aws provider needs boto3 (pip install 'ccdsl[aws]'): {exc}"]) from None
        factory = getattr(aws, "make_provider", None) or getattr(aws, "AwsProvider", None)
        if factory is None:
            raise SetupError(["the aws provider is not available in this build"])
        pinned = {}
        if options.target:  # a target's run: its own profile, and its region whatever CCDSL_AWS_REGION says
            import dataclasses

            from ccdsl.runtime.providers.aws.settings import AwsSettings

            settings = AwsSettings.from_env(region=site.region, profile=options.profile)
            pinned = {"settings": dataclasses.replace(settings, region=site.region)}
        return factory(site=site, clock=clock, release_numbers=options.release_numbers,
                       site_dir=site.source_dir, progress=progress, **pinned)
    raise SetupError([f"unknown provider {name!r} (sim or aws)"])


def _fanout(sinks):
    def emit(event: ev.Event) -> None:
        for sink in sinks:
            try:
                sink(event)
            except Exception:  # a broken sink must not break the run
                pass

    return emit


async def _ticker(clock, executor, emit) -> None:
    """Emit a :class:`~ccdsl.runtime.events.Tick` every :data:`~ccdsl.runtime.events.TICK_S` of deployment
    time while anything runs."""
    while True:
        if not executor.in_flight:  # nothing runs (held for a confirmation, paused): no deployment time to mark
            await asyncio.sleep(0.05)  # a wall-clock wait: it sets no timer, so the run's clock stays put
            continue
        await clock.sleep(ev.TICK_S)
        if executor.in_flight:
            emit(ev.Tick(t=clock.now()))


def _ticks(clock) -> bool:
    """An instant simulated clock has no time for anyone to watch (and would spin a ticker)."""
    scale = getattr(clock, "time_scale", 1.0)
    return scale == scale and scale != float("inf")


async def run(site_path, options: RunOptions, *, sinks, control: RunControl, plan: Plan | None = None,
              expect=None):
    """Apply ``site_path`` under the state lock. ``plan``: the plan already shown for this site (made by
    :func:`plan_only`); it is executed as it is when state has not changed since, else planned again.
    ``expect``: a :class:`~ccdsl.runtime.saved_plan.SavedPlan`; the run is refused when the site or state no
    longer matches it."""
    from ccdsl.runtime.executor import ExecOptions, Executor
    from ccdsl.runtime.limits import Limiter, Limits
    from ccdsl.runtime.providers.sim.faults import FaultSpecError
    from ccdsl.runtime.session import RunResult
    from ccdsl.runtime.state import LockHolder, StateError, open_state

    emit = _fanout(sinks)
    try:
        site, site_file = load_site(site_path)
        location = resolve_state_path(site_file, options.state_path)
        state = open_state(location)
    except SetupError as exc:
        return RunResult(ok=False, exit_code=1, diagnostics=exc.lines)
    except StateError as exc:
        return RunResult(ok=False, exit_code=1, diagnostics=[str(exc)])
    provider, destroy, policy = options.provider, options.destroy, options.policy
    command = "destroy" if destroy else "apply"
    try:
        state.lock(LockHolder.me(command), options.lock_timeout)
        if hasattr(state, "backup"):
            state.backup()  # state.db.backup: what to restore if this run's state is damaged
        keeper = getattr(state, "_keeper", None)
        if keeper is not None:  # the lease was taken over (this process was frozen past it): stop at once
            keeper.on_lost = control.request_stop
    except StateError as exc:
        try:
            state.close()
        except Exception:
            pass
        return RunResult(ok=False, exit_code=1, diagnostics=[str(exc)])
    clock = make_clock(provider, options.time_scale)
    prov = None
    executor_box: list = []
    loop = asyncio.get_running_loop()

    def progress(address: str, message: str) -> None:
        """Provider progress (polls, waits) as ResourceProgress events; callable from any thread."""
        def deliver():
            if executor_box:
                executor_box[0].emit(ev.ResourceProgress(t=clock.now(), address=address, message=message))
        try:
            loop.call_soon_threadsafe(deliver)
        except RuntimeError:  # the loop is closed: the run is over
            pass

    restore_sigint = _install_sigint(control)
    try:
        try:
            prov = make_provider(options, site=site, state_location=location, clock=clock, progress=progress)
        except FaultSpecError as exc:
            raise SetupError([f"--faults: {exc}"]) from None
        records = state.load()
        if options.refresh and not destroy:
            records = await _refresh(prov, records)
        if expect is not None:
            from ccdsl.runtime.saved_plan import stale_reasons

            why = stale_reasons(expect, site, records, options)
            if why:
                raise SetupError(["the saved plan is stale, nothing was applied: " + "; ".join(why)
                                  + "; run `ccdsl plan --out` again"])
        if plan is None or plan.records_digest != records_digest(records):
            plan = make_plan(site, records, destroy=destroy, **plan_limits(options))
        _check_fault_addresses(options, plan)
        run_id = state.begin_run(command, site.site, provider)
        clock.start()
        ready = ev.PlanReady(t=clock.now(), site=site.site, provider=provider, resources=plan.planned(),
                             critical_path=tuple(plan.critical_path), critical_length_s=plan.critical_length_s,
                             region=site.region or "", destroy=destroy, kept=kept_addresses(plan, options),
                             estimated_s=plan.estimated_s)
        emit(ready)
        lim = options.limits if isinstance(options.limits, Limits) else Limits.parse(options.limits)
        if policy != "critical_path":
            lim.client_rate_limiting = False  # the baselines send and let the service throttle
        executor = Executor(plan, prov, state, clock, Limiter(clock, lim), emit, control, run_id=run_id,
                            options=ExecOptions(parallelism=options.parallelism, policy=policy, seed=options.seed,
                                                max_attempts=options.max_attempts),
                            outputs={a: r.outputs for a, r in records.items()})
        executor.pending_events.append(ready.to_dict())
        executor_box.append(executor)
        ticker = asyncio.get_running_loop().create_task(_ticker(clock, executor, emit)) if _ticks(clock) else None
        try:
            result = await executor.run()
        finally:
            if ticker is not None:
                ticker.cancel()
                await asyncio.gather(ticker, return_exceptions=True)
        done = ev.ApplyDone(t=clock.now(), ok=result.ok, elapsed_s=result.elapsed_s,
                            estimated_s=plan.estimated_s, counts=result.counts,
                            critical_path=result.critical_path)
        executor.emit(done)
        notes = unrecorded_lines(result.state_error, result.unrecorded, state.location)
        if keeper is not None and keeper.lost:
            notes.append(f"error: the lock on {state.location} was taken over by another run (this run's lease "
                         "was not renewed in time); this run stopped starting new work")
        try:
            state.add_events(run_id, executor._flush())
            summary = {"counts": result.counts, "elapsed_s": result.elapsed_s, "write_calls": result.write_calls}
            if result.ok and not result.stopped and not notes:  # state now holds the site: the next plan is empty
                from ccdsl.runtime import noop

                unchanged_if = noop.record(site, options, state)
                if unchanged_if is not None:
                    summary[noop.KEY] = unchanged_if
            state.end_run(run_id, result.ok, summary)
        except Exception as exc:  # the outcomes are reported below; the run record stays unfinished
            if not notes:
                notes = [f"state {state.location}: the run's end could not be recorded: {one_line(exc)}"]
        return RunResult(
            ok=result.ok and not notes, exit_code=0 if result.ok and not notes else 1, counts=result.counts,
            elapsed_s=result.elapsed_s, estimated_s=plan.estimated_s, critical_path=result.critical_path,
            failures=result.failures, plan=plan, run_id=run_id, write_calls=result.write_calls, diagnostics=notes,
        )
    except SetupError as exc:
        return RunResult(ok=False, exit_code=1, diagnostics=exc.lines)
    except StateError as exc:
        return RunResult(ok=False, exit_code=1, diagnostics=[str(exc)])
    finally:
        restore_sigint()
        await clock.close()
        if prov is not None and hasattr(prov, "close"):
            prov.close()
        try:
            state.close()
        except Exception:  # releasing the lock failed too: the lease expires on its own
            pass


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def unrecorded_lines(error: str | None, unrecorded: list[str], location: str) -> list[str]:
    """What to tell the user when state writes failed during the run (empty when none did)."""
    if error is None:
        return []
    lines = [f"error: state write failed: {error}; the run stopped starting new work"]
    if unrecorded:
        lines.append(f"{len(unrecorded)} resource(s) were changed in the cloud but not recorded "
                     f"(the next apply finds and adopts them): {', '.join(sorted(unrecorded))}")
    return lines


def _check_fault_addresses(options: RunOptions, plan: Plan) -> None:
    """``--faults fail=ADDRESS`` must name a resource of the site: a typo would test nothing."""
    if not options.faults or options.provider != "sim":
        return
    from difflib import get_close_matches

    from ccdsl.runtime.providers.sim.faults import Faults

    faults = options.faults if isinstance(options.faults, Faults) else Faults.parse(options.faults)
    for address in sorted(faults.fail):
        if address not in plan.changes:
            near = get_close_matches(address, list(plan.changes), n=1)
            hint = f"; did you mean {near[0]}?" if near else ""
            raise SetupError([f"--faults: fail={address} is not a resource of {plan.site}{hint}"])


def kept_addresses(plan: Plan, options: RunOptions) -> tuple[str, ...]:
    """Deletes that keep what they delete: claimed phone numbers, unless ``release_numbers`` (AWS holds a
    released number in a cooldown of up to 180 days:
    https://docs.aws.amazon.com/connect/latest/adminguide/release-phone-number.html)."""
    if options.release_numbers:
        return ()
    return tuple(sorted(c.address for c in plan.steps
                        if c.action == "delete" and c.type == "aws_connect_phone_number"))


async def _refresh(provider, records):
    """Drop the records of resources the provider no longer has, so the plan creates them again."""
    from ccdsl.runtime import typeinfo
    from ccdsl.runtime.providers.base import ProviderError, ResolvedResource

    kept = dict(records)
    for address, rec in records.items():
        if rec.status != "ok" or typeinfo.kind(rec.type) == "data" or typeinfo.service(rec.type) == "local":
            continue
        rr = ResolvedResource(address=address, type=rec.type, name=rec.name, inputs=rec.inputs,
                              service=typeinfo.bucket(rec.type))
        try:
            current = await provider.read(rr, rec.outputs)
        except ProviderError:
            continue  # cannot tell: trust the record
        if current is None:
            kept.pop(address)
    return kept


#: signals that stop a run like Ctrl-C: SIGTERM (CI cancel, docker stop, Kubernetes) and SIGHUP (terminal closed)
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def _install_sigint(control: RunControl):
    """Ctrl-C, SIGTERM and SIGHUP: first a graceful stop (start nothing new, finish and record in-flight work,
    release the lock), then a hard one. Only from the main thread (the TUI runs us in a worker)."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    loop = asyncio.get_running_loop()
    installed = []
    for number in STOP_SIGNALS:
        try:
            loop.add_signal_handler(number, control.interrupt)
            installed.append(number)
        except (NotImplementedError, RuntimeError, ValueError):
            continue

    def restore():
        for number in installed:
            try:
                loop.remove_signal_handler(number)
            except Exception:
                pass

    return restore
