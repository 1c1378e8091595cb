import DossierDB
import Testing

@Suite("Statements, binding and reading")
struct StatementTests {
    @Test("the statement cache hands back the same prepared statement")
    func cacheReuse() throws {
        let db = try DatabaseConnection.inMemory()
        let countBefore = db.cachedStatementCount
        let first = try db.cachedStatement("SELECT ?")
        let second = try db.cachedStatement("SELECT ?")
        #expect(first === second)
        #expect(db.cachedStatementCount == countBefore + 1)
        // A statement handed out again is reset and its bindings cleared.
        try first.bind(42, at: 1)
        #expect(try first.step())
        let third = try db.cachedStatement("SELECT ?")
        #expect(try third.fetchOne { try $0.isNull(0) } == true)
        db.clearStatementCache()
        #expect(db.cachedStatementCount == countBefore)
        #expect(try db.cachedStatement("SELECT ?") !== first)
    }

    @Test("a fetch inside a fetch of the same SQL gets its own statement and never restarts the outer rows")
    func nestedFetchOfTheSameSQL() throws {
        let db = try DatabaseConnection.inMemory()
        try db.execute("CREATE TABLE n(x INTEGER) STRICT; INSERT INTO n VALUES (1), (2), (3)")
        let sql = "SELECT x FROM n WHERE x >= ? ORDER BY x"
        var pairs: [[Int]] = []
        // Each inner fetch runs the SQL the outer one is stepping. Resetting the cached statement
        // under the outer loop would start it over, for ever; here it must see 3 rows, then end.
        let outer = try db.fetchAll(sql, [1]) { row -> Int in
            let x = try row.int(0)
            pairs.append(try db.fetchAll(sql, [.integer(Int64(x))]) { try $0.int(0) })
            return x
        }
        #expect(outer == [1, 2, 3])
        #expect(pairs == [[1, 2, 3], [2, 3], [3]])
        // The same through a cursor on a cached statement, and with CachedSQL.
        let cached = CachedSQL(sql)
        var inner: [Int] = []
        let cursor = try db.cachedStatement(cached).makeCursor()
        try cursor.statement.bind(1, at: 1)
        while let row = try cursor.next() {
            _ = try row.int(0)
            inner += try db.fetchAll(cached, [3]) { try $0.int(0) }
        }
        #expect(inner == [3, 3, 3])
        // Once the outer fetch is done, the cached statement is reused again.
        #expect(try db.cachedStatement(cached) === cursor.statement)
    }

    @Test("the user's statement cache and the library's are separate")
    func separateCaches() throws {
        let db = try DatabaseConnection.inMemory()
        let library = LibraryConnection(db)
        let sql = "SELECT 1"
        let mine = try db.cachedStatement(sql)
        let its = try library.cachedStatement(sql)
        #expect(mine !== its)
        // Clearing the user's cache leaves the library's statements alone.
        db.clearStatementCache()
        #expect(try library.cachedStatement(sql) === its)
        #expect(try db.cachedStatement(sql) !== mine)
    }

    @Test("reading a number from text or a blob is an error naming the column, not a silent 0")
    func typeMismatches() throws {
        let db = try DatabaseConnection.inMemory()
        let row = "SELECT 'abc' AS word, x'00ff' AS bytes, 2.5 AS half, 3.0 AS whole, 7 AS seven, NULL AS empty"
        func error(_ read: (Row) throws -> Void) -> DatabaseError? {
            do {
                _ = try db.fetchOne(row) { try read($0) }
                return nil
            } catch let error as DatabaseError {
                return error
            } catch {
                return nil
            }
        }
        for (read, column) in [
            ({ (row: Row) in _ = try row.int64(0) }, "word"), ({ (row: Row) in _ = try row.int(1) }, "bytes"),
            ({ (row: Row) in _ = try row.bool(0) }, "word"), ({ (row: Row) in _ = try row.double(0) }, "word"),
            ({ (row: Row) in _ = try row.double(1) }, "bytes"), ({ (row: Row) in _ = try row.int64(2) }, "half"),
            ({ (row: Row) in _ = try row.optionalInt64(0) }, "word"), ({ (row: Row) in _ = try row.optionalDouble(1) }, "bytes"),
        ] as [((Row) throws -> Void, String)] {
            let found = try #require(error(read), "reading \(column)")
            #expect(found.resultCode == .mismatch)
            #expect(found.message.contains("(\(column))"), "\(found.message)")
        }
        // What converts exactly still reads.
        let values = try db.fetchOne(row) { row in
            (try row.int64(3), try row.double(4), try row.optionalInt64(5), try row.bool(4))
        }
        #expect(values?.0 == 3 && values?.1 == 7 && values?.2 == nil && values?.3 == true)
    }

