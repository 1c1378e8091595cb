internal import DossierDB

/// How a record type maps to the `records` table and its subtype table: the SQL to read and
/// write it, and its validation rules.
///
/// Opaque outside the library: only Dossier's three record types provide one, because the
/// schema has a subtype table for each and nothing else.
public struct RecordMapping<Record: ContentRecord>: Sendable {
    /// The kind stored in `records.kind`.
    let kind: RecordKind
    /// The subtype table.
    let table: String
    /// The joins that bring in the subtype row (alias `s`) and the slugs of its entities.
    let joins: String
    /// The subtype's select list, read from column ``RecordColumns/count`` on.
    let columns: String
    /// The subtype's columns, in the order `bind` binds them from parameter 2.
    let writeColumns: [String]
    /// The kind-specific list filter, as SQL over parameter `?5` (true when it is NULL).
    let filterClause: String
    /// Rebuilds the record from a row: the shared columns (``RecordColumns/decode(_:)``), then
    /// the subtype's. One closure per kind, so each row's value is built in place, not copied
    /// through generic code.
    let decode: @Sendable (Row) throws -> Record
    /// The record's own rules (shared fields are checked separately).
    let validate: @Sendable (Record) -> [ValidationIssue]
    /// The entity slugs the record names, with the field naming each.
    let entityReferences: @Sendable (Record) -> [EntityReference]
    /// Binds the subtype columns to parameters 2… (parameter 1 is the record id).
    let bind: @Sendable (Record, Statement, EntityResolver) throws -> Void

    /// `INSERT INTO <table>(record_id, …) VALUES (?1, ?2, …)`.
    let insertSQL: CachedSQL
    /// `UPDATE <table> SET … = ?2, … WHERE record_id = ?1`.
    let updateSQL: CachedSQL
    /// The SQL the repositories read records of this kind with: `SELECT <shared columns>,
    /// <subtype columns> FROM records r <joins>`, to be completed with a WHERE clause. Public for
    /// diagnostics and benchmarks that must run exactly the same query.
    public let selectSQL: String
    /// ``selectSQL`` for one record by id, cached by identity: hashing a kilobyte of SQL on
    /// every lookup would cost a third of the lookup.
    let selectByIDSQL: CachedSQL
    /// ``selectSQL`` for one record by slug.
    let selectBySlugSQL: CachedSQL
    /// ``selectSQL`` for every record, in id order.
    let selectAllSQL: String

    /// Creates a mapping; the SQL is built once, here.
    init(
        kind: RecordKind, table: String, joins: String, columns: String, writeColumns: [String], filterClause: String,
        decode: @escaping @Sendable (Row) throws -> Record,
        validate: @escaping @Sendable (Record) -> [ValidationIssue],
        entityReferences: @escaping @Sendable (Record) -> [EntityReference],
        bind: @escaping @Sendable (Record, Statement, EntityResolver) throws -> Void
    ) {
        self.kind = kind
        self.table = table
        self.joins = joins
        self.columns = columns
        self.writeColumns = writeColumns
        self.filterClause = filterClause
        self.decode = decode
        self.validate = validate
        self.entityReferences = entityReferences
        self.bind = bind
        let placeholders = (1...writeColumns.count + 1).map { "?\($0)" }.joined(separator: ", ")
        insertSQL = CachedSQL("INSERT INTO \(table)(record_id, \(writeColumns.joined(separator: ", "))) VALUES (\(placeholders))")
        let assignments = writeColumns.enumerated().map { "\($0.element) = ?\($0.offset + 2)" }.joined(separator: ", ")
        updateSQL = CachedSQL("UPDATE \(table) SET \(assignments) WHERE record_id = ?1")
        selectSQL = "SELECT \(RecordColumns.select), \(columns) FROM records r \(joins)"
        selectByIDSQL = CachedSQL(selectSQL + " WHERE r.id = ?")
        selectBySlugSQL = CachedSQL(selectSQL + " WHERE r.slug = ?")
        selectAllSQL = selectSQL + " ORDER BY r.id"
    }
}

/// An entity named by a field of a record.
struct EntityReference: Hashable {
    /// The field, as the schema names it (`intervention`, `target`).
    var field: String
    /// The entity's slug.
    var slug: String
}

/// The shared `records` columns every record query selects first, and their decoding.
enum RecordColumns {
    /// How many columns ``select`` lists.
    static let count = 11

    /// The shared select list over `records r`.
    static let select = """
        r.id, r.slug, r.title, r.statement, r.certainty, r.status, r.deprecation_reason, r.version, \
        r.created_at, r.updated_at, \
        (SELECT group_concat(slug, ' ') FROM (SELECT e.slug FROM record_entities re JOIN entities e ON e.id = re.entity_id \
        WHERE re.record_id = r.id ORDER BY e.slug))
        """

    /// Decodes the shared fields from the first ``count`` columns.
    static func decode(_ row: Row) throws -> RecordInfo {
        RecordInfo(
            id: RecordID(rawValue: try row.int64(0)), slug: try row.text(1), title: try row.text(2),
            statement: try row.text(3),
            certainty: try Certainty.decode(row, 4, table: "records", column: "certainty"),
            status: try RecordStatus.decode(row, 5, table: "records", column: "status"),
            deprecationReason: try row.optionalText(6),
            about: try row.optionalText(10).map { $0.split(separator: " ").map(String.init) } ?? [],
            version: try row.int(7), createdAt: try row.text(8), updatedAt: try row.text(9))
    }
}
