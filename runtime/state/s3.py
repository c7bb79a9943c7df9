"""Remote state on S3: ``--state s3://bucket/key``, for teams sharing one site.

Same content as the SQLite state (:class:`~ccdsl.runtime.state.base.StateBackend`), kept as objects:

- ``key`` — a JSON document with every resource record and the list of runs;
- ``key.lock`` — the lock: created with a conditional write (``If-None-Match: *``), so of two applies
  racing for it exactly one succeeds; it names its holder (pid, host, start) and a random token;
- ``key.runs/<id>.json`` — the events of one run.

Every write of ``key`` is conditional on the ETag last read or written (``If-Match``), so a second
writer that somehow got past the lock fails loudly instead of overwriting records. A lock left by a
process that no longer runs on this host and pid namespace, or whose lease ran out (the holder renews it
while it runs), is taken over with ``If-Match`` on the lock's ETag; ``ccdsl state unlock`` removes one by
hand. The holder deletes its own lock only with ``If-Match`` on the ETag it read.

Credentials, region, profile and endpoint come from the same settings as the aws provider
(``CCDSL_AWS_PROFILE``, ``CCDSL_AWS_REGION``, ``CCDSL_AWS_ENDPOINT_URL`` or the standard boto3 chain).
Each resource outcome is one small PUT of a journal entry ``key.journal/<n>.json`` (created only if absent,
so two writers cannot interleave); the document is rewritten, with the journal folded in, only at the start
and end of a run, and a journal left by a killed run is replayed on the next read. Writing is linear in
the site's size. Run events are written in batches.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import asdict, replace
from typing import Any

from ccdsl.runtime.state import schema
from ccdsl.runtime.state.base import LeaseKeeper, LockHolder, ResourceRecord, StateError, wait_for_lock

EVENT_BATCH = 200  # buffered events are written at least this often
LOCK_SETTLE_S = 0.1  # between taking the lock and reading it back


def parse_location(location: str) -> tuple[str, str]:
    """``s3://bucket/some/key`` → (bucket, key); a clear error for anything else."""
    if not location.startswith("s3://"):
        raise StateError(f"not an S3 location: {location}")
    bucket, _, key = location[5:].partition("/")
    if not bucket or not key or key.endswith("/"):
        raise StateError(f"--state {location}: expected s3://BUCKET/KEY (for example s3://my-team-state/acme-bank.json)")
    return bucket, key



_CLIENTS: dict[tuple, Any] = {}
_CLIENTS_LOCK = threading.Lock()


def _shared_client():
    """One S3 client per profile, region and endpoint (boto3 clients are thread-safe; making one is slow)."""
    try:
        from ccdsl.runtime.providers.aws.clients import Clients
        from ccdsl.runtime.providers.aws.settings import AwsSettings
    except ImportError as exc:  # pragma: no cover - boto3 missing
        raise StateError(f"S3 state needs boto3 (pip install 'ccdsl[aws]'): {exc}") from None
    settings = AwsSettings.from_env(validate_requests=False)
    key = (settings.profile, settings.region, settings.endpoint_url)
    with _CLIENTS_LOCK:
        if key not in _CLIENTS:
            try:
                _CLIENTS[key] = Clients(settings)("s3")
            except Exception as exc:  # no credentials/region problems surface on first use
                raise StateError(f"cannot reach S3 for state: {exc}") from None
        return _CLIENTS[key]


