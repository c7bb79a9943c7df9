"""``ccdsl import``: the whole corpus without a traceback, the files it writes, and its errors."""
import json
from pathlib import Path

from ccdsl.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted(str(p) for p in (ROOT / "tests" / "compiler" / "flows" / "corpus").glob("*.json"))


def test_the_whole_corpus_imports(tmp_path, capsys):
    out = tmp_path / "site" / "imported.ccd"
    assert main(["import", *CORPUS, "-o", str(out)]) == 0
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err
    assert f"imported {len(CORPUS)} flows:" in printed.out
    text = out.read_text()
    assert text.count("\n  # from ") == len(CORPUS)
    templates = list((out.parent / "flows").glob("*.json.j2"))
    assert len(templates) == text.count("    template: flows/")
    assert "warning[W511]" in printed.err and "warning[W503]" in printed.err  # every flow a body: no W501
    # a second run does not overwrite what the first wrote
    assert main(["import", *CORPUS, "-o", str(out)]) == 1
    assert "use --force" in capsys.readouterr().err


def test_a_described_flow_and_an_arn_map(tmp_path, capsys):
    queue = "arn:aws:connect:eu-west-2:111122223333:instance/i-1/queue/q-1"
    content = {"Version": "2019-10-30", "StartAction": "q", "Metadata": {}, "Actions": [
        {"Identifier": "q", "Type": "UpdateContactTargetQueue", "Parameters": {"QueueId": queue},
         "Transitions": {"NextAction": "t", "Errors": [{"NextAction": "t", "ErrorType": "NoMatchingError"}]}},
        {"Identifier": "t", "Type": "TransferContactToQueue", "Parameters": {},
         "Transitions": {"NextAction": "d", "Errors": [{"NextAction": "d", "ErrorType": "QueueAtCapacity"},
                                                      {"NextAction": "d", "ErrorType": "NoMatchingError"}]}},
        {"Identifier": "d", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]}
    described = tmp_path / "described.json"
    described.write_text(json.dumps({"ContactFlow": {"Name": "To sales", "Type": "CONTACT_FLOW",
                                                     "Content": json.dumps(content)}}))
    arn_map = tmp_path / "arns.yaml"
    arn_map.write_text(f"{queue}: Sales\n")
    out = tmp_path / "site.ccd"
    assert main(["import", str(described), "--map", str(arn_map), "-o", str(out)]) == 0
    text = out.read_text()
    assert "  To_sales:\n    do: |\n      queue Sales\n        error -> t\n      goto t\n      t:\n        transfer\n" in text
    assert "# queues: Sales  <- " + queue in text


def test_files_that_are_not_flows_are_errors(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a flow"}')
    assert main(["import", str(bad), "-o", str(tmp_path / "x.ccd")]) == 1
    assert "error[E501]" in capsys.readouterr().err
    arn_map = tmp_path / "map.yaml"
    arn_map.write_text("- just a list\n")
    assert main(["import", *CORPUS[:1], "--map", str(arn_map), "-o", str(tmp_path / "y.ccd")]) == 1
    assert "error[E502]" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "missing.json")]) == 2


def test_files_or_an_instance_not_both(capsys):
    assert main(["import"]) == 2
    assert main(["import", *CORPUS[:1], "--instance", "0c5a5c2e-1111-4d4d-8e8e-000000000001"]) == 2
    assert "not both" in capsys.readouterr().err


def test_an_instance_without_credentials_is_e506_not_a_traceback(tmp_path, monkeypatch, capsys):
    for name in ("AWS_PROFILE", "CCDSL_AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                 "CCDSL_AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    out = tmp_path / "site.ccd"
    assert main(["import", "--instance", "0c5a5c2e-1111-4d4d-8e8e-000000000001", "--region", "eu-west-2",
                 "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "error[E506]" in err and "credentials" in err and "Traceback" not in err and not out.exists()