    @Test("CachedSQL finds its statement by identity, not by text")
    func cachedByIdentity() throws {
        let db = try DatabaseConnection.inMemory()
        let first = CachedSQL("SELECT ?")
        let twin = CachedSQL("SELECT ?")
        let statement = try db.cachedStatement(first)
        #expect(try db.cachedStatement(first) === statement)
        #expect(try db.cachedStatement(twin) !== statement)
        #expect(try db.fetchOne(first, [7]) { try $0.int(0) } == 7)
        // The text-keyed cache is separate.
        #expect(try db.cachedStatement("SELECT ?") !== statement)
    }

    @Test("CachedSQL statements keep no values between calls, past the array slots too")
    func cachedByIdentityKeepsNoValues() throws {
        let db = try DatabaseConnection.inMemory()
        let before = db.cachedStatementCount
        // More CachedSQL values than connections index by array: the later ones overflow into
        // the dictionary, and every one still finds its own statement.
        let queries = (0..<1_100).map { CachedSQL("SELECT ? + \($0)") }
        for (offset, query) in queries.enumerated() {
            #expect(try db.fetchOne(query, [1]) { try $0.int(0) } == offset + 1)
        }
        #expect(db.cachedStatementCount == before + queries.count)
        for (offset, query) in queries.enumerated() where offset % 100 == 0 {
            #expect(try db.fetchOne(query, [2]) { try $0.int(0) } == offset + 2)
            // The fetches skip clearing the old value because they bind every parameter; a
            // call that binds nothing must still fail rather than reuse it.
            #expect(throws: DatabaseError.self) { try db.fetchOne(query) { try $0.int(0) } }
            // The statement handed out by the public method has its bindings cleared.
            let statement = try db.cachedStatement(query)
            #expect(try statement.fetchOne { try $0.isNull(0) } == true)
        }
    }

    @Test("a lookup by one key binds it without an argument list, and refuses SQL with another parameter count")
    func fetchOneBindingOneValue() throws {
        let db = try DatabaseConnection.inMemory()
        try db.execute("CREATE TABLE n(id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT; INSERT INTO n VALUES (1, 'one'), (2, 'two')")
        let byID = CachedSQL("SELECT name FROM n WHERE id = ?")
        #expect(try db.fetchOne(byID, binding: .integer(2)) { try $0.text(0) } == "two")
        #expect(try db.fetchOne(byID, binding: .integer(3)) { try $0.text(0) } == nil)
        // The same statement through the argument-list path sees the new value, not the old one.
        #expect(try db.fetchOne(byID, [1]) { try $0.text(0) } == "one")
        for sql in ["SELECT name FROM n", "SELECT name FROM n WHERE id = ? OR name = ?"] {
            let error = try #require(throws: DatabaseError.self) { try db.fetchOne(CachedSQL(sql), binding: .integer(1)) { _ in 0 } }
            #expect(error.resultCode == .range && error.sql == sql)
        }
    }

