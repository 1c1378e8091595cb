#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension MigrationError: LocalizedError {
    /// The same text as ``description``, so that `localizedDescription` (and any code that shows
    /// a `LocalizedError`) says what failed and what to do.
    public var errorDescription: String? { description }
}
