internal import DossierDB

extension RecordRepository where Record == HistoricalEvent {
    /// Every event — or one dossier's — in date order.
    ///
    /// Dated events sort by their earliest, then latest, bound. An event the sources do not date
    /// is placed by the `led_to` and `preceded` relations around it: after the events that led to it, or,
    /// failing those, just before the dated event it led to. Events with no date and no dated
    /// neighbour come last, in chain order. No date is invented: each event keeps its own
    /// ``EventDate``. An event whose row cannot be read (a value a newer build wrote) is left
    /// out, so the others still make a timeline; ``ContentDatabase/check(dossier:progress:)`` reports it.
    ///
    /// When the events come from several dossiers, an undated event is not placed among the
    /// others' dated events — its relations place it within its own dossier, and nothing
    /// orders it against another's: the undated events follow the dated ones, dossier by
    /// dossier, in chain order.
    ///
    /// - parameter dossier: only this dossier's events; `nil` for all.
    /// - throws: ``ContentError/unknownDossier(name:known:)`` when there is no such dossier.
    public func timeline(dossier: String? = nil) throws -> [HistoricalEvent] {
        try pool.read { db in
            if let dossier { try ContentDatabase.requireDossier(dossier, db) }
            let dossierOf = Dictionary(
                try db.fetchAll(
                    "SELECT rs.record_id, rs.seed_set FROM record_seeds rs JOIN historical_events e ON e.record_id = rs.record_id"
                ) { (RecordID(rawValue: try $0.int64(0)), try $0.text(1)) },
                uniquingKeysWith: { first, _ in first })
            var events: [HistoricalEvent] = []
            try ContentReader(db: db).forEachRecord(HistoricalEvent.self, unreadable: { _ in }) { event in
                if dossier == nil || event.info.id.flatMap({ dossierOf[$0] }) == dossier { events.append(event) }
            }
            let edges = try db.fetchAll(
                """
                SELECT rel.subject_record_id, rel.object_record_id FROM relations rel
                JOIN historical_events a ON a.record_id = rel.subject_record_id
                JOIN historical_events b ON b.record_id = rel.object_record_id
                WHERE rel.predicate IN ('led_to', 'preceded')
                """
            ) { (RecordID(rawValue: try $0.int64(0)), RecordID(rawValue: try $0.int64(1))) }
            func owner(of event: HistoricalEvent) -> String? { event.info.id.flatMap { dossierOf[$0] } }
            guard Set(events.map(owner(of:))).count > 1 else { return TimelineOrder(events: events, ledTo: edges).sorted() }
            let dated = events.filter { $0.date.earliest != nil }
            let undated = Dictionary(grouping: events.filter { $0.date.earliest == nil }, by: owner(of:))
            // Dossiers by name, events in no dossier last.
            let groups = undated.keys.sorted { ($0 == nil ? 1 : 0, $0 ?? "") < ($1 == nil ? 1 : 0, $1 ?? "") }
            return TimelineOrder(events: dated, ledTo: edges).sorted()
                + groups.flatMap { TimelineOrder(events: undated[$0] ?? [], ledTo: edges).sorted() }
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

    /// Where an event sorts: beside a date, in a tier — 0 before that date, 1 at it, 2 after it.
    private struct Anchor: Hashable {
        var date: String
        var tier: Int
    }

    /// An event's anchor: its own earliest bound; else after the latest anchor among the events
    /// that led to it; else just before the earliest anchor among the events it led to.
    /// `led_to` is acyclic by trigger; `visiting` guards anyway.
    private func anchor(_ id: RecordID, _ memo: inout [RecordID: Anchor?], _ visiting: inout Set<RecordID>) -> Anchor? {
        if let known = memo[id] { return known }
        guard visiting.insert(id).inserted else { return nil }
        defer { visiting.remove(id) }
        var result: Anchor?
        if let own = byID[id]?.date.earliest {
            result = Anchor(date: own, tier: 1)
        } else if let after = (predecessors[id] ?? []).compactMap({ anchor($0, &memo, &visiting)?.date }).max() {
            result = Anchor(date: after, tier: 2)
        } else if let before = (successors[id] ?? []).compactMap({ dated(after: $0) }).min() {
            result = Anchor(date: before, tier: 0)
        }
        memo[id] = .some(result)
        return result
    }

    /// The earliest date at or after an event along `led_to` (its own, or a successor's).
    private func dated(after id: RecordID) -> String? {
        var visited: Set<RecordID> = []
        var frontier = [id]
        var dates: [String] = []
        while let next = frontier.popLast() {
            guard visited.insert(next).inserted else { continue }
            if let date = byID[next]?.date.earliest { dates.append(date) } else { frontier += successors[next] ?? [] }
        }
        return dates.min()
    }

    func sorted() -> [HistoricalEvent] {
        var memo: [RecordID: Anchor?] = [:]
        var visiting: Set<RecordID> = []
        let anchored = events.map { event -> (event: HistoricalEvent, anchor: Anchor?) in
            guard let id = event.info.id else { return (event, event.date.earliest.map { Anchor(date: $0, tier: 1) }) }
            return (event, anchor(id, &memo, &visiting))
        }
        // Groups in anchor order; undated, unanchored events last.
        let groups = Dictionary(grouping: anchored, by: \.anchor).sorted { a, b in
            switch (a.key, b.key) {
            case (let x?, let y?): return x.date != y.date ? x.date < y.date : x.tier < y.tier
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return false
            }
        }
        return groups.flatMap { inChainOrder($0.value.map(\.event)) }
    }

    /// Orders events that share an anchor: an event never before one that led to it; otherwise
    /// by latest bound, then in the order they were recorded (a curator's narrative order).
    private func inChainOrder(_ group: [HistoricalEvent]) -> [HistoricalEvent] {
        let members = Set(group.compactMap(\.info.id))
        var remaining = group.sorted { a, b in
            let latestA = a.date.latest ?? "9999-12-31"
            let latestB = b.date.latest ?? "9999-12-31"
            return latestA != latestB ? latestA < latestB : (a.info.id?.rawValue ?? 0) < (b.info.id?.rawValue ?? 0)
        }
        var placed: Set<RecordID> = []
        var ordered: [HistoricalEvent] = []
        while !remaining.isEmpty {
            // The first event whose predecessors in this group are all placed (Kahn's algorithm).
            let index =
                remaining.firstIndex { event in
                    guard let id = event.info.id else { return true }
                    return (predecessors[id] ?? []).allSatisfy { !members.contains($0) || placed.contains($0) }
                } ?? 0
            let event = remaining.remove(at: index)
            if let id = event.info.id { placed.insert(id) }
            ordered.append(event)
        }
        return ordered
    }
}
