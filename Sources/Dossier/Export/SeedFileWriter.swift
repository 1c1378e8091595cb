internal import DossierDB

/// Renders one dossier as the seed file a curator keeps in a repository: the objects of its
/// scoped export (``ExportScope``), each source's text moved to a file of its own, and the
/// fields the library derives left out, so that the file reads as one written by hand and
/// `seed` finds nothing to change.
struct SeedFileWriter {
    /// The folder, beside the dossier file, that holds the source texts.
    static let sourcesFolder = "sources"

    let db: DatabaseConnection
    let dossier: String

    /// The dossier file's text, and each source text by its path relative to the folder.
    func document() throws -> (String, [(String, String)]) {
        var root = JSONObject()
        root["dossier"] = .string(dossier)
        if let description = try db.fetchOne(
            "SELECT description FROM dossiers WHERE slug = ?", [.text(dossier)], { try $0.optionalText(0) }) ?? nil
        {
            root["description"] = .string(description)
        }
        var sections: [ExportSection: [JSONValue]] = [:]
        var texts: [(String, String)] = []
        let exporter = ContentExporter(db: db, scope: .dossier(dossier, entities: .ownDefinitions))
        try exporter.forEachObject { section, object in
            var object = object
            switch section {
            case .sources:
                Self.removeDerived(SourceColumn.declarations, from: &object)
                if case .string(let slug)? = object["slug"], case .string(let text)? = object["text"] {
                    let file = "\(Self.sourcesFolder)/\(slug).txt"
                    texts.append((file, text))
                    object["text"] = nil
                    object["file"] = .string(file)
                }
                object["defects"] = object["defects"].map {
                    Self.mapObjects($0) { Self.removeDerived(SourceDefectColumn.declarations, from: &$0) }
                }
            case .events:
                Self.removeDerived(HistoricalEventColumn.declarations, from: &object)
                Self.removeDerivedQuotes(from: &object)
            case .mechanisms, .claims:
                Self.removeEmpty(from: &object)
                Self.removeDerivedQuotes(from: &object)
                object["evidence"] = object["evidence"].map { Self.mapObjects($0) { Self.removeEmpty(from: &$0) } }
            case .entities, .relations, .references:
                Self.removeEmpty(from: &object)
            }
            sections[section, default: []].append(.object(object))
        }
        for section in ExportSection.allCases {
            if let objects = sections[section], !objects.isEmpty { root[section.rawValue] = .array(objects) }
        }
        return (JSONValue.object(root).rendered(indent: 2) + "\n", texts)
    }

    /// Removes the fields of `declarations` the library derives (`date.earliest`: the key
    /// `earliest` of the object `date`), and what a hand-written file leaves out: null values,
    /// empty lists and objects.
    private static func removeDerived(_ declarations: [ColumnDeclaration], from object: inout JSONObject) {
        for declaration in declarations where declaration.isDerived {
            guard let field = declaration.field else { continue }
            let path = field.split(separator: ".").map(String.init)
            if path.count == 1 {
                object[field] = nil
            } else if path.count == 2, case .object(var inner)? = object[path[0]] {
                inner[path[1]] = nil
                object[path[0]] = .object(inner)
            }
        }
        removeEmpty(from: &object)
    }

    private static func removeEmpty(from object: inout JSONObject) {
        for (key, value) in object {
            switch value {
            case .null: object[key] = nil
            case .array(let items) where items.isEmpty: object[key] = nil
            case .object(var inner):
                removeEmpty(from: &inner)
                object[key] = inner.count == 0 ? nil : .object(inner)
            default: break
            }
        }
    }

    private static func removeDerivedQuotes(from object: inout JSONObject) {
        object["quotes"] = object["quotes"].map { mapObjects($0) { removeDerived(CitationColumn.declarations, from: &$0) } }
    }

    private static func mapObjects(_ value: JSONValue, _ transform: (inout JSONObject) -> Void) -> JSONValue {
        guard case .array(let items) = value else { return value }
        return .array(
            items.map { item in
                guard case .object(var object) = item else { return item }
                transform(&object)
                return .object(object)
            })
    }
}
