import Dossier
import DossierTestSupport
import Foundation
import Testing

/// `dossier edit`, `add`, `review`, `diff` and `history`, run as a person would — with
/// `$EDITOR` set to a script — and every bad input leaving the database as it was.
@Suite("Authoring from the command line")
struct AuthoringCommandTests {
    static let slug = "nmda-receptor-blockade"

    /// What a write would change: the audit log, every record's version, the review trail.
    static func fingerprint(_ workspace: Workspace) throws -> String {
        let result = try workspace.dossier(
            "query",
            "SELECT (SELECT count(*) FROM audit_log) || '/' || (SELECT group_concat(version) FROM records) || '/' || (SELECT count(*) FROM reviews) || '/' || (SELECT count(*) FROM record_seeds)",
            "--format", "csv", "--no-headers")
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// A shell script in the workspace, executable: the editor, given the file as `$1`.
    static func editor(_ workspace: Workspace, _ name: String, _ body: String) throws -> [String: String] {
        let path = workspace.file(name)
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return ["VISUAL": path, "EDITOR": path, "DOSSIER_CURATOR": ""]
    }

    /// The file path a message says the edit is kept in.
    static func keptPath(_ message: String) -> String? {
        guard let range = message.range(of: "kept in ") else { return nil }
        return String(message[range.upperBound...].prefix { $0 != ":" && $0 != "\n" && $0 != ";" })
    }

    /// Whether the message names a kept file that exists; the file is removed, so tests leave
    /// nothing in the temporary folder.
    static func keptFileExisted(_ message: String) -> Bool {
        guard let path = keptPath(message), FileManager.default.fileExists(atPath: path) else { return false }
        try? FileManager.default.removeItem(atPath: path)
        return true
    }

    @Test("each new command's --help has examples")
    func help() throws {
        let workspace = try Workspace()
        for command in ["edit", "add", "review", "diff"] {
            let result = try workspace.dossier(command, "--help")
            #expect(result.status == 0 && result.stdout.contains("Examples:"), "\(command) --help")
        }
    }

    @Test("edit in $EDITOR: the change is written, printed field by field, and diff and history show it")
    func editInEditor() throws {
        let workspace = try Workspace.seeded()
        let environment = try Self.editor(workspace, "editor.sh", #"sed -i 's/"established"/"probable"/' "$1""#)
        let result = try workspace.dossier(arguments: ["edit", Self.slug], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(Self.slug): version 1 → 2\n  certainty: \"established\" → \"probable\"\n")
        let diff = try workspace.dossier("diff", Self.slug)
        #expect(diff.status == 0 && diff.stdout.contains(#"certainty: "established" → "probable""#), "\(diff.stdout)")
        let history = try workspace.dossier("history", Self.slug)
        #expect(
            history.stdout.contains("records  update\n  certainty: \"established\" → \"probable\"\n  version: 1 → 2"), "\(history.stdout)")
        // The temporary file is gone once written.
        let shown = try workspace.dossier("show", Self.slug, "--json")
        #expect(shown.stdout.contains(#""certainty": "probable""#))
    }

    @Test("edit refuses, changing nothing: an unknown slug, a failing or idle editor, invalid JSON, a bad field, a dotted field")
    func editRefusals() throws {
        let workspace = try Workspace.seeded()
        let before = try Self.fingerprint(workspace)

        let unknown = try workspace.dossier("edit", "no-such-record", "--set", "title=x")
        #expect(unknown.status == 3 && unknown.stderr.contains("no-such-record"), "\(unknown.stderr)")

        let failing = try workspace.dossier(
            arguments: ["edit", Self.slug], environment: try Self.editor(workspace, "fail.sh", "echo changed > \"$1\"; exit 3"))
        #expect(failing.status == 1 && failing.stderr.contains("exited with status 3: nothing was written"), "\(failing.stderr)")
        #expect(Self.keptFileExisted(failing.stderr), "\(failing.stderr)")

        let idle = try workspace.dossier(arguments: ["edit", Self.slug], environment: try Self.editor(workspace, "idle.sh", "exit 0"))
        #expect(idle.status == 0 && idle.stderr.contains("unchanged; nothing was written"), "\(idle.stderr)")

        let broken = try workspace.dossier(
            arguments: ["edit", Self.slug], environment: try Self.editor(workspace, "broken.sh", #"printf '{\n"title": ' > "$1""#))
        #expect(broken.status == 4 && broken.stderr.contains("line 2, column"), "\(broken.stderr)")
        let kept = try #require(Self.keptPath(broken.stderr))
        #expect(FileManager.default.contents(atPath: kept).map { String(decoding: $0, as: UTF8.self) } == "{\n\"title\": ")
        #expect(broken.stderr.contains("dossier edit \(Self.slug) --from \(kept)"))
        try? FileManager.default.removeItem(atPath: kept)

        let badValue = try workspace.dossier("edit", Self.slug, "--set", "certainty=sure")
        #expect(badValue.status == 4 && badValue.stderr.contains("certainty: unknown value \"sure\""), "\(badValue.stderr)")
        let unknownField = try workspace.dossier("edit", Self.slug, "--set", "colour=blue")
        #expect(unknownField.status == 4 && unknownField.stderr.contains("colour: is not a known field"), "\(unknownField.stderr)")
        let dotted = try workspace.dossier("edit", Self.slug, "--set", "onset.text=soon")
        #expect(dotted.status == 2 && dotted.stderr.contains("only top-level fields"), "\(dotted.stderr)")
        let status = try workspace.dossier("edit", Self.slug, "--set", "status=draft")
        #expect(status.status == 4 && status.stderr.contains("dossier review"), "\(status.stderr)")

        #expect(try Self.fingerprint(workspace) == before)
    }

    @Test("edit refuses a record whose version moved while the editor was open, naming both versions")
    func staleVersion() throws {
        let workspace = try Workspace.seeded()
        let executable = try #require(DossierProcess.executable).path
        // The "editor" reviews the record from another process first, then edits the file.
        let environment = try Self.editor(
            workspace, "racing.sh",
            """
            '\(executable)' review \(Self.slug) --status reviewed --note "Meanwhile." --by eve --database '\(workspace.file("dossier.sqlite"))' >/dev/null || exit 9
            sed -i 's/"established"/"probable"/' "$1"
            """)
        let result = try workspace.dossier(arguments: ["edit", Self.slug], environment: environment)
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.contains("version 2, expected 1"), "\(result.stderr)")
        #expect(Self.keptFileExisted(result.stderr), "\(result.stderr)")
        // The kept file is version 1 whole: the advice is not to pass it back as it is, which
        // would undo the review's change without a word.
        #expect(!result.stderr.contains("fix it and run dossier edit \(Self.slug) --from"), "\(result.stderr)")
        #expect(result.stderr.contains("dossier diff \(Self.slug) --version 1"), "\(result.stderr)")
        let shown = try workspace.dossier("show", Self.slug, "--json")
        #expect(shown.stdout.contains(#""certainty": "established""#) && shown.stdout.contains(#""status": "reviewed""#))
    }

    @Test("edit --set and --from, and --dry-run, which writes nothing")
    func editNonInteractive() throws {
        let workspace = try Workspace.seeded()
        let before = try Self.fingerprint(workspace)
        let dry = try workspace.dossier("edit", Self.slug, "--set", "certainty=possible", "--set", #"about=["ketamine"]"#, "--dry-run")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("(dry run: nothing written)") && dry.stdout.contains(#"certainty: "established" → "possible""#))
        #expect(try Self.fingerprint(workspace) == before)

        let long = String(repeating: "A long statement that no table may cut. ", count: 12) + "The end."
        let set = try workspace.dossier("edit", Self.slug, "--set", "statement=\(long)")
        #expect(set.status == 0 && set.stdout.contains(long), "\(set.stderr)")
        // history prints the whole value, however long.
        let history = try workspace.dossier("history", Self.slug)
        #expect(history.stdout.contains("\"\(long)\""))

        let file = workspace.file("record.json")
        // The editor's file, copied aside by an editor that changes nothing, then applied with --from.
        let copying = try Self.editor(workspace, "copy.sh", "cp \"$1\" '\(workspace.file("saved.json"))'")
        #expect(try workspace.dossier(arguments: ["edit", Self.slug], environment: copying).status == 0)
        let saved = try String(contentsOfFile: workspace.file("saved.json"), encoding: .utf8)
        #expect(saved.hasPrefix("{\n  \"slug\": \"nmda-receptor-blockade\",\n") && saved.contains("\"quotes\": ["), "\(saved)")
        try saved.replacingOccurrences(of: #""certainty": "established""#, with: #""certainty": "speculative""#)
            .write(toFile: workspace.file("saved.json"), atomically: true, encoding: .utf8)
        let fromFile = try workspace.dossier("edit", Self.slug, "--from", workspace.file("saved.json"))
        #expect(fromFile.status == 0 && fromFile.stdout.contains(#"certainty: "established" → "speculative""#), "\(fromFile.stderr)")

        try #"{"slug": "nmda-receptor-blockade", "title": "Only a title"}"#.write(toFile: file, atomically: true, encoding: .utf8)
        let partial = try workspace.dossier("edit", Self.slug, "--from", file)
        #expect(partial.status == 4 && partial.stderr.contains("is required"), "\(partial.stderr)")
    }

    @Test("add: a draft in its dossier, from --set, --from or a template in $EDITOR; bad input adds nothing")
    func add() throws {
        let workspace = try Workspace.seeded()
        let fields = [
            "--set", "slug=quick-relief", "--set", "title=Quick relief", "--set", "statement=Relief within hours or days.",
            "--set", "certainty=possible", "--set", "intervention=ketamine", "--set", "indication=depression", "--set", "outcome=relief",
            "--set", #"quotes=[{"source": "ketamine-journey", "exact": "within hours or days"}]"#,
        ]
        let before = try Self.fingerprint(workspace)
        let unknown = try workspace.dossier(arguments: ["add", "claim", "--dossier", "nope"] + fields)
        #expect(unknown.status == 3 && unknown.stderr.contains("the dossiers are ketamine"), "\(unknown.stderr)")
        let badKind = try workspace.dossier(arguments: ["add", "story"] + fields)
        #expect(badKind.status == 2, "\(badKind.stderr)")
        let published = try workspace.dossier(arguments: ["add", "claim"] + fields + ["--set", "status=published"])
        #expect(published.status == 4 && published.stderr.contains("status"), "\(published.stderr)")
        let noQuoteSource = try workspace.dossier(
            arguments: ["add", "claim"] + fields.dropLast(2) + [
                "--set", #"quotes=[{"source": "ketamine-journey", "exact": "not in the text"}]"#,
            ])
        #expect(noQuoteSource.status == 4, "\(noQuoteSource.stderr)")
        #expect(try Self.fingerprint(workspace) == before)

        let added = try workspace.dossier(arguments: ["add", "claim"] + fields)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("added claim quick-relief to dossier ketamine as a draft (version 1)\n"))
        let membership = try workspace.dossier(
            "query",
            "SELECT s.seed_set, s.checksum, r.status FROM record_seeds s JOIN records r ON r.id = s.record_id WHERE r.slug = 'quick-relief'",
            "--format", "csv", "--no-headers")
        #expect(membership.stdout == "ketamine,\(String(repeating: "0", count: 64)),draft\r\n")
        let again = try workspace.dossier(arguments: ["add", "claim"] + fields)
        #expect(again.status == 4 && again.stderr.contains("already exists"), "\(again.stderr)")

        // A template in the editor, filled by a script.
        let filled =
            #"{"slug": "from-template", "title": "From a template", "statement": "A mechanism.", "certainty": "speculative", "agent": "ketamine", "action": "blocker", "target": "nmda-receptor", "role": "primary"}"#
        let environment = try Self.editor(workspace, "fill.sh", "grep -q '\"quotes\"' \"$1\" || exit 5\nprintf '%s' '\(filled)' > \"$1\"")
        let templated = try workspace.dossier(arguments: ["add", "mechanism", "--dossier", "ketamine"], environment: environment)
        #expect(templated.status == 0, "\(templated.stderr)")
        #expect(try workspace.dossier("show", "from-template").status == 0)
        // A draft without quotes cannot be published: check would call it an error.
        let bare = try workspace.dossier(arguments: ["add", "claim"] + fields.dropLast(2) + ["--set", "slug=bare-claim"])
        #expect(bare.status == 0, "\(bare.stderr)")
        let publish = try workspace.dossier("review", "bare-claim", "--status", "published", "--note", "Looks fine.", "--by", "ada")
        #expect(publish.status == 4 && publish.stderr.contains("must cite at least one quote"), "\(publish.stderr)")
        #expect(try workspace.dossier("check").status == 0)

        let idle = try workspace.dossier(arguments: ["add", "event"], environment: try Self.editor(workspace, "idle.sh", "exit 0"))
        #expect(idle.status == 0 && idle.stderr.contains("unchanged; nothing was written"), "\(idle.stderr)")
    }

    @Test("review: who, when and why, in history and the audit log; without a reviewer nothing is written")
    func review() throws {
        let workspace = try Workspace.seeded()
        let before = try Self.fingerprint(workspace)
        let anonymous = try workspace.dossier(
            arguments: ["review", Self.slug, "--status", "reviewed", "--note", "Fine."], environment: ["DOSSIER_CURATOR": ""])
        #expect(anonymous.status == 2 && anonymous.stderr.contains("--by NAME, or set DOSSIER_CURATOR"), "\(anonymous.stderr)")
        let badStatus = try workspace.dossier("review", Self.slug, "--status", "approved", "--note", "x", "--by", "ada")
        #expect(badStatus.status == 2, "\(badStatus.stderr)")
        let unknown = try workspace.dossier("review", "no-such-record", "--status", "draft", "--note", "x", "--by", "ada")
        #expect(unknown.status == 3, "\(unknown.stderr)")
        let blank = try workspace.dossier("review", Self.slug, "--status", "draft", "--note", " ", "--by", "ada")
        #expect(blank.status == 4 && blank.stderr.contains("note (--note)"), "\(blank.stderr)")
        #expect(try Self.fingerprint(workspace) == before)

        let reviewed = try workspace.dossier("review", Self.slug, "--status", "reviewed", "--note", "Checked every quote.", "--by", "ada")
        #expect(reviewed.status == 0, "\(reviewed.stderr)")
        #expect(reviewed.stdout == "\(Self.slug): published → reviewed by ada (version 2): Checked every quote.\n")
        let deprecated = try workspace.dossier(
            arguments: ["review", Self.slug, "--status", "deprecated", "--note", "Superseded."], environment: ["DOSSIER_CURATOR": "bob"])
        #expect(deprecated.status == 0, "\(deprecated.stderr)")
        let shown = try workspace.dossier("show", Self.slug, "--json")
        #expect(shown.stdout.contains(#""deprecation_reason": "Superseded.""#), "\(shown.stdout)")

        let history = try workspace.dossier("history", Self.slug)
        #expect(history.stdout.contains("reviewed by ada (published → reviewed): Checked every quote."), "\(history.stdout)")
        #expect(history.stdout.contains("deprecated by bob (reviewed → deprecated): Superseded."))
        let audit = try workspace.dossier(
            "query",
            "SELECT json_extract(new_values, '$.reviewer'), json_extract(new_values, '$.note') FROM audit_log WHERE table_name = 'reviews' AND record_id = (SELECT id FROM records WHERE slug = '\(Self.slug)') ORDER BY id",
            "--format", "csv", "--no-headers")
        #expect(audit.stdout == "ada,Checked every quote.\r\nbob,Superseded.\r\n")
        #expect(try workspace.dossier("check").status == 0)
    }

    @Test("text a person typed is escaped in messages: no terminal escape reaches standard error, and nothing is written")
    func hostileText() throws {
        let workspace = try Workspace.seeded()
        let before = try Self.fingerprint(workspace)
        for hostile in ["\u{1B}[2J\u{1B}[31mevil", "two\nlines", "bell\u{07}", "carriage\rreturn", "\u{9B}31mc1"] {
            for arguments in [
                ["diff", hostile], ["edit", hostile, "--set", "title=x"], ["edit", Self.slug, "--set", "\(hostile)=1"],
                ["edit", Self.slug, "--set", "certainty=\(hostile)"], ["edit", Self.slug, "--set", "a.\(hostile)=1"],
                ["add", "claim", "--dossier", hostile, "--set", "slug=x"], ["add", hostile], ["add", "claim", "--set", "slug=\(hostile)"],
                ["review", hostile, "--status", "draft", "--note", "x", "--by", "ada"],
                ["review", Self.slug, "--status", hostile, "--note", "x", "--by", "ada"],
            ]
                // Prose allows line breaks (a note may have paragraphs): only the other controls are refused there.
                + (hostile.contains("\n") || hostile.contains("\r")
                    ? []
                    : [
                        ["review", Self.slug, "--status", "draft", "--note", hostile, "--by", "ada"],
                        ["review", Self.slug, "--status", "draft", "--note", "x", "--by", hostile],
                    ])
            {
                let result = try workspace.dossier(arguments: arguments, environment: ["DOSSIER_CURATOR": ""])
                #expect(result.status != 0, "\(arguments)")
                #expect(
                    !result.stderr.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) },
                    "\(arguments): \(result.stderr.debugDescription)")
            }
        }
        #expect(try Self.fingerprint(workspace) == before)
    }

