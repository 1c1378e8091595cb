import Foundation

/// Every closed vocabulary of the content tables, with the seed-file fields that take it: what
/// `dossier vocab` prints. Built from the column declarations, so a vocabulary column added to
/// a table is listed without a line written here.
package struct VocabularyField: Sendable, Hashable {
    /// The name `dossier vocab` lists the vocabulary under: `certainty`, `source-kind`.
    package let name: String
    /// The seed-file fields that take it, as full paths: `claims[].onset.lower_unit`.
    package let fields: [String]
    /// The schema columns that hold it: `clinical_claims.onset_lower_unit`.
    package let columns: [String]
    /// The allowed values and their meanings.
    package let vocabulary: VocabularyDeclaration
    /// Other spellings a person may ask for it by (besides ``name``, the fields and the columns,
    /// with or without their object).
    let aliases: [String]

    /// Whether `query` names this vocabulary: its name, an alias, a column (`onset_lower_unit`,
    /// `clinical_claims.onset_lower_unit`), or a field with or without its object
    /// (`date.precision`, `precision`, `events[].date.precision`, `event.date.precision`).
    /// Case, hyphens and underscores do not matter, nor a plural's final s (`kinds`).
    package func isNamed(by query: String) -> Bool {
        let wanted = Self.normalized(query)
        let names = spellings
        return names.contains(wanted) || (wanted.count > 1 && wanted.hasSuffix("s") && names.contains(String(wanted.dropLast())))
    }

    private var spellings: Set<String> {
        var names = [name] + aliases
        for column in columns {
            names.append(column)
            if let bare = column.split(separator: ".").last { names.append(String(bare)) }
        }
        for field in fields {
            names.append(field)
            // `claims[].onset.lower_unit` → `onset.lower_unit`, `lower_unit`, `claims.onset.lower_unit`, `claim.onset.lower_unit`.
            let parts = field.split(separator: ".").map(String.init)
            guard parts.count >= 2, let object = parts.first else { continue }
            let rest = parts.dropFirst()
            let section = object.replacingOccurrences(of: "[]", with: "")
            names.append(rest.joined(separator: "."))
            names.append(section + "." + rest.joined(separator: "."))
            if section.hasSuffix("s") { names.append(section.dropLast() + "." + rest.joined(separator: ".")) }
            if let last = rest.last { names.append(last) }
        }
        return Set(names.map(Self.normalized))
    }

    private static func normalized(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "_", with: "-").trimmingCharacters(in: .whitespaces)
    }

    /// Every vocabulary of the content tables, in table order, each listed once however many
    /// columns take it (the three onset units of a claim share one).
    package static let all: [VocabularyField] = {
        var order: [String] = []
        var fields: [String: [String]] = [:]
        var columns: [String: [String]] = [:]
        var declarations: [String: VocabularyDeclaration] = [:]
        for table in ContentTables.content {
            for column in table.columns {
                guard case .vocabulary(let vocabulary) = column.rule else { continue }
                if declarations[vocabulary.name] == nil {
                    order.append(vocabulary.name)
                    declarations[vocabulary.name] = vocabulary
                }
                fields[vocabulary.name, default: []] += SeedObjectKind.seedFields(table: table.name, column: column)
                columns[vocabulary.name, default: []].append("\(table.name).\(column.name)")
            }
        }
        return order.compactMap { type in
            guard let vocabulary = declarations[type] else { return nil }
            let (name, aliases) = names(of: type, columns: columns[type] ?? [])
            return VocabularyField(
                name: name, fields: fields[type] ?? [], columns: columns[type] ?? [], vocabulary: vocabulary, aliases: aliases)
        }
    }()

    /// The listed name of the vocabulary modelled by the Swift type `type`, and a few obvious
    /// other names; a vocabulary not named here is listed under its first column.
    private static func names(of type: String, columns: [String]) -> (String, [String]) {
        switch type {
        case String(describing: SourceKind.self): return ("source-kind", ["source", "sources"])
        case String(describing: SourceDefectKind.self): return ("defect-kind", ["defect", "defects"])
        case String(describing: EntityKind.self): return ("entity-kind", ["entity", "entities"])
        case String(describing: AliasKind.self): return ("alias-kind", ["alias", "aliases"])
        case String(describing: IdentifierScheme.self): return ("identifier-scheme", ["identifiers", "identifier", "schemes"])
        case String(describing: RecordKind.self): return ("record-kind", ["record", "records"])
        case String(describing: Certainty.self): return ("certainty", [])
        case String(describing: RecordStatus.self): return ("status", [])
        case String(describing: DatePrecision.self): return ("date-precision", ["date"])
        case String(describing: MechanismAction.self): return ("action", ["actions"])
        case String(describing: MechanismRole.self): return ("role", ["roles"])
        case String(describing: TimeUnit.self): return ("onset-unit", ["onset", "unit", "units", "time-unit"])
        case String(describing: EvidenceLevel.self): return ("evidence-level", ["evidence", "level"])
        case String(describing: RelationPredicate.self): return ("predicate", ["relation", "relations", "predicates"])
        default: return (columns.first ?? type, [])
        }
    }
}
