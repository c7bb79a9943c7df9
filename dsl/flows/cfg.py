"""The control-flow graph of a flow body, shared by the flow checks and the lowering.

The body's statements are flattened in source order (a label node, then its block, then what
follows), which is exactly the fall-through order. Each flattened statement is a :class:`Node`;
label nodes and ``goto`` are *virtual*: they produce no Connect action and just pass control on.

``FlowGraph.branches(i)`` lists a statement's outgoing branches as ``(branch, target)`` where the
branch names the Connect outcome it becomes (``next``, ``NoMatchingError``, ``QueueAtCapacity``,
``True`` …) and the target is a node index, :data:`END` (control falls off the end of the body) or
:data:`ERROR` (an error branch the user did not write: the compiler's shared disconnect).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter

from ..compact import flow_ast as ast
from .blocks import block_branches

END = -1
ERROR = -2

#: statements that end the contact's path through this flow (no ``next``)
TERMINATORS = (ast.Hangup, ast.End, ast.LoopPrompts, ast.Transfer, ast.TransferToFlow, ast.TransferToNumber,
               ast.Goto, ast.Return)
#: statements that wait for the customer, a system or a person: a loop through one of them is fine
BLOCKING = (ast.Ask, ast.Menu, ast.Wait, ast.Invoke, ast.Transfer, ast.TransferToFlow, ast.TransferToNumber,
            ast.LoopPrompts, ast.StoreInput, ast.LoopTimes,  # a counted loop ends by itself
            ast.RunModule, ast.ShowView)
VIRTUAL = (ast.Label, ast.Goto)


@dataclass(frozen=True, slots=True)
class Node:
    index: int
    stmt: ast.Stmt
    label: str | None  # innermost enclosing label, None at the top level
    position: int  # 1-based position inside the enclosing block


def _flatten(statements: Iterable[ast.Stmt], label: str | None, out: list[Node]) -> None:
    for position, stmt in enumerate(statements, 1):
        out.append(Node(len(out), stmt, label, position))
        if isinstance(stmt, ast.Label):
            _flatten(stmt.body, stmt.name.value, out)


class FlowGraph:
    def __init__(self, body: ast.FlowBody | tuple | list):
        statements = body.statements if isinstance(body, ast.FlowBody) else tuple(body)
        self.nodes: list[Node] = []
        _flatten(statements, None, self.nodes)
        self._memo: dict[int, list[tuple[str, int]]] = {}
        self._reachable: frozenset[int] | None = None
        self.labels: dict[str, int] = {}
        self.duplicate_labels: list[ast.Label] = []
        #: the ``on error:`` block: its label node and the nodes of its block (unwritten errors go there)
        self.on_error: int | None = None
        self.handler: range = range(0)
        for node in self.nodes:
            if isinstance(node.stmt, ast.Label) and node.stmt.name.value == ast.ON_ERROR and self.on_error is None:
                self.on_error = node.index
                self.handler = range(node.index, node.index + 1 + sum(1 for _ in ast.walk(node.stmt.body)))
        for node in self.nodes:
            if isinstance(node.stmt, ast.Label):
                if node.stmt.name.value in self.labels:
                    self.duplicate_labels.append(node.stmt)
                else:
                    self.labels[node.stmt.name.value] = node.index

    # -- targets -------------------------------------------------------------------------------------
    def label_target(self, name: ast.Name | None, default: int) -> int:
        if name is None:
            return default
        return self.labels.get(name.value, ERROR)

    def next_of(self, i: int) -> int:
        """The node after ``i`` in sequence; control never falls into the ``on error:`` block."""
        n = i + 1
        if n == self.on_error:
            n = self.handler.stop
        return n if n < len(self.nodes) else END

    def resolve(self, i: int) -> int:
        """The first real (action-producing) node control reaches from ``i``: labels pass through,
        ``goto`` jumps. A ``goto`` cycle with no real statement resolves to :data:`END`."""
        seen: set[int] = set()
        while i >= 0 and i not in seen:
            seen.add(i)
            stmt = self.nodes[i].stmt
            if isinstance(stmt, ast.Label):
                i = self.next_of(i)
            elif isinstance(stmt, ast.Goto):
                i = self.label_target(stmt.label, ERROR)
            else:
                return i
        return END if i >= 0 else i

    # -- branches ------------------------------------------------------------------------------------
    def branches(self, i: int) -> list[tuple[str, int]]:
        """``(branch, target)`` of node ``i`` (worked out once per node: the analyses ask again and again)."""
        out = self._memo.get(i)
        if out is None:
            out = self._branches(i)
            if self.on_error is not None and i not in self.handler:
                out = [(b, self.on_error if t == ERROR else t) for b, t in out]
            self._memo[i] = out
        return out

    def unhandled_errors(self) -> int:
        """Error branches of reachable statements that the user did not write (they end the contact)."""
        return sum(1 for i in self.reachable() for _b, t in self.branches(i) if t == ERROR)

    def _branches(self, i: int) -> list[tuple[str, int]]:
        s = self.nodes[i].stmt
        nxt = self.next_of(i)
        lt = self.label_target
        if isinstance(s, ast.Label):
            return [("next", nxt)]
        if isinstance(s, ast.Goto):
            return [("next", lt(s.label, ERROR))]
        if isinstance(s, ast.LoopPrompts) and s.target is not None:
            return [("MessagesInterrupted", lt(s.target, ERROR)), ("NoMatchingError", ERROR)]
        if isinstance(s, ast.TransferToNumber) and s.resume:
            failed = lt(s.error, ERROR)
            return [("next", nxt), ("CallFailed", failed), ("ConnectionTimeLimitExceeded", lt(s.on_timeout, failed)),
                    ("NoMatchingError", failed)]
        if isinstance(s, (ast.Hangup, ast.End, ast.LoopPrompts, ast.Return)):
            return []
        if isinstance(s, ast.Transfer):
            return [("QueueAtCapacity", lt(s.at_capacity, lt(s.error, ERROR))), ("NoMatchingError", lt(s.error, ERROR))]
        if isinstance(s, (ast.TransferToFlow, ast.TransferToNumber)):
            return [("NoMatchingError", lt(s.error, ERROR))]
        if isinstance(s, ast.IfHours):
            target = lt(s.target, ERROR)
            return [("True", target if s.open else nxt), ("False", nxt if s.open else target),
                    ("NoMatchingError", lt(s.error, nxt))]
        if isinstance(s, ast.IfCompare):  # Connect has no "not equals": equal goes on, anything else jumps
            if s.op == "!=":
                return [("match", nxt), ("NoMatchingCondition", lt(s.target, ERROR))]
            return [("match", lt(s.target, ERROR)), ("NoMatchingCondition", nxt)]
        if isinstance(s, ast.Check):
            out = [(f"case{k}", lt(c.target, ERROR)) for k, c in enumerate(s.cases)]
            return out + [("NoMatchingCondition", lt(s.otherwise, nxt))]
        if isinstance(s, ast.Ask):
            out = [(f"intent{k}", lt(b.target, ERROR)) for k, b in enumerate(s.branches)]
            return out + [("NoMatchingCondition", lt(s.otherwise, nxt)), ("NoMatchingError", lt(s.error, ERROR))]
        if isinstance(s, ast.Menu):
            out = [(f"key{k}", lt(o.target, ERROR)) for k, o in enumerate(s.options)]
            other = lt(s.otherwise, nxt)
            return out + [("InputTimeLimitExceeded", lt(s.on_timeout, other)), ("NoMatchingCondition", other),
                          ("NoMatchingError", lt(s.error, ERROR))]
        if isinstance(s, ast.Wait):
            back = [("CustomerReturned", lt(s.returned, ERROR))] if s.returned is not None else []
            return back + [("WaitCompleted", lt(s.on_timeout, nxt)), ("NoMatchingError", lt(s.error, ERROR))]
        if isinstance(s, (ast.Invoke, ast.Callback, ast.Task, ast.RunModule)):
            return [("next", nxt), ("NoMatchingError", lt(s.error, ERROR))]
        if isinstance(s, (ast.SetQueue, ast.SetCustomerId)):
            return [("next", nxt), ("NoMatchingError", lt(s.error, ERROR))]
        if isinstance(s, (ast.Say, ast.Play)) and s.no_error:  # a prompt block without an Error branch
            return [("next", nxt)]
        # a prompt not played, a stream not started, attributes or a hook not set: go on, unless 'error ->' says
        if isinstance(s, (ast.Play, ast.MediaStreaming, ast.Say, ast.SetAttributes, ast.SetFlow, ast.Language)):
            return [("next", nxt), ("NoMatchingError", lt(s.error, nxt))]
        return self._input_branches(s, nxt) or [("next", nxt)]  # logging, recording, voice, set routing

    def _input_branches(self, s: ast.Stmt, nxt: int) -> list[tuple[str, int]]:
        """Caller input, loops and queue status."""
        lt = self.label_target
        if isinstance(s, ast.StoreInput):
            out = [("next", nxt)]
            if s.kind == "phone":
                out.append(("InvalidPhoneNumber", lt(s.invalid, lt(s.error, ERROR))))
            return out + [("NoMatchingError", lt(s.error, ERROR))]
        if isinstance(s, ast.SetCallbackNumber):
            return [("next", nxt), ("InvalidCallbackNumber", lt(s.error, ERROR)),
                    ("CallbackNumberNotDialable", lt(s.error, ERROR))]
        if isinstance(s, ast.LoopTimes):
            return [("ContinueLooping", lt(s.target, ERROR)), ("DoneLooping", nxt)]
        if isinstance(s, ast.IfQueue):  # a queue Connect cannot read counts as "no" (the flow goes on) unless written
            return [("match", lt(s.target, ERROR)), ("NoMatchingCondition", nxt), ("NoMatchingError", lt(s.error, nxt))]
        if isinstance(s, ast.LoadMetrics):  # without figures the flow goes on; $.Metrics stays empty
            return [("next", nxt), ("NoMatchingError", lt(s.error, nxt))]
        if isinstance(s, ast.ShowView):  # a result without a branch, or none in time, goes on
            out = [(f"result{k}", lt(b.target, ERROR)) for k, b in enumerate(s.results)]
            other = lt(s.otherwise, nxt)
            return out + [("TimeLimitExceeded", lt(s.on_timeout, other)), ("NoMatchingCondition", other),
                          ("NoMatchingError", lt(s.error, ERROR))]
        if isinstance(s, ast.Distribute):
            out = [(f"share{k}", lt(share.target, ERROR)) for k, share in enumerate(s.shares)]
            return out + [("NoMatchingCondition", lt(s.otherwise, nxt))]
        return block_branches(s, nxt, lt, ERROR)  # customer profiles, cases, Voice ID

    def successors(self, i: int) -> Iterator[int]:
        for _branch, target in self.branches(i):
            if target >= 0:
                yield target

    # -- analyses ------------------------------------------------------------------------------------
    def reachable(self) -> set[int]:
        """The nodes reachable from the start (worked out once; each call gets its own set)."""
        if self._reachable is None:
            seen, todo = ({0}, [0]) if self.nodes else (set(), [])
            while todo:
                for t in self.successors(todo.pop()):
                    if t not in seen:
                        seen.add(t)
                        todo.append(t)
            self._reachable = frozenset(seen)
        return set(self._reachable)

    def reachable_without(self, stop: tuple[type, ...]) -> set[int]:
        """Nodes reachable from the start on a path that passes no statement of the ``stop`` kinds."""
        if not self.nodes:
            return set()
        seen, todo = {0}, [0]
        while todo:
            i = todo.pop()
            if isinstance(self.nodes[i].stmt, stop):
                continue
            for t in self.successors(i):
                if t not in seen:
                    seen.add(t)
                    todo.append(t)
        return seen

    def busy_loops(self) -> list[list[int]]:
        """Loops made only of statements that do not block, each as its sorted node indices.

        (The standard library's topological sorter finds a cycle; its nodes are set aside and the
        search repeats, so separate loops are each reported once.)"""
        reach = self.reachable()
        free = {i for i in reach if not isinstance(self.nodes[i].stmt, BLOCKING)}
        edges = {i: {t for t in self.successors(i) if t in free} for i in free}
        loops: list[list[int]] = []
        while True:
            sorter = TopologicalSorter({i: edges[i] for i in free})
            try:
                sorter.prepare()
                return sorted(loops)
            except CycleError as exc:
                cycle = set(exc.args[1])
                loops.append(sorted(cycle))
                free -= cycle

    def can_fall_off_end(self) -> bool:
        """Whether control can run past the last statement (the flow then ends by its type's default)."""
        if not self.nodes:
            return True
        return any(t == END for i in self.reachable() for _b, t in self.branches(i))

    def action_count(self, flow_type: str = "CONTACT_FLOW") -> int:
        """Connect actions the lowering emits: reachable real statements (a ``voice … language`` is two),
        plus the shared ends (an unhandled error apologises, then disconnects, where the flow type allows both;
        otherwise it ends the flow like the end of the body)."""
        from . import catalog as cat
        from .statements import end_of_flow

        reach = self.reachable()
        real = [i for i in reach if not isinstance(self.nodes[i].stmt, VIRTUAL)]
        companions = sum(1 for i in real if (isinstance(s := self.nodes[i].stmt, ast.Voice) and s.language)
                         or (isinstance(s, ast.StoreInput) and s.into) or isinstance(s, ast.StartVoiceId))
        end = "disconnect" if end_of_flow(flow_type) == "DisconnectParticipant" else "end flow"
        shared: set[str] = set()
        for i in reach:
            for _b, t in self.branches(i):
                if t == END:
                    shared.add(end)
                elif t == ERROR:
                    if not cat.CATALOG["DisconnectParticipant"].allowed_in(flow_type):
                        shared.add("end flow")
                    elif cat.CATALOG["MessageParticipant"].allowed_in(flow_type):
                        shared |= {"apology", "disconnect"}
                    else:
                        shared.add("disconnect")
        return len(real) + companions + len(shared)


#: id of a flow body -> (the body, its graph): the graphs :func:`graph_of` made
_GRAPHS: dict[int, tuple[ast.FlowBody, FlowGraph]] = {}
_GRAPHS_MAX = 8192


def graph_of(body: ast.FlowBody | tuple | list) -> FlowGraph:
    """The graph of a flow body, made once for the flow checks and the channel and language analyses (a body
    never changes, and a graph only remembers what it worked out from it); statements given as a list or tuple
    get a graph of their own."""
    if not isinstance(body, ast.FlowBody):
        return FlowGraph(body)
    entry = _GRAPHS.get(id(body))
    if entry is not None and entry[0] is body:
        return entry[1]
    if len(_GRAPHS) >= _GRAPHS_MAX:
        _GRAPHS.clear()
    graph = FlowGraph(body)
    _GRAPHS[id(body)] = (body, graph)
    return graph
