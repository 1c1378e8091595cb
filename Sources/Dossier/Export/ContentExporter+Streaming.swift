internal import DossierDB

extension ExportSection {
    /// The `type` of this section's lines in an NDJSON export.
    var lineType: String {
        switch self {
        case .sources: "source"
        case .references: "reference"
        case .entities: "entity"
        case .events: "event"
        case .mechanisms: "mechanism"
        case .claims: "claim"
        case .relations: "relation"
        }
    }

    /// The section whose NDJSON lines have this `type`.
    init?(lineType: String) {
        guard let section = Self.allCases.first(where: { $0.lineType == lineType }) else { return nil }
        self = section
    }
}

/// The `type` of an NDJSON export's first line, its damage lines and its last line.
enum ExportLineType {
    static let header = "header"
    static let damage = "damage"
    static let end = "end"
}

extension ContentExporter {
    /// Writes the JSON document an object at a time, with the same bytes as rendering
    /// ``export()`` whole (indented by 2), so that memory does not grow with the content.
    func writeDocument(to sink: ExportSink, progress: ContentProgress.Handler?) throws {
        let header: [(String, JSONValue)] = [
            ("format", .string(Self.format)), ("version", .integer(Int64(Self.version))),
            ("generator", .string("Dossier \(DossierVersion.current)")),
        ]
        try sink.append("{")
        for (index, (key, value)) in header.enumerated() {
            try sink.append((index == 0 ? "\n  " : ",\n  ") + JSONValue.string(key).rendered() + ": " + value.rendered())
        }
        var current: ExportSection?
        var count = 0
        func open(_ section: ExportSection?) throws {
            // Sections come in order; one that has no object is written empty.
            let from = current.map { $0.rank + 1 } ?? 0
            let to = section?.rank ?? ExportSection.allCases.count
            if current != nil { try sink.append("\n  ]") }
            for skipped in ExportSection.allCases[from..<to] {
                try sink.append(",\n  " + JSONValue.string(skipped.rawValue).rendered() + ": []")
            }
            if let section {
                try sink.append(",\n  " + JSONValue.string(section.rawValue).rendered() + ": [")
            }
            current = section
        }
        var first = true
        try forEachObject { section, object in
            if section != current {
                try open(section)
                first = true
            }
            try sink.append((first ? "\n    " : ",\n    ") + JSONValue.object(object).rendered(indent: 2, level: 2))
            first = false
            count += 1
            progress?(ContentProgress(.exporting, completed: count))
        }
        try open(nil)
        let damage = try ContentDamage.find(in: db)
        if !damage.isEmpty {
            try sink.append(",\n  \"damage\": " + JSONValue.array(damage.map(\.json)).rendered(indent: 2, level: 1))
        }
        try sink.append("\n}\n")
        try sink.flush()
    }

    /// Writes the export as NDJSON: a header line, one line per object — sources, entities,
    /// events, mechanisms, claims, relations, in the document's order, each with its `type` —
    /// the damage found, if any, and an end line counting the lines between, so that a reader
    /// can apply it in one pass and tell a complete file from a cut one.
    func writeNDJSON(to sink: ExportSink, progress: ContentProgress.Handler?) throws {
        try sink.append(
            JSONValue.object(
                JSONObject([
                    ("type", .string(ExportLineType.header)), ("format", .string(Self.format)),
                    ("version", .integer(Int64(Self.version))), ("generator", .string("Dossier \(DossierVersion.current)")),
                ])
            ).rendered() + "\n")
        var count = 0
        try forEachObject { section, object in
            try sink.append(Self.line(type: section.lineType, object) + "\n")
            count += 1
            progress?(ContentProgress(.exporting, completed: count))
        }
        for item in try ContentDamage.find(in: db) {
            try sink.append(Self.line(type: ExportLineType.damage, item.fields) + "\n")
            count += 1
        }
        try sink.append(
            JSONValue.object(JSONObject([("type", .string(ExportLineType.end)), ("objects", .integer(Int64(count)))])).rendered() + "\n")
        try sink.flush()
    }

    /// An object as one NDJSON line: its `type` first, then its fields.
    private static func line(type: String, _ object: JSONObject) -> String {
        var fields: [(String, JSONValue)] = [("type", .string(type))]
        for field in object { fields.append((field.key, field.value)) }
        return JSONValue.object(JSONObject(fields)).rendered()
    }
}
