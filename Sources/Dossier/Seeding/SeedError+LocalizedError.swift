public import Foundation

extension SeedError: LocalizedError {
    /// The same text as ``description``: the summary, then one line per problem.
    public var errorDescription: String? { description }
}
