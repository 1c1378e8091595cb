import Dossier
import DossierTestSupport
import Foundation
import Testing

@Suite("App migrations beside Dossier's: their own ledger, in every order, and the way out of the shared-ledger trap")
struct AppMigrationTests {
    private static func bookmarks() throws -> Migration {
        try Migration(
            fileName: "1001_app_bookmarks.sql",
            sql: "CREATE TABLE app_bookmarks(id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE) STRICT;")
    }

    /// Version 1, as Dossier's first migration: namespaces keep them apart.
    private static func preferences() throws -> Migration {
        try Migration(fileName: "0001_app_preferences.sql", sql: "CREATE TABLE app_preferences(key TEXT PRIMARY KEY, value TEXT) STRICT;")
    }

    private static func options(_ migrations: [Migration]) -> ContentDatabase.OpenOptions {
        var options = ContentDatabase.OpenOptions()
        options.appMigrations = migrations
        options.backup = .none
        return options
    }

    private static func ledger(_ content: ContentDatabase, _ table: String) throws -> [Int] {
        try content.pool.read { db in
            try db.fetchAll("SELECT version FROM \(table) ORDER BY version") { try $0.int(0) }
        }
    }

    @Test("on a new database, given in any order, they apply after Dossier's in their own ledger", arguments: [false, true])
    func freshDatabase(reversed: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var migrations = [try Self.preferences(), try Self.bookmarks()]
        if reversed { migrations.reverse() }
        let content = try ContentDatabase(path: folder.file("app.sqlite"), options: Self.options(migrations))
        #expect(content.appMigrationReport?.applied.map(\.version) == [1, 1001])
        #expect(try Self.ledger(content, "app_migrations") == [1, 1001])
        let dossierVersions = try ContentSchema.migrations().map(\.version)
        #expect(try Self.ledger(content, ContentSchema.ledgerTable) == dossierVersions)
        // The library's writes and checks are undisturbed by the app's tables.
        try content.seed()
        try content.pool.write { db in try db.execute("INSERT INTO app_bookmarks(slug) VALUES ('synaptic-growth')") }
        #expect(try content.check().errors.isEmpty)
        #expect(try ContentSchema.verify(databaseAt: folder.file("app.sqlite")).isSound)
    }