    @Test("diff: against the previous version by default, or any earlier one; unknown versions and records are named")
    func diff() throws {
        let workspace = try Workspace.seeded()
        let only = try workspace.dossier("diff", Self.slug)
        #expect(only.status == 3 && only.stderr.contains("only version 1"), "\(only.stderr)")
        #expect(try workspace.dossier("edit", Self.slug, "--set", "certainty=probable").status == 0)
        #expect(try workspace.dossier("edit", Self.slug, "--set", "title=Ketamine blocks the NMDA receptor").status == 0)

        let previous = try workspace.dossier("diff", Self.slug)
        #expect(
            previous.stdout
                == "\(Self.slug): version 2 → version 3\n  title: \"Ketamine blocks NMDA receptors\" → \"Ketamine blocks the NMDA receptor\"\n",
            "\(previous.stdout)")
        let first = try workspace.dossier("diff", Self.slug, "--version", "1", "--json")
        #expect(first.status == 0, "\(first.stderr)")
        guard case .array(let rows) = try JSONParser.parse(first.stdout) else {
            Issue.record("not an array: \(first.stdout)")
            return
        }
        let fields = rows.compactMap { row -> String? in
            guard case .object(let object) = row, case .string(let field)? = object["field"] else { return nil }
            return field
        }
        #expect(fields == ["title", "certainty"])

        let missing = try workspace.dossier("diff", Self.slug, "--version", "9")
        #expect(missing.status == 3 && missing.stderr.contains("known versions: 1, 2, 3"), "\(missing.stderr)")
        let unknown = try workspace.dossier("diff", "no-such-record")
        #expect(unknown.status == 3, "\(unknown.stderr)")
    }
}
