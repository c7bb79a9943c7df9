"""Semantic checks over a built site: names, values, references, bots. Each reports and goes on."""
from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostics
from ..model import Compact, Site
from .alarms import check_alarms
from .availability import check_availability
from .bots import check_bots
from .compact_refs import check_compact_references
from .contacts import check_contacts
from .existing import check_existing
from .functions import check_functions
from .names import check_names
from .numbers import check_numbers
from .permissions import check_permissions
from .prompts import check_prompts
from .refs import check_references
from .scope import Scope
from .tasks import check_manual_queues, check_task_templates
from .usage import check_usage
from .values import check_values


def run_checks(site: Site, broken: dict[str, set[str]], diags: Diagnostics,
               compacts: Sequence[Compact] | None = None) -> Scope:
    """Every check of a built site; ``compacts`` are its compact values in walk order when known
    (what :func:`~ccdsl.dsl.compact_bind.bind_compact` returns), else the site is walked for them."""
    scope = Scope(site, broken)
    check_names(site, diags)
    check_values(site, diags)
    check_contacts(site, diags)
    check_availability(site, diags)
    check_numbers(site, diags)
    check_functions(site, diags)
    check_prompts(site, diags)
    check_existing(site, diags)
    check_permissions(site, diags)
    check_references(site, scope, diags, compacts)
    check_compact_references(site, scope, diags)
    check_alarms(site, scope, diags)
    check_bots(site, scope, diags)
    check_task_templates(site, scope, diags)
    check_manual_queues(site, scope, diags)
    check_usage(site, broken, diags)
    return scope
