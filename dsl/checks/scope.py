"""The names a site declares, per kind, and the reporting of references that do not resolve."""
from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Diagnostics, did_you_mean
from ..model import Site
from ..source import Span

#: kind -> (section of the site, code of an unresolved reference)
KINDS = {
    "queue": ("queues", "E201"),
    "hours": ("hours", "E202"),
    "bot": ("bots", "E203"),
    "function": ("functions", "E206"),
    "flow": ("flows", "E207"),
    "number": ("numbers", "E208"),
    "key": ("keys", "E209"),
    "bucket": ("buckets", "E210"),
    "log": ("logs", "E211"),
    "topic": ("topics", "E212"),
    "table": ("tables", "E213"),
    "routing": ("routing", "E214"),
    "agent": ("agents", "E217"),
    "api": ("apis", "E221"),
    "quick_connect": ("quick_connects", "E216"),
    "attribute": ("attributes", "E228"),
    "prompt": ("prompts", "E230"),
    "view": ("views", "E240"),
    "task_template": ("task_templates", "E243"),
}
#: kinds whose names are not a section of their own
EXTRA_CODES = {"intent": "E204", "slot_type": "E205", "lake_table": "E215", "stream": "E220",
               "security_profile": "E218", "slot": "E219",
               "bot_locale": "E135", "hierarchy_group": "E227", "alarm": "E229"}
LABELS = {"attribute": "predefined attribute", "bot_locale": "bot locale", "hierarchy_group": "hierarchy group",
          "lake_table": "lake table", "slot_type": "slot type", "security_profile": "security profile",
          "routing": "routing profile", "quick_connect": "quick connect", "log": "log group",
          "hours": "hours of operation", "task_template": "task template"}


def pipeline_streams(ast: object) -> list[str]:
    """Names of the Kinesis streams a parsed pipeline chain declares or feeds."""
    from ..compact.pipelines import StreamStage

    return [stage.name.value for stage in getattr(ast, "stages", ()) if isinstance(stage, StreamStage)]


def label(kind: str) -> str:
    return LABELS.get(kind, kind)


class Scope:
    """Known names per kind; names of entries that failed to build count as known (already reported)."""

    def __init__(self, site: Site, broken: dict[str, set[str]] | None = None):
        self.known: dict[str, set[str]] = {kind: set(getattr(site, section)) for kind, (section, _) in KINDS.items()}
        self.known["lake_table"] = set(site.lake.tables) if site.lake else set()
        self.unchecked: set[str] = set()  # kinds whose declarations could not all be read
        self.known["stream"] = set()
        for pipeline in site.pipelines.values():
            if pipeline.chain.ast is None:
                self.unchecked.add("stream")  # streams are declared inside pipeline chains
            for name in pipeline_streams(pipeline.chain.ast):
                self.known["stream"].add(name)
        broken = broken or {}
        for kind, (section, _) in KINDS.items():
            names = broken.get(section, set())
            if "*" in names:
                self.unchecked.add(kind)
            self.known[kind] |= names
        if "lake" in broken.get("", set()):
            self.unchecked.add("lake_table")

    def declare(self, kind: str, name: str) -> None:
        self.known.setdefault(kind, set()).add(name)

    def check(self, kind: str, name: str, span: Span, diags: Diagnostics, context: str = "",
              candidates: Iterable[str] | None = None) -> bool:
        """True when ``name`` resolves; otherwise reports it (with a did-you-mean) and returns False."""
        names = set(candidates) if candidates is not None else self.known.get(kind, set())
        if name in names or (candidates is None and kind in self.unchecked):
            return True
        code = KINDS[kind][1] if kind in KINDS else EXTRA_CODES[kind]
        where = f" {context}" if context else ""
        hint = did_you_mean(name, names)
        if hint is None and not names:
            hint = f"no {label(kind)} is declared"
        odd = confusables(name)
        if odd:
            hint = f"'{name}' contains {odd}, which only looks like a plain letter" + (f"; {hint}" if hint else "")
        diags.error(code, f"unknown {label(kind)} '{name}'{where}", span, hint=hint, length=max(len(name), 1))
        return False


def confusables(text: str) -> str:
    """The characters of ``text`` outside ASCII, each with its code point and name (``U+043E CYRILLIC
    SMALL LETTER O``): a name that looks right but does not match usually holds one."""
    import unicodedata

    found = []
    for char in dict.fromkeys(text):
        if ord(char) > 127:
            found.append(f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}")
    return ", ".join(found)
