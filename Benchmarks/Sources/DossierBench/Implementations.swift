/// One way of talking to SQLite, measured on the same schema and data as the others.
protocol BenchImplementation {
    /// `raw`, `grdb` or `dossier`.
    static var name: String { get }
    /// Opens a database that holds the migrated schema and the workload's entities.
    init(path: String, workload: Workload) throws
    func insert() throws
    func fetchAll() throws -> Checksum
    func lookupByID(_ ids: [Int64]) throws -> Checksum
    func lookupBySlug(_ slugs: [String]) throws -> Checksum
    func search(_ queries: [String]) throws -> Checksum
    func stream(rows: Int) throws -> Checksum
    /// Creates a database at `path` and applies the schema's migrations.
    static func openAndMigrate(path: String) throws
}

/// The SQL every implementation streams: generated rows, so the scan measures the cursor
/// and the decoding, not the table.
func streamSQL(rows: Int) -> String {
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows)) SELECT i, 'row-' || i || '-' || (i * 7919 % 100003) FROM n"
}
