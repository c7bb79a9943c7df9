"""Files a site names stay inside its folder: absolute paths, `..` and symlinks out are refused (E225)
by validate, never read by compile, never zipped or uploaded by the aws provider."""
from pathlib import Path

import pytest

from ccdsl.dsl.confine import Escape, confined, escaping_links, walk_files, why_outside
from ccdsl.dsl.validate import validate_file

MINIMAL = (Path(__file__).resolve().parents[2] / "examples" / "minimal" / "site.ccd").read_text()


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "functions" / "f").mkdir(parents=True)
    (site / "functions" / "f" / "app.py").write_text("def handler(e, c):\n    return {}\n")
    (tmp_path / "secret.pem").write_text("PRIVATE KEY MARKER\n")
    return site


@pytest.mark.parametrize("path, reason", [
    ("/etc/passwd", "absolute"), ("~/.aws/credentials", "absolute"), ("../secret.pem", ".."),
    ("functions/../../secret.pem", ".."), ("", "empty"), ("C:\\Windows\\win.ini", "absolute"),
])
def test_paths_that_leave_the_folder_are_refused(site_dir, path, reason):
    assert reason in why_outside(site_dir, path)
    with pytest.raises(Escape):
        confined(site_dir, path)


def test_paths_inside_are_accepted(site_dir):
    assert why_outside(site_dir, "functions/f") is None
    assert confined(site_dir, "functions/./f/app.py") == (site_dir / "functions" / "f" / "app.py").resolve()


def test_symlink_leaving_the_folder_is_refused(site_dir):
    (site_dir / "link.pem").symlink_to(site_dir.parent / "secret.pem")
    (site_dir / "functions" / "f" / "shadow").symlink_to("/etc/shadow")
    (site_dir / "functions" / "f" / "inside.py").symlink_to(site_dir / "functions" / "f" / "app.py")
    assert "symlink" in why_outside(site_dir, "link.pem")
    assert escaping_links(site_dir / "functions" / "f", site_dir) == ["shadow"]
    names = [name for name, _ in walk_files(site_dir / "functions" / "f", site_dir)]
    assert names == ["app.py", "inside.py"]


def _write_site(site_dir: Path, extra: str) -> Path:
    path = site_dir / "site.ccd"
    path.write_text(MINIMAL + extra)
    return path


def test_validate_reports_a_symlink_out_of_a_function_folder(site_dir):
    (site_dir / "functions" / "f" / "shadow").symlink_to("/etc/shadow")
    path = _write_site(site_dir, "functions:\n  f: {source: functions/f}\n")
    _, diags = validate_file(path)
    found = [(d.code, d.span.line, d.span.col) for d in diags if d.code == "E225"]
    line = len(MINIMAL.splitlines()) + 2
    assert found == [("E225", line, 15)]
    assert "shadow" in next(d.message for d in diags if d.code == "E225")


def test_functions_sharing_a_folder_each_get_its_diagnostics(site_dir):
    """A folder is looked at once per validate, yet every function naming it is reported at its own place."""
    (site_dir / "functions" / "f" / "shadow").symlink_to("/etc/shadow")
    extra = ("functions:\n  f: {source: functions/f}\n  g: {source: functions/f}\n  h: {source: nowhere}\n"
             "  i: {source: nowhere}\n  j: {source: ../x}\n  k: {source: ../x}\n")
    _, diags = validate_file(_write_site(site_dir, extra))
    line = len(MINIMAL.splitlines()) + 2
    found = [(d.code, d.span.line, d.span.col, d.message.split(" is ")[0]) for d in diags
             if d.code in ("E223", "E225")]
    assert [(code, at) for code, at, _, _ in found] == [
        ("E225", line), ("E225", line + 1), ("E223", line + 2), ("E223", line + 3), ("E225", line + 4),
        ("E225", line + 5)]
    named = [next(word for word in ("'f'", "'g'", "'h'", "'i'", "'j'", "'k'") if word in text) for *_, text in found]
    assert named == ["'f'", "'g'", "'h'", "'i'", "'j'", "'k'"]


def test_validate_reports_a_symlinked_template_and_agent_file(site_dir):
    (site_dir / "flows").mkdir()
    (site_dir / "flows" / "t.json.j2").symlink_to(site_dir.parent / "secret.pem")
    (site_dir / "index.html").symlink_to("/etc/hostname")
    extra = "buckets:\n  web: {}\nagent_site:\n  bucket: web\n  files: {index.html: index.html}\n"
    path = _write_site(site_dir, extra).read_text().replace(
        "  main:\n    do: |", "  t: {template: flows/t.json.j2}\n  main:\n    do: |")
    (site_dir / "site.ccd").write_text(path)
    _, diags = validate_file(site_dir / "site.ccd")
    messages = [d.message for d in diags if d.code == "E225"]
    assert len(messages) == 2 and all("symlink" in m for m in messages)
    assert not any(d.code.startswith("E32") for d in diags), "a template outside the folder is never rendered"


def test_compile_hash_never_reads_outside(site_dir, tmp_path):
    from ccdsl.compiler.expand.agent_site import file_hash
    from ccdsl.compiler.expand.functions import source_hash

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x").write_text("a")
    before = source_hash(str(site_dir), "../outside")
    (outside / "x").write_text("b")
    source_hash.cache_clear()
    assert source_hash(str(site_dir), "../outside") == before
    import hashlib

    for path in ("/etc/hostname", "../secret.pem"):
        assert file_hash(str(site_dir), path) == hashlib.sha256(b"missing:" + path.encode()).hexdigest()


def test_lambda_zip_leaves_out_symlinks_that_leave_the_site(site_dir):
    import zipfile

    from ccdsl.runtime.providers.aws.handlers.local import zip_folder

    (site_dir / "functions" / "f" / "key.pem").symlink_to(site_dir.parent / "secret.pem")
    target = site_dir / "out.zip"
    zip_folder(site_dir / "functions" / "f", target, site_dir)
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["app.py"]
        assert b"MARKER" not in b"".join(archive.read(n) for n in archive.namelist())


def test_aws_reader_refuses_files_outside(site_dir):
    from ccdsl.runtime.providers.aws.local_inputs import prepare
    from ccdsl.runtime.providers.base import ProviderError

    for path in ("/proc/self/environ", "../secret.pem"):
        with pytest.raises(ProviderError, match="refusing"):
            prepare({"SourceFile": path}, {"SourceFile": "file:Body"}, str(site_dir))
    (site_dir / "ok.txt").write_text("fine")
    assert prepare({"SourceFile": "ok.txt"}, {"SourceFile": "file:Body"}, str(site_dir))["Body"] == b"fine"
