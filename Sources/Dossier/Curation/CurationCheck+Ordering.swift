internal import DossierDB

/// The relations that put events in order, against the events' dates and against each other.
extension CurationCheck {
    /// Which way a predicate orders two events, if it does.
    enum EventOrder {
        /// The subject came first: "A preceded B", "A led to B".
        case subjectFirst
        /// The object came first (an inverse predicate, such as a "followed"): read with subject
        /// and object swapped.
        case objectFirst
    }

    /// How `predicate` orders the events it links. Every predicate is decided here, so a new
    /// one cannot be left out of the ordering check by accident.
    static func order(of predicate: RelationPredicate) -> EventOrder? {
        switch predicate {
        case .preceded, .ledTo: return .subjectFirst
        case .explainedBy, .partOf, .supports, .contrastsWith, .contradicts: return nil
        }
    }

    /// One relation that orders two events, normalised so that `earlier` comes first.
    struct OrderingEdge {
        var earlier: String
        var later: String
        /// The predicate, as stored.
        var predicate: String
        /// "a preceded b", as stored.
        var relation: String
    }

    /// One event's date, as stored: its bounds, and its EDTF value, date phrase or precision.
    struct DatedEvent {
        var earliest: String?
        var latest: String?
        var label: String

        /// "1990 (1990-01-01 to 1990-12-31)".
        var description: String {
            "\(label) (\(earliest ?? "open") to \(latest ?? "open"))"
        }
    }

    /// Relations between events that order them (`preceded`, `led_to`): one whose dates say the
    /// other way round (the first event's earliest bound after the second's latest: it certainly
    /// happened after it), and events whose ordering relations, mixing predicates, come back to
    /// where they began. Undated events and open bounds contradict nothing. A cycle of a single
    /// predicate is the relation rules' error; this reports the circles only mixed predicates
    /// close.
    ///
    /// Warnings, not errors: the import stores such relations as they are, so they do not keep
    /// an export from importing, but no history can satisfy them; a curator decides which date
    /// or relation is wrong.
    func eventOrder() throws -> [CurationFinding] {
        let dates = Dictionary(
            try db.fetchAll(
                """
                SELECT r.slug, e.earliest, e.latest, coalesce(e.date_edtf, e.date_text, e.precision)
                FROM historical_events e JOIN records r ON r.id = e.record_id
                """
            ) { row in
                (try row.text(0), DatedEvent(earliest: try row.optionalText(1), latest: try row.optionalText(2), label: try row.text(3)))
            }, uniquingKeysWith: { first, _ in first })
        let edges = try db.fetchAll(
            """
            SELECT s.slug, rel.predicate, o.slug FROM relations rel
            JOIN records s ON s.id = rel.subject_record_id JOIN records o ON o.id = rel.object_record_id
            WHERE s.kind = 'event' AND o.kind = 'event'
            ORDER BY s.slug, rel.predicate, o.slug
            """
        ) { row -> OrderingEdge? in
            let subject = try row.text(0)
            let predicate = try row.text(1)
            let object = try row.text(2)
            let relation = "\(subject) \(predicate) \(object)"
            switch RelationPredicate(rawValue: predicate).flatMap(Self.order(of:)) {
            case .subjectFirst?: return OrderingEdge(earlier: subject, later: object, predicate: predicate, relation: relation)
            case .objectFirst?: return OrderingEdge(earlier: object, later: subject, predicate: predicate, relation: relation)
            case nil: return nil
            }
        }.compactMap { $0 }
        var findings: [CurationFinding] = []
        for edge in edges {
            guard let earlier = dates[edge.earlier], let later = dates[edge.later], let start = earlier.earliest, let end = later.latest,
                start > end
            else { continue }
            findings.append(
                finding(
                    .warning, .eventOrder, "relation \(edge.relation)",
                    "puts \(edge.earlier) (dated \(earlier)) before \(edge.later) (dated \(later)), but the dates place \(edge.earlier) wholly after \(edge.later); correct a date or reverse the relation",
                    table: RelationColumn.table, key: edge.relation))
        }
        for component in Self.circles(edges) {
            let inside = Set(component)
            let relations = edges.filter { inside.contains($0.earlier) && inside.contains($0.later) }
            let predicates = Set(relations.map(\.predicate))
            guard predicates.count > 1 else { continue }  // a single predicate's cycle: the relation rules' error
            let first = component[0]
            findings.append(
                finding(
                    .warning, .eventOrder, "relation cycle \(first)",
                    "the events \(component.joined(separator: ", ")) are ordered in a circle (\(relations.map(\.relation).joined(separator: "; "))): each comes before the next, which no dates can satisfy; remove or reverse one of these relations",
                    table: RelationColumn.table, key: first))
        }
        return findings
    }

    /// The groups of two or more events that ordering relations lead from any one to any other
    /// (strongly connected components, found by Kosaraju's two passes, without recursion: linear
    /// in events and relations), each sorted, in order of their first slug.
    static func circles(_ edges: [OrderingEdge]) -> [[String]] {
        var next: [String: [String]] = [:]
        var previous: [String: [String]] = [:]
        for edge in edges {
            next[edge.earlier, default: []].append(edge.later)
            previous[edge.later, default: []].append(edge.earlier)
        }
        // First pass: every event in the order its depth-first search finishes.
        var finished: [String] = []
        var visited: Set<String> = []
        for root in Set(next.keys).union(previous.keys).sorted() where visited.insert(root).inserted {
            var stack: [(node: String, nextChild: Int)] = [(root, 0)]
            while let top = stack.last {
                let children = next[top.node] ?? []
                if top.nextChild < children.count {
                    stack[stack.count - 1].nextChild += 1
                    let child = children[top.nextChild]
                    if visited.insert(child).inserted { stack.append((child, 0)) }
                } else {
                    finished.append(top.node)
                    stack.removeLast()
                }
            }
        }
        // Second pass: against the relations, latest finisher first; each search is a component.
        var assigned: Set<String> = []
        var components: [[String]] = []
        for root in finished.reversed() where assigned.insert(root).inserted {
            var component = [root]
            var stack = [root]
            while let node = stack.popLast() {
                for source in previous[node] ?? [] where assigned.insert(source).inserted {
                    component.append(source)
                    stack.append(source)
                }
            }
            if component.count > 1 { components.append(component.sorted()) }
        }
        return components.sorted { $0[0] < $1[0] }
    }
}
