"""Flow bodies: every statement, branches, labels, and errors at their line and column in the file."""
import pytest
from compact_support import bad, ok

from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.compact import flow_to_text, parse_flow
from ccdsl.dsl.source import TextOrigin

#: A `do: |` block whose first content line is line 30 of the file, indented 6 columns.
BLOCK = TextOrigin("site.ccd", 30, 7, block_indent=6)


def flow(text):
    return ok(parse_flow, text, BLOCK).statements


def test_simple_statements():
    body = flow(
        'logging on\nrecording off\nvoice Amy neural\nsay "Hi \\"there\\""\nsay ssml "<speak>Hi</speak>"\n'
        "hangup\nend\n"
    )
    assert body == (
        A.Logging(True), A.Recording(False), A.Voice(A.Name("Amy"), "neural"), A.Say('Hi "there"'),
        A.Say("<speak>Hi</speak>", ssml=True), A.Hangup(), A.End(),
    )


def test_set_attributes_and_flows():
    body = flow('set channel = $.Channel, entry = "x", n = 3\nset queue flow qf\nset whisper flow wf\nset hold flow hf\n')
    assert body[0] == A.SetAttributes((
        A.Assignment("channel", A.AttrPath("$.Channel")), A.Assignment("entry", A.Str("x")),
        A.Assignment("n", A.Number("3")),
    ))
    assert [(s.which, s.flow.value) for s in body[1:]] == [("queue", "qf"), ("whisper", "wf"), ("hold", "hf")]


def test_attribute_named_like_a_keyword():
    assert flow('set queue = "x"\n')[0] == A.SetAttributes((A.Assignment("queue", A.Str("x")),))


def test_ifs():
    body = flow('if closed office -> shut\nif open office -> go\nif $.Attributes.lang == "cy" -> welsh\n')
    assert body[0] == A.IfHours(False, A.Name("office"), A.Name("shut"))
    assert body[1].open is True
    assert body[2] == A.IfCompare(A.AttrPath("$.Attributes.lang"), "==", A.Str("cy"), A.Name("welsh"))


def test_check_with_cases():
    (check,) = flow('check $.Attributes.tier\n  == "gold" -> vip\n  > 3 -> big\n  otherwise -> normal\n')
    assert check.cases == (A.CheckCase("==", A.Str("gold"), A.Name("vip")), A.CheckCase(">", A.Number("3"), A.Name("big")))
    assert check.otherwise == A.Name("normal")


def test_ask_branches_with_name_spans():
    (ask,) = flow('ask banking "How can I help?"\n  CheckBalance, TransferMoney -> agent\n  otherwise -> agent\n  error -> oops\n')
    assert ask.bot.value == "banking"
    assert [i.value for i in ask.branches[0].intents] == ["CheckBalance", "TransferMoney"]
    second = ask.branches[0].intents[1]
    assert (second.span.line, second.span.col) == (31, 7 + 2 + 14)
    assert (ask.error.span.line, ask.error.span.col) == (33, 7 + 11)
    assert (ask.bot.span.line, ask.bot.span.col) == (30, 11)


def test_menu():
    (menu,) = flow('menu "Press 1" timeout 5s\n  1 -> a\n  * -> b\n  "#" -> c\n  timeout -> d\n  otherwise -> e\n  error -> f\n')
    assert menu.timeout == 5
    assert [(o.key, o.target.value) for o in menu.options] == [("1", "a"), ("*", "b"), ("#", "c")]
    assert (menu.on_timeout, menu.otherwise, menu.error) == (A.Name("d"), A.Name("e"), A.Name("f"))


def test_invoke_queue_transfer_forms():
    body = flow(
        'invoke lookup timeout 8s with id = $.CustomerEndpoint.Address, mode = "fast"\n  error -> failed\n'
        "queue GeneralAgentQueue\ntransfer\n  at capacity -> busy\n  error -> failed\n"
        'transfer to flow other\ntransfer to number "+442071838750" timeout 30s\ncallback GeneralAgentQueue\n'
        'task "Call back" flow cb\ngoto start\nloop prompts "a", "b" every 30s\nwait 60s\n  timeout -> t\n'
    )
    inv, q, tr, tf, tn, cb, task, goto, loop, wait = body
    assert inv == A.Invoke(A.Name("lookup"), 8, (
        A.Assignment("id", A.AttrPath("$.CustomerEndpoint.Address")), A.Assignment("mode", A.Str("fast"))), A.Name("failed"))
    assert q == A.SetQueue(A.Name("GeneralAgentQueue"))
    assert tr == A.Transfer(A.Name("busy"), A.Name("failed"))
    assert tf == A.TransferToFlow(A.Name("other"))
    assert tn == A.TransferToNumber("+442071838750", 30)
    assert cb == A.Callback(A.Name("GeneralAgentQueue"))
    assert task == A.Task("Call back", A.Name("cb"))
    assert goto == A.Goto(A.Name("start"))
    assert loop == A.LoopPrompts(("a", "b"), 30)
    assert wait == A.Wait(60, on_timeout=A.Name("t"))


def test_labels_nest_and_keywords_can_be_label_names():
    body = flow("menu:\n  queue Q\n  inner:\n    hangup\ngoto menu\n")
    label = body[0]
    assert isinstance(label, A.Label) and label.name.value == "menu"
    assert label.body[1] == A.Label(A.Name("inner"), (A.Hangup(),))
    assert (label.name.span.line, label.name.span.col, label.name.span.end_col) == (30, 7, 11)
    assert [s.__class__.__name__ for s in A.walk(body)] == ["Label", "SetQueue", "Label", "Hangup", "Goto"]


