"""hypothesis strategies: syntax trees of every compact grammar (spans left at UNKNOWN)."""
import dataclasses
import string

from hypothesis import strategies as st

from ccdsl.dsl.compact import (
    Access,
    Alarm,
    Duration,
    FirehoseStage,
    Hours,
    HoursEntry,
    Interpolated,
    LakeStage,
    Lifecycle,
    Metric,
    Name,
    PathParam,
    Pipeline,
    Rate,
    Reference,
    Route,
    SecretRef,
    Slot,
    Source,
    StreamStage,
    TableStage,
    Text,
    Transition,
    Utterance,
)
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.compact.access import NAMED, SERVICES
from ccdsl.dsl.compact.alarms import METRICS, OPS, STATS
from ccdsl.dsl.compact.composites import KEYWORDS as RULE_KEYWORDS
from ccdsl.dsl.compact.composites import STATES, AlarmNot, AlarmRule, AlarmState, combine
from ccdsl.dsl.compact.hours import DAYS
from ccdsl.dsl.compact.interpolations import KINDS
from ccdsl.dsl.compact.pipelines import FEEDS

#: Words that are keywords somewhere in the grammars; generated names avoid them.
KEYWORDS = {
    "say", "ssml", "logging", "recording", "voice", "set", "flow", "queue", "whisper", "hold", "if",
    "open", "closed", "check", "ask", "menu", "timeout", "with", "invoke", "transfer", "to", "number",
    "goto", "hangup", "end", "loop", "prompts", "every", "wait", "callback", "task", "otherwise",
    "error", "at", "capacity", "contains", "startswith", "on", "off", "neural", "standard",
    "generative", "language", "per", "after", "expire", "logs", "metrics", "stream", "firehose", "lake", "table",
    "metric", "function", "bot", "for", "env", "ssm", *FEEDS, *RULE_KEYWORDS,
    "store", "digits", "phone", "max", "ending", "country", "into", "times", "has", "agents", "online", "available",
    "show", "view", "true", "false", "null",
    "staffed", "contacts", "oldest", "contact", "load", "routing", "priority", "age", "distribute", "invalid",
    "interrupt", "caller", "id", "name", "resume",
    "disconnect", "customer", "agent", "play", "run", "module", "return", "media", "streaming", "lens",
    "realtime", "postcall", "redacted", "json", "until", "returns", "and", "chat",
    "encrypted", "certificate",
    "get", "profile", "by", "returning", "create", "case", "template", "latest", "link", "start", "authenticate",
    "response", "fraud", "enrollment", "authentication", "description", "delay", "attempts", "retry",
}

names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True).filter(lambda s: s not in KEYWORDS)
name_nodes = names.map(Name)
seconds = st.integers(min_value=0, max_value=10**7)
durations = seconds.map(Duration)
rates = st.builds(Rate, st.integers(0, 10**6), seconds)


@st.composite
def hours(draw):
    if draw(st.booleans()):
        return Hours(True, (), draw(st.none() | st.sampled_from(["UTC", "Europe/London"]).map(Name)))
    order = draw(st.permutations(DAYS))
    cuts = sorted(draw(st.lists(st.integers(1, 6), max_size=3, unique=True)))
    groups = [order[a:b] for a, b in zip([0, *cuts], [*cuts, 7])]
    groups = draw(st.lists(st.sampled_from(groups), min_size=1, max_size=len(groups), unique_by=tuple))
    entries = []
    for group in groups:
        start = draw(st.integers(0, 1439))
        end = draw(st.integers(start + 1, 1440))
        entries.append(HoursEntry(tuple(d for d in DAYS if d in group), start, end))
    tz = draw(st.none() | st.sampled_from(["UTC", "Europe/London", "America/New_York"]).map(Name))
    return Hours(False, tuple(entries), tz)


def _merge_text(parts):
    out = []
    for p in parts:
        if isinstance(p, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + p.text)
        else:
            out.append(p)
    return tuple(out)


slot_names = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,8}", fullmatch=True)
slot_types = st.none() | st.from_regex(r"(AMAZON\.)?[A-Za-z][A-Za-z0-9_]{0,8}", fullmatch=True).map(Name)
utterance_text = st.text(st.characters(blacklist_characters="{}", blacklist_categories=("Cs",)), min_size=1, max_size=12)
utterances = st.lists(
    utterance_text.map(Text) | st.builds(Slot, slot_names.map(Name), slot_types), max_size=6
).map(lambda parts: Utterance(_merge_text(parts)))