class S3State:
    def __init__(self, location: str, client=None):
        self.location = location
        self.bucket, self.key = parse_location(location)
        self._client = client
        self._etag: str | None = None
        self._doc: dict[str, Any] | None = None
        self._token: str | None = None
        self._lock_etag: str | None = None
        self._events: dict[int, list[dict]] = {}
        self._unsaved: dict[int, int] = {}
        self._journal: list[int] = []
        self._seq_next = 1
        self._io = threading.RLock()  # outcomes may be recorded from worker threads (off the event loop)

    # --- S3 plumbing -----------------------------------------------------------------------------
    @property
    def s3(self):
        if self._client is None:
            self._client = _shared_client()
        return self._client

    def _call(self, method: str, **kwargs):
        """One S3 call; returns (response, error code or None)."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self.s3, method)(**kwargs), None
        except ClientError as error:
            code = str(error.response.get("Error", {}).get("Code", ""))
            status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            return None, "PreconditionFailed" if status == 412 else code
        except BotoCoreError as error:
            raise StateError(f"state {self.location}: {error}") from None

    def _fail(self, what: str, code: str):
        hints = {"NoSuchBucket": "the bucket does not exist", "AccessDenied": "access denied (check the profile)"}
        raise StateError(f"state {self.location}: {what} failed: {hints.get(code, code)}")

    # --- lock ------------------------------------------------------------------------------------
    def lock(self, holder: LockHolder, timeout_s: float = 0.0) -> None:
        self._token = wait_for_lock(lambda token: self._try_lock(holder, token), self.location, timeout_s,
                                    poll_s=1.0)
        self._holder = holder
        self._keeper: LeaseKeeper | None = LeaseKeeper(self._renew)

    def _renew(self, expires: float) -> bool:
        """Push the lease forward with a write conditional on the lock's ETag; False when it is not ours."""
        token, holder = self._token, getattr(self, "_holder", None)
        if token is None or holder is None:
            return False
        body = self._lock_body(replace(holder, expires=expires), token)
        response, code = self._call("put_object", Bucket=self.bucket, Key=f"{self.key}.lock", Body=body,
                                    IfMatch=self._lock_etag, ContentType="application/json")
        if code is not None:
            return False
        self._lock_etag = response.get("ETag")
        return True

    def _lock_body(self, holder: LockHolder, token: str) -> bytes:
        return json.dumps({**asdict(holder), "token": token}).encode()

    def _try_lock(self, holder: LockHolder, token: str) -> LockHolder | None:
        """None when the lock is now ours, else its current holder."""
        lock_key = f"{self.key}.lock"
        body = self._lock_body(holder, token)
        response, code = self._call("put_object", Bucket=self.bucket, Key=lock_key, Body=body,
                                    IfNoneMatch="*", ContentType="application/json")
        if code is None:
            self._lock_etag = response.get("ETag")
            return self._confirm(token)
        if code not in ("PreconditionFailed", "ConditionalRequestConflict"):
            self._fail("taking the lock", code)
        current, etag = self._read_lock()
        if current is None:
            return self._try_lock(holder, token) if etag is None else LockHolder(0, "?", time.time())
        if current.stale():
            response, code = self._call("put_object", Bucket=self.bucket, Key=lock_key, Body=body,
                                        IfMatch=etag, ContentType="application/json")
            if code is None:  # the stale lock was ours to take over, and nobody beat us to it
                self._lock_etag = response.get("ETag")
                return self._confirm(token)
        return current

    def _confirm(self, token: str) -> LockHolder | None:
        """Read the lock back after a moment: it must still carry our token. S3's conditional write is
        atomic; this also guards S3-compatible stores whose check and write are not (moto's)."""
        time.sleep(LOCK_SETTLE_S)
        current, _ = self._read_lock(with_token=True)
        if current is not None and current[1] == token:
            return None
        return current[0] if current else LockHolder(0, "?", time.time())

    def _read_lock(self, with_token: bool = False):
        response, code = self._call("get_object", Bucket=self.bucket, Key=f"{self.key}.lock")
        if code is not None:
            if code in ("NoSuchKey", "404"):
                return None, None
            self._fail("reading the lock", code)
        data = json.loads(response["Body"].read() or b"{}")
        holder = LockHolder(pid=int(data.get("pid", 0)), host=str(data.get("host", "?")),
                            started=float(data.get("started", 0.0)), command=str(data.get("command", "apply")),
                            expires=float(data.get("expires", 0.0) or 0.0), ident=str(data.get("ident", "")),
                            pid_start=str(data.get("pid_start", "")))
        if with_token:
            return (holder, data.get("token")), response.get("ETag")
        return holder, response.get("ETag")

    def holder(self) -> LockHolder | None:
        return self._read_lock()[0]

    def unlock(self) -> None:
        keeper = getattr(self, "_keeper", None)
        if keeper is not None:
            keeper.stop()
            self._keeper = None
        if self._token is None:
            return
        try:
            self._flush_all()
        finally:
            current, etag = self._read_lock(with_token=True)
            if current is not None and current[1] == self._token:
                # conditional on the ETag just read: a lock someone else took meanwhile is never deleted
                self._call("delete_object", Bucket=self.bucket, Key=f"{self.key}.lock", IfMatch=etag)
            self._token = None

    def force_unlock(self) -> LockHolder | None:
        current, _ = self._read_lock()
        _, code = self._call("delete_object", Bucket=self.bucket, Key=f"{self.key}.lock")
        if code not in (None, "NoSuchKey", "404"):
            self._fail("removing the lock", code)
        return current

    # --- the state document and its journal ----------------------------------------------------
    def _document(self) -> dict[str, Any]:
        if self._doc is None:
            response, code = self._call("get_object", Bucket=self.bucket, Key=self.key)
            if code in ("NoSuchKey", "404"):
                self._doc, self._etag = schema.new_document(), None
            elif code is not None:
                self._fail("reading", code)
            else:
                try:
                    document = json.loads(response["Body"].read())
                except ValueError:
                    raise StateError(f"state {self.location} is not a ccdsl state document") from None
                self._doc = schema.upgrade_document(document, self.location)
                self._etag = response.get("ETag")
            self._replay()
        assert self._doc is not None, "read or created just above (a failed read raises)"
        return self._doc

    def _journal_key(self, seq: int) -> str:
        return f"{self.key}.journal/{seq:010d}.json"

    def _replay(self) -> None:
        """Apply the journal entries written after the document was last compacted (a run that was killed
        before compacting leaves them), in order; the next entry gets the following number."""
        assert self._doc is not None, "called once the document is read"
        done = int(self._doc.get("journal_seq", 0))
        self._journal = []
        paginator_args = {"Bucket": self.bucket, "Prefix": f"{self.key}.journal/"}
        while True:
            response, code = self._call("list_objects_v2", **paginator_args)
            if code is not None:
                self._fail("listing the journal", code)
            for item in response.get("Contents", []):
                try:
                    seq = int(item["Key"].rsplit("/", 1)[1].split(".")[0])
                except ValueError:
                    continue
                self._journal.append(seq)
            if not response.get("IsTruncated"):
                break
            paginator_args["ContinuationToken"] = response["NextContinuationToken"]
        self._journal.sort()
        for seq in self._journal:
            if seq <= done:
                continue
            body, code = self._call("get_object", Bucket=self.bucket, Key=self._journal_key(seq))
            if code is not None:
                continue
            entry = json.loads(body["Body"].read())
            if entry.get("record") is not None:
                self._doc["resources"][entry["address"]] = entry["record"]
            else:
                self._doc["resources"].pop(entry["address"], None)
        self._seq_next = max([done, *self._journal]) + 1

    def _append(self, address: str, record: dict | None) -> None:
        """One journal entry for one outcome: a small PUT that may only create a new object (If-None-Match),
        so a second writer that got past the lock makes this fail instead of interleaving silently."""
        doc = self._document()
        seq = self._seq_next
        body = json.dumps({"address": address, "record": record}, sort_keys=True, default=str).encode()
        _, code = self._call("put_object", Bucket=self.bucket, Key=self._journal_key(seq), Body=body,
                             IfNoneMatch="*", ContentType="application/json")
        if code in ("PreconditionFailed", "ConditionalRequestConflict"):
            raise StateError(f"state {self.location} was changed by someone else during this run; "
                             f"nothing was overwritten (is another apply running without the lock?)")
        if code is not None:
            self._fail("writing", code)
        self._seq_next = seq + 1
        self._journal.append(seq)
        if record is not None:
            doc["resources"][address] = record
        else:
            doc["resources"].pop(address, None)

    def _save(self) -> None:
        """Write the whole document (conditional on its ETag), folding in the journal, then drop the entries
        it now holds. Done at the start and end of a run, not per resource."""
        assert self._doc is not None, "saved only after the document is read"
        self._doc["journal_seq"] = self._seq_next - 1
        body = json.dumps(self._doc, sort_keys=True, default=str).encode()
        condition = {"IfMatch": self._etag} if self._etag else {"IfNoneMatch": "*"}
        response, code = self._call("put_object", Bucket=self.bucket, Key=self.key, Body=body,
                                    ContentType="application/json", **condition)
        if code == "PreconditionFailed":
            raise StateError(f"state {self.location} was changed by someone else during this run; "
                             f"nothing was overwritten (is another apply running without the lock?)")
        if code is not None:
            self._fail("writing", code)
        self._etag = response.get("ETag")
        folded, self._journal = self._journal, []
        for start in range(0, len(folded), 1000):
            batch = [{"Key": self._journal_key(seq)} for seq in folded[start:start + 1000]]
            self._call("delete_objects", Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True})

    def load(self) -> dict[str, ResourceRecord]:
        with self._io:
            self._doc = None  # always read the latest
            records = self._document()["resources"]
            return {a: ResourceRecord(**{k: v for k, v in data.items() if k in ResourceRecord.__slots__})
                    for a, data in records.items()}

    def put(self, record: ResourceRecord, run_id: int | None = None, events=()) -> None:
        record.updated_at = time.time()
        data = asdict(record)
        data["depends_on"] = sorted(data["depends_on"])
        with self._io:
            self._append(record.address, json.loads(json.dumps(data, default=str)))
            self._buffer(run_id, events)

    def remove(self, address: str, run_id: int | None = None, events=()) -> None:
        with self._io:
            if address in self._document()["resources"]:
                self._append(address, None)
            self._buffer(run_id, events)

    # --- runs and events -------------------------------------------------------------------------
    #: outcomes are written from a worker thread so that S3 round trips never stall the scheduler
    blocking_io = True

    def begin_run(self, command: str, site: str, provider: str) -> int:
        import os

        runs = self._document()["runs"]
        run_id = max((r["id"] for r in runs), default=0) + 1
        runs.append({"id": run_id, "command": command, "site": site, "provider": provider, "pid": os.getpid(),
                     "started": time.time(), "finished": None, "ok": None, "summary": None})
        self._save()
        return run_id

    def add_events(self, run_id: int, events) -> None:
        self._buffer(run_id, events)
        self._flush(run_id)

    def end_run(self, run_id: int, ok: bool, summary: dict) -> None:
        for run in self._document()["runs"]:
            if run["id"] == run_id:
                run.update(finished=time.time(), ok=int(ok), summary=json.dumps(summary, default=str))
        self._save()
        self._flush(run_id)

    def runs(self, limit: int = 20) -> list[dict]:
        return sorted(self._document()["runs"], key=lambda r: -r["id"])[:limit]

    def events(self, run_id: int) -> list[dict]:
        if run_id in self._events:
            return list(self._events[run_id])
        response, code = self._call("get_object", Bucket=self.bucket, Key=f"{self.key}.runs/{run_id}.json")
        return [] if code is not None else json.loads(response["Body"].read())

    def _buffer(self, run_id, events) -> None:
        if run_id is None or not events:
            return
        if run_id not in self._events:
            self._events[run_id] = self.events(run_id)
        self._events[run_id].extend(events)
        self._unsaved[run_id] = self._unsaved.get(run_id, 0) + len(events)
        if self._unsaved[run_id] >= EVENT_BATCH:
            self._flush(run_id)

    def _flush(self, run_id: int) -> None:
        if not self._unsaved.get(run_id):
            return
        body = json.dumps(self._events[run_id], default=str).encode()
        _, code = self._call("put_object", Bucket=self.bucket, Key=f"{self.key}.runs/{run_id}.json", Body=body,
                             ContentType="application/json")
        if code is not None:
            self._fail("writing run events", code)
        self._unsaved[run_id] = 0

    def _flush_all(self) -> None:
        for run_id in list(self._unsaved):
            self._flush(run_id)

    def close(self) -> None:
        self.unlock()
