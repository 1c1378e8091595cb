import Dossier
import DossierTestSupport
import Foundation
import Testing

/// Two dossiers in one database through the real executable: seeding both in either order,
/// `setup` after, sync, `export --as-seed` and seeding that back, `--force SLUG`, and the
/// `--dossier` filters.
@Suite("Several dossiers, through the real executable")
struct DossiersCommandTests {
    /// A workspace holding the repository's ketamine seeds in `ketamine/` and the lithium
    /// dossier in `lithium/`.
    static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try RepositorySeeds.copy(to: workspace.file("ketamine"))
        try LithiumDossier.write(to: workspace.file("lithium"))
        return workspace
    }

    @Test("seed both in either order, then setup, sync each, export each as seed files and seed them back: nothing to change")
    func twoDossiersRoundTrip() throws {
        for order in [["ketamine", "lithium"], ["lithium", "ketamine"]] {
            let workspace = try Self.workspace()
            #expect(try workspace.dossier("migrate", "up").status == 0)
            for name in order {
                let seeded = try workspace.dossier("seed", name)
                #expect(seeded.status == 0, "\(order): \(seeded.stderr)")
            }
            let setup = try workspace.dossier("setup")
            #expect(setup.status == 0, "\(order): \(setup.stderr)")
            for name in order {
                let sync = try workspace.dossier("seed", name, "--mode", "sync")
                #expect(sync.status == 0 && sync.stderr.contains("changed 0 item(s)"), "\(order): \(sync.stderr)")
            }
            for name in order {
                let export = try workspace.dossier("export", "--dossier", name, "--as-seed", "out")
                #expect(export.status == 0 && export.stderr.contains("wrote out/\(name).json"), "\(export.stderr)")
            }
            let back = try workspace.dossier("seed", "out", "--mode", "sync")
            #expect(back.status == 0 && back.stderr.contains("changed 0 item(s)"), "\(order): \(back.stderr)")
            let dossiers = try workspace.dossier("list", "dossiers", "--format", "csv").stdout.split(whereSeparator: \.isNewline)
            #expect(dossiers.count == 3 && dossiers[0] == "name,records,sources,entities,description", "\(dossiers)")
            #expect(dossiers.count == 3 && dossiers[1].hasPrefix("ketamine,16,1,14,") && dossiers[2].hasPrefix("lithium,3,1,3,"))
        }
    }

    @Test("--force alone forces everything; --force SLUG one record; an unknown slug is refused")
    func forcing() throws {
        let workspace = try Self.workspace()
        #expect(try workspace.dossier("migrate", "up").status == 0)
        #expect(try workspace.dossier("seed", "lithium").status == 0)
        // A curator's edit in the database.
        let content = try ContentDatabase(path: workspace.file("dossier.sqlite"))
        var event = try #require(try content.events.get(slug: "cade-reports-lithium"))
        event.info.title = "Edited"
        try content.events.update(event)
        try LithiumDossier.write(
            to: workspace.file("lithium"),
            json: LithiumDossier.json.replacingOccurrences(of: "\"certainty\": \"established\"", with: "\"certainty\": \"probable\""))
        let refused = try workspace.dossier("seed", "lithium")
        #expect(refused.status == 4)
        #expect(refused.stderr.contains("field by field, as last seeded / in the database / in the file:"))
        #expect(refused.stderr.contains("title: \"Cade reports lithium calms mania\" / \"Edited\" / \"Cade reports lithium calms mania\""))
        let unknown = try workspace.dossier("seed", "lithium", "--force", "no-such-record")
        #expect(unknown.status == 3 && unknown.stderr.contains("no-such-record"), "\(unknown.stderr)")
        let one = try workspace.dossier("seed", "lithium", "--force", "cade-reports-lithium")
        #expect(one.status == 0 && one.stdout.contains("updated  event  cade-reports-lithium"), "\(one.stdout)\(one.stderr)")
        let all = try workspace.dossier("seed", "lithium", "--force")
        #expect(all.status == 0 && all.stderr.contains("changed 0 item(s)"), "\(all.stderr)")
    }

    @Test("--dossier filters list, timeline, search, check, stats and export; an unknown dossier is exit 3")
    func filters() throws {
        let workspace = try Self.workspace()
        #expect(try workspace.dossier("setup").status == 0)
        #expect(try workspace.dossier("seed", "lithium").status == 0)
        let claims = try workspace.dossier("list", "claims", "--dossier", "lithium", "--format", "csv", "--no-headers")
        let claimLines = claims.stdout.split(whereSeparator: \.isNewline)
        #expect(claimLines.count == 1 && claimLines.allSatisfy { $0.hasSuffix(",lithium") }, "\(claims.stdout)")
        let timeline = try workspace.dossier("timeline", "--dossier", "lithium", "--format", "csv", "--no-headers")
        #expect(
            timeline.stdout.split(whereSeparator: \.isNewline).map { $0.split(separator: ",")[4] } == [
                "lithium-for-gout", "cade-reports-lithium",
            ])
        let search = try workspace.dossier("search", "depression", "--dossier", "lithium", "--format", "json")
        #expect(search.status == 0 && !search.stdout.contains("\"ketamine\""), "\(search.stdout)")
        #expect(try workspace.dossier("check", "--dossier", "lithium").status == 0)
        let stats = try workspace.dossier("stats", "--dossier", "lithium", "--format", "csv")
        #expect(stats.stdout.contains("dossier,records,3"))
        let export = try workspace.dossier("export", "--dossier", "lithium")
        #expect(export.stdout.contains("cade-reports-lithium") && !export.stdout.contains("surgical-beginnings"))
        for command in [["list", "events"], ["timeline"], ["search", "x"], ["check"], ["stats"], ["export"]] {
            let result = try workspace.dossier(arguments: command + ["--dossier", "nope"])
            #expect(result.status == 3 && result.stderr.contains("the dossiers are ketamine, lithium"), "\(command): \(result.stderr)")
        }
        let noDossier = try workspace.dossier("export", "--as-seed", "out")
        #expect(noDossier.status == 2 && noDossier.stderr.contains("--dossier"))
        let toStandardOutput = try workspace.dossier("export", "--dossier", "lithium", "--as-seed", "-")
        #expect(toStandardOutput.status == 2 && toStandardOutput.stderr.contains("name a folder"))
        try "".write(toFile: workspace.file("a-file"), atomically: true, encoding: .utf8)
        let intoFile = try workspace.dossier("export", "--dossier", "lithium", "--as-seed", "a-file")
        #expect(intoFile.status == 1 && intoFile.stderr.contains("cannot write a-file: it is a file, not a folder"), "\(intoFile.stderr)")
        let noParent = try workspace.dossier("export", "--dossier", "lithium", "--as-seed", "missing/out")
        #expect(noParent.status == 1 && noParent.stderr.contains("No such file or directory"), "\(noParent.stderr)")
    }
}
