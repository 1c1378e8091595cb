import Dossier
import DossierTestSupport
import Foundation
import Testing

/// `dossier vocab`, through the real executable.
@Suite("dossier vocab")
struct VocabCommandTests {
    @Test("lists every value of every vocabulary with its meaning, as JSON, without touching a database")
    func listsEverything() throws {
        let workspace = try Workspace()
        let result = try workspace.dossier("vocab", "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        guard case .array(let items) = try JSONParser.parse(result.stdout) else {
            Issue.record("not a JSON array: \(result.stdout.prefix(200))")
            return
        }
        let printed = items.compactMap { item -> [String]? in
            guard case .object(let object) = item, case .string(let field)? = object["field"],
                case .string(let value)? = object["value"], case .string(let meaning)? = object["meaning"]
            else { return nil }
            return [field, value, meaning]
        }
        let expected = VocabularyField.all.flatMap { field in
            zip(field.vocabulary.values, field.vocabulary.meanings).map { [field.name, $0, $1] }
        }
        #expect(printed == expected)
        #expect(printed.allSatisfy { !$0[2].isEmpty })
        #expect(!FileManager.default.fileExists(atPath: workspace.file("dossier.sqlite")), "vocab created a database")
    }

    @Test("FIELD picks one vocabulary, by its name or its seed field, in CSV too")
    func filters() throws {
        let workspace = try Workspace()
        for query in ["certainty", "records.certainty", "CERTAINTY"] {
            let result = try workspace.dossier("vocab", query, "--csv")
            #expect(result.status == 0, "\(query): \(result.stderr)")
            let rows = CSV.parse(result.stdout)
            #expect(rows.first == ["field", "value", "meaning"])
            #expect(rows.dropFirst().map { $0[1] } == Certainty.allCases.map(\.rawValue), "\(query)")
        }
        let precision = try workspace.dossier("vocab", "date.precision", "--format", "tsv", "--no-headers")
        #expect(
            precision.stdout.split(separator: "\n").map { $0.split(separator: "\t")[1] }
                == DatePrecision.allCases.map { Substring($0.rawValue) })
    }

    @Test("an unknown field is a usage error that lists the fields")
    func unknownField() throws {
        let result = try Workspace().dossier("vocab", "certainly")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.contains("\"certainly\"") && result.stderr.contains("certainty") && result.stderr.contains("date-precision"),
            "\(result.stderr)")
    }
}
