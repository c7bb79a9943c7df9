"""The decompiler's ``show view`` row: a Show view block back into the statement, for an AWS managed view and for
a view the site declares, with its time limit, ViewData, results and timeout branch."""
from test_decompile import act, flow, imported, lowered

from ccdsl.compiler.importer.equivalence import difference


def _view(view_id, conditions, errors, params=None):
    return flow("Guide", act("Guide", "ShowView", {"ViewResource": {"Id": view_id, "Version": "Latest"},
                                                   **(params or {})}, "Done", errors, conditions),
                act("Done", "DisconnectParticipant"), act("Back", "DisconnectParticipant"),
                act("Late", "EndFlowExecution"))


def test_a_managed_view_with_data_and_results_reads_back():
    doc = _view("form", [("Equals", "Back", "Back"), ("Equals", "Next", "Done"), ("Equals", "Step", "Done")],
                {"NoMatchingCondition": "Done", "NoMatchingError": "Back", "TimeLimitExceeded": "Done"},
                {"InvocationTimeLimitSeconds": "900", "ViewData": {"Heading": "Claim", "Next": {"Label": "Go"}}})
    result = imported(doc)
    assert result.body is not None, [str(r) for r in result.reasons]
    assert 'show view form timeout 15m with Heading = "Claim", Next = {"Label": "Go"}' in result.body
    assert "Next, Step -> " in result.body
    assert difference(doc, lowered(result.body)) is None


def test_a_declared_view_is_named_by_its_token_and_a_timeout_branch_is_written():
    doc = _view("${view.ReturnForm.arn}", [("Equals", "Submit", "Back")],
                {"NoMatchingCondition": "Done", "NoMatchingError": "Back", "TimeLimitExceeded": "Late"})
    result = imported(doc)
    assert result.body is not None, [str(r) for r in result.reasons]
    assert "show view ReturnForm" in result.body and "timeout -> " in result.body
    assert difference(doc, lowered(result.body)) is None


def test_a_view_of_another_version_stays_a_template():
    doc = _view("form", [], {"NoMatchingCondition": "Done", "NoMatchingError": "Back"})
    doc["Actions"][0]["Parameters"]["ViewResource"]["Version"] = "3"
    result = imported(doc)
    assert result.body is None
    assert "shows the Latest one" in result.reasons[0].text
