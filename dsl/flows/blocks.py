"""Control flow of the customer-data statements (customer profiles, cases, Voice ID): the branches each takes,
named as the flow graph and the lowering name them (the action's ErrorTypes, ``result{k}`` conditions).

A result the service returns without a branch of its own (no profile found, several cases) is not a failure:
it follows the statement's ``error ->`` when one is written, else the flow goes on with the next statement, so
the contact is never hung up because a caller has no profile. A Voice ID stream that cannot start goes on too
(set-voice-id.html: the call itself is unaffected).
"""
from __future__ import annotations

from collections.abc import Callable

from ..compact import flow_ast as ast

#: ErrorType of each named result, per statement (customer-profiles-block.html: ``…Error`` suffixes;
#: cases-block.html, createcase.html: without)
RESULT_ERRORS: dict[type, dict[str, str]] = {
    ast.GetProfile: {"NoneFound": "NoneFoundError", "MultipleFound": "MultipleFoundError"},
    ast.GetCase: {"NoneFound": "NoneFound", "MultipleFound": "MultipleFound", "ContactNotLinked": "ContactNotLinked"},
    ast.CreateCase: {"ContactNotLinked": "ContactNotLinked"},
}

Target = Callable[[ast.Name | None, int], int]


def _result_target(s: ast.Stmt, result: str, lt: Target, fallback: int) -> int:
    for branch in getattr(s, "results", ()):
        if any(r.value == result for r in branch.intents):
            return lt(branch.target, fallback)
    return fallback


def block_branches(s: ast.Stmt, nxt: int, lt: Target, error: int) -> list[tuple[str, int]]:
    """The branches of a customer-data statement (empty for any other statement); ``error`` is where an
    unhandled error goes."""
    if isinstance(s, (ast.GetProfile, ast.GetCase, ast.CreateCase)):
        failed = lt(s.error, error)
        quiet = lt(s.error, nxt)  # a result without a branch: the error path when written, else go on
        out = [("next", nxt)]
        out += [(kind, _result_target(s, result, lt, quiet)) for result, kind in RESULT_ERRORS[type(s)].items()
                if result in ast.results_of(s)]
        return out + [("NoMatchingError", failed)]
    if isinstance(s, ast.CreateProfile):
        return [("next", nxt), ("NoMatchingError", lt(s.error, error))]
    if isinstance(s, ast.StartVoiceId):
        return [("next", nxt), ("NoMatchingError", lt(s.error, nxt))]
    if isinstance(s, ast.CheckVoiceId):
        out = [(f"result{k}", lt(b.target, error)) for k, b in enumerate(s.results)]
        return out + [("next", lt(s.otherwise, nxt)), ("NoMatchingError", lt(s.error, error))]
    return []
