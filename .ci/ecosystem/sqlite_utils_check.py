#!/usr/bin/env python3
"""sqlite-utils and raw SQL against a dossier: the README's "Using other SQLite tools".

Usage: sqlite_utils_check.py DOSSIER_BINARY VENV_FOLDER

1. Safe: reads (`tables`, `rows`, `query`), `search` on the FTS5 table `search_index` (same order
   as `dossier search`), `insert` into entities and entity_aliases, `optimize`, `vacuum`,
   `create-index`, `enable-fts` without triggers (and `populate-fts`) — then `dossier check` must
   report 0 problems, `dossier migrate verify` must say ok, and `dossier seed` must still write.
2. Detected: `enable-fts --create-triggers`, `add-column`, `insert --alter`, `transform`, a DELETE
   with foreign keys off — each must make `migrate verify` or `check` exit non-zero; what
   `migrate repair` can restore it restores.
3. The pragmas: with `trusted_schema` off an insert fails; with `foreign_keys=ON` a DELETE
   cascades and the database checks clean.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

if len(sys.argv) != 3:
    sys.exit("usage: sqlite_utils_check.py DOSSIER_BINARY VENV_FOLDER")
DOSSIER = os.path.abspath(sys.argv[1])
SQLITE_UTILS = os.path.join(os.path.abspath(sys.argv[2]), "bin", "sqlite-utils")
for tool in (DOSSIER, SQLITE_UTILS):
    if not os.access(tool, os.X_OK):
        sys.exit(f"error: {tool} is missing (.ci/ecosystem/python-tools.sh installs sqlite-utils)")


def run(*args, ok=(0,), stdin=None):
    result = subprocess.run(list(args), capture_output=True, text=True, input=stdin)
    if ok is not None and result.returncode not in ok:
        sys.exit(f"error: {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def utils(*args, ok=(0,), stdin=None):
    return run(SQLITE_UTILS, *args, ok=ok, stdin=stdin)


def dossier(database, *args, ok=(0,)):
    return run(DOSSIER, *args, "--database", database, ok=ok)


def last_line(result):
    lines = (result.stdout + result.stderr).strip().splitlines()
    return lines[-1] if lines else ""


def assert_sound(database, label):
    check = dossier(database, "check", "--problems-only", ok=None)
    if check.returncode != 0 or " 0 problem(s)" not in last_line(check):
        sys.exit(f"error: dossier check after {label}:\n{check.stdout}{check.stderr}")
    verify = dossier(database, "migrate", "verify", ok=None)
    if verify.returncode != 0 or not last_line(verify).startswith("ok:"):
        sys.exit(f"error: dossier migrate verify after {label}:\n{verify.stdout}{verify.stderr}")
    print(f"  dossier check: exit 0, {last_line(check)}")
    print(f"  dossier migrate verify: exit 0, {last_line(verify)}")


def expect_detected(database, label):
    check = dossier(database, "check", "--problems-only", ok=None)
    verify = dossier(database, "migrate", "verify", ok=None)
    if check.returncode == 0 or verify.returncode == 0:
        sys.exit(f"error: {label} went unnoticed: check exited {check.returncode}, verify {verify.returncode}\n"
                 f"{check.stdout}{check.stderr}{verify.stdout}{verify.stderr}")
    problems = [l for l in (verify.stdout + verify.stderr).splitlines() if l.startswith("problem:")]
    print(f"  {label}: check exit {check.returncode}, migrate verify exit {verify.returncode}"
          f" ({problems[0] if problems else last_line(verify)})")
    return check.returncode, verify.returncode


def main():
    version = utils("--version").stdout.strip()
    print(f"{version}, dossier {run(DOSSIER, '--version').stdout.strip()}, SQLite {sqlite3.sqlite_version}")
    with tempfile.TemporaryDirectory(prefix="dossier-sqlite-utils-") as root:
        db = os.path.join(root, "dossier.sqlite")
        dossier(db, "setup")
        pristine = os.path.join(root, "pristine.sqlite")
        dossier(db, "backup", pristine)

        print("== safe commands")
        tables = json.loads(utils("tables", db, "--counts").stdout)
        print(f"  tables --counts: {len(tables)} tables, records: "
              f"{next(t['count'] for t in tables if t['table'] == 'records')}")
        rows = json.loads(utils("rows", db, "records", "--limit", "3").stdout)
        print(f"  rows records --limit 3: {[r['slug'] for r in rows]}")
        utils("query", db, "SELECT kind, count(*) AS n FROM records GROUP BY kind")

        refused = utils("search", db, "records", "depression", ok=None)
        print(f"  search records depression: exit {refused.returncode}: {last_line(refused)}")
        hits = json.loads(utils("search", db, "search_index", "depression", "-c", "title", "-c", "kind").stdout)
        ours = json.loads(dossier(db, "search", "depression", "--format", "json").stdout)
        theirs = [h["title"] for h in hits]
        if not theirs or theirs != [h["title"] for h in ours]:
            sys.exit(f"error: sqlite-utils search search_index ranks differently from dossier search:\n{theirs}\n{ours}")
        print(f"  search search_index depression: {len(theirs)} rows, in the order of dossier search"
              f" (first: {theirs[0]!r})")
        joined = json.loads(utils("query", db,
            "SELECT r.slug FROM search_index JOIN records r ON r.id = search_index.rowid "
            "WHERE search_index MATCH :q ORDER BY rank LIMIT 3", "-p", "q", "depression").stdout)
        print(f"  the hits' slugs, joined on records.id = search_index.rowid: {[j['slug'] for j in joined]}")

        utils("insert", db, "entities", "-", stdin=json.dumps(
            {"slug": "esketamine", "kind": "substance", "name": "Esketamine",
             "description": "The S-enantiomer of ketamine."}))
        ketamine = json.loads(utils("query", db, "SELECT id FROM entities WHERE slug = 'ketamine'").stdout)[0]["id"]
        utils("insert", db, "entity_aliases", "-", stdin=json.dumps(
            {"entity_id": ketamine, "alias": "Ketaset", "kind": "brand"}))
        found = json.loads(dossier(db, "search", "Ketaset", "--format", "json").stdout)
        if not found:
            sys.exit("error: the alias inserted by sqlite-utils did not reach the search index")
        print(f"  insert into entities and entity_aliases: ok; dossier search Ketaset finds {len(found)} records"
              " (the triggers indexed the alias)")

        utils("optimize", db)
        utils("vacuum", db)
        utils("create-index", db, "records", "created_at")
        utils("enable-fts", db, "sources", "title", "text", "--fts5")
        utils("populate-fts", db, "sources", "title", "text")
        in_sources = json.loads(utils("search", db, "sources", "anesthesia", "-c", "slug").stdout)
        print(f"  optimize, vacuum, create-index records created_at, enable-fts sources (no triggers),"
              f" populate-fts: ok; search sources anesthesia: {[s['slug'] for s in in_sources]}")
        mode = utils("query", db, "PRAGMA journal_mode").stdout
        print(f"  journal_mode after vacuum: {json.loads(mode)[0]['journal_mode']}")
        assert_sound(db, "the safe commands")
        seeded = dossier(db, "seed")
        left = json.loads(utils("query", db, "SELECT (SELECT count(*) FROM entity_aliases WHERE alias = 'Ketaset') AS alias,"
                                " (SELECT count(*) FROM entities WHERE slug = 'esketamine') AS entity").stdout)[0]
        if left != {"alias": 0, "entity": 1}:
            sys.exit(f"error: after dossier seed, expected the alias gone and esketamine kept: {left}")
        print(f"  dossier seed afterwards: exit 0, {last_line(seeded)}: it put the seeded entity ketamine"
              " back as its file has it (without Ketaset); esketamine, which no seed owns, stays")

        print("== commands that break a guarantee, and how dossier notices")
        def fresh(name):
            path = os.path.join(root, name + ".sqlite")
            shutil.copyfile(pristine, path)
            return path

        copy = fresh("fts-triggers")
        utils("enable-fts", copy, "sources", "title", "--fts5", "--create-triggers")
        expect_detected(copy, "enable-fts --create-triggers (triggers on a Dossier table)")
        repair = dossier(copy, "migrate", "repair")
        print(f"  migrate repair: exit 0, {last_line(repair)}")
        assert_sound(copy, "migrate repair")

        copy = fresh("add-column")
        utils("add-column", copy, "records", "notes", "text")
        expect_detected(copy, "add-column records notes")
        repair = dossier(copy, "migrate", "repair", ok=(5,))
        print(f"  migrate repair: exit 5 (restore a backup): {last_line(repair)[:110]}…")
        dossier(copy, "seed", ok=(5,))
        print("  dossier seed: exit 5, nothing written")

        copy = fresh("alter")
        utils("insert", copy, "entities", "-", "--alter", stdin=json.dumps(
            {"slug": "esketamine", "kind": "substance", "name": "Esketamine", "colour": "white"}))
        expect_detected(copy, "insert --alter (adds a column)")

        copy = fresh("transform")
        utils("transform", copy, "entities", "--rename", "description", "summary")
        expect_detected(copy, "transform entities --rename (rebuilds the table without its triggers)")

        copy = fresh("delete")
        utils("query", copy, "DELETE FROM records WHERE slug = 'synaptic-growth'")
        expect_detected(copy, "DELETE FROM records with foreign_keys off (orphans)")

        print("== the pragmas an external writer needs")
        copy = fresh("pragmas")
        connection = sqlite3.connect(copy, timeout=5)
        connection.execute("PRAGMA trusted_schema = OFF")
        try:
            connection.execute("INSERT INTO entity_aliases(entity_id, alias, kind) VALUES (?, 'Ketaset', 'brand')",
                               (ketamine,))
            sys.exit("error: an insert with trusted_schema off succeeded")
        except sqlite3.OperationalError as error:
            print(f"  trusted_schema=OFF: the insert fails: {error}")
        connection.close()
        connection = sqlite3.connect(copy, timeout=5)
        connection.execute("PRAGMA foreign_keys = ON")
        with connection:
            connection.execute("DELETE FROM records WHERE slug = 'synaptic-growth'")
        connection.close()
        print("  foreign_keys=ON (trusted_schema at its default, on): DELETE FROM records cascades")
        assert_sound(copy, "a DELETE with foreign_keys=ON")
    print("ok: the safe sqlite-utils commands leave a sound dossier; the others are detected")


main()
