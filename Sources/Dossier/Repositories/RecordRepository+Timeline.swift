internal import DossierDB

extension RecordRepository where Record == HistoricalEvent {
    /// Every event, in date order.
    ///
    /// Dated events sort by their earliest, then latest, bound. An event the sources do not date
    /// is placed by the `led_to` relations around it: after the events that led to it, or,
    /// failing those, just before the dated event it led to. Events with no date and no dated
    /// neighbour come last, in chain order. No date is invented: each event keeps its own
    /// ``EventDate``.
    public func timeline() throws -> [HistoricalEvent] {
        try pool.read { db in
            var events: [HistoricalEvent] = []
            try ContentReader(db: db).forEachRecord(HistoricalEvent.self) { events.append($0) }
            let edges = try db.fetchAll(
                """
                SELECT rel.subject_record_id, rel.object_record_id FROM relations rel
                JOIN historical_events a ON a.record_id = rel.subject_record_id
                JOIN historical_events b ON b.record_id = rel.object_record_id
                WHERE rel.predicate = 'led_to'
                """) { (RecordID(rawValue: try $0.int64(0)), RecordID(rawValue: try $0.int64(1))) }
            return TimelineOrder(events: events, ledTo: edges).sorted()
        }
    }
}

/// Orders events by their bounds and, for undated ones, by the chains of `led_to` relations.
struct TimelineOrder {
    let events: [HistoricalEvent]
    let predecessors: [RecordID: [RecordID]]
    let successors: [RecordID: [RecordID]]
    let byID: [RecordID: HistoricalEvent]

    init(events: [HistoricalEvent], ledTo edges: [(RecordID, RecordID)]) {
        self.events = events
        var predecessors: [RecordID: [RecordID]] = [:]
        var successors: [RecordID: [RecordID]] = [:]
        for (from, to) in edges {
            predecessors[to, default: []].append(from)
            successors[from, default: []].append(to)
        }
        self.predecessors = predecessors
        self.successors = successors
        var byID: [RecordID: HistoricalEvent] = [:]
        for event in events { if let id = event.info.id { byID[id] = event } }
        self.byID = byID
    }

    /// Where an event sorts: beside a date, in a tier (0 before that date, 1 at it, 2 after
    /// it), then by its depth in the `led_to` chains.
    private struct Key {
        var anchor: String?
        var tier: Int
        var depth: Int
    }

    /// Follows `edges` from `id` through undated events to the nearest dates; `pick` chooses
    /// among them (the latest predecessor, or the earliest successor). `led_to` is acyclic by
    /// trigger, and `visited` guards anyway.
    private func nearestDate(from id: RecordID, along edges: [RecordID: [RecordID]], pick: ([String]) -> String?) -> String? {
        var visited: Set<RecordID> = [id]
        var frontier = edges[id] ?? []
        var dates: [String] = []
        while let next = frontier.popLast() {
            guard visited.insert(next).inserted else { continue }
            if let date = byID[next]?.date.earliest {
                dates.append(date)
            } else {
                frontier += edges[next] ?? []
            }
        }
        return pick(dates)
    }

    private func depth(_ id: RecordID) -> Int {
        var depth = 0
        var level: Set<RecordID> = [id]
        var visited: Set<RecordID> = [id]
        while true {
            let previous = Set(level.flatMap { predecessors[$0] ?? [] }).subtracting(visited)
            guard !previous.isEmpty else { return depth }
            visited.formUnion(previous)
            level = previous
            depth += 1
        }
    }

    func sorted() -> [HistoricalEvent] {
        let keyed = events.map { event -> (event: HistoricalEvent, key: Key) in
            guard let id = event.info.id else { return (event, Key(anchor: event.date.earliest, tier: 1, depth: 0)) }
            let depth = depth(id)
            if let own = event.date.earliest { return (event, Key(anchor: own, tier: 1, depth: depth)) }
            if let after = nearestDate(from: id, along: predecessors, pick: { $0.max() }) {
                return (event, Key(anchor: after, tier: 2, depth: depth))
            }
            if let before = nearestDate(from: id, along: successors, pick: { $0.min() }) {
                return (event, Key(anchor: before, tier: 0, depth: depth))
            }
            return (event, Key(anchor: nil, tier: 3, depth: depth))
        }
        return keyed.sorted { a, b in
            switch (a.key.anchor, b.key.anchor) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.key.tier != b.key.tier { return a.key.tier < b.key.tier }
            if a.key.depth != b.key.depth { return a.key.depth < b.key.depth }
            let latestA = a.event.date.latest ?? "9999-12-31"
            let latestB = b.event.date.latest ?? "9999-12-31"
            if latestA != latestB { return latestA < latestB }
            return (a.event.info.id?.rawValue ?? 0) < (b.event.info.id?.rawValue ?? 0)
        }.map(\.event)
    }
}
