/// How far a long operation on the content has come: an import, an export, a seeding run or
/// the curation checks. Reported to a ``ContentProgress/Handler`` as the work goes on.
public struct ContentProgress: Sendable, Hashable {
    /// The operation that reports.
    public enum Operation: String, Sendable, Hashable {
        /// Reading an export into the database (objects applied).
        case importing
        /// Writing an export (objects written).
        case exporting
        /// Applying seed files (items applied).
        case seeding
        /// Running the curation checks (rows checked).
        case checking
    }

    /// The operation.
    public var operation: Operation
    /// How many objects, items or rows are done.
    public var completed: Int
    /// How many there are in all, when known beforehand.
    public var total: Int?

    /// A report of `completed` (out of `total`, when known) for `operation`.
    public init(_ operation: Operation, completed: Int, total: Int? = nil) {
        self.operation = operation
        self.completed = completed
        self.total = total
    }

    /// Receives progress on the thread doing the work, after each object: it must return
    /// quickly, and throttle itself if it draws (the CLI redraws at most a few times a second).
    public typealias Handler = (ContentProgress) -> Void
}