def test_comments_and_blank_lines():
    body = flow("# greeting\n\nsay \"hi\"  # inline\n\n   # indented comment\nhangup\n# trailing")
    assert body == (A.Say("hi"), A.Hangup())


def test_single_line_plain_scalar():
    assert ok(parse_flow, "transfer", TextOrigin("site.ccd", 9, 40)).statements == (A.Transfer(),)


def test_label_refs():
    (ask,) = flow('ask b "p"\n  X -> one\n  otherwise -> two\n')
    assert [n.value for n in A.label_refs(ask)] == ["one", "two"]


def test_canonical_text_round_trip():
    text = 'logging on\nask b "p"\n  X, Y -> one\n  otherwise -> two\none:\n  transfer\n    at capacity -> two\ntwo:\n  hangup\n'
    ast = ok(parse_flow, text, BLOCK)
    assert flow_to_text(ast) == text
    assert ok(parse_flow, flow_to_text(ast), BLOCK) == ast


# ------------------------------------------------------------------------------- errors, positions


def test_misspelt_keyword_in_a_block_scalar():
    p = bad(parse_flow, 'say "hi"\nqueue Q\ntransfr\n', BLOCK)
    assert p.first.code in ("E010", "E011")
    assert (p.first.span.line, p.first.span.col) == (32, 7)
    assert "expected" in p.first.message


def test_unterminated_string_points_at_the_quote():
    p = bad(parse_flow, 'say "hi\nhangup\n', BLOCK)
    assert (p.first.span.line, p.first.span.col) == (30, 11)


def test_missing_arrow_target_is_end_of_line():
    p = bad(parse_flow, 'ask b "p"\n  X ->\n', BLOCK)
    assert p.first.code == "E011"
    assert (p.first.span.line, p.first.span.col) == (31, 7 + 6)
    assert "a name" in p.first.message


def test_unexpected_indentation():
    p = bad(parse_flow, 'say "a"\n  say "b"\n', BLOCK)  # read as a branch: `say` would be an intent
    assert (p.first.code, p.first.span.line, p.first.span.col) == ("E011", 31, 13)
    assert "branch" in p.first.hint
    p = bad(parse_flow, 'transfer\n  error -> x\n\n    hangup\n', BLOCK)
    assert (p.first.code, p.first.span.line, p.first.span.col) == ("E011", 33, 11)
    assert "indentation" in p.first.message


def test_inconsistent_dedent():
    p = bad(parse_flow, 'x:\n    say "a"\n  say "b"\n', BLOCK)
    assert (p.first.code, p.first.span.line, p.first.span.col) == ("E013", 32, 7)


def test_label_without_block_is_end_of_text():
    p = bad(parse_flow, "hangup\nlonely:\n", BLOCK)
    assert p.first.code == "E012"


def test_branch_not_taken_by_statement():
    p = bad(parse_flow, "queue Q\ntransfer\n  otherwise -> x\n", BLOCK)
    assert (p.first.code, p.first.span.line, p.first.span.col) == ("E018", 32, 9)
    assert "at capacity" in p.first.message


def test_duplicate_branches():
    assert bad(parse_flow, 'ask b "p"\n  X -> a\n  Y, X -> b\n', BLOCK).at() == ("E018", 32, 12)
    assert bad(parse_flow, 'menu "p"\n  1 -> a\n  1 -> b\n', BLOCK).at() == ("E018", 32, 9)
    assert bad(parse_flow, 'transfer\n  error -> a\n  error -> b\n', BLOCK).at() == ("E018", 32, 9)


def test_bad_menu_key_and_duration_unit():
    assert bad(parse_flow, 'menu "p"\n  "ab" -> a\n', BLOCK).at() == ("E014", 31, 9)
    assert bad(parse_flow, "wait 5x\n", BLOCK).at() == ("E014", 30, 13)


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n"])
def test_empty_bodies(text):
    assert ok(parse_flow, text, BLOCK).statements == ()


def test_quoted_scalar_position():
    p = bad(parse_flow, "transfer to flw x", TextOrigin("site.ccd", 12, 20))
    assert (p.first.span.line, p.first.span.col) == (12, 32)


def test_deep_nesting_is_a_diagnostic():
    depth = 600
    text = "".join(" " * i + f"l{i}:\n" for i in range(depth)) + " " * depth + "hangup\n"
    p = bad(parse_flow, text, BLOCK)
    assert p.first.code == "E013" and "nested too deeply" in p.first.message


def test_expected_lists_only_what_the_parser_can_take_there():
    p = bad(parse_flow, "say Welcome\n", BLOCK)
    assert p.first.message == "flow: unexpected 'Welcome'; expected one of 'ssml', a \"string\""
    p = bad(parse_flow, "x:\nhangup\n", BLOCK)
    assert p.first.message == "flow: unexpected 'hangup'; expected an indented block"
    assert p.at() == ("E011", 31, 7)


def test_misspelt_keywords_get_a_did_you_mean():
    assert bad(parse_flow, "transfr\n", BLOCK).first.hint == "did you mean 'transfer'?"
    assert bad(parse_flow, "transfer\n  at capcity -> x\n", BLOCK).first.hint == "did you mean 'capacity'?"
    assert bad(parse_flow, "voice Amy neurl\n", BLOCK).first.hint == "did you mean 'neural'?"
