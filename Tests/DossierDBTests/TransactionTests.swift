import DossierDB
import Testing

@Suite("Transactions and savepoints")
struct TransactionTests {
    struct Failure: Error {}

    private func makeDatabase() throws -> DatabaseConnection {
        let db = try DatabaseConnection.inMemory()
        try db.execute("CREATE TABLE t(x INTEGER) STRICT")
        return db
    }

    private func values(_ db: DatabaseConnection) throws -> [Int] {
        try db.fetchAll("SELECT x FROM t ORDER BY x") { try $0.int(0) }
    }

    @Test("a transaction commits when its body returns")
    func commit() throws {
        let db = try makeDatabase()
        let result = try db.transaction { () throws -> String in
            try db.execute("INSERT INTO t VALUES (1)")
            #expect(db.isInsideTransaction)
            return "done"
        }
        #expect(result == "done")
        #expect(!db.isInsideTransaction)
        #expect(try values(db) == [1])
    }

    @Test("a transaction rolls back everything when its body throws")
    func rollback() throws {
        let db = try makeDatabase()
        #expect(throws: Failure.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (1)")
                throw Failure()
            }
        }
        #expect(!db.isInsideTransaction)
        #expect(try values(db) == [])
    }

    @Test("a failed nested transaction rolls back only its own work")
    func nestedSavepointRollback() throws {
        let db = try makeDatabase()
        try db.transaction {
            try db.execute("INSERT INTO t VALUES (1)")
            #expect(throws: Failure.self) {
                try db.transaction {
                    try db.execute("INSERT INTO t VALUES (2)")
                    try db.savepoint {
                        try db.execute("INSERT INTO t VALUES (3)")
                    }
                    throw Failure()
                }
            }
            // The outer transaction is still open and keeps its row.
            #expect(db.isInsideTransaction)
            #expect(try values(db) == [1])
            try db.savepoint {
                try db.execute("INSERT INTO t VALUES (4)")
            }
        }
        #expect(try values(db) == [1, 4])
    }

    @Test("an error that propagates out of the nesting rolls back the outer transaction too")
    func nestedErrorPropagates() throws {
        let db = try makeDatabase()
        #expect(throws: Failure.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (1)")
                try db.transaction {
                    try db.execute("INSERT INTO t VALUES (2)")
                    throw Failure()
                }
            }
        }
        #expect(try values(db) == [])
    }

    @Test("a deferred foreign key violation fails the commit and rolls back")
    func failedCommit() throws {
        let db = try DatabaseConnection.inMemory()
        try db.execute(
            """
            CREATE TABLE p(id INTEGER PRIMARY KEY) STRICT;
            CREATE TABLE c(p INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED) STRICT;
            """)
        let error = try #require(throws: DatabaseError.self) {
            try db.transaction { try db.execute("INSERT INTO c VALUES (42)") }
        }
        #expect(error.isForeignKeyViolation)
        #expect(!db.isInsideTransaction)
        #expect(try db.fetchOne("SELECT count(*) FROM c") { try $0.int(0) } == 0)
    }
}
