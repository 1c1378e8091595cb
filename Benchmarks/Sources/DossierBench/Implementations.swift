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
    /// The same lookups one call each, every call in a read transaction of its own: the way an
    /// app looks a record up.
    func singleLookupsBySlug(_ slugs: [String]) throws -> Checksum
    func search(_ queries: [String]) throws -> Checksum
    /// Reads every row of `stream_rows` through a cursor.
    func stream() throws -> Checksum
    /// Creates a database at `path` and applies the schema's migrations.
    static func openAndMigrate(path: String) throws
}

/// The SQL every implementation streams: a stored table of generated rows, so the scan measures
/// the cursor and the decoding over real pages.
let streamSQL = "SELECT id, label FROM stream_rows ORDER BY id"
