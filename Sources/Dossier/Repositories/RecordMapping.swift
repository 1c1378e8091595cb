internal import DossierDB

/// How a record type maps to the `records` table and its subtype table, derived from the
/// subtype's column declarations: the SQL that reads and writes it, the positions its columns
/// are read at, and its rules.
///
/// Opaque outside the library: only Dossier's three record types provide one, because the
/// schema has a subtype table for each and nothing else.
public struct RecordMapping<Record: ContentRecord>: Sendable {
    /// The kind stored in `records.kind`.
    let kind: RecordKind
    /// The subtype table.
    let table: String
    /// The subtype's columns, in select-list order.
    let columns: [ColumnDeclaration]
    /// Where the subtype's columns start in a row: after the shared columns and `about`.
    static var subtypeBase: Int { RecordColumn.allCases.count + 1 }
    /// The kind-specific list filter, as SQL over parameter `?5` (true when it is NULL).
    let filterClause: String
    /// Rebuilds the record from a row read with ``selectSQL``.
    let decode: @Sendable (Row) throws -> Record
    /// Rebuilds the record's typed fields from an object of a seed file or export.
    let parse: @Sendable (RecordInfo, SeedObject) throws -> Record
    /// The value of each subtype column, in select-list order (references as slugs; the
    /// record id, which the model does not hold, as `NULL`).
    let values: @Sendable (Record) -> [SQLValue]
    /// The rules that span several columns of the subtype (each column's own rule is checked
    /// from its declaration).
    let rowRules: @Sendable (Record) -> [ValidationIssue]
    /// The record as it is stored (see ``ColumnMappedRecord/resolved(with:)``).
    let resolve: @Sendable (Record, EntityResolver) throws -> Record

    /// `INSERT INTO <table>(record_id, …) VALUES (?1, ?2, …)`.
    let insertSQL: CachedSQL
    /// `UPDATE <table> SET … = ?2, … WHERE record_id = ?1`.
    let updateSQL: CachedSQL
    /// The SQL the repositories read records of this kind with: `SELECT <shared columns>,
    /// <about>, <subtype columns> FROM records r JOIN <table> s …`, to be completed with a WHERE
    /// clause.
    @_spi(Benchmarks) public let selectSQL: String
    /// ``selectSQL`` for one record by id, cached by identity: hashing a kilobyte of SQL on
    /// every lookup would cost a third of the lookup.
    let selectByIDSQL: CachedSQL
    /// ``selectSQL`` for one record by slug.
    let selectBySlugSQL: CachedSQL
    /// ``selectSQL`` for every record, in id order.
    let selectAllSQL: String
    /// Every record of this kind by slug, its typed row LEFT JOINed: what an export reads, so
    /// that a record missing its typed row is exported (and refused by an import) rather
    /// than left out. Parameter 1 is a dossier's name, to export only its records, or `NULL`.
    let exportSQL: String
    /// ``exportSQL`` for the one record whose slug is the parameter: what `dossier edit` writes.
    let exportBySlugSQL: String

