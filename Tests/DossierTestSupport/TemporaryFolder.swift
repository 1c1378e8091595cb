import Foundation

/// A folder of its own under the system's temporary folder, for a test's database files.
/// Remove it with ``remove()`` (typically in a `defer`).
public struct TemporaryFolder: Sendable {
    /// The folder's path.
    public let path: String

    /// Creates an empty folder whose name starts with `prefix`.
    public init(_ prefix: String = "dossier-test") throws {
        path = NSTemporaryDirectory() + "\(prefix)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of a file in the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Removes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
