"""Apply-time values in JSON documents, and the deterministic build writers."""
import json

from ccdsl.compiler.output import graph_json, plan_markdown, write_build
from ccdsl.compiler.pipeline import assemble
from ccdsl.compiler.render import render
from ccdsl.compiler.resources import Ref, Resource, Secret, Template, to_jsonable
from ccdsl.compiler.values import json_value, parse_tokens, template
from ccdsl.dsl.diagnostics import Diagnostics


def test_template_merges_literals_and_drops_to_str():
    assert template("a", "b") == "ab"
    t = template("arn:aws:s3:::", Ref("bucket.x", "name"), "/*")
    assert isinstance(t, Template) and t.token == "arn:aws:s3:::${bucket.x.name}/*"


def test_json_value_keeps_refs_inside_strings():
    doc = {"Statement": [{"Resource": [Ref("bucket.x", "arn"), template(Ref("bucket.x", "arn"), "/*")]}]}
    t = json_value(doc)
    assert isinstance(t, Template)
    assert json.loads(t.token) == {"Statement": [{"Resource": ["${bucket.x.arn}", "${bucket.x.arn}/*"]}]}
    assert {r.address for r in Resource("p", "t", 1, {"Policy": t}, 1).refs()} == {"bucket.x"}
    assert json_value({"b": 1, "a": "x"}) == '{"a":"x","b":1}'


def test_parse_tokens():
    t = parse_tokens("${table.callback.name}-${env:X:-d}-${nope.thing.arn}", known={"table.callback"})
    assert t.parts[0] == Ref("table.callback", "name")
    assert t.parts[2] == Secret("env", "X", "d")
    assert t.parts[3] == "-${nope.thing.arn}"


def small_site():
    rs = {
        "bucket.a": Resource("bucket.a", "aws_s3_bucket", 1, {"Bucket": "s-a"}, 3.5, name="s-a"),
        "connect.instance": Resource("connect.instance", "aws_connect_instance", 2, {"InstanceAlias": "s"}, 150),
        "queue.Q": Resource("queue.Q", "aws_connect_queue", 6,
                            {"InstanceId": Ref("connect.instance", "id"), "Name": "Q"}, 2),
    }
    return assemble("s", "eu-west-2", rs, Diagnostics(), {"flows/main.json": "{}\n"})


def test_graph_json_contract():
    data = json.loads(graph_json(small_site()))
    assert data["site"] == "s"
    q = next(r for r in data["resources"] if r["address"] == "queue.Q")
    assert {"address", "type", "phase", "depends_on", "estimate_s"} <= set(q)
    assert q["depends_on"] == ["connect.instance"]
    assert q["inputs"]["InstanceId"] == "${connect.instance.id}"
    assert data["critical_path"] == {"addresses": ["connect.instance", "queue.Q"], "length_s": 152.0}


def test_build_is_byte_for_byte_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_build(small_site(), a)
    write_build(small_site(), b)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert [str(f) for f in files] == ["flows/main.json", "graph.json", "plan.md"]
    for f in files:
        assert (a / f).read_bytes() == (b / f).read_bytes()


def test_build_writes_each_artefact_as_utf8_in_its_folders_and_lists_what_it_wrote(tmp_path):
    cs = small_site()
    cs.artefacts = {"bots/b/fr_FR.json": "Ça va\n", "bots/b/en_US.json": "", "flows/main.json": "{}\n",
                    "policies/role.json": "x" * 200_000}
    (tmp_path / "out" / "flows").mkdir(parents=True)
    (tmp_path / "out" / "flows" / "main.json").write_text("a longer file that was there before\n")
    written = write_build(cs, tmp_path / "out")
    out = tmp_path / "out"
    assert written == sorted([out / "graph.json", out / "plan.md", *(out / rel for rel in cs.artefacts)])
    for rel, text in cs.artefacts.items():
        assert (out / rel).read_bytes() == text.encode("utf-8")  # replaced, not appended to


def test_plan_and_renderings_mark_the_critical_path():
    cs = small_site()
    plan = plan_markdown(cs)
    assert "`connect.instance`" in plan and "25m00s" in plan
    dot = render(cs, "dot")
    assert '"connect.instance" -> "queue.Q" [color=red' in dot
    mermaid = render(cs, "mermaid")
    assert "==>" in mermaid and "class n0" not in mermaid.splitlines()[1]
    assert json.loads(render(cs, "json"))["critical_path"]["length_s"] == 152.0
    assert to_jsonable(cs.resources["queue.Q"].inputs)["InstanceId"] == "${connect.instance.id}"


def test_sorted_jsonable_is_to_jsonable_with_sorted_keys_or_refuses():
    from ccdsl.compiler.jsonout import NotPlain
    from ccdsl.compiler.resources import Ref, Template, to_jsonable, to_sorted_jsonable
    from ccdsl.dsl.located import LStr
    from ccdsl.dsl.source import Span

    inputs = {"z": [Ref("a.b", "arn"), {"y": 1, "x": Template(("p/", Ref("c", "id")))}],
              "a": LStr("text", Span("f", 1, 1))}
    out = to_sorted_jsonable(inputs)
    assert out == to_jsonable(inputs)
    assert list(out) == ["a", "z"] and list(out["z"][1]) == ["x", "y"]
    assert type(out["a"]) is str
    for bad in ({1: "x"}, {"k": {3, 4}}, {"k": object()}):
        try:
            to_sorted_jsonable(bad)
        except NotPlain:
            continue
        raise AssertionError(f"{bad!r} is not plain JSON")