    @Test("every value type and NULL binds and reads back exactly")
    func bindingRoundTrip() throws {
        let db = try DatabaseConnection.inMemory()
        try db.execute("CREATE TABLE v(i INTEGER, r REAL, t TEXT, b BLOB, n ANY) STRICT")
        let insert = try db.cachedStatement("INSERT INTO v VALUES (?, ?, ?, ?, ?)")
        try insert.bind(Int64.min, at: 1)
        try insert.bind(-0.5, at: 2)
        try insert.bind("naïve ’quote’ 🧪\u{0}tail", at: 3)
        try insert.bind([0, 255, 1] as [UInt8], at: 4)
        try insert.bindNull(at: 5)
        try insert.run()
        try db.execute("INSERT INTO v VALUES (?, ?, ?, ?, ?)", [.integer(Int64.max), .real(1e300), .text(""), .blob([]), true])
        let optionalNil: String? = nil
        let insertOptional = try db.cachedStatement("INSERT INTO v(i, t) VALUES (?, ?)")
        try insertOptional.bind(Int?.some(7), at: 1)
        try insertOptional.bind(optionalNil, at: 2)
        try insertOptional.run()

        let rows = try db.fetchAll("SELECT i, r, t, b, n FROM v ORDER BY rowid") { try $0.values() }
        #expect(rows[0] == [.integer(Int64.min), .real(-0.5), .text("naïve ’quote’ 🧪\u{0}tail"), .blob([0, 255, 1]), .null])
        // The empty string is text and the empty blob a blob, not NULL.
        #expect(rows[1] == [.integer(Int64.max), .real(1e300), .text(""), .blob([]), .integer(1)])
        #expect(rows[2] == [.integer(7), .null, .null, .null, .null])
        let typed = try db.fetchOne("SELECT i, r, t, b FROM v WHERE rowid = 1") { row in
            (try row.int64(0), try row.double(1), try row.text(2), try row.blob(3))
        }
        #expect(typed?.0 == Int64.min && typed?.1 == -0.5 && typed?.3 == [0, 255, 1])
        #expect(typed?.2.unicodeScalars.count == "naïve ’quote’ 🧪\u{0}tail".unicodeScalars.count)
    }

