"""Ranges of parsed values and rules across the keys of one entry (E1xx)."""
from __future__ import annotations

from ..diagnostics import Diagnostics, did_you_mean
from ..model import Duration, Site
from ..model.enums import COUNTRIES, LOG_RETENTION_DAYS
from ..source import Span
from .schedule_rules import calendar_day, override_dates_problem, override_times_problem

DAY = 86400


def _range(diags: Diagnostics, duration: Duration | None, low: float, high: float, what: str, shown: str) -> None:
    if duration is None or duration.seconds is None:
        return
    if not low <= duration.seconds <= high:
        diags.error("E105", f"{what}: {duration.text} is out of range ({shown})", _span(duration))


def _span(duration: Duration) -> Span:
    return duration.origin.span if duration.origin else duration.span


def _check_overrides(site: Site, diags: Diagnostics) -> None:
    """Holidays and special days: real dates in order, and either closed or open at given times (the rules
    of :mod:`.schedule_rules`, which cites CreateHoursOfOperationOverride)."""
    for hours in site.hours.values():
        for override in hours.overrides.values():
            bad = False
            for key, value in (("date", override.date), ("until", override.until)):
                if value is not None and calendar_day(value) is None:
                    diags.error("E109", f"{key}: '{value}' is not a calendar date", override.span_of(key))
                    bad = True
            if not bad and override_dates_problem(override.date, override.last):
                diags.error("E159", f"override '{override.name}' ends ({override.last}) before it starts "
                            f"({override.date})", override.span_of("until"))
            if override.closed == (override.open is not None):
                diags.error("E160", f"override '{override.name}' needs exactly one of `closed: true` or "
                            "`open: HH:MM-HH:MM`", override.span)
            elif override.open is not None:
                start, end = (int(t[:2]) * 60 + int(t[3:]) for t in override.open.split("-"))
                problem = override_times_problem(start, end)
                if problem:
                    diags.error("E159", f"override '{override.name}' {problem}", override.span_of("open"))


def check_values(site: Site, diags: Diagnostics) -> None:
    _check_overrides(site, diags)
    for bot in site.bots.values():
        _range(diags, bot.idle_timeout, 60, 86400, "idle_timeout", "60s to 24h")
    for function in site.functions.values():
        _range(diags, function.timeout, 1, 900, "timeout", "1s to 900s")
        if function.provisioned and not function.alias:
            diags.error("E155", f"function '{function.name}' has provisioned concurrency but no alias",
                        function.span_of("provisioned"), hint="add `alias: live`")
        # https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html: provisioned concurrency
        # cannot be more than the function's reserved concurrency
        if function.reserved is not None and function.provisioned > function.reserved:
            diags.error("E164", f"function '{function.name}' has provisioned concurrency {function.provisioned} "
                        f"above its reserved concurrency {function.reserved}", function.span_of("provisioned"),
                        hint=f"lower `provisioned` to at most {function.reserved}, or raise `reserved`")
    for log in site.logs.values():
        seconds = log.retention.seconds
        if seconds is not None and (seconds % DAY or seconds // DAY not in LOG_RETENTION_DAYS):
            nearest = min(LOG_RETENTION_DAYS, key=lambda d: abs(d * DAY - seconds))
            diags.error("E104", f"retention: {log.retention.text} is not a CloudWatch Logs retention period",
                        _span(log.retention), hint=f"the nearest is {nearest}d")
    for agent in site.agents.values():
        phone = agent.phone
        if phone.type == "desk" and not phone.number:
            diags.error("E150", f"agent '{agent.name}' has a desk phone but no number", agent.span_of("phone"),
                        hint='add `number: "+44…"`')
        _range(diags, phone.acw_timeout, 0, 2_000_000, "acw_timeout", "0s to 2000000s")
        if agent.password is not None and site.instance is not None and site.instance.identity != "CONNECT_MANAGED":
            diags.warning("W104", f"password of agent '{agent.name}' is ignored: the instance identity is "
                          f"{site.instance.identity}", agent.span_of("password"))
    for number in site.numbers.values():
        if number.country not in COUNTRIES:
            diags.error("E104", f"country: '{number.country}' is not an ISO 3166-1 alpha-2 country code",
                        number.span_of("country"), hint=did_you_mean(number.country, COUNTRIES))
    for qc in site.quick_connects.values():
        targets = [key for key in ("queue", "user", "number") if getattr(qc, key)]
        if len(targets) != 1:
            diags.error("E151", f"quick connect '{qc.name}' needs exactly one of queue, user or number"
                        f"{' (has ' + ', '.join(targets) + ')' if targets else ''}", qc.span)
        elif targets[0] in ("queue", "user") and qc.flow is None:
            diags.error("E152", f"quick connect '{qc.name}' to a {targets[0]} needs a transfer flow", qc.span,
                        hint="add `flow: …` (a queue_transfer or agent_transfer flow)")
    for flow in site.flows.values():
        if (flow.do is None) == (flow.template is None):
            diags.error("E153", f"flow '{flow.name}' needs exactly one of `do` (a flow body) or `template`",
                        flow.span)
        if flow.vars and flow.template is None:
            diags.warning("W105", f"vars of flow '{flow.name}' are unused without a template", flow.span_of("vars"))
    for routing in site.routing.values():
        channels = routing.channels
        if not any((channels.voice, channels.chat, channels.task, channels.email)):
            diags.error("E156", f"routing profile '{routing.name}' routes no channel", routing.span_of("channels"))
        handled = {channel.lower() for channel, _ in channels.concurrencies()}
        for queue in routing.queues.queues.values():
            for channel in queue.channels or ():
                if channel not in handled:
                    diags.error("E162", f"queue '{queue.name}' is routed on {channel}, which routing profile "
                                f"'{routing.name}' does not handle", queue.span_of("channels"),
                                hint=f"add `{channel}: N` to the profile's `channels`")