    @Test("added to a database Dossier made first, then one more later; reopened with or without them")
    func laterAndIncremental() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("app.sqlite")
        do {
            let content = try ContentDatabase(path: path)
            try content.seed()
        }
        var options = Self.options([try Self.bookmarks()])
        options.backup = .inDirectory(folder.path)
        let first = try ContentDatabase(path: path, options: options)
        #expect(first.appMigrationReport?.applied.map(\.version) == [1001])
        #expect(first.appMigrationReport?.backupPath != nil)
        let second = try ContentDatabase(path: path, options: Self.options([try Self.bookmarks(), try Self.preferences()]))
        #expect(second.appMigrationReport?.applied.map(\.version) == [1])
        let again = try ContentDatabase(path: path, options: Self.options([try Self.preferences(), try Self.bookmarks()]))
        #expect(again.appMigrationReport?.applied == [])
        // Dossier alone opens it: another namespace never locks it out.
        let plain = try ContentDatabase(path: path)
        #expect(plain.appMigrationReport == nil)
        #expect(try plain.claims.all().isEmpty == false)
        // Read-only, with the app's migrations checked too.
        var readOnly = ContentDatabase.OpenOptions.readOnlyExisting
        readOnly.appMigrations = [try Self.bookmarks(), try Self.preferences()]
        #expect(try ContentDatabase(path: path, options: readOnly).appMigrationReport?.currentVersion == 1001)
        readOnly.appMigrations.append(try Migration(fileName: "1002_more.sql", sql: "CREATE TABLE app_more(x INTEGER) STRICT;"))
        #expect(throws: ContentError.self) { try ContentDatabase(path: path, options: readOnly) }
    }

    @Test("the app's ledger keeps the same rules: an edited migration and an unknown one are refused, naming them")
    func refusals() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("app.sqlite")
        _ = try ContentDatabase(path: path, options: Self.options([try Self.bookmarks(), try Self.preferences()]))
        let edited = try Migration(fileName: "1001_app_bookmarks.sql", sql: "CREATE TABLE app_bookmarks(id INTEGER PRIMARY KEY) STRICT;")
        let modified = try #require(throws: MigrationError.self) {
            try ContentDatabase(path: path, options: Self.options([edited, try Self.preferences()]))
        }
        #expect(modified.description.contains("1001_app_bookmarks.sql"))
        let unknown = try #require(throws: MigrationError.self) {
            try ContentDatabase(path: path, options: Self.options([try Self.preferences()]))
        }
        #expect(unknown.description.contains("1001"))
        let ownLedger = try #require(throws: ContentError.self) {
            var options = Self.options([try Self.bookmarks()])
            options.appLedgerTable = ContentSchema.ledgerTable
            return try ContentDatabase(path: path, options: options)
        }
        #expect(ownLedger.description.contains("appLedgerTable"))
    }

    @Test("a migration written in Swift runs in its transaction; a failing one changes nothing")
    func swiftMigration() throws {
        let fill = try Migration(version: 1002, name: "fill_bookmarks") { db in
            try db.execute("INSERT INTO app_bookmarks(slug) SELECT slug FROM records WHERE kind = 'event'")
        }
        let content = try ContentDatabase.inMemory(appMigrations: [try Self.bookmarks()])
        try content.seed()
        // In-memory databases cannot be reopened: apply the Swift migration through a Migrator
        // on the same ledger, as the open would.
        let migrator = try Migrator(migrations: [try Self.bookmarks(), fill], ledgerTable: "app_migrations")
        _ = try content.pool.writeWithoutTransaction { db in try migrator.migrate(db, backup: .none) }
        let bookmarked = try content.pool.read { db in try db.fetchOne("SELECT count(*) FROM app_bookmarks") { try $0.int(0) } }
        #expect(bookmarked == (try content.events.all().count))
        let failing = try Migration(version: 1003, name: "failing") { db in
            try db.execute("CREATE TABLE app_half(x INTEGER) STRICT")
            try db.execute("INSERT INTO no_such_table VALUES (1)")
        }
        let failingMigrator = try Migrator(migrations: [try Self.bookmarks(), fill, failing], ledgerTable: "app_migrations")
        #expect(throws: MigrationError.self) {
            try content.pool.writeWithoutTransaction { db in try failingMigrator.migrate(db, backup: .none) }
        }
        #expect(try !content.pool.read { db in try db.tableExists("app_half") })
        #expect(try Self.ledger(content, "app_migrations") == [1001, 1002])
    }

    @Test("the shared-ledger trap: app migrations recorded in Dossier's ledger are moved to the app's, and the file opens again")
    func recoverFromSharedLedger() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("bricked.sqlite")
        // What an app did before app migrations existed: one Migrator, one ledger, both lists.
        do {
            let pool = try DatabasePool(path: path, configuration: ContentDatabase.configuration)
            let shared = try Migrator(
                migrations: try ContentSchema.migrations() + [try Self.bookmarks()], ledgerTable: ContentSchema.ledgerTable)
            _ = try pool.writeWithoutTransaction { db in try shared.migrate(db, backup: .none) }
        }
        let bricked = try #require(throws: MigrationError.self) { try ContentDatabase(path: path) }
        #expect(bricked.description.contains("1001"))
        #expect(bricked.description.contains("moveLedgerEntries"))
        // Opening with the app's migrations moves the entry, after a backup.
        var options = Self.options([try Self.bookmarks()])
        options.backup = .inDirectory(folder.path)
        let content = try ContentDatabase(path: path, options: options)
        #expect(content.appMigrationReport?.applied == [])
        #expect(try Self.ledger(content, "app_migrations") == [1001])
        #expect(try !Self.ledger(content, ContentSchema.ledgerTable).contains(1001))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.contains("pre-ledger-move") })
        // Dossier alone opens it now, writes, and verifies sound: the ledger's guard is back.
        let plain = try ContentDatabase(path: path)
        try plain.seed()
        #expect(try ContentSchema.verify(databaseAt: path).isSound)
        #expect(throws: DatabaseError.self) {
            try plain.pool.writeWithoutTransaction { db in try db.execute("DELETE FROM \(ContentSchema.ledgerTable)") }
        }
    }

    @Test("an app trigger on one of Dossier's tables is drift: the next write is refused")
    func appTriggerOnContentTable() throws {
        let trigger = try Migration(
            fileName: "1001_app_trigger.sql",
            sql: "CREATE TRIGGER app_touch AFTER INSERT ON records BEGIN SELECT 1; END;")
        let content = try ContentDatabase.inMemory(appMigrations: [trigger])
        let error = try #require(throws: MigrationError.self) { try content.seed() }
        #expect(error.description.contains("app_touch"))
    }
}
