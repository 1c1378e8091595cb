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
    /// The files read so far (all of them, for embedded and in-memory bundles), by path
    /// relative to the bundle's root.
    let files: [String: FileContents]
    /// The folder the other files are read from on demand; `nil` when there is none.
    var root: String?

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
        return SeedBundle(origin: "embedded Seeds/", files: files, root: nil)
    }

    /// The seed files of a folder: the `.json` files at its top are read now; the texts they
    /// name are read when a dossier uses them, so nothing else in the folder (or below it) is
    /// ever touched — `dossier seed /` reads one folder listing, not the whole disk.
    ///
    /// - throws: ``SeedError/invalid(_:)`` when the folder cannot be read. A file that is not
    ///   valid UTF-8 is reported when a dossier uses it.
    public static func folder(_ path: String) throws -> SeedBundle {
        let root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue,
            let names = try? FileManager.default.contentsOfDirectory(atPath: root)
        else {
            throw SeedError.invalid([SeedProblem(file: path, path: "", reason: "is not a readable folder of seed files")])
        }
        var files: [String: FileContents] = [:]
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            if let contents = readFile(root + "/" + name) { files[name] = contents }
        }
        return SeedBundle(origin: path, files: files, root: root)
    }

    /// The contents of the file at `relative` (a path inside the bundle), or `nil` when there is
    /// none. A path that climbs out of the bundle (`..`, or absolute) is not followed.
    func contents(of relative: String) -> FileContents? {
        if let contents = files[relative] { return contents }
        guard let root else { return nil }
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.hasPrefix("/"), !components.contains(".."), !components.contains("") else {
            return .unreadable("is not a path inside the seed folder (no absolute paths, no ..)")
        }
        return Self.readFile(root + "/" + relative)
    }

    /// A regular file's text; `nil` when there is no regular file at `path`.
    private static func readFile(_ path: String) -> FileContents? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        if let size = attributes[.size] as? Int, size > 200_000_000 {
            return .unreadable("is larger than 200 MB")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return .unreadable("cannot be read") }
        return decode(data)
    }

    /// A bundle made of in-memory files, for tests and tools.
    public static func files(_ contents: [String: String], origin: String = "in-memory seeds") -> SeedBundle {
        SeedBundle(origin: origin, files: contents.mapValues { .text($0) }, root: nil)
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
