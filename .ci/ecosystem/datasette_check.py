#!/usr/bin/env python3
"""Serves a freshly set-up dossier with Datasette and the repository's Datasette/metadata.yml,
and checks over HTTP (the JSON API) that it reads the database as the dossier command does.

Usage: VENV/bin/python .ci/ecosystem/datasette_check.py PATH/TO/dossier VENV

1. The metadata matches the schema: every table, column, label column, facet and search table it
   names exists in the set-up database; every visible content table has a description; a table's
   description is its doc comment in Sources/Dossier/Schema/Tables/*.swift.
2. Datasette hides the search index's shadow tables and the bookkeeping tables.
3. The search query ranks as `dossier search` does (slugs, order, snippets, scores), and the
   records table's search box finds the same records.
4. The timeline, record, record_citations and record_relations queries return what
   `dossier timeline` and `dossier show` print; claims_by_certainty and source_defects return
   every claim and every defect, in their order.
5. Writes are refused, and the database file is byte for byte what `dossier setup` wrote.

Prints one line per check; exits 1 with the reason at the first failure. Datasette is required:
a venv without it is a failure, not a skip. Only the standard library and the venv's PyYAML.
"""

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from services import free_port, stop

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
METADATA = os.path.join(REPO, "Datasette", "metadata.yml")
DATABASE_NAME = "dossier"  # the metadata is keyed by it: the file must be dossier.sqlite


class CheckFailed(Exception):
    pass


def require(condition, message):
    if not condition:
        raise CheckFailed(message)


def ok(message):
    print(f"ok: {message}", flush=True)


