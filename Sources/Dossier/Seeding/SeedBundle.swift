import Foundation

/// The seed files to apply: the ones compiled into the library, or a folder on disk laid out
/// the same way — one JSON file per dossier at the top, source texts beside them.
///
/// ```
/// Seeds/
///   ketamine.json                 the dossier: sources, entities, records, relations
///   sources/ketamine-journey.txt  the verbatim text ketamine.json cites
/// ```
public struct SeedBundle: Sendable, Hashable {
    /// Where the files come from, for messages: "embedded Seeds/" or the folder's path.
    public let origin: String
    /// Every file, by path relative to the bundle's root.
    let files: [String: FileContents]

    /// A file's contents, or why it could not be read as text.
    enum FileContents: Sendable, Hashable {
        case text(String)
        case unreadable(String)
    }

    /// The seeds compiled into the library: the package's `Seeds/` folder as it was at build time.
    public static var embedded: SeedBundle {
        var files: [String: FileContents] = [:]
        for file in EmbeddedFile.files(in: "Seeds") {
            files[String(file.path.dropFirst("Seeds/".count))] = .text(file.contents)
        }
        return SeedBundle(origin: "embedded Seeds/", files: files)
    }

    /// The seed files of a folder.
    ///
    /// - throws: ``SeedError/invalid(_:)`` when the folder cannot be read. A file that is not
    ///   valid UTF-8 is reported when a dossier uses it.
    public static func folder(_ path: String) throws -> SeedBundle {
        let root = URL(fileURLWithPath: path, isDirectory: true)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue,
              let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey], options: [.skipsHiddenFiles])
        else {
            throw SeedError.invalid([SeedProblem(file: path, path: "", reason: "is not a readable folder of seed files")])
        }
        var files: [String: FileContents] = [:]
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            guard values?.isRegularFile == true else { continue }
            let relative = url.standardizedFileURL.path.hasPrefix(prefix)
                ? String(url.standardizedFileURL.path.dropFirst(prefix.count)) : url.lastPathComponent
            if let size = values?.fileSize, size > 200_000_000 {
                files[relative] = .unreadable("is larger than 200 MB")
                continue
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                files[relative] = .unreadable("cannot be read")
                continue
            }
            files[relative] = Self.decode(data)
        }
        return SeedBundle(origin: path, files: files)
    }

    /// A bundle made of in-memory files, for tests and tools.
    public static func files(_ contents: [String: String], origin: String = "in-memory seeds") -> SeedBundle {
        SeedBundle(origin: origin, files: contents.mapValues { .text($0) })
    }

    /// Strict UTF-8: malformed bytes are an error, not replacement characters in a "verbatim"
    /// text. A byte order mark is dropped.
    static func decode(_ data: Data) -> FileContents {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .unreadable("is not valid UTF-8 text")
        }
        return .text(text)
    }

    /// The dossier files: the JSON files at the top of the bundle, by name.
    var dossierFiles: [String] {
        files.keys.filter { $0.hasSuffix(".json") && !$0.contains("/") }.sorted()
    }
}
