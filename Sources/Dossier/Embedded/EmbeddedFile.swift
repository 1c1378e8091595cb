/// A file of the package's `Migrations/` or `Seeds/` folder, compiled into the library by the
/// `EmbedContentFiles` build plugin (`EmbeddedFile.all` is generated).
struct EmbeddedFile: Sendable, Hashable {
    /// The path relative to the package root, e.g. `Migrations/0001_content_schema.sql`.
    let path: String
    /// The file's exact text.
    let contents: String

    /// The embedded files whose path starts with `folder` + "/".
    static func files(in folder: String) -> [EmbeddedFile] {
        all.filter { $0.path.hasPrefix(folder + "/") }
    }
}
