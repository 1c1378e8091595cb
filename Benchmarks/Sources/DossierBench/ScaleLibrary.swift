import Dossier
import Foundation

/// The two library calls the scale phases measure, in one place: the streaming import and
/// export are being written; until they land these stand in with the whole-document calls.
enum ScaleLibrary {
    /// Imports the corpus at `path` (NDJSON or the JSON document) into `content`.
    static func importExport(_ content: ContentDatabase, atPath path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try content.importJSON(text, name: URL(fileURLWithPath: path).lastPathComponent)
    }

    /// Writes the whole content of `content` to `sink` as NDJSON.
    static func exportNDJSON(_ content: ContentDatabase, to sink: FileSink) throws {
        try sink.write(try content.exportJSON())
    }

    /// Whether ``importExport(_:atPath:)`` reads NDJSON (the stand-in reads only the document).
    static let readsNDJSON = false
}