    @Test("named parameters bind with or without their prefix")
    func namedParameters() throws {
        let db = try DatabaseConnection.inMemory()
        let value = try db.fetchOne("SELECT :a || @b || $c", ["a": "1", "@b": "2", "c": "3"]) { try $0.text(0) }
        #expect(value == "123")
        let error = try #require(throws: DatabaseError.self) {
            try db.fetchOne("SELECT :a", ["nope": 1]) { try $0.text(0) }
        }
        #expect(error.resultCode == .range)
        #expect(error.message.contains("nope"))
        #expect(throws: DatabaseError.self) { try db.fetchOne("SELECT ?", [1, 2]) { _ in 0 } }
    }

    @Test("a parameter left without a value is an error naming it, not a silent NULL")
    func unboundParameters() throws {
        let db = try DatabaseConnection.inMemory()
        let named = try #require(throws: DatabaseError.self) { try db.fetchOne("SELECT :a, :b", ["a": 1]) { _ in 0 } }
        #expect(named.resultCode == .range && named.message.contains(":b") && !named.message.contains(":a"))
        let positional = try #require(throws: DatabaseError.self) { try db.fetchOne("SELECT ?, ?", [1]) { _ in 0 } }
        #expect(positional.message.contains("?2"))
        // Explicit NULL is a value; a parameter used twice needs one value.
        #expect(try db.fetchOne("SELECT :a IS NULL AND :a IS NULL", ["a": SQLValue.null]) { try $0.int(0) } == 1)
        // A cached statement does not keep the previous call's values.
        #expect(try db.fetchOne("SELECT ?", [7]) { try $0.int(0) } == 7)
        #expect(throws: DatabaseError.self) { try db.fetchOne("SELECT ?") { _ in 0 } }
    }

    @Test("reading past the last column, or without a row, is an error, not a crash")
    func columnOutOfRange() throws {
        let db = try DatabaseConnection.inMemory()
        let statement = try db.prepare("SELECT 1, 'two'")
        let cursor = statement.makeCursor()
        let row = try #require(try cursor.next())
        #expect(row.count == 2)
        for index in [2, 3, -1, Int.max] {
            let error = try #require(throws: DatabaseError.self) { try row.int64(index) }
            #expect(error.resultCode == .range)
            #expect(error.message.contains("out of range"))
        }
        #expect(try cursor.next() == nil)
        // The statement is done: the row has no columns any more.
        let error = try #require(throws: DatabaseError.self) { try row.text(0) }
        #expect(error.message.contains("no row is available"))
    }

    @Test("a non-optional read of NULL names the column")
    func nullColumn() throws {
        let db = try DatabaseConnection.inMemory()
        let error = try #require(throws: DatabaseError.self) {
            try db.fetchOne("SELECT NULL AS missing") { try $0.text(0) }
        }
        #expect(error.resultCode == .mismatch)
        #expect(error.message.contains("missing"))
        #expect(try db.fetchOne("SELECT NULL") { try $0.optionalText(0) } == .some(nil))
    }

    @Test("withUTF8 lends a text column's bytes, and refuses NULL and bad indexes")
    func borrowedBytes() throws {
        let db = try DatabaseConnection.inMemory()
        let bytes = try db.fetchOne("SELECT 'naïve', NULL AS gap") { row in try row.withUTF8(0) { Array($0) } }
        #expect(bytes == Array("naïve".utf8))
        let null = try #require(throws: DatabaseError.self) {
            try db.fetchOne("SELECT NULL AS gap") { row in try row.withUTF8(0) { $0.count } }
        }
        #expect(null.message.contains("gap"))
        #expect(throws: DatabaseError.self) {
            try db.fetchOne("SELECT 'x'") { row in try row.withUTF8(1) { $0.count } }
        }
    }

    @Test("one statement per prepare; scripts go through execute")
    func multipleStatements() throws {
        let db = try DatabaseConnection.inMemory()
        let error = try #require(throws: DatabaseError.self) { try db.prepare("SELECT 1; SELECT 2") }
        #expect(error.resultCode == .misuse)
        // Trailing whitespace, semicolons and comments are not statements.
        _ = try db.prepare("SELECT 1;  -- done\n")
        #expect(throws: DatabaseError.self) { try db.prepare("   ") }
        #expect(throws: DatabaseError.self) { try db.prepare("SELEC 1") }
    }

    @Test("a failed step carries the extended code and the SQL, and the statement is reusable")
    func stepError() throws {
        let db = try DatabaseConnection.inMemory()
        try db.execute("CREATE TABLE u(x INTEGER UNIQUE) STRICT")
        let insert = "INSERT INTO u VALUES (?)"
        try db.execute(insert, [1])
        let error = try #require(throws: DatabaseError.self) { try db.execute(insert, [1]) }
        #expect(error.extendedResultCode == .constraintUnique)
        #expect(error.isUniqueViolation && error.isConstraintViolation)
        #expect(error.sql == insert)
        #expect(error.description.contains("UNIQUE constraint failed"))
        try db.execute(insert, [2])
        #expect(try db.fetchOne("SELECT count(*) FROM u") { try $0.int(0) } == 2)
        let mismatch = try #require(throws: DatabaseError.self) { try db.execute(insert, ["text"]) }
        #expect(mismatch.extendedResultCode == .constraintDatatype)
    }

    @Test("a cursor streams rows and can be abandoned early")
    func cursorStreaming() throws {
        let db = try DatabaseConnection.inMemory()
        let cursor = try db.cursor(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT i FROM n", [100_000])
        var sum: Int64 = 0
        var count = 0
        while let row = try cursor.next() {
            sum += try row.int64(0)
            count += 1
        }
        #expect(count == 100_000)
        #expect(sum == 5_000_050_000)
        #expect(try cursor.next() == nil)
        let early = try db.cursor("SELECT 1 UNION ALL SELECT 2")
        #expect(try early.next() != nil)
    }

    @Test("SQLValue renders SQL literals")
    func literals() {
        #expect(SQLValue.text("it's").description == "'it''s'")
        #expect(SQLValue.blob([0, 255]).description == "X'00FF'")
        #expect(SQLValue.null.description == "NULL")
        #expect(SQLValue(booleanLiteral: true) == .integer(1))
    }
}
