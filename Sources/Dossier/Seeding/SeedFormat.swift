/// The objects of a seed file: where each sits, which tables' column declarations give its
/// fields, and the keys it takes besides them.
///
/// The parser refuses every key not named here; `dossier vocab` names vocabulary fields by
/// these paths; a test holds the README's seed file reference to every key listed here.
package enum SeedObjectKind: String, CaseIterable, Sendable {
    /// The top-level object: the dossier's name and description, and the sections.
    case dossier
    /// A source document and its verbatim text.
    case source
    /// Known damage in a source's text.
    case defect
    /// A bibliographic reference claims cite as evidence.
    case reference
    /// A reference a claim cites as evidence (or just its slug, as a string).
    case evidence
    /// An entity: what records are about.
    case entity
    /// Another name of an entity.
    case alias
    /// A historical event.
    case event
    /// A mechanism of action.
    case mechanism
    /// A clinical claim.
    case claim
    /// A record's quote from a source.
    case quote
    /// A typed link between two records.
    case relation

    /// Where the object sits in a seed file: `sources[].defects[]`.
    package var path: String {
        switch self {
        case .dossier: return "(top level)"
        case .source: return "sources[]"
        case .defect: return "sources[].defects[]"
        case .reference: return "references[]"
        case .evidence: return "claims[].evidence[]"
        case .entity: return "entities[]"
        case .alias: return "entities[].aliases[]"
        case .event: return "events[]"
        case .mechanism: return "mechanisms[]"
        case .claim: return "claims[]"
        case .quote: return "events[].quotes[], mechanisms[].quotes[], claims[].quotes[]"
        case .relation: return "relations[]"
        }
    }

    /// The tables whose declared fields (``ColumnDeclaration/field``) the object carries.
    package var tables: [TableDeclaration] {
        let names: [String]
        switch self {
        case .dossier: names = []
        case .source: names = [SourceColumn.table]
        case .defect: names = [SourceDefectColumn.table]
        case .reference: names = [ReferenceColumn.table]
        case .evidence: names = [ClaimEvidenceColumn.table]
        case .entity: names = [EntityColumn.table]
        case .alias: names = [EntityAliasColumn.table]
        case .event: names = [RecordColumn.table, HistoricalEventColumn.table]
        case .mechanism: names = [RecordColumn.table, MechanismColumn.table]
        case .claim: names = [RecordColumn.table, ClinicalClaimColumn.table]
        case .quote: names = [CitationColumn.table]
        case .relation: names = [RelationColumn.table]
        }
        return ContentTables.content.filter { names.contains($0.name) }
    }

    /// The keys the object takes besides its tables' declared fields: nested objects and lists,
    /// and seed-only conveniences (a source's `file`, a defect's `prefix` and `suffix`).
    package var extraKeys: Set<String> {
        switch self {
        case .dossier: return Set(ExportSection.allCases.map(\.rawValue)).union(["dossier", "description"])
        case .source: return ["file", "defects"]
        case .defect: return ["prefix", "suffix"]
        case .entity: return ["aliases", "identifiers"]
        case .event, .mechanism: return ["about", "quotes"]
        case .claim: return ["about", "quotes", "evidence"]
        case .alias, .quote, .relation, .reference, .evidence: return []
        }
    }

    /// The object of a record of `kind`.
    package static func record(_ kind: RecordKind) -> SeedObjectKind {
        switch kind {
        case .event: return .event
        case .mechanism: return .mechanism
        case .claim: return .claim
        }
    }

    /// Every key the object takes, sorted: its declared fields, dotted for members of a nested
    /// group (`date.edtf`), the groups themselves (`date`), and its ``extraKeys``.
    package var fields: [String] {
        let declared = tables.flatMap(\.columns).compactMap(\.field)
        let groups = declared.compactMap { field in field.split(separator: ".").count > 1 ? field.split(separator: ".")[0] : nil }
        return Set(declared).union(groups.map(String.init)).union(extraKeys).sorted()
    }

    /// The seed-file fields that carry a column of `table`, as full paths
    /// (`claims[].onset.lower_unit`). An identifier's scheme is a key of the entity's
    /// `identifiers` object; a record's kind is the array it sits in.
    package static func seedFields(table: String, column: ColumnDeclaration) -> [String] {
        switch (table, column.name) {
        case ("entity_identifiers", "scheme"): return ["entities[].identifiers (its keys)"]
        case ("records", "kind"): return ["the array a record sits in (events, mechanisms, claims)"]
        default: break
        }
        guard let field = column.field else { return [] }
        return allCases.filter { kind in kind.tables.contains { $0.name == table } }.map { "\($0.path).\(field)" }
    }
}