    /// Derives a mapping from the subtype's column declarations.
    init(kind: RecordKind) where Record: ColumnMappedRecord {
        typealias Columns = Record.Columns
        self.kind = kind
        table = Columns.table
        columns = Columns.declarations
        let base = Self.subtypeBase
        decode = { row in
            try Record(info: try RecordColumns.decode(row), values: RowValues<Columns>(row: row, base: base))
        }
        parse = { info, object in try Record(info: info, values: SeedObjectValues<Columns>(object)) }
        values = { record in Columns.allCases.map { record.value(of: $0) } }
        rowRules = { $0.rowIssues }
        resolve = { record, entities in try record.resolved(with: entities) }
        let filterColumn = Record.filterColumn
        let filterExpression: String
        if case .reference = filterColumn.declaration.rule {
            filterExpression = "s_\(filterColumn.name).slug"
        } else {
            filterExpression = "s.\(filterColumn.name)"
        }
        filterClause = "(?5 IS NULL OR \(filterExpression) = ?5)"
        // The record id is parameter 1; the other written columns follow in case order.
        let written = Columns.writtenColumns.filter { $0.rawValue != 0 }
        let names = written.map(\.name)
        let placeholders = (1...written.count + 1).map { "?\($0)" }.joined(separator: ", ")
        insertSQL = CachedSQL("INSERT INTO \(table)(record_id, \(names.joined(separator: ", "))) VALUES (\(placeholders))")
        let assignments = names.enumerated().map { "\($0.element) = ?\($0.offset + 2)" }.joined(separator: ", ")
        updateSQL = CachedSQL("UPDATE \(table) SET \(assignments) WHERE record_id = ?1")
        selectSQL =
            "SELECT \(RecordColumns.select), \(Columns.selectList(alias: "s")) FROM records r "
            + "JOIN \(table) s ON s.record_id = r.id \(Columns.referenceJoins(alias: "s"))"
        selectByIDSQL = CachedSQL(selectSQL + " WHERE r.id = ?")
        selectBySlugSQL = CachedSQL(selectSQL + " WHERE r.slug = ?")
        selectAllSQL = selectSQL + " ORDER BY r.id"
        let exportSelect =
            "SELECT \(RecordColumns.select), \(Columns.selectList(alias: "s")) FROM records r "
            + "LEFT JOIN \(table) s ON s.record_id = r.id \(Columns.referenceJoins(alias: "s")) "
            + "WHERE r.kind = '\(kind.rawValue)'"
        exportSQL =
            exportSelect + " AND (?1 IS NULL OR r.id IN (SELECT record_id FROM record_seeds WHERE seed_set = ?1)) ORDER BY r.slug"
        exportBySlugSQL = exportSelect + " AND r.slug = ?"
    }

    /// The subtype's written columns other than the record id, each with its position in the
    /// case order: what ``insertSQL`` and ``updateSQL`` bind from parameter 2.
    var writtenColumns: [(position: Int, declaration: ColumnDeclaration)] {
        columns.enumerated().filter { $0.offset != 0 && $0.element.isWrittenByLibrary }.map { ($0.offset, $0.element) }
    }
}

/// A record type whose typed fields are the columns of its subtype table: how Dossier's three
/// record types derive their ``RecordMapping``.
protocol ColumnMappedRecord: ContentRecord {
    /// The subtype table's columns.
    associatedtype Columns: TableColumns
    /// The column the kind-specific list filter compares with.
    static var filterColumn: Columns { get }
    /// Rebuilds the record from its shared fields and its subtype's column values.
    init(info: RecordInfo, values: some ColumnValues<Columns>) throws
    /// The value of a column of the record (a reference as its slug).
    func value(of column: Columns) -> SQLValue
    /// The rules that span several of the record's columns.
    var rowIssues: [ValidationIssue] { get }
    /// The record as it is stored, with what it takes from the entities it names (an event
    /// dated by a period takes the period's bounds).
    func resolved(with entities: EntityResolver) throws -> Self
}

extension ColumnMappedRecord {
    func resolved(with entities: EntityResolver) throws -> Self { self }
}

/// The shared `records` columns every record query selects first, and their decoding.
enum RecordColumns {
    /// The shared select list over `records r`: every declared column, then the slugs of the
    /// entities the record is about, space-separated, in slug order.
    static let select =
        RecordColumn.selectList(alias: "r") + ", "
        + "(SELECT group_concat(slug, ' ') FROM (SELECT e.slug FROM record_entities re JOIN entities e ON e.id = re.entity_id "
        + "WHERE re.record_id = r.id ORDER BY e.slug))"

    /// Where `about` sits in a row.
    static let aboutPosition = RecordColumn.allCases.count

    /// Decodes the shared fields from the first columns of a row.
    static func decode(_ row: Row) throws -> RecordInfo {
        let about = try row.optionalText(aboutPosition).map { $0.split(separator: " ").map { EntitySlug(String($0)) } } ?? []
        return try RecordInfo(RowValues<RecordColumn>(row: row, base: 0), about: about)
    }
}
