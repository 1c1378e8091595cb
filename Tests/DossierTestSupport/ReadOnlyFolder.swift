import Foundation

/// A folder made read-only for a test, by whichever means works on this machine.
///
/// Permissions (`chmod 0555` on the folder, `0444` on its files) stop an ordinary user; root
/// ignores them, so the immutable attribute (`chattr +i`) comes next, then a read-only bind
/// mount (`mount --bind` then `mount -o remount,bind,ro`), which needs `CAP_SYS_ADMIN`. Each is
/// kept only when a probe confirms that neither a new file in the folder nor a write to a file
/// in it succeeds. When none works, ``mechanism`` is ``Mechanism/none`` and the folder stays
/// writable: a test must then prove by other means (listing, bytes) that nothing was written.
///
/// Call ``restore()`` when done (typically in a `defer`): it unmounts, clears the attribute and
/// gives back the permissions.
public final class ReadOnlyFolder {
    /// How the folder was made read-only.
    public enum Mechanism: String, Sendable, CaseIterable {
        /// `chmod 0555` on the folder and `0444` on its files.
        case permissions = "chmod 0555/0444"
        /// `chattr +i` on the folder and its files.
        case immutableAttribute = "chattr +i"
        /// A read-only bind mount of the folder; ``ReadOnlyFolder/path`` is the mount point.
        case readOnlyBindMount = "mount --bind, remount ro"
        /// Nothing worked: the folder is writable.
        case none = "none (the folder stays writable)"
    }

    /// The folder as given.
    public let original: String
    /// The read-only view of the folder: the folder itself, or the mount point of a bind mount.
    public private(set) var path: String
    /// What made it read-only.
    public private(set) var mechanism: Mechanism = .none
    private var mountPoint: String?
    private var attributed: [String] = []

    /// Makes `folder` read-only, trying the mechanisms in `order`.
    public init(_ folder: String, trying order: [Mechanism] = [.permissions, .immutableAttribute, .readOnlyBindMount]) {
        original = folder
        path = folder
        for candidate in order {
            if apply(candidate), Self.isReadOnly(path) {
                mechanism = candidate
                return
            }
            undo(candidate)
        }
    }

    /// The path of `name` in the read-only view.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Makes the folder writable again.
    public func restore() {
        undo(mechanism)
        mechanism = .none
    }

    /// The files in the folder (names only, sorted).
    public static func listing(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    private var files: [String] {
        Self.listing(original).map { original + "/" + $0 }
    }

    private func apply(_ candidate: Mechanism) -> Bool {
        switch candidate {
        case .permissions:
            for file in files { chmod(file, 0o444) }
            return chmod(original, 0o555) == 0
        case .immutableAttribute:
            let targets = files + [original]
            guard Self.run("chattr", ["+i"] + targets) else { return false }
            attributed = targets
            return true
        case .readOnlyBindMount:
            let point = original + "-ro-view"
            guard (try? FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: false)) != nil else { return false }
            mountPoint = point
            guard Self.run("mount", ["--bind", original, point]) else { return false }
            guard Self.run("mount", ["-o", "remount,bind,ro", point]) else { return false }
            path = point
            return true
        case .none:
            return true
        }
    }

    private func undo(_ candidate: Mechanism) {
        switch candidate {
        case .permissions:
            chmod(original, 0o755)
            for file in files { chmod(file, 0o644) }
        case .immutableAttribute:
            if !attributed.isEmpty { _ = Self.run("chattr", ["-i"] + attributed) }
            attributed = []
        case .readOnlyBindMount:
            if let mountPoint {
                if path == mountPoint || Self.isMountPoint(mountPoint) { _ = Self.run("umount", [mountPoint]) }
                rmdir(mountPoint)
            }
            mountPoint = nil
            path = original
        case .none:
            break
        }
    }

    /// Whether neither a new file in `folder` nor a write to one of its files succeeds.
    private static func isReadOnly(_ folder: String) -> Bool {
        let probe = folder + "/.write-probe-\(getpid())"
        let created = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if created >= 0 {
            close(created)
            unlink(probe)
            return false
        }
        for name in listing(folder) {
            let descriptor = open(folder + "/" + name, O_WRONLY)
            if descriptor >= 0 {
                close(descriptor)
                return false
            }
        }
        return true
    }

    private static func isMountPoint(_ path: String) -> Bool {
        let mounts = (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? ""
        return mounts.split(separator: "\n").contains { $0.split(separator: " ").dropFirst().first.map(String.init) == path }
    }

    /// Runs a system tool quietly; whether it exited 0. A tool that is not installed fails.
    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let candidates = ["/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/"].map { $0 + tool }
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
