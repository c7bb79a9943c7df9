"""Strings of flow bodies: one-line strings keep their meaning; the multi-line form (its indentation, escapes,
blank lines, the statement after its closing quotes), its diagnostics and their positions, and canonical
printing."""
import pytest

from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.compact import flow_to_text, parse_flow
from ccdsl.dsl.compact.strings import quote, unquote
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import TextOrigin

#: a do: body in a block scalar whose content starts on line 10, indented 6 columns
BLOCK = TextOrigin("site.ccd", 10, 7, block_indent=6)


def parsed(text):
    diags = Diagnostics()
    body = parse_flow(text, BLOCK, diags)
    return body, [(d.code, d.span.line, d.span.col) for d in diags]


def said(text):
    body, found = parsed(text)
    assert found == [], found
    return body.statements[0].text


def test_one_line_strings_keep_their_meaning():
    assert unquote(r'"a\nb \q \" \\"') == 'a\\nb \\q " \\'
    assert said('say "Hello"\n') == "Hello"
    assert said('say ""\n') == ""
    assert quote("a\\nb") == '"a\\\\nb"'


def test_the_closing_quotes_indentation_is_taken_off_every_line():
    assert said('say """\n  <speak>\n    <break time="5s"/>\n  </speak>\n  """\n') == \
        '<speak>\n  <break time="5s"/>\n</speak>'
    # the closing quotes at the statement's column: the lines keep the indentation beyond it
    assert said('say """\n  Hello\n"""\n') == "  Hello"


def test_leading_and_trailing_line_breaks_and_blank_lines():
    assert said('say """\n\n  a\n\n  b\n\n  """\n') == "\na\n\nb\n"
    # a blank line with fewer spaces than the closing quotes (as editors and YAML leave them) is empty
    assert said('say """\n    a\n  \n    b\n    """\n') == "a\n\nb"
    assert said('say """\n  """\n') == ""


def test_escapes_of_the_multi_line_form():
    assert said('say """\n  a\\s\\s\n  \\tb\\r\n  c \\\\ d \\" e \\q\n  """\n') == 'a  \n\tb\r\nc \\ d " e \\q'
    # three quotes at a line's start close the string unless escaped; elsewhere they are text
    assert said('say """\n  \\"""quoted"""\n  x """ y\n  """\n') == '"""quoted"""\nx """ y'


def test_comments_and_arrows_inside_are_text_and_tabs_are_kept():
    assert said('say """\n  # not a comment -> not a branch\n  \tindented by a tab\n  """\n') == \
        "# not a comment -> not a branch\n\tindented by a tab"


def test_the_statement_goes_on_after_the_closing_quotes():
    body, found = parsed('main:\n  say """\n    a\n    b\n    """ no error\n  ask bot """\n    Hi\n    """\n'
                         '    Yes -> main\n    otherwise -> main\n  hangup\n')
    assert found == []
    say, ask, hangup = body.statements[0].body
    assert say == A.Say("a\nb", False, no_error=True)
    assert ask.prompt == "Hi" and ask.otherwise == A.Name("main") and ask.branches[0].intents == (A.Name("Yes"),)
    assert (say.span.line, ask.span.line, hangup.span.line) == (11, 15, 20)
    assert ask.bot.span.line == 15 and ask.branches[0].target.span.line == 18


def test_windows_line_breaks():
    assert said('say """\r\n  a\r\n  b\r\n  """\r\nhangup\r\n') == "a\nb"


@pytest.mark.parametrize("text, expected", [
    ('say """Goodbye."""\n', [("E344", 10, 14)]),  # text after the opening quotes
    ('hangup\nsay """\n  never closed\n', [("E344", 11, 11)]),
    ('say """  \n  a\n  """\n', []),  # spaces after the opening quotes are not text
])
def test_malformed_forms(text, expected):
    assert parsed(text)[1] == expected


def test_line_problems_are_collected_at_their_position():
    body, found = parsed('say """\n    a  \n  b\n     \n\t  c\n    """\ngoto x\n')
    assert body is None
    assert found == [("E345", 11, 12), ("E345", 12, 7), ("E345", 13, 11), ("E345", 14, 7)]


def test_a_newline_escape_is_a_warning_once_per_string():
    body, found = parsed('say "a\\nb\\nc"\nsay "a\\\\nb"\nsay """\n  x\n  y\\n\n  """\n')
    assert body is not None
    assert found == [("W312", 10, 13), ("W312", 14, 10)]


def test_printing_picks_the_form_and_indents_it_with_the_statement():
    text = "Welcome\n\n  to  \n\t\"\"\"Any\\Bank\"\"\"\n"
    body = A.FlowBody((A.Label(A.Name("main"), (
        A.Say(text, True),
        A.Check(A.AttrPath("$.Attributes.x"), (A.CheckCase("==", A.Str("a\nb"), A.Name("main")),)),
        A.LoopPrompts(("one\ntwo", "three\nfour"), 5),
        A.Say("one line", False),
    )),))
    printed = flow_to_text(body)
    assert printed == (
        'main:\n'
        '  say ssml """\n'
        '    Welcome\n'
        '\n'
        '      to\\s\\s\n'
        '    \\t"""Any\\\\Bank"""\n'
        '\n'
        '    """\n'
        '  check $.Attributes.x\n'
        '    == """\n'
        '      a\n'
        '      b\n'
        '      """ -> main\n'
        '  loop prompts """\n'
        '    one\n'
        '    two\n'
        '    """, """\n'
        '    three\n'
        '    four\n'
        '    """ every 5s\n'
        '  say "one line"\n')
    diags = Diagnostics()
    assert parse_flow(printed, BLOCK, diags) == body and not diags.items
