internal import CDossierSQLite

/// Streams the rows of a statement one at a time: fetching a million rows holds one row in
/// memory, not a million.
///
/// ```swift
/// let cursor = try db.cursor("SELECT id, title FROM records")
/// while let row = try cursor.next() {
///     print(try row.int64(0), try row.text(1))
/// }
/// ```
///
/// When the cursor is exhausted, or released early, its statement is reset, which ends the
/// statement's read transaction so that WAL checkpoints are not held back.
public final class RowCursor {
    /// The statement the cursor steps.
    public let statement: Statement
    private var isDone = false

    init(statement: Statement) {
        self.statement = statement
        statement.beginUse()
    }

    deinit {
        if !isDone { finish() }
    }

    /// Ends the cursor's use of its statement, resetting it.
    private func finish() {
        isDone = true
        statement.endUse()
        statement.reset()
    }

    /// The next row, or `nil` when there are no more.
    ///
    /// The row is valid until the next call.
    public func next() throws -> Row? {
        guard !isDone else { return nil }
        do {
            if try statement.step() { return Row(statement: statement) }
        } catch {
            finish()
            throw error
        }
        finish()
        return nil
    }

    /// Calls `body` with each remaining row.
    public func forEach(_ body: (Row) throws -> Void) throws {
        while let row = try next() {
            try body(row)
        }
    }
}
