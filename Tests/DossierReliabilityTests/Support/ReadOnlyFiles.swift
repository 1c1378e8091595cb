import Foundation

/// Making a file or folder read-only even for root, who ignores permission bits: the immutable
/// attribute (`chattr +i`) where the file system has it, plain permissions otherwise.
enum ReadOnlyFiles {
    /// Whether this machine can make a file read-only for the user running the tests.
    static let isSupported: Bool = {
        guard getuid() == 0 else { return true }
        let probe = NSTemporaryDirectory() + "dossier-immutable-probe-\(getpid())"
        _ = FileManager.default.createFile(atPath: probe, contents: Data("x".utf8))
        defer {
            _ = run("/usr/bin/chattr", ["-i", probe])
            try? FileManager.default.removeItem(atPath: probe)
        }
        guard run("/usr/bin/chattr", ["+i", probe]) else { return false }
        let stillWritable = (try? Data("y".utf8).write(to: URL(fileURLWithPath: probe))) != nil
        return !stillWritable
    }()

    /// Makes `path` read-only; `undo` makes it writable again.
    static func protect(_ path: String) {
        setWritable(path, false)
    }

    /// Makes `path` writable again.
    static func undo(_ path: String) {
        setWritable(path, true)
    }

    private static func setWritable(_ path: String, _ writable: Bool) {
        if getuid() == 0 {
            _ = run("/usr/bin/chattr", [writable ? "-i" : "+i", path])
        } else {
            let isFolder = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeDirectory
            let permissions = isFolder ? (writable ? 0o755 : 0o555) : (writable ? 0o644 : 0o444)
            try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        }
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
