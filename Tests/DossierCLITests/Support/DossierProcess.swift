import Foundation
import Testing

/// Runs the built `dossier` executable as a user would: a subprocess, its standard output,
/// standard error and exit status.
struct DossierProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable built next to the test bundle (`swift build` puts both in the same folder).
    static let executable: URL? = {
        if let path = ProcessInfo.processInfo.environment["DOSSIER_EXECUTABLE"] {
            return URL(fileURLWithPath: path)
        }
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let bundlePath = Bundle.main.executableURL?.deletingLastPathComponent() { candidates.append(bundlePath) }
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        // Last resort: the package's own build folder, found from this file's path.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("dossier") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `dossier` with `arguments` in `directory`.
    @discardableResult
    static func run(
        _ arguments: [String], in directory: String, input: String? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let executable = try #require(executable, "the dossier executable was not found next to the tests; run swift build first")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment.removeValue(forKey: "DOSSIER_DATABASE")
        processEnvironment["NO_COLOR"] = "1"
        for (key, value) in environment { processEnvironment[key] = value }
        process.environment = processEnvironment
        let output = Pipe()
        let errors = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: group) { outData = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = errors.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A fresh folder for one test, removed afterwards.
final class Workspace {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "dossier-cli-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Runs `dossier` here.
    @discardableResult
    func dossier(_ arguments: String..., input: String? = nil) throws -> DossierProcess.Result {
        try DossierProcess.run(arguments, in: path, input: input)
    }

    /// Runs `dossier` here with an argument list.
    @discardableResult
    func dossier(arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> DossierProcess.Result {
        try DossierProcess.run(arguments, in: path, input: input, environment: environment)
    }

    /// A workspace whose `dossier.sqlite` holds the seeded dossier.
    static func seeded() throws -> Workspace {
        let workspace = try Workspace()
        let result = try workspace.dossier("setup")
        try #require(result.status == 0, "setup failed: \(result.stderr)")
        return workspace
    }

    /// A database's bytes and its write-ahead log's (an absent log reads as empty: a read-only
    /// connection may leave an empty one behind), to prove nothing changed.
    func contents(_ name: String) -> [Data] {
        [FileManager.default.contents(atPath: file(name)) ?? Data(), FileManager.default.contents(atPath: file(name + "-wal")) ?? Data()]
    }
}
