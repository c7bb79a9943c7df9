"""Remote state on S3 (``--state s3://bucket/key``) against moto_server: content, lock, races."""
import json
import os
import socket
import threading
import time

import pytest

from ccdsl.runtime.state import LockHolder, ResourceRecord, StateError, StateLocked, open_state

BUCKET = "acme-team-state"
LOCATION = f"s3://{BUCKET}/sites/acme-bank.json"


@pytest.fixture
def state_bucket(boto):
    boto("s3").create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    return BUCKET


def _record(address: str, **outputs) -> ResourceRecord:
    return ResourceRecord(address=address, type="aws_s3_bucket", name=address, phase=1, inputs_hash="h1",
                          hashes={"Bucket": "d1"}, inputs={"Bucket": address}, outputs=outputs,
                          depends_on=["key.data"])


def test_records_runs_and_events_round_trip_through_s3(state_bucket, boto):
    state = open_state(LOCATION)
    state.lock(LockHolder.me())
    run = state.begin_run("apply", "acme-bank", "aws")
    state.put(_record("bucket.reports", arn="arn:aws:s3:::reports"), run, [{"kind": "resource_done", "t": 1.0}])
    state.put(_record("bucket.ccp_site"), run, [{"kind": "resource_done", "t": 2.0}])
    state.remove("bucket.ccp_site", run, [{"kind": "resource_done", "t": 3.0}])
    state.end_run(run, True, {"counts": {"done": 3}})
    state.close()

    again = open_state(LOCATION)
    records = again.load()
    assert list(records) == ["bucket.reports"]
    assert records["bucket.reports"].outputs == {"arn": "arn:aws:s3:::reports"}
    assert records["bucket.reports"].hashes == {"Bucket": "d1"}
    assert [r["id"] for r in again.runs()] == [run] and again.runs()[0]["ok"] == 1
    assert [e["t"] for e in again.events(run)] == [1.0, 2.0, 3.0]
    doc = json.loads(boto("s3").get_object(Bucket=BUCKET, Key="sites/acme-bank.json")["Body"].read())
    assert set(doc) == {"version", "resources", "runs", "journal_seq"}
    keys = {o["Key"] for o in boto("s3").list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert "sites/acme-bank.json.lock" not in keys  # released on close


def test_a_second_apply_is_refused_with_the_holder_named(state_bucket):
    first, second = open_state(LOCATION), open_state(LOCATION)
    first.lock(LockHolder(pid=os.getpid(), host=socket.gethostname(), started=time.time(), command="apply"))
    with pytest.raises(StateLocked, match=rf"locked by pid {os.getpid()} on {socket.gethostname()}"):
        second.lock(LockHolder.me(), timeout_s=0)
    first.unlock()
    second.lock(LockHolder.me(), timeout_s=0)
    second.unlock()


def test_two_applies_racing_for_the_lock_exactly_one_wins(state_bucket):
    for _ in range(5):
        contenders = [open_state(LOCATION) for _ in range(4)]
        barrier = threading.Barrier(len(contenders))
        winners, losers = [], []

        def race(state, barrier=barrier, winners=winners, losers=losers):
            barrier.wait()
            try:
                state.lock(LockHolder.me(), timeout_s=0)
                winners.append(state)
            except StateLocked:
                losers.append(state)

        threads = [threading.Thread(target=race, args=(s,)) for s in contenders]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(winners) == 1 and len(losers) == 3
        winners[0].unlock()


def test_a_lock_left_by_a_dead_process_on_this_host_is_taken_over(state_bucket, boto):
    dead = LockHolder(pid=2**22 + 12345, host=socket.gethostname(), started=time.time() - 3600)
    from ccdsl.runtime.state.base import process_namespace

    boto("s3").put_object(Bucket=BUCKET, Key="sites/acme-bank.json.lock",
                          Body=json.dumps({"pid": dead.pid, "host": dead.host, "started": dead.started,
                                           "command": "apply", "token": "old", "expires": time.time() + 60,
                                           "ident": process_namespace()}).encode())
    state = open_state(LOCATION)
    state.lock(LockHolder.me(), timeout_s=0)
    assert state.holder().pid == os.getpid()
    state.unlock()


def test_same_hostname_other_container_waits_for_the_lease_then_takes_an_expired_one(state_bucket, boto):
    """Another container with this hostname: its pid is not visible here, yet its lock holds until the
    lease runs out; then it is taken over and `state unlock --force` names the holder."""
    other = {"pid": 2**22 + 54321, "host": socket.gethostname(), "started": time.time(), "command": "apply",
             "token": "theirs", "expires": time.time() + 60, "ident": socket.gethostname() + "|boot|pid:[1]"}
    boto("s3").put_object(Bucket=BUCKET, Key="sites/acme-bank.json.lock", Body=json.dumps(other).encode())
    with pytest.raises(StateLocked, match="lease expires in"):
        open_state(LOCATION).lock(LockHolder.me(), timeout_s=0)
    other["expires"] = time.time() - 1
    boto("s3").put_object(Bucket=BUCKET, Key="sites/acme-bank.json.lock", Body=json.dumps(other).encode())
    state = open_state(LOCATION)
    state.lock(LockHolder.me(), timeout_s=0)
    assert state.holder().pid == os.getpid()
    assert state.force_unlock().pid == os.getpid() and state.holder() is None


def test_the_lease_is_renewed_while_the_lock_is_held(state_bucket, monkeypatch):
    import ccdsl.runtime.state.base as base

    state = open_state(LOCATION)
    monkeypatch.setattr(base, "RENEW_EVERY_S", 0.05)
    state.lock(LockHolder.me(), timeout_s=0)
    state._keeper.stop()
    first = state.holder().expires
    state._keeper = base.LeaseKeeper(state._renew, every_s=0.05)
    time.sleep(0.5)
    assert state.holder().expires > first
    state.unlock()
    assert state.holder() is None


def test_a_lock_held_from_another_machine_is_not_broken(state_bucket, boto):
    boto("s3").put_object(Bucket=BUCKET, Key="sites/acme-bank.json.lock",
                          Body=json.dumps({"pid": 1, "host": "build-agent-7", "started": time.time(),
                                           "command": "destroy", "token": "theirs"}).encode())
    with pytest.raises(StateLocked, match="pid 1 on build-agent-7 \\(destroy"):
        open_state(LOCATION).lock(LockHolder.me(), timeout_s=0)


def test_a_writer_that_bypassed_the_lock_cannot_overwrite_records(state_bucket):
    ours, intruder = open_state(LOCATION), open_state(LOCATION)
    ours.lock(LockHolder.me())
    ours.put(_record("bucket.reports"))
    intruder.load()
    intruder.put(_record("bucket.intruder"))  # no lock: its write changes the ETag
    with pytest.raises(StateError, match="changed by someone else"):
        ours.put(_record("bucket.datalake"))
    assert set(open_state(LOCATION).load()) == {"bucket.reports", "bucket.intruder"}
    ours.unlock()


@pytest.mark.parametrize("location", ["s3://", "s3://bucket-only", "s3://bucket/folder/"])
def test_malformed_locations_are_clear_errors(location):
    with pytest.raises(StateError, match="expected s3://BUCKET/KEY"):
        open_state(location)


def test_a_missing_bucket_is_a_clear_error(aws_env):
    with pytest.raises(StateError, match="the bucket does not exist"):
        open_state("s3://no-such-bucket/acme.json").lock(LockHolder.me())


def _small_site():
    """acme-bank's keys and buckets only: enough for a real apply through the runtime."""
    from aws_acme_site import moto_subset

    from ccdsl.compiler.pipeline import assemble
    from ccdsl.dsl.diagnostics import Diagnostics

    subset, _ = moto_subset()
    keep = {a for a, r in subset.resources.items() if r.type.startswith(("aws_s3_bucket", "aws_kms", "kms_", "aws_caller_identity"))}
    while any(not subset.resources[a].depends_on <= keep for a in keep):
        keep = {a for a in keep if subset.resources[a].depends_on <= keep}
    return assemble(subset.site, subset.region, {a: subset.resources[a] for a in keep}, Diagnostics(),
                    subset.artefacts, subset.source_dir)


def test_apply_with_s3_state_then_no_op_then_two_racing_applies(state_bucket, boto):
    from ccdsl.runtime.session import apply_site

    site = _small_site()
    first = apply_site(site, provider="aws", state_path=LOCATION)
    assert first.ok, first.failures or first.diagnostics
    records = open_state(LOCATION).load()
    assert set(records) == set(site.resources)
    names = {r.inputs["Bucket"] for r in records.values() if r.type == "aws_s3_bucket"}
    assert len(names) == 7
    assert {b["Name"] for b in boto("s3").list_buckets()["Buckets"]} == names | {BUCKET}
    again = apply_site(site, provider="aws", state_path=LOCATION)
    assert again.ok and again.write_calls == 0 and again.counts["noop"] == len(site.resources)

    results = []
    barrier = threading.Barrier(2)
    one_finished = threading.Event()

    def hold_until_the_other_finished(event):  # the lock holder's run waits for the other one
        one_finished.wait(timeout=30)

    def racer():
        barrier.wait()
        results.append(apply_site(site, provider="aws", state_path=LOCATION, sinks=[hold_until_the_other_finished]))
        one_finished.set()

    threads = [threading.Thread(target=racer) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    refused = [r for r in results if not r.ok]
    assert len(results) == 2 and len(refused) == 1
    assert "is locked by pid" in refused[0].diagnostics[0]
    keys = {o["Key"] for o in boto("s3").list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert "sites/acme-bank.json.lock" not in keys


def _uploaded_bytes(state) -> list[int]:
    sizes = []
    real = state._call

    def counting(method, **kwargs):
        if method == "put_object":
            sizes.append(len(kwargs.get("Body", b"")))
        return real(method, **kwargs)

    state._call = counting
    return sizes


@pytest.mark.parametrize("n", [40])
def test_writes_are_per_record_and_linear_in_site_size(state_bucket, n):
    totals = []
    for size in (n, 2 * n):
        location = f"s3://{BUCKET}/sites/linear-{size}.json"
        state = open_state(location)
        sizes = _uploaded_bytes(state)
        state.lock(LockHolder.me())
        run = state.begin_run("apply", "s", "aws")
        for i in range(size):
            state.put(_record(f"bucket.b{i}", arn=f"arn:aws:s3:::b{i}"), run)
        state.end_run(run, True, {})
        state.close()
        per_record = sizes[2:2 + size]  # after the lock and begin_run: one small PUT per outcome
        assert len(per_record) == size and max(per_record) < 1000
        totals.append(sum(sizes))
        assert len(open_state(location).load()) == size
    assert totals[1] < 2.5 * totals[0], totals  # linear, not quadratic


def test_a_journal_left_by_a_killed_run_is_replayed_then_compacted(state_bucket, boto):
    state = open_state(LOCATION)
    state.lock(LockHolder.me())
    run = state.begin_run("apply", "acme-bank", "aws")
    state.put(_record("bucket.reports"), run)
    state.put(_record("bucket.ccp_site"), run)
    state.remove("bucket.ccp_site", run)
    state._keeper.stop()  # killed here: no end_run, no unlock
    assert set(open_state(LOCATION).load()) == {"bucket.reports"}
    boto("s3").delete_object(Bucket=BUCKET, Key="sites/acme-bank.json.lock")
    after = open_state(LOCATION)
    after.lock(LockHolder.me())
    run2 = after.begin_run("apply", "acme-bank", "aws")
    after.end_run(run2, True, {})
    after.close()
    keys = {o["Key"] for o in boto("s3").list_objects_v2(Bucket=BUCKET).get("Contents", [])}
    assert not [k for k in keys if ".journal/" in k], keys
    doc = json.loads(boto("s3").get_object(Bucket=BUCKET, Key="sites/acme-bank.json")["Body"].read())
    assert set(doc["resources"]) == {"bucket.reports"}
