"""One RunOptions object for a run: built once, passed whole, strict about names and values."""
from __future__ import annotations

from pathlib import Path

import pytest
from factory import bot_site

from ccdsl.__main__ import main
from ccdsl.runtime.options import RunOptions
from ccdsl.runtime.session import apply_site, plan_site

MINIMAL = str(Path(__file__).resolve().parents[2] / "examples" / "minimal" / "site.ccd")
INSTANT = float("inf")


def test_unknown_names_and_bad_values_are_refused_not_dropped():
    with pytest.raises(TypeError):
        RunOptions(time_scal=2.0)
    with pytest.raises(TypeError):
        RunOptions().with_(paralelism=2)
    for bad in ({"provider": "gcp"}, {"policy": "random"}, {"latency": "slow"}, {"time_scale": 0},
                {"parallelism": 0}, {"lock_timeout": -1.0}):
        with pytest.raises(ValueError):
            RunOptions(**bad)
    with pytest.raises(TypeError):
        apply_site(bot_site(), state_path="unused.db", time_scal=INSTANT)


def test_the_options_object_and_its_keyword_shorthand_run_alike(tmp_path):
    options = RunOptions(state_path=str(tmp_path / "a" / "s.db"), time_scale=INSTANT, seed=2, latency="midpoint")
    first = apply_site(bot_site(), options)
    second = apply_site(bot_site(), state_path=str(tmp_path / "b" / "s.db"), time_scale=INSTANT, seed=2,
                        latency="midpoint")
    assert first.ok and second.ok
    assert (first.counts, first.elapsed_s, first.critical_path) == (second.counts, second.elapsed_s,
                                                                     second.critical_path)
    assert not plan_site(bot_site(), options).has_changes
    assert plan_site(bot_site(), options.with_(destroy=True)).plan.counts()["delete"] == first.counts["done"]


def test_the_tui_source_runs_what_the_options_say(tmp_path):
    from ccdsl.tui.sources import ApplySource

    options = RunOptions(state_path=str(tmp_path / "s.db"), time_scale=INSTANT)
    source = ApplySource(bot_site(), options)
    assert source.options is options and source.clock_scale == 0.0
    assert ApplySource(bot_site(), RunOptions(time_scale=30.0)).clock_scale == 30.0
    assert ApplySource(bot_site(), RunOptions(provider="aws", time_scale=30.0)).clock_scale == 1.0


def test_the_cli_reports_a_bad_option_in_one_line(tmp_path, capsys):
    code = main(["apply", MINIMAL, "--yes", "--parallelism", "0", "--state", str(tmp_path / "s.db")])
    err = capsys.readouterr().err
    assert code == 2 and err.strip() == "ccdsl: parallelism must be at least 1, not 0"
