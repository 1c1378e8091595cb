extension ContentDatabase {
    /// The whole content as one JSON document (see the README's "Export format"), read in one
    /// snapshot. Exporting the same content always gives the same bytes.
    public func exportJSON() throws -> String {
        try pool.read { db in try ContentExporter(db: db).export().rendered(indent: 2) + "\n" }
    }

    /// Imports an export into this database, in one transaction: what is missing is inserted;
    /// what exists must be identical, or nothing is written.
    ///
    /// Into an empty database this recreates the exported content exactly: export, import,
    /// export again, and the two exports are byte-identical.
    ///
    /// - parameters:
    ///   - text: the export, as ``exportJSON()`` wrote it.
    ///   - name: the file name, for messages.
    /// - throws: ``SeedError/invalid(_:)`` naming each path and reason.
    @discardableResult
    public func importJSON(_ text: String, name: String = "import.json") throws -> SeedReport {
        var parser = SeedParser(bundle: .files([name: text], origin: name))
        parser.flavor = .export
        let sets = try parser.parse()
        return try pool.write { db in try Seeder(db: db, policy: .importExact).apply(sets) }
    }
}
