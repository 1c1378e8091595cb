import ArgumentParser
import Dossier
import DossierDB

/// `dossier migrate status|up|verify|repair`.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Show, apply, verify or repair the schema migrations compiled into this build.",
        discussion: """
            Examples:
              dossier migrate                 # the same as migrate status
              dossier migrate up --to 2
              dossier migrate verify --database dossier.sqlite
              dossier migrate repair
            """,
        subcommands: [Status.self, Up.self, Verify.self, Repair.self],
        defaultSubcommand: Status.self
    )

    /// `dossier migrate status`: which migrations are applied, pending, edited or unknown.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the migrations and whether each is applied (reads only).",
            discussion: """
                Examples:
                  dossier migrate status
                  dossier migrate status --database other.sqlite --format json
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let status = try ContentSchema.status(
                ofDatabaseAt: global.databasePath, busyTimeout: global.busyTimeoutDuration, immutable: global.immutable)
            try StandardStreams.write(output.render(MigrateCommand.table(for: status, known: try ContentSchema.migrations())))
            if let refusal = status.refusal {
                throw CommandFailure(refusal.description, status: .migration)
            }
        }
    }

    /// `dossier migrate up [--to V] [--dry-run]`.
    struct Up: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations, each in its own transaction, after a backup.",
            discussion: """
                A database that already holds data is first copied to <database>.pre-v<N>-<time>.bak. \
                To restore it, replace the database file (and delete its -wal and -shm files) with the backup.

                Examples:
                  dossier migrate up
                  dossier migrate up --to 2 --database dossier.sqlite
                  dossier migrate up --dry-run
                """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("to"), help: "Apply migrations up to and including this version.")
        var target: Int?

        @Flag(help: "Run the pending migrations in a transaction that is rolled back: validates them and changes nothing.")
        var dryRun = false

        func run() throws {
            try global.refuseImmutable()
            let report = try ContentSchema.migrate(
                databaseAt: global.databasePath, upTo: target, dryRun: dryRun, busyTimeout: global.busyTimeoutDuration)
            if let backup = report.backupPath {
                try printLine("backup: \(backup)")
            }
            if report.applied.isEmpty {
                try printLine("nothing to apply: the database is at version \(report.currentVersion.map(String.init) ?? "0")")
            }
            for migration in report.applied {
                try printLine("\(report.isDryRun ? "would apply" : "applied") \(migration.fileName)")
            }
        }
    }

    /// `dossier migrate verify`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check checksums, unknown and pending migrations, integrity and foreign keys (reads only).",
            discussion: """
                Exits 0 when everything holds, 5 for drifted, unknown or pending migrations or a \
                schema edited outside them (a dropped or altered trigger, table, index or view), \
                4 for integrity or foreign key problems.

                Example:
                  dossier migrate verify --database dossier.sqlite
                """)

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let verification = try ContentSchema.verify(
                databaseAt: global.databasePath, busyTimeout: global.busyTimeoutDuration, immutable: global.immutable)
            for object in verification.unmanagedObjects {
                try printLine("note: \(object) was not created by a migration; the migrator leaves it alone")
            }
            guard !verification.isSound else {
                try printLine("ok: \(verification.status.applied.count) migrations verified; schema, integrity and foreign keys sound")
                return
            }
            for problem in verification.problems {
                try printLine("problem: \(problem)")
            }
            let status = verification.status
            let migrationProblem =
                !status.modified.isEmpty || !status.unknown.isEmpty || !status.pending.isEmpty
                || !verification.schemaDrift.isEmpty
            throw CommandFailure(
                "verification found \(verification.problems.count) problem(s)",
                status: migrationProblem ? .migration : .validation)
        }
    }

    /// `dossier migrate repair`.
    struct Repair: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a schema edited outside the migrations (dropped triggers, a rewritten table), after a backup.",
            discussion: """
                Recreates missing or altered triggers, indexes and views from the migrations, drops \
                triggers no migration created on Dossier's tables, and rebuilds a table that lost its \
                constraints but kept its columns. The file is first copied to \
                <database>.pre-repair-<time>.bak. A table that is missing or whose columns changed \
                cannot be restored: the command then exits 5 and changes nothing. Changes made while \
                the triggers were missing left no audit rows; run `dossier check` afterwards.

                Example:
                  dossier migrate repair --database dossier.sqlite
                """)

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.refuseImmutable()
            let repair = try ContentSchema.repair(databaseAt: global.databasePath, busyTimeout: global.busyTimeoutDuration)
            guard !repair.isEmpty else {
                try printLine("nothing to repair: the schema is what the migrations create")
                return
            }
            if let backup = repair.backupPath {
                try printLine("backup: \(backup)")
            }
            for table in repair.rebuiltTables {
                try printLine("rebuilt table \(table)")
            }
            for object in repair.recreated {
                try printLine("recreated \(object)")
            }
            for trigger in repair.droppedTriggers {
                try printLine("dropped trigger \(trigger) (no migration created it)")
            }
        }
    }

    static func table(for status: MigrationStatus, known: [Migration]) -> OutputTable {
        let applied = Dictionary(uniqueKeysWithValues: status.applied.map { ($0.version, $0) })
        let modified = Set(status.modified.map(\.migration.version))
        var rows: [[OutputValue]] = known.map { migration in
            let entry = applied[migration.version]
            let state = modified.contains(migration.version) ? "modified" : entry == nil ? "pending" : "applied"
            return [.integer(Int64(migration.version)), .string(migration.name), .string(state), .string(entry?.appliedAt)]
        }
        for entry in status.unknown {
            rows.append([.integer(Int64(entry.version)), .string(entry.name), .string("unknown"), .string(entry.appliedAt)])
        }
        return OutputTable(columns: ["version", "name", "status", "applied_at"], rows: rows)
    }
}
