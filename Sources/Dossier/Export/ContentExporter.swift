internal import DossierDB

/// The sections of an export, in document order.
enum ExportSection: String, CaseIterable {
    case sources, references, entities, events, mechanisms, claims, relations
}

/// Writes the whole content of a database as JSON: sources with their texts and defects,
/// entities, records with their typed fields and citations, relations — every field of every
/// row as stored, read from the declarations, so that what the database holds is what the
/// export says, damage included, and an import judges it.
///
/// The document uses the seed-file format (sources carry their `text` inline, quotes and
/// defects their `start`/`end`), so an export reads like a dossier and imports with the same
/// parser. Ids, versions, timestamps, the audit log and seed ownership are left out: they
/// describe the database, not the content. Everything is in a fixed order, so exporting the
/// same content always gives the same bytes.
struct ContentExporter {
    /// The `format` value of an export.
    static let format = "dossier-export"
    /// The `version` value this build writes: 2 adds the derived fields (a text's length, a
    /// quote's source hash, a date's flags) and the damage list to version 1; 3 adds the
    /// `references` section and a claim's `evidence`.
    static let version = 3
    /// The versions this build reads.
    static let readableVersions: ClosedRange<Int64> = 1...3

    let db: LibraryConnection
    /// What to export: everything, or one dossier.
    var scope: ExportScope = .everything

    init(db: DatabaseConnection, scope: ExportScope = .everything) {
        self.db = LibraryConnection(db)
        self.scope = scope
    }

    init(db: LibraryConnection) {
        self.db = db
    }

    /// Parameter 1 of every export statement: the dossier, or `NULL` for everything.
    private var dossierParameter: SQLValue {
        switch scope {
        case .everything: .null
        case .dossier(let name, _): .text(name)
        }
    }

    /// The whole document.
    func export() throws -> JSONValue {
        var sections: [ExportSection: [JSONValue]] = [:]
        try forEachObject { section, object in sections[section, default: []].append(.object(object)) }
        var root = JSONObject()
        root["format"] = .string(Self.format)
        root["version"] = .integer(Int64(Self.version))
        root["generator"] = .string("Dossier \(DossierVersion.current)")
        for section in ExportSection.allCases {
            root[section.rawValue] = .array(sections[section] ?? [])
        }
        let damage = try ContentDamage.find(in: db)
        if !damage.isEmpty {
            root["damage"] = .array(damage.map(\.json))
        }
        return .object(root)
    }

    /// Calls `body` with every object of the export, section by section, in document order.
    func forEachObject(_ body: (ExportSection, JSONObject) throws -> Void) throws {
        try forEachSource { try body(.sources, $0) }
        try forEachReference { try body(.references, $0) }
        try forEachEntity { try body(.entities, $0) }
        try forEachRecord(HistoricalEvent.self) { object, _ in try body(.events, object) }
        try forEachRecord(Mechanism.self) { object, _ in try body(.mechanisms, object) }
        try forEachRecord(ClinicalClaim.self) { object, _ in try body(.claims, object) }
        try forEachRelation { try body(.relations, $0) }
    }

    // MARK: - Sources

    /// A dossier's sources are those it seeded and those its records cite: all of them (an
    /// export to import elsewhere), or those no other dossier seeded (a seed file, whose quotes
    /// name another dossier's source without copying it, as they name its entities).
    private static let sourceSQL = """
        SELECT \(SourceColumn.selectList(alias: "s")) FROM sources s
        WHERE ?1 IS NULL OR s.seed_set = ?1
           OR (s.id IN (SELECT c.source_id FROM citations c WHERE c.record_id IN (\(ExportScope.recordsOfDossier)))
               AND (?2 OR s.seed_set IS NULL))
        ORDER BY s.slug
        """
    private static let defectSQL = """
        SELECT \(SourceDefectColumn.selectList(alias: "d")),
               substr(s.text, max(1, d.start_offset - \(ContentWriter.contextLength - 1)), min(d.start_offset, \(ContentWriter.contextLength))),
               substr(s.text, d.end_offset + 1, \(ContentWriter.contextLength))
        FROM source_defects d JOIN sources s ON s.id = d.source_id WHERE d.source_id = ? ORDER BY d.start_offset, d.id
        """

