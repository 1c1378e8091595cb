import Dossier
import Foundation

/// The two library calls the scale phases measure, in one place.
enum ScaleLibrary {
    /// Imports the corpus at `path` (NDJSON or the JSON document) into `content`.
    static func importExport(_ content: ContentDatabase, atPath path: String) throws {
        try content.importExport(atPath: path)
    }

    /// Writes the whole content of `content` to `sink` as NDJSON.
    static func exportNDJSON(_ content: ContentDatabase, to sink: FileSink) throws {
        try content.exportNDJSON { try sink.write($0) }
    }

    /// Whether ``importExport(_:atPath:)`` reads NDJSON (the whole-document stand-in did not).
    static let readsNDJSON = true
}
