"""The bots' conversation-log groups and their keys in an imported instance, read against botocore's Stubber (every
request and response checked against the CloudWatch Logs and KMS service models), and the ``keys:`` and ``logs:``
sections and bots' ``logs:`` written from them."""
import boto3
import pytest
from botocore.stub import Stubber

from ccdsl.dsl.validate import validate_text
from ccdsl.runtime.importer.bots_write import write_bots
from ccdsl.runtime.importer.logs_read import read_logs
from ccdsl.runtime.importer.logs_write import write_logs
from ccdsl.runtime.importer.site_write import SiteText

ACCOUNT = "111122223333"
OWN = f"arn:aws:logs:eu-west-2:{ACCOUNT}:log-group:/ccdsl/care/helper_lex"
PLAIN = f"arn:aws:logs:eu-west-2:{ACCOUNT}:log-group:/ccdsl/care/quiet_lex"
SHARED = f"arn:aws:logs:eu-west-2:{ACCOUNT}:log-group:/aws/lex/shared"
KEY = f"arn:aws:kms:eu-west-2:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def alias(group, prefix, audio=False):
    settings = {"textLogSettings": [{"enabled": True, "destination": {"cloudWatch": {
        "cloudWatchLogGroupArn": group, "logPrefix": prefix}}}]}
    if audio:
        settings["audioLogSettings"] = [{"enabled": True, "destination": {"s3Bucket": {
            "s3BucketArn": "arn:aws:s3:::care-audio", "logPrefix": "audio/"}}}]
    return {"botAliasName": "live", "botVersion": "1", "conversationLogSettings": settings,
            "botAliasLocaleSettings": {"en_GB": {"enabled": True}}}


def bot(name, group, prefix=None, audio=False):
    return {"aliasArn": f"arn:aws:lex:eu-west-2:{ACCOUNT}:bot-alias/{name.upper()}/ALIAS", "aliasId": "ALIAS",
            "bot": {"botId": name.upper(), "botName": f"care-{name}"}, "alias": alias(group, prefix or f"{name}/",
                                                                                     audio),
            "locales": [{"localeId": "en_GB", "voiceSettings": {"voiceId": "Amy"}, "slotTypes": [], "intents": [
                {"intentId": "I1", "intentName": "Hello", "sampleUtterances": [{"utterance": "hello"}]}]}],
            "policy": {}, "role": {}}


@pytest.fixture
def clients():
    made = {s: boto3.client(s, region_name="eu-west-2", aws_access_key_id="x", aws_secret_access_key="x")
            for s in ("logs", "kms")}
    with Stubber(made["logs"]) as logs, Stubber(made["kms"]) as kms:
        yield made, logs, kms
        logs.assert_no_pending_responses()
        kms.assert_no_pending_responses()


def group(name, **more):
    arn = f"arn:aws:logs:eu-west-2:{ACCOUNT}:log-group:{name}"
    return {"logGroupName": name, "arn": f"{arn}:*", "logGroupArn": arn, "creationTime": 1, "storedBytes": 0,
            "metricFilterCount": 0, **more}


def test_the_site_own_groups_are_described_their_key_named_for_its_alias_and_others_written_by_arn(clients):
    made, logs, kms = clients
    logs.add_response("describe_log_groups", {"logGroups": [group("/ccdsl/care/helper_lex_old")], "nextToken": "p2"},
                      {"logGroupNamePrefix": "/ccdsl/care/helper_lex"})
    logs.add_response("describe_log_groups", {"logGroups": [group("/ccdsl/care/helper_lex", retentionInDays=14,
                                                                  kmsKeyId=KEY)]},
                      {"logGroupNamePrefix": "/ccdsl/care/helper_lex", "nextToken": "p2"})
    logs.add_response("describe_log_groups", {"logGroups": [group("/ccdsl/care/quiet_lex")]},
                      {"logGroupNamePrefix": "/ccdsl/care/quiet_lex"})
    kms.add_response("list_aliases", {"Aliases": [{"AliasName": "alias/care/data", "TargetKeyId": KEY[-36:],
                                                   "AliasArn": f"arn:aws:kms:eu-west-2:{ACCOUNT}:alias/care/data"}],
                                      "Truncated": False}, {"KeyId": KEY})
    bots = [bot("helper", OWN), bot("quiet", PLAIN + ":*", prefix="logs/", audio=True), bot("front", SHARED),
            bot("back", SHARED)]
    read = read_logs(made.__getitem__, [OWN, PLAIN + ":*", SHARED, SHARED], "care")  # /aws/lex/shared: not described
    assert sorted(read.groups) == [OWN, PLAIN] and read.aliases == {KEY: ["alias/care/data"]} and not read.missing
    out = SiteText(site="care")
    write_logs(out, bots, read, "care")
    write_bots(out, bots, "care")
    text = "\n".join(out.lines)
    assert f"keys:\n  # from {KEY}\n  data:\n    arn: {KEY}\n" in text
    assert "  helper_lex:\n    retention: 14d\n    key: data\n" in text
    assert "  quiet_lex:\n    key: none\n" in text  # kept forever (W507); the site's only key does not encrypt it
    assert f"  shared:\n    arn: {SHARED}\n" in text  # one entry for the two bots that write to it
    for name, logs_name in (("helper", "helper_lex"), ("quiet", "quiet_lex"), ("front", "shared"), ("back", "shared")):
        assert f"  {name}:\n" in text and f"    logs: {logs_name}\n" in text.split(f"  {name}:\n", 1)[1]
    said = [(p.code, p.message) for p in out.problems]
    assert ("W507", "log group /ccdsl/care/quiet_lex keeps its events forever: the site's log groups expire "
            "(retention: 30d by default), so its retention is not adopted") in said
    assert ("W507", "bot 'care-quiet' writes its conversation logs under the prefix 'logs/': the site writes them "
            "under 'quiet/'") in said
    assert any(c == "W507" and "audio conversation logs" in m for c, m in said)
    assert out.found["logs.helper_lex"] == {"id": "/ccdsl/care/helper_lex", "_expect": {
        "logGroupName": "/ccdsl/care/helper_lex", "kmsKeyId": KEY}}
    assert out.found["logs.helper_lex.retention"] == {"_expect": {"retentionInDays": 14}}
    assert out.found["logs.quiet_lex.retention"] == {"_expect": {"retentionInDays": None}}
    assert "logs.shared" not in out.found  # an existing log group: a local step, nothing of the instance to record
    site = "ccdsl: 1\nsite: care\nregion: eu-west-2\ninstance: {alias: care}\n" + text + "\n"
    model, diags = validate_text(site, "site.ccd")
    assert model is not None and not diags.has_errors, [d.message for d in diags]
    assert model.keys["data"].arn == KEY and model.logs["shared"].arn == SHARED
    assert model.bots["helper"].logs == "helper_lex"


