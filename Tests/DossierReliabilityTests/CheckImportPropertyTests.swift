import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// The property that ties `check` to the import: for any database, the checks report no error
/// if and only if its export imports into a new database and exports identically. Tried on
/// hundreds of tamperings made through raw SQL, as the stock shell makes them.
@Suite("check reports no error exactly when an export imports again", .tags(.slow))
struct CheckImportPropertyTests {
    /// What one tampering led to.
    struct Outcome: CustomStringConvertible, Sendable {
        var tampering: Tampering
        var applied: Bool
        var errors: [CurationFinding]
        var roundTrip: Result<Bool, any Error>

        var holds: Bool {
            guard case .success(let identical) = roundTrip else { return !errors.isEmpty }
            return errors.isEmpty == identical
        }

        var description: String {
            let trip: String
            switch roundTrip {
            case .success(let identical): trip = identical ? "exports identically" : "imports but exports differently"
            case .failure(let error): trip = "import fails: \(String(describing: error).prefix(300))"
            }
            return "\(tampering.name): check found \(errors.count) error(s)\(errors.first.map { " (\($0))" } ?? ""); \(trip)"
        }
    }

    /// Applies `tampering` to a copy of `template` and runs the check and the round trip.
    static func outcome(of tampering: Tampering, template: String, folder: TemporaryFolder, index: Int) throws -> Outcome {
        let path = folder.file("case-\(index).sqlite")
        try FileManager.default.copyItem(atPath: template, toPath: path)
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let applied = try tampering.apply(to: path)
        let content = try ContentDatabase(path: path, options: .readOnlyExisting)
        let errors = try content.check().errors
        let export = try content.exportJSON()
        let roundTrip = Result<Bool, any Error> {
            let fresh = try ContentDatabase.inMemory()
            try fresh.importJSON(export)
            return try fresh.exportJSON() == export
        }
        return Outcome(tampering: tampering, applied: applied, errors: errors, roundTrip: roundTrip)
    }

    /// A database seeded with the built-in dossier, checkpointed into one file to copy.
    static func template(in folder: TemporaryFolder) throws -> String {
        let path = folder.file("template.sqlite")
        let content = try ContentDatabase(path: path)
        try content.seed()
        try content.pool.checkpoint()
        return path
    }

    /// The tamperings are tried in this many batches, which run in parallel.
    static let batches = 8

    @Test("the generator makes 200 and more distinct tamperings of every kind")
    func generator() {
        let tamperings = TamperingGenerator.tamperings()
        #expect(tamperings.count >= 200)
        #expect(Set(tamperings.map(\.name)).count >= 200)
    }

    @Test(
        "on every tampering through raw SQL, check finds an error if and only if the round trip fails",
        arguments: 0..<batches)
    func property(batch: Int) async throws {
        // Minutes of subprocesses: on a thread of their own, not one of the cooperative pool's.
        let outcomes = try await onDedicatedThread { try Self.outcomes(batch: batch) }
        for outcome in outcomes where !outcome.holds {
            Issue.record("the property fails: \(outcome)")
        }
        let applied = outcomes.filter(\.applied)
        let caught = applied.filter { !$0.errors.isEmpty }
        print(
            "check ⇔ import, batch \(batch + 1) of \(Self.batches): \(outcomes.count) tamperings, \(applied.count) applied "
                + "(\(outcomes.count - applied.count) refused by SQLite even so); \(caught.count) reported as errors and refused by the import, "
                + "\(applied.count - caught.count) clean and identical after the round trip")
        // Both sides of the property are exercised in every batch.
        #expect(applied.count >= 25 && caught.count >= 10 && applied.count - caught.count >= 3)
    }

    /// The outcome of every tampering of one batch, each tried on a copy of the seeded template.
    static func outcomes(batch: Int) throws -> [Outcome] {
        let folder = try TemporaryFolder("dossier-property")
        defer { folder.remove() }
        let template = try template(in: folder)
        var outcomes: [Outcome] = []
        for (index, tampering) in TamperingGenerator.tamperings().enumerated() where index % batches == batch {
            outcomes.append(try outcome(of: tampering, template: template, folder: folder, index: index))
        }
        return outcomes
    }
}
