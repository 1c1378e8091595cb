internal import DossierDB

extension RecordRepository where Record == HistoricalEvent {
    /// Every event, in date order.
    ///
    /// Dated events sort by their earliest, then latest, bound. An event the sources do not date
    /// is placed by the `led_to` relations that reach it: after the latest-starting event that
    /// led to it, and after its own predecessors in the chain. Events with no date and no
    /// dated predecessor come last, in chain order. No date is invented for display: each
    /// event keeps its own ``EventDate``.
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
    let byID: [RecordID: HistoricalEvent]

    init(events: [HistoricalEvent], ledTo edges: [(RecordID, RecordID)]) {
        self.events = events
        var predecessors: [RecordID: [RecordID]] = [:]
        for (from, to) in edges { predecessors[to, default: []].append(from) }
        self.predecessors = predecessors
        var byID: [RecordID: HistoricalEvent] = [:]
        for event in events { if let id = event.info.id { byID[id] = event } }
        self.byID = byID
    }

    func sorted() -> [HistoricalEvent] {
        var anchors: [RecordID: String?] = [:]
        var depths: [RecordID: Int] = [:]
        /// The date an event sorts by: its own earliest bound, else the latest anchor among the
        /// events that led to it. The schema keeps `led_to` acyclic, and `visiting` guards anyway.
        func anchor(_ id: RecordID, _ visiting: inout Set<RecordID>) -> String? {
            if let known = anchors[id] { return known }
            guard visiting.insert(id).inserted else { return nil }
            let own = byID[id]?.date.earliest
            let inherited = (predecessors[id] ?? []).compactMap { anchor($0, &visiting) }.max()
            let result = own ?? inherited
            anchors[id] = .some(result)
            return result
        }
        func depth(_ id: RecordID, _ visiting: inout Set<RecordID>) -> Int {
            if let known = depths[id] { return known }
            guard visiting.insert(id).inserted else { return 0 }
            let result = (predecessors[id] ?? []).map { depth($0, &visiting) + 1 }.max() ?? 0
            depths[id] = result
            return result
        }
        let keyed = events.map { event -> (event: HistoricalEvent, anchor: String?, depth: Int) in
            guard let id = event.info.id else { return (event, event.date.earliest, 0) }
            var visiting = Set<RecordID>()
            let eventAnchor = anchor(id, &visiting)
            visiting = []
            return (event, eventAnchor, depth(id, &visiting))
        }
        return keyed.sorted { a, b in
            switch (a.anchor, b.anchor) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.depth != b.depth { return a.depth < b.depth }
            let latestA = a.event.date.latest ?? "9999-12-31"
            let latestB = b.event.date.latest ?? "9999-12-31"
            if latestA != latestB { return latestA < latestB }
            return (a.event.info.id?.rawValue ?? 0) < (b.event.info.id?.rawValue ?? 0)
        }.map(\.event)
    }
}
