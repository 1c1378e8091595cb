import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Calls back when a database file or its WAL may have been written by another connection,
/// so that observations can ask `PRAGMA data_version` whether something was committed.
///
/// On Linux it waits on inotify for writes to the folder's `<name>` and `<name>-wal`: nothing
/// runs while nothing changes. Elsewhere it asks every half second (a `PRAGMA data_version`
/// reads the WAL index in shared memory, not the file).
final class DatabaseFileWatcher: Sendable {
    #if os(Linux)
        /// The write end of the pipe that wakes the watching thread to stop it.
        private let stopFD: Int32
    #else
        private let timer: UnsafeSendable<any DispatchSourceTimer>
    #endif

    /// Starts watching the file at `path`; `nil` when the platform refuses (the observation
    /// then still sees this process's commits).
    init?(path: String, onChange: @escaping @Sendable () -> Void) {
        #if os(Linux)
            let slash = path.lastIndex(of: "/")
            let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
            let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            let watched: Set<String> = [name, name + "-wal", name + "-journal"]
            let inotify = inotify_init1(Int32(IN_CLOEXEC))
            guard inotify >= 0 else { return nil }
            let mask = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE)
            guard inotify_add_watch(inotify, folder, mask) >= 0 else {
                close(inotify)
                return nil
            }
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else {
                close(inotify)
                return nil
            }
            // Not inherited by processes this one starts.
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            let readEnd = fds[0]
            stopFD = fds[1]
            DispatchQueue(label: "dossier.observation.watcher").async {
                Self.watch(inotify: inotify, stop: readEnd, names: watched, onChange: onChange)
                close(inotify)
                close(readEnd)
            }
        #else
            let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "dossier.observation.watcher"))
            timer.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(500))
            timer.setEventHandler(handler: onChange)
            timer.resume()
            self.timer = UnsafeSendable(timer)
        #endif
    }

    /// Stops watching; no callback starts afterwards.
    func stop() {
        #if os(Linux)
            var byte: UInt8 = 1
            _ = write(stopFD, &byte, 1)
            close(stopFD)
        #else
            timer.value.cancel()
        #endif
    }

    #if os(Linux)
        /// Waits for events until the stop pipe is written or closed.
        private static func watch(inotify: Int32, stop: Int32, names: Set<String>, onChange: @Sendable () -> Void) {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let headerSize = MemoryLayout<inotify_event>.size
            while true {
                var descriptors = [
                    pollfd(fd: inotify, events: Int16(POLLIN), revents: 0), pollfd(fd: stop, events: Int16(POLLIN), revents: 0),
                ]
                let ready = poll(&descriptors, 2, -1)
                if ready < 0 {
                    if errno == EINTR { continue }
                    return
                }
                if descriptors[1].revents != 0 { return }
                let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
                if count <= 0 {
                    if count < 0, errno == EINTR || errno == EAGAIN { continue }
                    return
                }
                var offset = 0
                var relevant = false
                while offset + headerSize <= count {
                    let nameLength = buffer.withUnsafeBytes { bytes in
                        Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    }
                    let nameStart = offset + headerSize
                    let nameEnd = min(nameStart + nameLength, count)
                    let nameBytes = buffer[nameStart..<nameEnd].prefix { $0 != 0 }
                    if names.contains(String(decoding: nameBytes, as: UTF8.self)) { relevant = true }
                    offset = nameStart + nameLength
                }
                if relevant { onChange() }
            }
        }
    #endif
}