    /// Each source with its defects; a defect carries the text around it, to be found again.
    func forEachSource(_ body: (JSONObject) throws -> Void) throws {
        let cursor = try db.cursor(Self.sourceSQL, [dossierParameter, .integer(scope.includesEntitiesDefinedElsewhere ? 1 : 0)])
        while let row = try cursor.next() {
            var object = ExportEncoding.object(SourceColumn.declarations, try ExportEncoding.values(row, SourceColumn.self, base: 0))
            let count = SourceDefectColumn.allCases.count
            object["defects"] = .array(
                try db.fetchAll(Self.defectSQL, [.integer(try row.int64(SourceColumn.id.rawValue))]) { defect in
                    var fields = ExportEncoding.object(
                        SourceDefectColumn.declarations, try ExportEncoding.values(defect, SourceDefectColumn.self, base: 0))
                    fields["prefix"] = .string(try defect.text(count))
                    fields["suffix"] = .string(try defect.text(count + 1))
                    return .object(fields)
                })
            try body(object)
        }
    }

    // MARK: - Entities

    /// A dossier's entities are those it defines, and those its records use that it does not
    /// define: all of them (an export to import elsewhere), or those no dossier defines (a seed
    /// file, which leaves another dossier's entities to it).
    private static let entitySQL = """
        SELECT \(EntityColumn.selectList(alias: "e")) FROM entities e
        WHERE ?1 IS NULL OR e.id IN (SELECT entity_id FROM entity_definitions WHERE dossier = ?1)
           OR (e.id IN (\(ExportScope.entitiesUsedByDossier))
               AND (?2 OR NOT EXISTS (SELECT 1 FROM entity_definitions d WHERE d.entity_id = e.id)))
        ORDER BY e.slug
        """
    private static let aliasSQL =
        "SELECT \(EntityAliasColumn.selectList(alias: "a")) FROM entity_aliases a WHERE a.entity_id = ? ORDER BY a.alias"
    private static let identifierSQL = "SELECT scheme, value FROM entity_identifiers WHERE entity_id = ? ORDER BY scheme, value"

    /// Each entity with its aliases, and its identifiers as an object from scheme to value.
    func forEachEntity(_ body: (JSONObject) throws -> Void) throws {
        let cursor = try db.cursor(Self.entitySQL, [dossierParameter, .integer(scope.includesEntitiesDefinedElsewhere ? 1 : 0)])
        while let row = try cursor.next() {
            let id = try row.int64(EntityColumn.id.rawValue)
            var object = ExportEncoding.object(EntityColumn.declarations, try ExportEncoding.values(row, EntityColumn.self, base: 0))
            object["aliases"] = .array(
                try db.fetchAll(Self.aliasSQL, [.integer(id)]) { alias in
                    .object(
                        ExportEncoding.object(
                            EntityAliasColumn.declarations, try ExportEncoding.values(alias, EntityAliasColumn.self, base: 0)))
                })
            var identifiers = JSONObject()
            // Two values of one scheme cannot both stand in the object: ContentDamage lists them.
            for (scheme, value) in try db.fetchAll(Self.identifierSQL, [.integer(id)], { (try $0.text(0), try $0.text(1)) }) {
                identifiers[scheme] = .string(value)
            }
            object["identifiers"] = .object(identifiers)
            try body(object)
        }
    }

    // MARK: - Records

    /// Each record of a kind, by slug, with every field as stored and its citations; `body`
    /// also gets the record's id. A record without its typed row is exported with those fields
    /// null, which no import accepts.
    func forEachRecord<Record: ContentRecord>(_ type: Record.Type, _ body: (JSONObject, Int64) throws -> Void) throws {
        let mapping = Record.mapping
        let base = RecordMapping<Record>.subtypeBase
        let cursor = try db.cursor(mapping.exportSQL, [dossierParameter])
        while let row = try cursor.next() {
            let id = try row.int64(RecordColumn.id.rawValue)
            try body(try recordObject(row, mapping: mapping, base: base, id: id), id)
        }
    }

    /// The export object of the record of this kind with this slug, and its version; `nil`
    /// when there is none.
    func record<Record: ContentRecord>(_ type: Record.Type, slug: String) throws -> (object: JSONObject, version: Int64)? {
        let mapping = Record.mapping
        let cursor = try db.cursor(mapping.exportBySlugSQL, [.text(slug)])
        guard let row = try cursor.next() else { return nil }
        let id = try row.int64(RecordColumn.id.rawValue)
        let object = try recordObject(row, mapping: mapping, base: RecordMapping<Record>.subtypeBase, id: id)
        return (object, try row.int64(RecordColumn.version.rawValue))
    }

