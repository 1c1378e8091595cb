import Dossier
import Foundation

/// Runs the built `dossier` executable as a user would: a subprocess, its standard output,
/// standard error and exit status.
public enum DossierProcess {
    /// What a finished run left behind.
    public struct Result: Sendable {
        /// The exit status (the signal number when `wasKilled`).
        public var status: Int32
        /// Standard output, decoded as UTF-8.
        public var stdout: String
        /// Standard error, decoded as UTF-8.
        public var stderr: String
        /// Whether the run outlived its timeout and was killed.
        public var timedOut = false
        /// Whether a signal ended the process (`status` is then the signal's number).
        public var wasSignalled = false
    }

    /// Why a run could not start.
    public struct LaunchError: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// The executable built next to the test bundle (`swift build` puts both in the same folder).
    public static let executable: URL? = {
        if let path = ProcessInfo.processInfo.environment["DOSSIER_EXECUTABLE"] {
            return URL(fileURLWithPath: path)
        }
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let bundlePath = Bundle.main.executableURL?.deletingLastPathComponent() { candidates.append(bundlePath) }
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        // Last resort: the package's own build folder, found from this file's path.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("dossier") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// A configured, not yet started `dossier` process with its pipes.
    public static func prepare(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], program: URL? = nil
    ) throws -> Process {
        guard let executable = program ?? executable else {
            throw LaunchError(description: "the dossier executable was not found next to the tests; run swift build first")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment.removeValue(forKey: "DOSSIER_DATABASE")
        processEnvironment["NO_COLOR"] = "1"
        for (key, value) in environment { processEnvironment[key] = value }
        process.environment = processEnvironment
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        process.standardInput = Pipe()
        return process
    }

    /// Runs `dossier` (or `program`) with `arguments` in `directory`; a run that outlives
    /// `timeout` seconds is killed and reported with `timedOut`.
    @discardableResult
    public static func run(
        _ arguments: [String], in directory: String, input: String? = nil, environment: [String: String] = [:],
        timeout: Double? = nil, program: URL? = nil
    ) throws -> Result {
        let process = try prepare(arguments, in: directory, environment: environment, program: program)
        guard let output = process.standardOutput as? Pipe, let errors = process.standardError as? Pipe,
            let standardInput = process.standardInput as? Pipe
        else { throw LaunchError(description: "pipes missing") }
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: group) { outData = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = errors.fileHandleForReading.readDataToEndOfFile() }
        var timedOut = false
        if let timeout, group.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
        }
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), timedOut: timedOut,
            wasSignalled: process.terminationReason == .uncaughtSignal)
    }
}

/// A fresh folder for one test, removed afterwards.
public final class Workspace: Sendable {
    /// The folder.
    public let path: String

    /// Creates an empty folder under the temporary directory.
    public init() throws {
        path = NSTemporaryDirectory() + "dossier-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of `name` in the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Runs `dossier` here.
    @discardableResult
    public func dossier(_ arguments: String..., input: String? = nil) throws -> DossierProcess.Result {
        try DossierProcess.run(arguments, in: path, input: input)
    }

    /// Runs `dossier` here with an argument list.
    @discardableResult
    public func dossier(
        arguments: [String], input: String? = nil, environment: [String: String] = [:], timeout: Double? = nil
    ) throws -> DossierProcess.Result {
        try DossierProcess.run(arguments, in: path, input: input, environment: environment, timeout: timeout)
    }

    /// Runs a `/bin/sh` script here with `$DOSSIER` naming the executable: for what a process
    /// cannot arrange (closed descriptors, `/dev/full`, FIFOs). Killed after `timeout` seconds.
    @discardableResult
    public func shell(_ script: String, input: String? = nil, timeout: Double = 120) throws -> DossierProcess.Result {
        guard let executable = DossierProcess.executable else {
            throw DossierProcess.LaunchError(description: "the dossier executable was not found next to the tests; run swift build first")
        }
        return try DossierProcess.run(
            ["-c", script], in: path, input: input, environment: ["DOSSIER": executable.path], timeout: timeout,
            program: URL(fileURLWithPath: "/bin/sh"))
    }

    /// A workspace whose `dossier.sqlite` holds the seeded dossier: a copy of one database
    /// migrated and seeded once per test process, as `dossier setup` would leave it (tests of
    /// `setup` itself run it).
    public static func seeded() throws -> Workspace {
        let workspace = try Workspace()
        try FileManager.default.copyItem(atPath: try SeededTemplate.path.get(), toPath: workspace.file("dossier.sqlite"))
        return workspace
    }

    /// A database's bytes and its write-ahead log's (an absent log reads as empty: a read-only
    /// connection may leave an empty one behind), to prove nothing changed.
    public func contents(_ name: String) -> [Data] {
        [FileManager.default.contents(atPath: file(name)) ?? Data(), FileManager.default.contents(atPath: file(name + "-wal")) ?? Data()]
    }
}

/// One database migrated and seeded with the built-in dossier, checkpointed into a single file,
/// made once per test process for tests to copy: migrating and seeding for every test is most of
/// what a test would cost.
public enum SeededTemplate {
    /// The folder holding the template, removed when the test process exits.
    static let folder = NSTemporaryDirectory() + "dossier-template-" + UUID().uuidString

    /// The template's path, or why it could not be made.
    public static let path = Result<String, any Error> {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: SeededTemplate.folder) }
        let path = folder + "/template.sqlite"
        let content = try ContentDatabase(path: path)
        try content.seed()
        try content.pool.checkpoint()
        return path
    }
}
