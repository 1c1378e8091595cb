import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// A path that cannot be opened is refused with its real cause, not one advice for every case.
@Suite("Open failures name their cause")
struct OpenFailureMessageTests {
    static let generic = "check that the path names a file, not a folder"

    static var readOnly: Configuration {
        var configuration = Configuration()
        configuration.accessMode = .readOnly
        return configuration
    }

    /// A seeded WAL database in `folder/name`, closed, with nothing beside it.
    static func walDatabase(in folder: String, named name: String = "dossier.sqlite") throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        try FileManager.default.copyItem(atPath: try SeededTemplate.path.get(), toPath: path)
        return path
    }

    @Test("a folder, a path ending in a slash, a missing file, a missing folder, a file used as a folder")
    func pathCauses() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let asFolder = try #require(throws: DatabaseError.self) { try DatabaseConnection(path: folder.path) }
        #expect(asFolder.message.contains("it is a folder"))
        let slash = try #require(throws: DatabaseError.self) { try DatabaseConnection(path: folder.file("new.sqlite/")) }
        #expect(slash.message.contains("ends in \"/\""), "\(slash.message)")

        let missing = try #require(throws: DatabaseError.self) {
            try DatabaseConnection(path: folder.file("missing.sqlite"), configuration: Self.readOnly)
        }
        #expect(missing.message.contains("there is no file at \(folder.file("missing.sqlite"))"), "\(missing.message)")

        let noParent = try #require(throws: DatabaseError.self) { try DatabaseConnection(path: folder.file("nope/deeper/new.sqlite")) }
        #expect(noParent.message.contains("its folder \(folder.file("nope/deeper")) does not exist"), "\(noParent.message)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("nope")))

        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.file("plain")))
        let fileAsFolder = try #require(throws: DatabaseError.self) { try DatabaseConnection(path: folder.file("plain/new.sqlite")) }
        #expect(fileAsFolder.message.contains("\(folder.file("plain")) is not a folder"), "\(fileAsFolder.message)")

        for error in [asFolder, slash, missing, noParent, fileAsFolder] {
            #expect(!error.message.contains(Self.generic), "\(error.message)")
        }
    }

    @Test("a WAL database whose folder refuses new files names the -wal and -shm SQLite must create")
    func unwritableFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.walDatabase(in: folder.file("shipped"))
        let readOnly = ReadOnlyFolder(folder.file("shipped"), trying: [.permissions, .immutableAttribute, .readOnlyBindMount])
        defer { readOnly.restore() }
        print("OpenFailureMessageTests: folder made read-only with \(readOnly.mechanism.rawValue)")
        guard readOnly.mechanism != .none else {
            // Nothing can stop this process writing here: there is no failure to describe.
            _ = try DatabaseConnection(path: path, configuration: Self.readOnly)
            return
        }
        let viewed = readOnly.file("dossier.sqlite")
        let error = try #require(throws: DatabaseError.self) { try DatabaseConnection(path: viewed, configuration: Self.readOnly) }
        #expect(error.message.contains("dossier.sqlite-wal and dossier.sqlite-shm"), "\(error.message)")
        #expect(error.message.contains("immutable") && !error.message.contains(Self.generic))
        if readOnly.mechanism == .readOnlyBindMount {
            #expect(error.message.contains("is read-only"), "\(error.message)")
        } else {
            #expect(error.message.contains("no permission to create files in"), "\(error.message)")
        }
        // The content layer passes the cause on; the bundled open is the way in.
        let content = try #require(throws: DatabaseError.self) { try ContentDatabase(path: viewed, options: .readOnlyExisting) }
        #expect(content.message.contains("-wal"))
        _ = try ContentDatabase(bundled: viewed)
        #expect(ReadOnlyFolder.listing(readOnly.path) == ["dossier.sqlite"])
    }

    @Test("a read-only file system is named as such, for an existing database and a new one")
    func readOnlyFileSystem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.walDatabase(in: folder.file("mounted"))
        let readOnly = ReadOnlyFolder(folder.file("mounted"), trying: [.readOnlyBindMount])
        defer { readOnly.restore() }
        guard readOnly.mechanism == .readOnlyBindMount else {
            print("OpenFailureMessageTests: no read-only bind mount on this machine; the read-only file system case is not exercised")
            _ = try DatabaseConnection(path: path, configuration: Self.readOnly)
            return
        }
        print("OpenFailureMessageTests: read-only file system made with \(readOnly.mechanism.rawValue)")
        let existing = try #require(throws: DatabaseError.self) {
            try DatabaseConnection(path: readOnly.file("dossier.sqlite"), configuration: Self.readOnly)
        }
        #expect(existing.message.contains("the file system holding \(readOnly.path) is read-only"), "\(existing.message)")
        let created = try #require(throws: DatabaseError.self) { try DatabaseConnection(path: readOnly.file("new.sqlite")) }
        #expect(created.message.contains("cannot be created") && created.message.contains("is read-only"), "\(created.message)")
        var writing = Configuration()
        writing.accessMode = .readWrite(createIfMissing: false)
        let write = try #require(throws: DatabaseError.self) {
            try DatabaseConnection(path: readOnly.file("dossier.sqlite"), configuration: writing)
        }
        #expect(write.message.contains("read-only file system"), "\(write.message)")
    }
}
