/// Something told when the database may have changed: an observation's fetcher.
protocol DatabaseChangeSubscriber: AnyObject, Sendable {
    /// This process's writer committed changes to these tables.
    func tablesChanged(_ tables: Set<String>)
    /// Another connection — another process, or another pool on the same file — committed.
    func databaseChangedElsewhere()
}

/// The live observations of one pool.
final class ObservationRegistry: Sendable {
    private struct State: Sendable {
        var subscribers: [UInt64: any DatabaseChangeSubscriber] = [:]
        var nextID: UInt64 = 0
        var isTrackingChanges = false
        var watcher: DatabaseFileWatcher?
        /// The writer's `PRAGMA data_version` when last asked.
        var dataVersion: Int64?
    }

    private let state = Lock(State())

    /// Whether the writer records the tables its commits change: from the first observation on.
    var isTrackingChanges: Bool { state.withLock { $0.isTrackingChanges } }

    /// Adds a subscriber; `startWatching` is called when it is the first, to watch for commits
    /// made elsewhere. Returns the id to remove it with.
    func add(
        _ subscriber: any DatabaseChangeSubscriber, startWatching: () -> DatabaseFileWatcher?
    ) -> UInt64 {
        let (id, needsWatcher) = state.withLock { state -> (UInt64, Bool) in
            state.nextID += 1
            state.subscribers[state.nextID] = subscriber
            state.isTrackingChanges = true
            return (state.nextID, state.watcher == nil)
        }
        if needsWatcher, let watcher = startWatching() {
            let surplus: DatabaseFileWatcher? = state.withLock { state in
                if state.watcher == nil, !state.subscribers.isEmpty {
                    state.watcher = watcher
                    return nil
                }
                return watcher
            }
            surplus?.stop()
        }
        return id
    }

    /// Removes a subscriber; the last one stops the file watcher.
    func remove(_ id: UInt64) {
        let watcher: DatabaseFileWatcher? = state.withLock { state in
            state.subscribers[id] = nil
            guard state.subscribers.isEmpty else { return nil }
            defer { state.watcher = nil }
            return state.watcher
        }
        watcher?.stop()
    }

    /// Tells every subscriber which tables this process's commits changed.
    func tablesChanged(_ tables: Set<String>) {
        for subscriber in state.withLock({ Array($0.subscribers.values) }) {
            subscriber.tablesChanged(tables)
        }
    }

    /// Tells every subscriber that another connection committed.
    func databaseChangedElsewhere() {
        for subscriber in state.withLock({ Array($0.subscribers.values) }) {
            subscriber.databaseChangedElsewhere()
        }
    }

    /// Records the writer's data version; returns whether it differs from the one recorded
    /// before (another connection committed meanwhile).
    @discardableResult
    func noteDataVersion(_ version: Int64, onlyIfUnset: Bool) -> Bool {
        state.withLock { state in
            if onlyIfUnset, state.dataVersion != nil { return false }
            defer { state.dataVersion = version }
            return state.dataVersion != nil && state.dataVersion != version
        }
    }

    /// How many observations are live.
    var count: Int { state.withLock { $0.subscribers.count } }
}
