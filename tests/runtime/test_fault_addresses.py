"""``--faults fail=ADDRESS`` naming no resource of the site is refused before anything runs."""
import shutil
from pathlib import Path

from ccdsl.runtime.session import apply_site

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "minimal"


def test_unknown_fail_address_is_refused_with_a_suggestion(tmp_path):
    dest = tmp_path / "site"
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns(".ccdsl", "build"))
    result = apply_site(dest / "site.ccd", time_scale=float("inf"), faults="fail=queue.Suport")
    assert not result.ok and result.exit_code == 1 and result.write_calls == 0
    assert result.diagnostics == [
        "--faults: fail=queue.Suport is not a resource of minimal; did you mean queue.Support?"]
    assert apply_site(dest / "site.ccd", time_scale=float("inf"), faults="fail=queue.Support").failures
