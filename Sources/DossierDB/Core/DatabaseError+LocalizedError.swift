// Foundation only for `LocalizedError`: FoundationEssentials where it exists (Linux), which
// brings no ICU along; the whole of Foundation elsewhere.
#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension DatabaseError: LocalizedError {
    /// The same text as ``description``, so that `localizedDescription` (and any code that shows
    /// a `LocalizedError`) says what failed instead of "The operation could not be completed".
    public var errorDescription: String? { description }
}