def test_a_group_that_cannot_be_read_costs_the_bot_its_logs_not_the_import(clients):
    made, logs, kms = clients
    logs.add_client_error("describe_log_groups", "AccessDeniedException", "not allowed",
                          expected_params={"logGroupNamePrefix": "/ccdsl/care/helper_lex"})
    logs.add_response("describe_log_groups", {"logGroups": []}, {"logGroupNamePrefix": "/ccdsl/care/quiet_lex"})
    bots = [bot("helper", OWN), bot("quiet", PLAIN)]
    read = read_logs(made.__getitem__, [OWN, PLAIN], "care")
    assert read.missing == {OWN: "DescribeLogGroups failed (AccessDeniedException: not allowed)",
                            PLAIN: "the account has no such log group"}
    out = SiteText(site="care")
    write_logs(out, bots, read, "care")
    write_bots(out, bots, "care")
    text = "\n".join(out.lines)
    assert "logs:" not in text and "keys:" not in text
    assert [p.code for p in out.problems] == ["W510", "W510"]
    assert out.problems[0].message.startswith("log group /ccdsl/care/helper_lex that a bot writes its conversation "
                                              "logs to could not be read: DescribeLogGroups failed")


def test_a_key_without_an_alias_is_named_for_its_id(clients):
    made, logs, kms = clients
    logs.add_response("describe_log_groups", {"logGroups": [group("/ccdsl/care/helper_lex", retentionInDays=30,
                                                                  kmsKeyId=KEY)]},
                      {"logGroupNamePrefix": "/ccdsl/care/helper_lex"})
    kms.add_client_error("list_aliases", "AccessDeniedException", "no", expected_params={"KeyId": KEY})
    read = read_logs(made.__getitem__, [OWN], "care")
    out = SiteText(site="care")
    write_logs(out, [bot("helper", OWN)], read, "care")
    text = "\n".join(out.lines)
    assert f"  key_1234abcd:\n    arn: {KEY}\n" in text and "  helper_lex:\n    key: key_1234abcd" in text


def test_the_simulator_answers_in_the_documented_shapes(tmp_path):
    """A site applied on the simulator: its log groups and key aliases as the import reads them, each response
    accepted by Stubber (checked against the CloudWatch Logs and KMS output shapes)."""
    from ccdsl.runtime.importer.sim_client import sim_clients
    from ccdsl.runtime.providers.sim.account import Account
    from ccdsl.runtime.session import apply_site

    site = tmp_path / "site.ccd"
    site.write_text("ccdsl: 1\nsite: care\nregion: eu-west-2\ninstance: {alias: care}\nkeys: {data: {}}\n"
                    "logs:\n  helper_lex: {retention: 14d}\n  quiet_lex: {key: none}\n")
    assert apply_site(site, time_scale=float("inf"), seed=1).ok
    account = Account(tmp_path / ".ccdsl" / "sim.db", readonly=True)
    try:
        client = sim_clients(account)
        groups = client("logs").describe_log_groups(logGroupNamePrefix="/ccdsl/care/")
        key = next(g["kmsKeyId"] for g in groups["logGroups"] if g["logGroupName"] == "/ccdsl/care/helper_lex")
        aliases = client("kms").list_aliases(KeyId=key)
        read = read_logs(client, [OWN.replace(ACCOUNT, "123456789012"), PLAIN.replace(ACCOUNT, "123456789012")],
                         "care")
    finally:
        account.close()
    assert [(g["logGroupName"], g.get("retentionInDays"), "kmsKeyId" in g) for g in groups["logGroups"]] == [
        ("/ccdsl/care/helper_lex", 14, True), ("/ccdsl/care/quiet_lex", 30, False)]
    assert [a["AliasName"] for a in aliases["Aliases"]] == ["alias/care/data"]
    assert read.aliases == {key: ["alias/care/data"]} and not read.missing
    for service, operation, response in (("logs", "describe_log_groups", groups), ("kms", "list_aliases", aliases)):
        made = boto3.client(service, region_name="eu-west-2", aws_access_key_id="x", aws_secret_access_key="x")
        Stubber(made).add_response(operation, response)  # raises on a field the service model does not have
