"""A prompt written as a multi-line string is heard as one run of words: ``hears`` ignores how the words are
spaced (a ``/regex/`` still sees the prompt as it is), and a failure shows the prompt on one line."""
from __future__ import annotations

from pathlib import Path

from ccdsl.runtime.conversation.suite import run_suite

SITE = '''ccdsl: 1
site: t
region: eu-west-2
instance: {alias: t1}
flows:
  welcome:
    do: |
      say ssml """
        <speak>
          Welcome to
          Any Bank.
        </speak>
        """
      say """
        Goodbye.

        See you.
        """
      hangup
'''
TESTS = '''- test: heard across lines
  call: {flow: welcome}
  steps:
    - hears: Welcome to Any Bank.
    - hears: /Goodbye\\.\\n\\nSee/
    - ends
- test: fails
  call: {flow: welcome}
  steps:
    - hears: Good evening
'''


def test_a_prompt_on_several_lines_is_heard_as_one_run_of_words(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "site.ccd").write_text(SITE)
    (tmp_path / "tests" / "a.yaml").write_text(TESTS)
    report = run_suite(tmp_path / "site.ccd")
    assert not report.diagnostics.has_errors, [str(d) for d in report.diagnostics]
    passed, failed = report.results
    assert passed.status == "passed", passed.message
    assert failed.status == "failed"
    assert 'heard "Welcome to Any Bank."; heard "Goodbye. See you."' in failed.message, failed.message