plain = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(lambda s: "${" not in s and not s.endswith("$"))
references = st.builds(Reference, st.sampled_from(KINDS), st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,8}", fullmatch=True).map(Name),
                       st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,6}", fullmatch=True))
references = references | st.builds(lambda attr: Reference("instance", Name("instance"), attr), st.sampled_from(["id", "arn"]))
secrets = st.builds(SecretRef, st.just("env"), st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True),
                    st.none() | st.text(st.characters(blacklist_characters="}", blacklist_categories=("Cs",)), max_size=8)) | \
    st.builds(SecretRef, st.just("ssm"), st.from_regex(r"/[A-Za-z0-9_.-]{1,6}(/[A-Za-z0-9_.-]{1,6}){0,2}", fullmatch=True))
interpolated = st.lists(plain.map(Text) | references | secrets, max_size=5).map(lambda parts: Interpolated(_merge_text(parts)))

access = st.one_of(
    st.sampled_from(sorted(NAMED)).flatmap(lambda k: st.builds(Access, st.just(k), st.sampled_from(NAMED[k]), name_nodes)),
    st.sampled_from(sorted(SERVICES)).flatmap(lambda k: st.builds(Access, st.just(k), st.sampled_from(SERVICES[k]))),
)


@st.composite
def routes(draw):
    params = draw(st.lists(slot_names, max_size=3, unique=True))
    segments = draw(st.lists(st.from_regex(r"[A-Za-z0-9._~-]{1,8}", fullmatch=True), max_size=3))
    segments += [PathParam(p) for p in params]
    segments = list(draw(st.permutations(segments)))
    if segments and isinstance(segments[-1], PathParam) and draw(st.booleans()):
        segments[-1] = PathParam(segments[-1].name, True)
    return Route(draw(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"])), tuple(segments))


@st.composite
def lifecycles(draw):
    classes = [draw(st.sampled_from(["infrequent", "onezone", "intelligent"]))] + ["glacier_ir", "glacier", "deep_archive"]
    chosen = [c for c in classes if draw(st.booleans())]
    days = sorted(draw(st.lists(st.integers(0, 5000), min_size=len(chosen) + 1, max_size=len(chosen) + 1, unique=True)))
    transitions = tuple(Transition(c, d) for c, d in zip(chosen, days))
    expire = draw(st.none() | st.just(days[-1])) if transitions else draw(st.integers(0, 5000))
    if not transitions and expire is None:
        expire = 1
    return Lifecycle(transitions, expire)


namespaces = st.from_regex(r"[A-Za-z0-9_.#:-]{1,8}(/[A-Za-z0-9_.#:-]{1,8})?", fullmatch=True)
metrics = st.one_of(
    st.sampled_from(sorted(METRICS)).flatmap(lambda k: st.builds(
        Metric, st.just(k), st.sampled_from(sorted(METRICS[k])).map(Name), name_nodes,
        stat=st.none() | st.sampled_from([*STATS, "p90"]))),
    st.builds(Metric, st.just("metric"), st.from_regex(r"[A-Za-z0-9_.:-]{1,10}", fullmatch=True).map(Name),
              st.none(), namespaces, st.sampled_from([*STATS, "p99", "p50", "p99.9"]),
              st.lists(st.tuples(st.from_regex(r"[A-Za-z0-9_.:-]{1,8}", fullmatch=True),
                                 st.from_regex(r"[^,()=\s]{1,12}", fullmatch=True)),
                       max_size=3, unique_by=lambda d: d[0]).map(tuple)),
)
thresholds = st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False, allow_infinity=False).map(float)
alarm_rule_exprs = st.recursive(
    st.builds(AlarmState, st.sampled_from(STATES), name_nodes),
    lambda inner: st.builds(AlarmNot, inner) | st.builds(
        lambda op, operands: combine(op, tuple(operands)), st.sampled_from(["and", "or"]),
        st.lists(inner, min_size=2, max_size=3)),
    max_leaves=6)
alarm_rules = alarm_rule_exprs.map(AlarmRule)
alarms = st.builds(Alarm, metrics, st.sampled_from(OPS), thresholds, st.sampled_from([None, "%", "s"]), seconds)

pipeline_stages = st.lists(st.one_of(
    st.builds(lambda n, s, r: (StreamStage(n, s, r),), name_nodes, st.none() | st.integers(1, 100), st.none() | seconds),
    st.builds(lambda b: (FirehoseStage(b),), st.none() | seconds),
    st.builds(lambda b, p: (FirehoseStage(b), LakeStage(p)), st.none() | seconds,
              st.from_regex(r"([a-z0-9_-]{1,6}/){1,2}", fullmatch=True)),
    st.builds(lambda p, n: (FirehoseStage(), LakeStage(p), TableStage(n)),
              st.from_regex(r"([a-z0-9_-]{1,6}/){1,2}", fullmatch=True), name_nodes),
), min_size=1, max_size=3).map(lambda groups: tuple(s for g in groups for s in g))
sources = st.none() | st.sampled_from(FEEDS).map(Source) | st.builds(
    Source, st.just("logs"), st.lists(name_nodes, min_size=1, max_size=3).map(tuple)) | st.builds(
    Source, st.just("metrics"), st.lists(namespaces.map(Name), min_size=1, max_size=3).map(tuple))
pipelines = st.builds(Pipeline, sources, pipeline_stages)

# ------------------------------------------------------------------------------------------- flows

one_line = st.text(st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs",)), max_size=15)
#: pieces of texts on several lines: indentation, quotes (three make a closing delimiter at a line's start),
#: backslashes and what the multi-line form escapes, trailing spaces, blank lines, comment and branch look-alikes
_PIECES = [" ", "  ", "\t", '"', '"""', "\\", "\\s", "\\t", "\\\"", "\r", "#", "->", "say", "x", "é", "\n"]
_line = st.lists(st.sampled_from(_PIECES[:-1]) | one_line, max_size=5).map("".join)
multi_line = st.lists(_line, min_size=2, max_size=5).map("\n".join) | st.lists(
    st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join).filter(lambda s: "\n" in s)
strings = one_line | multi_line
attr_paths = st.from_regex(r"\$(\.[A-Za-z_][A-Za-z0-9_]{0,6}){1,3}", fullmatch=True).map(A.AttrPath)
numbers = st.from_regex(r"-?[0-9]{1,4}(\.[0-9]{1,3})?", fullmatch=True).map(A.Number)
values = strings.map(A.Str) | numbers | attr_paths
assignments = st.builds(A.Assignment, names | st.sampled_from(["queue", "whisper", "hold", "customer"]), values)
#: attribute keys that are not names (Lex session attributes such as ``x-amz-lex:audio:end-timeout-ms:*``)
any_keys = names | st.sampled_from(["flow", "x-amz-lex:audio:end-timeout-ms:*", "a b"])
targets = name_nodes | attr_paths
maybe_label = st.none() | name_nodes
timeouts = st.none() | seconds


@st.composite
def asks(draw):
    intents = draw(st.lists(names, min_size=0, max_size=5, unique=True))
    branches, i = [], 0
    while i < len(intents):
        n = draw(st.integers(1, len(intents) - i))
        branches.append(A.IntentBranch(tuple(Name(x) for x in intents[i:i + n]), draw(name_nodes)))
        i += n
    session = tuple(draw(st.lists(st.builds(A.Assignment, any_keys, values), max_size=2)))
    return A.Ask(draw(targets), draw(strings), tuple(branches), draw(maybe_label), draw(maybe_label),
                 session=session)


#: a view's ViewData values: JSON (numbers as whole numbers, as the exports write them)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | strings,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(strings, inner, max_size=3), max_leaves=6)


@st.composite
def show_views(draw):
    results = draw(st.lists(st.sampled_from(A.VIEW_RESULTS), unique=True, max_size=4))
    branches, i = [], 0
    while i < len(results):
        n = draw(st.integers(1, len(results) - i))
        branches.append(A.IntentBranch(tuple(Name(x) for x in results[i:i + n]), draw(name_nodes)))
        i += n
    data = draw(st.lists(st.tuples(any_keys, json_values), max_size=3, unique_by=lambda kv: kv[0]))
    view = draw(name_nodes | st.from_regex(r"[a-z0-9:/ -]{0,12}", fullmatch=True).map(Name))  # names, ARNs
    return A.ShowView(view, draw(timeouts), tuple(data), tuple(branches), draw(maybe_label), draw(maybe_label),
                      draw(maybe_label))


def _result_branches(draw, results):
    chosen = draw(st.lists(st.sampled_from(results), unique=True, max_size=len(results))) if results else []
    branches, i = [], 0
    while i < len(chosen):
        n = draw(st.integers(1, len(chosen) - i))
        branches.append(A.IntentBranch(tuple(Name(x) for x in chosen[i:i + n]), draw(name_nodes)))
        i += n
    return tuple(branches)


field_lists = st.lists(names, max_size=3, unique=True).map(lambda xs: tuple(Name(x) for x in xs))
request_fields = st.lists(st.builds(A.Assignment, any_keys, values), min_size=1, max_size=3,
                          unique_by=lambda a: a.key).map(tuple)


@st.composite
def customer_blocks(draw):
    """get/create profile, get/create case, start/check voice id, with the result branches each returns."""
    kind = draw(st.sampled_from(["get profile", "create profile", "get case", "create case", "check voice id"]))
    if kind == "get profile":
        return A.GetProfile(draw(request_fields), draw(field_lists), _result_branches(draw, A.PROFILE_RESULTS),
                            draw(maybe_label))
    if kind == "create profile":
        return A.CreateProfile(draw(request_fields), draw(field_lists), draw(maybe_label))
    if kind == "get case":
        stmt = A.GetCase(draw(request_fields), draw(field_lists), draw(st.booleans()), draw(st.booleans()))
    elif kind == "create case":
        stmt = A.CreateCase(draw(strings), draw(request_fields), draw(st.booleans()))
    else:
        stmt = A.CheckVoiceId(draw(st.sampled_from(sorted(A.VOICE_ID_CHECKS))), otherwise=draw(maybe_label))
    return dataclasses.replace(stmt, results=_result_branches(draw, A.results_of(stmt)), error=draw(maybe_label))


menus = st.builds(
    A.Menu, strings,
    st.lists(st.sampled_from(list("0123456789*#")), unique=True, max_size=4).flatmap(
        lambda keys: st.tuples(*[st.builds(A.MenuOption, st.just(k), name_nodes) for k in keys])),
    timeouts, maybe_label, maybe_label, maybe_label,
)
simple_statements = st.one_of(
    st.builds(A.Say, strings, st.booleans(), error=maybe_label),
    st.builds(A.Say, strings, st.booleans(), no_error=st.just(True)),
    st.builds(A.Play, targets, no_error=st.just(True)),
    st.builds(A.Logging, st.booleans()),
    st.builds(A.Recording, st.booleans()),
    st.builds(A.Voice, name_nodes, st.none() | st.sampled_from(["neural", "standard", "generative"]),
              st.none() | st.sampled_from(["en_GB", "es_US"]).map(Name),
              style=st.none() | st.sampled_from(["none", "conversational", "newscaster"])),
    st.builds(A.Language, st.sampled_from(["en_GB", "es_US", "fr_CA"]).map(Name), error=maybe_label),
    st.builds(A.SetAttributes, st.lists(assignments, min_size=1, max_size=3).map(tuple), error=maybe_label,
              legacy=st.booleans()),
    st.builds(A.SetFlow, st.sampled_from(A.SET_FLOW_KINDS), name_nodes, error=maybe_label),
    st.builds(A.IfHours, st.booleans(), name_nodes, name_nodes),
    st.builds(A.IfCompare, attr_paths, st.sampled_from(A.COMPARE_OPS), values, name_nodes),
    st.builds(A.Check, attr_paths, st.lists(st.builds(A.CheckCase, st.sampled_from(A.COMPARE_OPS), values, name_nodes), max_size=3).map(tuple), maybe_label),
    asks(), menus, show_views(),
    st.builds(A.Invoke, targets, timeouts, st.lists(assignments, max_size=2).map(tuple), maybe_label,
              legacy=st.booleans()),
    st.builds(A.SetQueue, targets, maybe_label),
    st.builds(A.Transfer, maybe_label, maybe_label),
    st.builds(A.TransferToFlow, targets, maybe_label),
    st.builds(A.TransferToNumber, strings | attr_paths, timeouts, maybe_label),
    st.builds(A.Play, targets, maybe_label),
    st.builds(A.RunModule, targets, maybe_label),
    st.builds(A.Return),
    st.builds(A.MediaStreaming, st.booleans(), maybe_label),
    st.builds(A.ContactLens, st.sampled_from(A.LENS_MODES), st.sampled_from(["en_GB", "en_US"]).map(Name),
              st.booleans()),
    st.builds(A.Goto, name_nodes),
    st.builds(A.Hangup), st.builds(A.End),
    st.builds(A.LoopPrompts, st.lists(strings, min_size=1, max_size=3).map(tuple), seconds),
    st.builds(A.Wait, seconds, maybe_label, maybe_label),
    st.builds(A.Callback, name_nodes, maybe_label),
    st.builds(A.Task, strings, name_nodes, maybe_label),
    st.builds(A.Callback, st.none() | name_nodes, maybe_label, timeouts, st.none() | st.integers(1, 10), timeouts),
    st.builds(A.Task, strings, name_nodes, maybe_label, st.none() | strings,
              st.lists(assignments, max_size=3, unique_by=lambda a: a.key).map(tuple)),
    customer_blocks(),
    st.builds(A.StartVoiceId, st.none() | st.integers(0, 100), timeouts, st.booleans(), maybe_label),
    st.builds(A.Ask, name_nodes, strings, ssml=st.booleans()),
    st.builds(A.Menu, strings, timeout=timeouts, error=maybe_label, ssml=st.booleans()),
    st.builds(A.TransferToNumber, strings, timeouts, maybe_label, st.none() | strings.map(A.Str) | attr_paths,
              st.none() | strings, st.none() | st.from_regex(r"[0-9,*#]{1,6}", fullmatch=True) | attr_paths, st.just(False)),
    st.builds(A.TransferToNumber, strings, timeouts, maybe_label, st.none() | attr_paths, resume=st.just(True),
              on_timeout=maybe_label),
    st.builds(A.LoopPrompts, st.lists(strings, min_size=1, max_size=2).map(tuple), seconds, seconds, name_nodes),
    st.builds(A.StoreInput, st.just("digits"), strings, st.booleans(), st.none() | st.integers(1, 40), timeouts,
              st.none() | st.sampled_from(["#", "*"]), st.none(), st.none() | name_nodes, st.none(), maybe_label),
    st.builds(A.StoreInput, st.just("phone"), strings, st.booleans(), timeout=timeouts,
              country=st.none() | st.sampled_from(["GB", "US"]).map(Name), into=st.none() | name_nodes,
              invalid=maybe_label, error=maybe_label, legacy=st.booleans()),
    st.builds(A.SetCallbackNumber, strings.map(A.Str) | attr_paths, maybe_label),
    st.builds(A.LoopTimes, st.integers(0, 100), name_nodes),
    st.builds(A.IfQueue, st.none() | name_nodes, st.sampled_from(A.AGENT_STATES), st.just(">"), st.just(0),
              name_nodes, error=maybe_label),
    st.builds(A.IfQueue, st.none() | name_nodes, st.sampled_from(["contacts", "oldest"]),
              st.sampled_from(A.METRIC_OPS), st.integers(0, 5000), name_nodes),
    st.builds(A.LoadMetrics, st.none() | name_nodes, maybe_label),
    st.builds(A.SetRouting, st.just("priority"), st.integers(1, 100)),
    st.builds(A.SetRouting, st.just("age"), seconds),
    st.builds(A.Distribute, st.lists(st.builds(A.Share, st.integers(1, 100), name_nodes), max_size=3).map(tuple),
              maybe_label),
    # options of existing statements: audio prompts, hours of the working queue, JSON responses, agents, …
    st.builds(A.Ask, targets, st.just(""), audio=targets, session=st.lists(assignments, max_size=1).map(tuple)),
    st.builds(A.Menu, st.just(""), timeout=timeouts, audio=targets),
    st.builds(A.StoreInput, st.sampled_from(A.STORE_KINDS), st.just(""), timeout=timeouts, audio=targets),
    st.builds(A.StoreInput, st.just("digits"), strings, max_digits=st.none() | st.integers(1, 40),
              key_id=strings, certificate=strings.map(A.Str)),
    st.builds(A.LoopPrompts, st.lists(strings | targets, min_size=1, max_size=3).map(tuple),
              st.just(0) | seconds, seconds, name_nodes),
    st.builds(A.IfHours, st.booleans(), st.none() | name_nodes, name_nodes, error=maybe_label),
    st.builds(A.LoadMetrics, attr_paths, maybe_label),
    st.builds(A.Invoke, targets, timeouts, st.lists(assignments, max_size=2).map(tuple), maybe_label,
              json=st.booleans()),
    st.builds(A.SetQueue, targets, maybe_label, agent=st.booleans()),
    st.builds(A.Wait, seconds | attr_paths, maybe_label, maybe_label, returned=maybe_label),
    st.builds(A.ContactLens, st.sampled_from(A.LENS_MODES), st.sampled_from(["en_GB", "en_US"]).map(Name),
              st.booleans(), chat=st.booleans(), original=st.booleans()),
    st.builds(A.SetCustomerId, values, maybe_label),
)
inner_labels = st.builds(A.Label, name_nodes, st.lists(simple_statements, min_size=1, max_size=3).map(tuple))
labels = st.builds(A.Label, name_nodes, st.lists(simple_statements | inner_labels, min_size=1, max_size=4).map(tuple))
statements = simple_statements | labels  # labels nested two deep
flow_bodies = st.lists(statements, max_size=8).map(lambda s: A.FlowBody(tuple(s)))

#: Characters that matter to the grammars, for mutating valid text.
SIGNIFICANT = string.ascii_letters[:8] + string.digits[:4] + ' \n\t"\\{}$:.,-/>=<()%@#*+_'
