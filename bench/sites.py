"""Generated bench sites that stress AWS's limits: many Lex builds, or hundreds of Connect calls.

* :func:`lex12`: 12 bots x 2 locales (24 locale builds under Lex's 5 concurrent builds), a hook function
  and a flow per bot;
* :func:`queues400`: 400 queues, 20 routing profiles, 40 agents and 40 quick connects (every call through
  Connect's 2 requests/s).

    python bench/sites.py lex12 > lex12.ccd
"""
from __future__ import annotations

import sys

HEAD = "ccdsl: 1\nsite: {name}\nregion: eu-west-2\ninstance: {{alias: {name}-bench}}\n"


def lex12(bots: int = 12) -> str:
    out = [HEAD.format(name="lex12"), "logs:\n  lex: {retention: 14d}\n", "functions:\n"]
    out += [f"  hook{i}: {{source: functions/common, timeout: 10s, alias: live, logs: lex}}\n" for i in range(bots)]
    out.append("bots:\n")
    for i in range(bots):
        out.append(f"  bot{i}:\n    locales: {{en_GB: Amy, en_US: Joanna}}\n    hook: hook{i}\n    intents:\n"
                   f"      Hello: [hello, hi there]\n      Help: [help me, I need help]\n"
                   f"      TransferToAgent: [agent please, speak to someone]\n")
    out.append("hours:\n  always: 24/7\nqueues:\n  Main: {hours: always, max_contacts: 10}\n"
               "routing:\n  everyone: {queues: [Main], channels: {voice: 1}, outbound: Main}\nflows:\n")
    for i in range(bots):
        out.append(f"  entry{i}:\n    do: |\n      ask bot{i} \"How can I help?\"\n        TransferToAgent -> q\n"
                   f"        otherwise -> q\n      q:\n        queue Main\n        transfer\n"
                   f"          at capacity -> bye\n      bye:\n        hangup\n")
    return "".join(out)


def queues400(queues: int = 400, profiles: int = 20, agents: int = 40, connects: int = 40) -> str:
    out = [HEAD.format(name="queues400"), "hours:\n  always: 24/7\nqueues:\n"]
    out += [f"  q{i}: {{hours: always, max_contacts: 10}}\n" for i in range(queues)]
    out.append("routing:\n")
    per = queues // profiles
    for p in range(profiles):
        names = ", ".join(f"q{i}" for i in range(p * per, (p + 1) * per))
        out.append(f"  rp{p}:\n    queues: [{names}]\n    channels: {{voice: 1, chat: 2}}\n    outbound: q{p * per}\n")
    out.append("agents:\n")
    for a in range(agents):
        out.append(f"  agent{a}:\n    email: agent{a}@example.com\n    first_name: Agent\n    last_name: N{a}\n"
                   f"    routing: rp{a % profiles}\n    security: [Agent]\n")
    out.append("quick_connects:\n")
    out += [f"  qc{c}: {{queue: q{c * (queues // connects)}, flow: transfer}}\n" for c in range(connects)]
    out.append("flows:\n  transfer:\n    type: queue_transfer\n    do: |\n      transfer\n        at capacity -> busy\n"
               "      busy:\n        hangup\n")
    return "".join(out)


def centre(queues: int = 400, agents: int = 4000, profiles: int = 10, bots: int = 4) -> str:
    """A realistic large contact centre: every queue offers every quick connect, routing profiles serve all
    queues, thousands of agents, numbers, entry flows and bots (about 30 dependencies per resource at the
    edges that have them)."""
    head = HEAD.format(name="centre").replace("-bench}", "-bench, language: en_GB}")
    out = [head, "logs:\n  lex: {retention: 14d}\n", "functions:\n"]
    out += [f"  hook{i}: {{source: functions/common, timeout: 10s, alias: live, logs: lex}}\n" for i in range(bots)]
    out.append("bots:\n")
    for i in range(bots):
        out.append(f"  bot{i}:\n    locales: {{en_GB: Amy}}\n    hook: hook{i}\n    intents:\n"
                   f"      Hello: [hello, hi there]\n      TransferToAgent: [agent please, speak to someone]\n")
    out.append("hours:\n  always: 24/7\nqueues:\n")
    out += [f"  q{i}: {{hours: always, max_contacts: 10, quick_connects: all}}\n" for i in range(queues)]
    out.append("routing:\n")
    out += [f"  rp{p}:\n    queues: all\n    channels: {{voice: 1, chat: 2}}\n    outbound: q{p}\n"
            for p in range(profiles)]
    out.append("agents:\n")
    for a in range(agents):
        out.append(f"  agent{a}:\n    email: agent{a}@example.com\n    first_name: Agent\n    last_name: N{a}\n"
                   f"    routing: rp{a % profiles}\n    security: [Agent]\n")
    out.append("numbers:\n")
    out += [f"  n{i}: {{type: DID, country: GB, flow: entry{i % bots}}}\n" for i in range(bots * 2)]
    out.append("quick_connects:\n")
    out += [f"  qc{c}: {{queue: q{c}, flow: transfer}}\n" for c in range(queues)]
    out.append("flows:\n  transfer:\n    type: queue_transfer\n    do: |\n      transfer\n        at capacity -> busy\n"
               "      busy:\n        hangup\n")
    for i in range(bots):
        out.append(f"  entry{i}:\n    do: |\n      ask bot{i} \"How can I help?\"\n        TransferToAgent -> q\n"
                   f"        otherwise -> q\n      q:\n        queue q{i}\n        transfer\n"
                   f"          at capacity -> bye\n      bye:\n        hangup\n")
    return "".join(out)


SITES = {"lex12": lex12, "queues400": queues400}

if __name__ == "__main__":
    print(SITES[sys.argv[1]](), end="")
