"""The Show view block (ShowView) imported as ``show view``: its view, time limit, ViewData and result branches,
and the views and branches that keep a flow a template."""
import copy

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.compiler.importer import NameBook, decompile
from ccdsl.compiler.importer.equivalence import difference
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import catalog as cat
from ccdsl.dsl.source import TextOrigin

DATA = {"Heading": "Claim submitted", "Next": {"Label": "Close"}, "Items": [{"Label": "Amount", "Value": 12.5,
                                                                             "Copyable": True, "Icon": None}]}


def act(ident, type_, params=None, next_=None, errors=None, conditions=None):
    tr = {"NextAction": next_} if next_ else {}
    if conditions:
        tr["Conditions"] = [{"NextAction": t, "Condition": {"Operator": op, "Operands": [v]}} for op, v, t in conditions]
    if errors:
        tr["Errors"] = [{"NextAction": t, "ErrorType": e} for e, t in errors.items()]
    return {"Identifier": ident, "Type": type_, "Parameters": params or {}, "Transitions": tr}


def flow(start, *actions):
    return {"Version": "2019-10-30", "StartAction": start, "Metadata": {}, "Actions": list(actions)}


def imported(doc, flow_type=cat.CONTACT_FLOW):
    return decompile(doc, "f", flow_type, NameBook({}))


def lowered(text):
    return lower_flow("f", parse_flow(text, TextOrigin("t", 1, 1, 0), Diagnostics()), cat.CONTACT_FLOW)


def view_flow(**changes):
    show = act("Guide", "ShowView", {"ViewResource": {"Id": "form", "Version": "Latest"},
                                     "InvocationTimeLimitSeconds": "900", "ViewData": DATA}, "Done",
               {"NoMatchingCondition": "Done", "NoMatchingError": "Done", "TimeLimitExceeded": "Late"},
               [("Equals", "Back", "Late"), ("Equals", "Next", "Done"), ("Equals", "Step", "Done")])
    show.update(changes)
    return flow("Guide", show,
                act("Late", "MessageParticipant", {"Text": "Too late."}, "Done", {"NoMatchingError": "Done"}),
                act("Done", "DisconnectParticipant"))


def test_a_show_view_with_results_and_data_round_trips():
    doc = view_flow()
    result = imported(doc, cat.CONTACT_FLOW)
    assert result.body is not None, [str(r) for r in result.reasons]
    head = result.body.splitlines()[0]
    assert head.startswith('show view form timeout 15m with Heading = "Claim submitted", Next = {"Label": "Close"}')
    assert '"Value": 12.5' in head and '"Copyable": true' in head and '"Icon": null' in head
    assert result.body.splitlines()[1:5] == ["  Back -> late", "  Next, Step -> done", "  timeout -> late",
                                             "  error -> done"]
    assert difference(doc, lowered(result.body)) is None


def test_a_view_without_data_or_time_limit():
    doc = view_flow()
    doc["Actions"][0]["Parameters"] = {"ViewResource": {"Id": "arn:aws:connect:eu-west-2:1:instance/i/view/v:$LATEST",
                                                        "Version": "Latest"}}
    result = imported(doc)
    assert result.body is not None, [str(r) for r in result.reasons]
    assert result.body.startswith('show view "arn:aws:connect:eu-west-2:1:instance/i/view/v:$LATEST"\n')
    assert difference(doc, lowered(result.body)) is None


def test_views_a_statement_cannot_show_stay_templates():
    for params, why in [({"ViewResource": {"Id": "form", "Version": "3"}}, "view Version '3'"),
                        ({"ViewResource": {"Id": "form", "Version": "Latest"}, "ViewData": {"Heading": "a\r\nb"}},
                         "ViewData Heading with a carriage return"),
                        ({"ViewResource": {"Id": "form", "Version": "Latest"}, "Extra": "x"}, "parameter Extra")]:
        doc = view_flow()
        doc["Actions"][0]["Parameters"] = params
        assert imported(doc).reasons[0].text.startswith(why), params
    doc = copy.deepcopy(view_flow())
    doc["Actions"][0]["Transitions"]["Conditions"][0]["Condition"]["Operands"] = ["Cancel"]
    assert imported(doc).reasons[0].text == "condition Equals ['Cancel']"
