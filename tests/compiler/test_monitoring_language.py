"""Monitoring constructs compiled into their CloudWatch calls: metric dimensions, per-alarm notification
targets, composite alarms; and ``${instance.id}``/``${instance.arn}`` in strings."""
from ccdsl.compiler import addresses as A
from ccdsl.compiler.resources import Ref, to_jsonable

SITE = """\
topics: {ops: {}, pager: {}}
hours: {h: 24/7}
queues: {Q: {hours: h}}
functions:
  f: {source: f, env: {INSTANCE: "${instance.id}", CALLBACKS: "${instance.arn}/contact/*"}}
monitoring:
  notify: ops
  alarms:
    backlog: queue(Q).contacts_in_queue > 50 for 5m
    bedrock:
      condition: metric(AWS/Bedrock, InvocationClientErrors, ModelId=amazon.nova-lite-v1:0).sum > 5 for 5m
      notify: [pager, oncall@example.com, "arn:aws:ssm:eu-west-2:123456789012:opsitem:3"]
      ok: false
    quiet: {condition: queue(Q).handled < 1 for 30m, notify: []}
    paged: {condition: queue(Q).handled < 1 for 60m, notify: oncall@example.com}
  composites:
    outage: backlog and not ok(bedrock)
    escalate: {rule: (outage or quiet) and not insufficient_data(paged), notify: pager, description: Escalate}
"""


def test_dimensions_of_any_metric_reach_the_alarm(compile_text):
    cs, diags = compile_text(SITE)
    assert cs is not None, [d.message for d in diags]
    bedrock = cs.resources[A.alarm_addr("bedrock")].inputs
    assert bedrock["Namespace"] == "AWS/Bedrock"
    assert bedrock["Dimensions"] == [{"Name": "ModelId", "Value": "amazon.nova-lite-v1:0"}]


def test_each_alarm_notifies_its_own_targets(compile_text):
    cs, _ = compile_text(SITE)
    r = cs.resources
    backlog, bedrock = r[A.alarm_addr("backlog")].inputs, r[A.alarm_addr("bedrock")].inputs
    assert backlog["AlarmActions"] == backlog["OKActions"] == [Ref(A.topic_addr("ops"), "arn")]
    email = A.alarm_email_topic_addr("oncall@example.com")
    assert bedrock["AlarmActions"] == [Ref(A.topic_addr("pager"), "arn"), Ref(email, "arn"),
                                       "arn:aws:ssm:eu-west-2:123456789012:opsitem:3"]
    assert "OKActions" not in bedrock
    assert "AlarmActions" not in r[A.alarm_addr("quiet")].inputs
    # one topic and one subscription per e-mail address, shared by the alarms that name it
    assert r[A.alarm_addr("paged")].inputs["AlarmActions"] == [Ref(email, "arn")]
    assert r[A.alarm_email_subscription_addr("oncall@example.com")].inputs["Endpoint"] == "oncall@example.com"
    assert sum(1 for a in r if a.startswith("monitoring.email.")) == 2


def test_a_composite_alarm_writes_cloudwatchs_rule_over_the_alarms_names(compile_text):
    cs, _ = compile_text(SITE)
    outage = cs.resources[A.alarm_addr("outage")]
    assert outage.type == "aws_cloudwatch_composite_alarm"
    assert to_jsonable(outage.inputs["AlarmRule"]) == (
        'ALARM("${alarm.backlog.name}") AND NOT OK("${alarm.bedrock.name}")')
    escalate = cs.resources[A.alarm_addr("escalate")].inputs
    assert to_jsonable(escalate["AlarmRule"]) == (
        '(ALARM("${alarm.outage.name}") OR ALARM("${alarm.quiet.name}")) '
        'AND NOT INSUFFICIENT_DATA("${alarm.paged.name}")')
    assert escalate["AlarmActions"] == [Ref(A.topic_addr("pager"), "arn")]
    assert escalate["AlarmDescription"] == "Escalate"
    assert A.alarm_addr("outage") in cs.graph.predecessors(A.alarm_addr("escalate"))


def test_instance_interpolations_are_the_instances_outputs(compile_text):
    cs, _ = compile_text(SITE)
    env = cs.resources[A.function_addr("f")].inputs["Environment"]["Variables"]
    assert env["INSTANCE"] == Ref(A.INSTANCE, "id")
    assert to_jsonable(env["CALLBACKS"]) == "${connect.instance.arn}/contact/*"
