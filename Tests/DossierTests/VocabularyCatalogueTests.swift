import DossierDB
import Foundation
import Testing

@testable import Dossier

/// `dossier vocab`'s catalogue against the migrated schema: every value a CHECK list allows is
/// listed, with a meaning.
@Suite("Vocabulary catalogue")
struct VocabularyCatalogueTests {
    @Test("every value a content table's CHECK lists allow is listed under its column")
    func coversTheSchema() throws {
        let content = try ContentDatabase.inMemory()
        var probed = 0
        try content.pool.read { db in
            for table in ContentTables.content {
                let sql =
                    try db.fetchOne("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", [.text(table.name)]) {
                        try $0.text(0)
                    } ?? ""
                for column in table.columns {
                    let literals = SchemaDeclarationTests.literals(comparedWith: column.name, in: sql)
                    guard !literals.isEmpty else { continue }
                    probed += 1
                    let key = "\(table.name).\(column.name)"
                    let listed = VocabularyField.all.filter { $0.columns.contains(key) }
                    #expect(listed.count == 1, "\(key) is listed under \(listed.map(\.name)), not under one vocabulary")
                    let values = Set(listed.flatMap(\.vocabulary.values))
                    #expect(literals.isSubset(of: values), "\(key): the schema allows \(literals.subtracting(values).sorted()), not listed")
                }
            }
        }
        // The comparison found the CHECK lists at all: sources, defects, entities, aliases,
        // identifiers, records (kind, certainty, status), events, mechanisms (2), claims (4),
        // relations.
        #expect(probed >= 14, "only \(probed) CHECK lists found: the literal extraction no longer reads the schema")
    }

    @Test("every vocabulary column of the content tables is listed once, with its seed fields")
    func everyColumn() {
        for table in ContentTables.content {
            for column in table.columns {
                guard case .vocabulary = column.rule else { continue }
                let key = "\(table.name).\(column.name)"
                let listed = VocabularyField.all.filter { $0.columns.contains(key) }
                #expect(listed.count == 1, "\(key) is listed \(listed.count) times")
                #expect(listed.allSatisfy { !$0.fields.isEmpty }, "\(key) names no seed field")
            }
        }
        #expect(Set(VocabularyField.all.map(\.name)).count == VocabularyField.all.count, "two vocabularies share a name")
    }

    @Test("every listed value has a one-line meaning")
    func meanings() {
        for field in VocabularyField.all {
            #expect(field.vocabulary.values.count == field.vocabulary.meanings.count, "\(field.name)")
            for (value, meaning) in zip(field.vocabulary.values, field.vocabulary.meanings) {
                #expect(!meaning.trimmingCharacters(in: .whitespaces).isEmpty, "\(field.name) \(value) has no meaning")
                #expect(!meaning.contains("\n"), "\(field.name) \(value): the meaning is more than one line")
            }
        }
    }

    @Test("an identifier scheme's example has the shape its pattern describes")
    func identifierExamples() {
        for scheme in IdentifierScheme.allCases {
            #expect(scheme.accepts(scheme.example), "\(scheme.rawValue): \(scheme.example)")
            #expect(scheme.meaning.contains(scheme.valuePattern) && scheme.meaning.contains(scheme.example))
        }
    }

    @Test(
        "a vocabulary is found by its name, its seed field with or without its object, its column, in any case",
        arguments: [
            ("certainty", ["certainty"]), ("date.precision", ["date-precision"]), ("precision", ["date-precision"]),
            ("events[].date.precision", ["date-precision"]), ("Date_Precision", ["date-precision"]),
            ("evidence_level", ["evidence-level"]), ("lower_unit", ["onset-unit"]), ("comparator.onset_unit", ["onset-unit"]),
            ("sources.kind", ["source-kind"]), ("source.kind", ["source-kind"]), ("scheme", ["identifier-scheme"]),
            ("kind", ["source-kind", "defect-kind", "entity-kind", "alias-kind", "record-kind"]),
            ("kinds", ["source-kind", "defect-kind", "entity-kind", "alias-kind", "record-kind"]), ("status", ["status"]),
            ("statuses", []), ("nope", []), ("", []),
        ])
    func lookup(query: String, expected: [String]) {
        #expect(VocabularyField.all.filter { $0.isNamed(by: query) }.map(\.name) == expected)
    }
}
