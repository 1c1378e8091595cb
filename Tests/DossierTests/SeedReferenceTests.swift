import Foundation
import Testing

@testable import Dossier

/// The README's "Seed file reference" against the declarations the seed parser reads with: every
/// key the parser accepts is documented under its object, with its limit, and so cannot drift.
@Suite("The README's seed file reference")
struct SeedReferenceTests {
    /// The README's section, from its heading to the next heading of its level.
    static func section() throws -> String {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "\n## Seed file reference\n"), "README.md has no \"## Seed file reference\" section")
        let rest = text[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    /// The table rows of the parts of the section about `kind`: a part starts at a bold heading
    /// line naming the object's path (`**\`sources[]\`**`), or `**Top level**`.
    static func rows(of kind: SeedObjectKind, in section: String) -> [String] {
        let marker = kind == .dossier ? "**Top level**" : "`\(kind.path.components(separatedBy: ", ")[0])`"
        var rows: [String] = []
        var inPart = false
        for line in section.split(separator: "\n").map(String.init) {
            if line.hasPrefix("**") { inPart = line.contains(marker) }
            if inPart, line.hasPrefix("| `") { rows.append(line) }
        }
        return rows
    }

    /// The first cell of a row: the fields it documents.
    static func fields(of row: String) -> [String] {
        let cell = row.split(separator: "|").first.map(String.init) ?? ""
        return cell.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    @Test("every key the seed parser accepts is documented under its object", arguments: SeedObjectKind.allCases)
    func everyField(kind: SeedObjectKind) throws {
        let rows = Self.rows(of: kind, in: try Self.section())
        #expect(!rows.isEmpty, "README.md's seed file reference has no table for \(kind.path)")
        let documented = Set(rows.flatMap(Self.fields))
        for field in kind.fields {
            #expect(documented.contains(field), "README.md's seed file reference does not document \(kind.path).\(field)")
        }
        for field in documented.subtracting(kind.fields) {
            Issue.record("README.md's seed file reference documents \(kind.path).\(field), which the parser refuses")
        }
    }

    @Test("every limit, derived field and vocabulary is stated as declared", arguments: SeedObjectKind.allCases)
    func rules(kind: SeedObjectKind) throws {
        let rows = Self.rows(of: kind, in: try Self.section())
        for table in kind.tables {
            for column in table.columns {
                guard let field = column.field, let row = rows.first(where: { Self.fields(of: $0).contains(field) }) else { continue }
                let place = "README.md, seed file reference, \(kind.path).\(field)"
                switch column.rule {
                case .prose(let maximum), .quote(let maximum), .context(let maximum), .url(let maximum):
                    #expect(row.contains("at most \(maximum)") || row.contains("to \(maximum)"), "\(place): the limit is \(maximum)")
                case .vocabulary:
                    let vocabulary = VocabularyField.all.first { $0.columns.contains("\(table.name).\(column.name)") }
                    #expect(vocabulary.map { row.contains("dossier vocab \($0.name)") } ?? false, "\(place): point to dossier vocab")
                default: break
                }
                if column.isDerived {
                    #expect(row.contains("| derived |"), "\(place): the library derives it")
                }
            }
        }
    }
}
