public import Foundation

extension ContentError: LocalizedError {
    /// The same text as ``description``, so that `localizedDescription` (and any code that shows
    /// a `LocalizedError`) says what failed and what to do.
    public var errorDescription: String? { description }
}