def run_dossier(binary, database, *arguments):
    result = subprocess.run(
        [binary, *arguments, "--database", database], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise CheckFailed(f"dossier {' '.join(arguments)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def dossier_json(binary, database, *arguments):
    return json.loads(run_dossier(binary, database, *arguments, "--format", "json"))


class Server:
    def __init__(self, base):
        self.base = base

    def request(self, path, params=None, method="GET", data=None):
        url = self.base + path
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(url, data=body, method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def json(self, path, params=None):
        status, text = self.request(path, params)
        require(status == 200, f"GET {path} {params or ''} answered {status}: {text[:300]}")
        return json.loads(text)

    def rows(self, query, **params):
        """A canned query's rows as objects."""
        data = self.json(f"/{DATABASE_NAME}/{query}.json", dict(params, _shape="objects"))
        require(data.get("ok", True) is not False, f"{query} failed: {data.get('error')}")
        return data["rows"]


# ---------------------------------------------------------------------------------- the schema

def swift_table_docs():
    """`table`: description, from the doc comments above the Swift column enums."""
    docs = {}
    folder = os.path.join(REPO, "Sources", "Dossier", "Schema", "Tables")
    for name in sorted(os.listdir(folder)):
        lines = open(os.path.join(folder, name), encoding="utf-8").read().splitlines()
        for index, line in enumerate(lines):
            match = re.match(r"^/// `([a-z_]+)`: (.*)$", line)
            if not match:
                continue
            text = [match.group(2)]
            for following in lines[index + 1:]:
                if not following.startswith("/// "):
                    break
                text.append(following[4:])
            docs[match.group(1)] = " ".join(text)
    return docs


def same_description(metadata_text, swift_text):
    normalise = lambda text: " ".join(text.split()).rstrip(".").lower()
    return normalise(metadata_text) == normalise(swift_text)


def check_metadata(metadata, database):
    import_tables = metadata["databases"][DATABASE_NAME]["tables"]
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        names = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}

        def columns(table):
            return {row[1] for row in connection.execute(f"PRAGMA table_xinfo({table})")}

        named = 0
        for table, settings in import_tables.items():
            require(table in names, f"metadata names table {table}, which the database does not have")
            present = columns(table)
            for column in settings.get("columns", {}):
                require(column in present, f"metadata describes {table}.{column}, which does not exist")
                named += 1
            for key in ("label_column", "fts_pk"):
                if key in settings:
                    require(settings[key] in present, f"{table}: {key} {settings[key]} does not exist")
            for facet in settings.get("facets", []):
                require(facet in present, f"{table}: facet {facet} does not exist")
            if "fts_table" in settings:
                require(settings["fts_table"] in names, f"{table}: fts_table {settings['fts_table']} does not exist")
        hidden = [table for table, settings in import_tables.items() if settings.get("hidden")]
        visible = sorted(name for name in names
                         if not name.startswith("sqlite_") and not any(name.startswith(h) for h in hidden))
        for table in visible:
            require(import_tables.get(table, {}).get("description"),
                    f"visible table {table} has no description in Datasette/metadata.yml")
        docs = swift_table_docs()
        compared = 0
        for table, doc in docs.items():
            description = import_tables.get(table, {}).get("description")
            require(description, f"{table} has a doc comment in Sources/Dossier/Schema/Tables but no description")
            require(same_description(description, doc),
                    f"{table}: description {description!r} differs from its doc comment {doc!r}")
            compared += 1
        ok(f"metadata: {len(import_tables)} tables and {named} column descriptions exist in the schema; "
           f"{len(visible)} visible tables all described; {compared} descriptions equal their Swift doc comments")
        return visible, hidden
    finally:
        connection.close()


# ---------------------------------------------------------------------------------- the checks

def check_tables(server, visible):
    tables = server.json(f"/{DATABASE_NAME}.json")["tables"]
    shown = sorted(t["name"] for t in tables if not t["hidden"])
    hidden = {t["name"] for t in tables if t["hidden"]}
    for name in ("search_index", "search_index_data", "search_index_idx", "search_index_content",
                 "search_index_docsize", "search_index_config", "dossier_migrations", "audit_log",
                 "audit_seals", "record_seeds", "seed_runs", "sqlite_sequence"):
        require(name in hidden, f"GET /{DATABASE_NAME}.json: {name} is not hidden")
    require(set(shown) <= set(visible), f"GET /{DATABASE_NAME}.json shows undescribed tables: {set(shown) - set(visible)}")
    ok(f"GET /{DATABASE_NAME}.json: {len(shown)} tables shown ({', '.join(shown)}); "
       f"{len(hidden)} hidden, among them search_index_* and the bookkeeping tables")


SEARCHES = [
    ("depression", None), ("NMDA receptors", None), ("neuroplasticity", None), ("blocking", None),
    ("ketamine’s", None), ("anesthesia", "event"), ("rapid relief", "claim"), ('nmda-receptor "(blockade', None),
]


def check_search(server, binary, database):
    for text, kind in SEARCHES:
        arguments = ["search", text, "--limit", "100"] + (["--kind", kind] if kind else [])
        expected = dossier_json(binary, database, *arguments)
        rows = server.rows("search", q=text, kind=kind or "")
        label = f"search q={text!r}" + (f" kind={kind}" if kind else "")
        require([r["slug"] for r in rows] == [e["slug"] for e in expected],
                f"{label}: Datasette ranks {[r['slug'] for r in rows]}, dossier search {[e['slug'] for e in expected]}")
        require([r["snippet"] for r in rows] == [e["snippet"] for e in expected], f"{label}: snippets differ")
        require([abs(r["score"] - e["score"]) < 0.0015 for r, e in zip(rows, expected)] == [True] * len(rows),
                f"{label}: scores differ: {[r['score'] for r in rows]} vs {[e['score'] for e in expected]}")
        require([r["rank"] for r in rows] == [e["rank"] for e in expected], f"{label}: ranks differ")
        top = f", first {rows[0]['slug']} ({rows[0]['score']}) {rows[0]['snippet']!r}" if rows else ""
        ok(f"GET /{DATABASE_NAME}/search.json?q={urllib.parse.quote(text)}{'&kind=' + kind if kind else ''}: "
           f"{len(rows)} rows, same slugs, order, snippets and scores as dossier search{top}")
    require(server.rows("search", q="", kind="") == [], "search with no words returned rows")
    require(server.rows("search", q="zzzunfindable", kind="") == [], "search for an unknown word returned rows")
    ok("search with no words, or an unknown word: 0 rows, no error")

    # The records table's search box: the same records (in id order: Datasette cannot rank there).
    for text in ("depression", "NMDA receptors"):
        data = server.json(f"/{DATABASE_NAME}/records.json", {"_search": text, "_shape": "objects", "_size": "max"})
        found = sorted(row["slug"] for row in data["rows"])
        expected = sorted(e["slug"] for e in dossier_json(binary, database, "search", text, "--limit", "1000"))
        require(found == expected, f"records?_search={text}: {found}, dossier search finds {expected}")
        ok(f"GET /{DATABASE_NAME}/records.json?_search={urllib.parse.quote(text)}: the {len(found)} records "
           f"dossier search finds, of {server.json(f'/{DATABASE_NAME}/records.json', {'_size': 1})['filtered_table_rows_count']}")


def check_timeline(server, binary, database):
    expected = dossier_json(binary, database, "timeline")
    rows = server.rows("timeline")
    keys = ("position", "date", "earliest", "latest", "slug", "title")
    require([{k: r[k] for k in keys} for r in rows] == [{k: e[k] for k in keys} for e in expected],
            f"timeline: Datasette {[r['slug'] for r in rows]}, dossier timeline {[e['slug'] for e in expected]}")
    ok(f"GET /{DATABASE_NAME}/timeline.json: {len(rows)} events in dossier timeline's order, first "
       f"{rows[0]['slug']} ({rows[0]['date']}), then {rows[1]['slug']} ({rows[1]['date']})")


# dossier show's typed field names, and the record query's.
FIELD_NAMES = {
    "date": "date", "date.edtf": "date_edtf", "date.precision": "precision", "date.earliest": "earliest",
    "date.latest": "latest", "date.period": "period", "place": "place",
    "agent": "agent", "action": "action", "target": "target", "system": "system", "effect": "effect", "role": "role",
    "intervention": "intervention", "indication": "indication", "population": "population", "outcome": "outcome",
    "onset": "onset", "onset.units": "onset_units", "comparator": "comparator", "comparator.onset": "comparator_onset",
    "evidence_level": "evidence_level",
}


def check_record(server, binary, database, slug):
    shown = dossier_json(binary, database, "show", slug)
    fields = {row["field"]: row["value"] for row in server.rows("record", slug=slug)}
    for key in ("slug", "kind", "title", "statement", "certainty", "status", "version"):
        require(fields.get(key) == shown[key], f"record {slug}: {key} is {fields.get(key)!r}, dossier show {shown[key]!r}")
    for key, value in shown["fields"].items():
        require(key in FIELD_NAMES, f"record {slug}: dossier show has a field {key} the record query does not map")
        require(fields.get(FIELD_NAMES[key]) == value,
                f"record {slug}: {FIELD_NAMES[key]} is {fields.get(FIELD_NAMES[key])!r}, dossier show {key} {value!r}")
    require(fields.get("about") == (", ".join(shown["about"]) or None), f"record {slug}: about differs")
    typed = [k for k, v in shown["fields"].items() if v is not None]
    ok(f"GET /{DATABASE_NAME}/record.json?slug={slug}: {len(fields)} fields, the {shown['kind']}'s "
       f"{', '.join(typed)} as dossier show prints them")

    citations = server.rows("record_citations", slug=slug)
    require(len(citations) == len(shown["citations"]),
            f"record_citations {slug}: {len(citations)} rows, dossier show {len(shown['citations'])}")
    for row, citation in zip(citations, shown["citations"]):
        for key, theirs in (("source", "source"), ("start_offset", "start"), ("end_offset", "end"),
                            ("exact", "exact"), ("before", "before"), ("after", "after"), ("note", "note")):
            require(row[key] == citation[theirs],
                    f"record_citations {slug}: {key} {row[key]!r}, dossier show {citation[theirs]!r}")
        require(f"«{citation['exact']}»" in row["in_context"], f"record_citations {slug}: quote not highlighted")
        defects = [d["exact"] for d in citation["defects"]]
        require(all(f'"{d}"' in (row["defects"] or "") for d in defects), f"record_citations {slug}: defects differ")
    if citations:
        ok(f"GET /{DATABASE_NAME}/record_citations.json?slug={slug}: {len(citations)} quotes at the offsets, with "
           f"the context and defects of dossier show, e.g. …«{citations[0]['exact']}»… "
           f"defects: {citations[0]['defects']}")

    relations = server.rows("record_relations", slug=slug)
    expected = [("→" if r["direction"] == "outgoing" else "←", r["predicate"], r["record"]) for r in shown["relations"]]
    require([(r["direction"], r["predicate"], r["record"]) for r in relations] == expected,
            f"record_relations {slug}: {relations}, dossier show {expected}")
    ok(f"GET /{DATABASE_NAME}/record_relations.json?slug={slug}: "
       + ("; ".join(" ".join(t) for t in expected) if expected else "no relations, as dossier show"))


CERTAINTY = ["established", "probable", "possible", "speculative"]
EVIDENCE = ["systematic_review", "randomized_trial", "observational", "case_series", "expert_opinion", "not_assessed"]


def check_claims_and_defects(server, binary, database):
    claims = dossier_json(binary, database, "list", "claims")
    rows = server.rows("claims_by_certainty")
    require(sorted(r["slug"] for r in rows) == sorted(c["slug"] for c in claims),
            f"claims_by_certainty: {[r['slug'] for r in rows]}, dossier list claims {[c['slug'] for c in claims]}")
    order = [(CERTAINTY.index(r["certainty"]), EVIDENCE.index(r["evidence_level"]), r["slug"]) for r in rows]
    require(order == sorted(order), f"claims_by_certainty is not in certainty, evidence order: {order}")
    listed = {c["slug"]: (c["certainty"], c["evidence"]) for c in claims}
    require(all(listed[r["slug"]] == (r["certainty"], r["evidence_level"]) for r in rows),
            "claims_by_certainty: certainty or evidence differs from dossier list claims")
    ok(f"GET /{DATABASE_NAME}/claims_by_certainty.json: the {len(rows)} claims of dossier list claims, most certain "
       f"first: " + ", ".join(f"{r['slug']} ({r['certainty']}, {r['evidence_level']})" for r in rows))

    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        count = connection.execute("SELECT count(*) FROM source_defects").fetchone()[0]
        by_kind = dict(connection.execute("SELECT kind, count(*) FROM source_defects GROUP BY kind").fetchall())
    finally:
        connection.close()
    rows = server.rows("source_defects")
    require(len(rows) == count, f"source_defects: {len(rows)} rows, the table holds {count}")
    require([(r["source"], r["start_offset"]) for r in rows] == sorted((r["source"], r["start_offset"]) for r in rows),
            "source_defects: not in text order")
    require(all(f"«{r['exact']}»" in r["in_context"] for r in rows), "source_defects: a defect is not highlighted")
    first = rows[0]
    ok(f"GET /{DATABASE_NAME}/source_defects.json: all {count} defects ({', '.join(f'{v} {k}' for k, v in sorted(by_kind.items()))}) "
       f"in text order, first {first['kind']} {first['exact']!r} → {first['intended']!r} in {first['in_context']!r}")


def check_writes_refused(server, database, digest):
    status, text = server.request(f"/{DATABASE_NAME}.json", {"sql": "DELETE FROM records"})
    require(status == 400 and "Statement must be a SELECT" in text, f"?sql=DELETE answered {status}: {text[:200]}")
    ok(f"GET /{DATABASE_NAME}.json?sql=DELETE FROM records: refused, {status} {json.loads(text)['error']!r}")
    status, text = server.request(f"/{DATABASE_NAME}.json", {"sql": "SELECT 1; DELETE FROM records"})
    require("You can only execute one statement at a time" in text, f"?sql=SELECT 1; DELETE answered {status}: {text[:200]}")
    ok(f"GET /{DATABASE_NAME}.json?sql=SELECT 1; DELETE FROM records: refused, {json.loads(text)['error']!r}")
    for path in (f"/{DATABASE_NAME}/search", f"/{DATABASE_NAME}/records"):
        status, text = server.request(path, method="POST", data={"q": "x", "slug": "x"})
        require(status >= 400, f"POST {path} answered {status}")
        ok(f"POST {path}: refused with {status}")
    databases = server.json("/-/databases.json")
    require([d["is_mutable"] for d in databases if d["name"] == DATABASE_NAME] == [False],
            f"/-/databases.json: {databases}")
    ok(f"GET /-/databases.json: {DATABASE_NAME} is_mutable false (served with --immutable)")
    records = server.json(f"/{DATABASE_NAME}.json", {"sql": "SELECT count(*) AS n FROM records", "_shape": "array"})[0]["n"]
    require(sha256(database) == digest, "the database file changed while Datasette served it")
    ok(f"the database file is unchanged (sha256 {digest[:16]}…), {records} records")


def sha256(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def main():
    if len(sys.argv) != 3:
        print("usage: datasette_check.py PATH/TO/dossier VENV", file=sys.stderr)
        return 2
    binary, venv = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    datasette = os.path.join(venv, "bin", "datasette")
    if not os.access(datasette, os.X_OK):
        print(f"error: Datasette is not installed in {venv} (.ci/ecosystem/python-tools.sh installs it)", file=sys.stderr)
        return 1
    try:
        import yaml
    except ImportError:
        print(f"error: PyYAML is missing: run this script with {venv}/bin/python", file=sys.stderr)
        return 1
    version = subprocess.run([datasette, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"== {version}, {os.path.relpath(METADATA, REPO)}, {binary}", flush=True)

    with tempfile.TemporaryDirectory(prefix="dossier-datasette-") as work:
        database = os.path.join(work, f"{DATABASE_NAME}.sqlite")
        run_dossier(binary, database, "setup")
        digest = sha256(database)
        metadata = yaml.safe_load(open(METADATA, encoding="utf-8"))
        server_process = None
        try:
            visible, _ = check_metadata(metadata, database)
            port = free_port()
            log = open(os.path.join(work, "datasette.log"), "w")
            server_process = subprocess.Popen(
                [datasette, "serve", "--immutable", database, "-m", METADATA, "-h", "127.0.0.1", "-p", str(port)],
                stdout=log, stderr=subprocess.STDOUT)
            server = Server(f"http://127.0.0.1:{port}")
            deadline = time.monotonic() + 60
            while True:
                try:
                    if server.request("/-/versions.json")[0] == 200:
                        break
                except OSError:
                    pass
                if server_process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    raise CheckFailed("Datasette did not start:\n" + open(log.name).read()[-2000:])
                time.sleep(0.2)
            ok(f"datasette serve --immutable dossier.sqlite -m Datasette/metadata.yml answers on 127.0.0.1:{port} "
               f"(pid {server_process.pid})")
            check_tables(server, visible)
            check_search(server, binary, database)
            check_timeline(server, binary, database)
            for slug in ("neural-pathway-reset", "vietnam-war-anesthetic", "improvement-within-hours-or-days"):
                check_record(server, binary, database, slug)
            check_claims_and_defects(server, binary, database)
            check_writes_refused(server, database, digest)
        except CheckFailed as failure:
            print(f"error: {failure}", file=sys.stderr)
            return 1
        finally:
            if server_process is not None:
                stop(server_process, "datasette", timeout=10)
    print("== Datasette: every check passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