    /// One row of a record export query as its export object.
    private func recordObject<Record: ContentRecord>(_ row: Row, mapping: RecordMapping<Record>, base: Int, id: Int64) throws -> JSONObject
    {
        var object = ExportEncoding.object(RecordColumn.declarations, try ExportEncoding.values(row, RecordColumn.self, base: 0))
        let about =
            try row.optionalText(RecordColumns.aboutPosition).map { $0.split(separator: " ").map { JSONValue.string(String($0)) } } ?? []
        object["about"] = .array(about)
        ExportEncoding.add(mapping.columns, try mapping.columns.indices.map { try row.value(base + $0) }, to: &object)
        object["quotes"] = .array(try quotes(ofRecord: id).map(JSONValue.object))
        if Record.kind == .claim {
            object["evidence"] = .array(try evidence(ofClaim: id).map(JSONValue.object))
        }
        return object
    }

    private static let quoteSQL = """
        SELECT \(CitationColumn.selectList(alias: "c")) FROM citations c \(CitationColumn.referenceJoins(alias: "c"))
        WHERE c.record_id = ? ORDER BY c_source_id.slug, c.start_offset, c.id
        """

    /// A record's citations as quote objects.
    func quotes(ofRecord id: Int64) throws -> [JSONObject] {
        try db.fetchAll(Self.quoteSQL, [.integer(id)]) { row in
            ExportEncoding.object(CitationColumn.declarations, try ExportEncoding.values(row, CitationColumn.self, base: 0))
        }
    }

    private static let evidenceSQL = """
        SELECT \(ClaimEvidenceColumn.selectList(alias: "ev")) FROM claim_evidence ev \(ClaimEvidenceColumn.referenceJoins(alias: "ev"))
        WHERE ev.record_id = ? ORDER BY ev_reference_id.slug, ev.id
        """

    /// A claim's evidence as objects: `{"reference": slug, "note": …}`.
    func evidence(ofClaim id: Int64) throws -> [JSONObject] {
        try db.fetchAll(Self.evidenceSQL, [.integer(id)]) { row in
            ExportEncoding.object(ClaimEvidenceColumn.declarations, try ExportEncoding.values(row, ClaimEvidenceColumn.self, base: 0))
        }
    }

    // MARK: - References

    /// A dossier's references are those it seeded and those its claims cite.
    private static let referenceSQL = """
        SELECT \(ReferenceColumn.selectList(alias: "b")) FROM bibliographic_references b
        WHERE ?1 IS NULL OR b.seed_set = ?1
           OR b.id IN (SELECT ev.reference_id FROM claim_evidence ev WHERE ev.record_id IN (\(ExportScope.recordsOfDossier)))
        ORDER BY b.slug
        """

    /// Each bibliographic reference, by slug.
    func forEachReference(_ body: (JSONObject) throws -> Void) throws {
        let cursor = try db.cursor(Self.referenceSQL, [dossierParameter])
        while let row = try cursor.next() {
            try body(ExportEncoding.object(ReferenceColumn.declarations, try ExportEncoding.values(row, ReferenceColumn.self, base: 0)))
        }
    }

    // MARK: - Relations

    /// A dossier's relations are those it seeded, and those made by hand about its records.
    private static let relationSQL = """
        SELECT \(RelationColumn.selectList(alias: "rel")) FROM relations rel \(RelationColumn.referenceJoins(alias: "rel"))
        WHERE ?1 IS NULL OR rel.seed_set = ?1
           OR (rel.seed_set IS NULL AND rel.subject_record_id IN (\(ExportScope.recordsOfDossier)))
        ORDER BY rel_subject_record_id.slug, rel.predicate, rel_object_record_id.slug, rel.id
        """

    /// Each relation, by subject, predicate and object.
    func forEachRelation(_ body: (JSONObject) throws -> Void) throws {
        let cursor = try db.cursor(Self.relationSQL, [dossierParameter])
        while let row = try cursor.next() {
            try body(ExportEncoding.object(RelationColumn.declarations, try ExportEncoding.values(row, RelationColumn.self, base: 0)))
        }
    }
}
