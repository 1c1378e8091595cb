import Dossier
import Testing

@Suite("Timeline of events")
struct TimelineTests {
    private func event(_ slug: String, _ date: EventDate) -> HistoricalEvent {
        HistoricalEvent(RecordInfo(slug: slug, title: slug, statement: "Event \(slug).", certainty: .established), date: date)
    }

    @Test("dated events by bounds; undated ones after what led to them; no date invented")
    func ordering() throws {
        let content = try Fixtures.database()
        try content.events.insert(event("undated-orphan", .unknown()))
        try content.events.insert(event("later-spread", .unknown(text: "over the years")))
        try content.events.insert(event("sixties", try .edtf("196X")))
        try content.events.insert(event("war-use", .during("vietnam-war", text: "during the Vietnam War")))
        try content.events.insert(event("nineteen-ninety", try .edtf("1990~")))
        try content.relations.insert(Relation("war-use", .ledTo, "later-spread"))
        let timeline = try content.events.timeline()
        #expect(timeline.map(\.slug) == ["war-use", "later-spread", "sixties", "nineteen-ninety", "undated-orphan"])
        let spread = try #require(timeline.first { $0.slug == "later-spread" })
        #expect(spread.date.earliest == nil && spread.date.latest == nil && spread.date.precision == .unknown)
        #expect(spread.date.displayText == "over the years")
    }

    @Test("a led_to cycle is refused by the schema")
    func noCycles() throws {
        let content = try Fixtures.database()
        for slug in ["a", "b", "c"] { try content.events.insert(event(slug, .unknown())) }
        try content.relations.insert(Relation("a", .ledTo, "b"))
        try content.relations.insert(Relation("b", .ledTo, "c"))
        let error = try #require(throws: ContentError.self) { try content.relations.insert(Relation("c", .ledTo, "a")) }
        #expect(String(describing: error).contains("cycle"))
        // A predicate that does not link these kinds.
        #expect(throws: ContentError.self) { try content.relations.insert(Relation("a", .explainedBy, "b")) }
    }
}

@Suite("EDTF dates")
struct EDTFTests {
    @Test(
        "supported values parse to their bounds and precision",
        arguments: [
            ("1962", "1962-01-01", "1962-12-31", DatePrecision.year),
            ("1962-08", "1962-08-01", "1962-08-31", .month),
            ("2024-02", "2024-02-01", "2024-02-29", .month),
            ("1962-08-03", "1962-08-03", "1962-08-03", .day),
            ("196X", "1960-01-01", "1969-12-31", .decade),
            ("19XX", "1900-01-01", "1999-12-31", .century),
            ("1970~", "1969-01-01", "1971-12-31", .year),
            ("1970-03?", "1970-02-01", "1970-04-30", .month),
            ("1964/1975", "1964-01-01", "1975-12-31", .year),
            ("[1955-11-01..1975-04-30]", "1955-11-01", "1975-04-30", .day),
        ])
    func parses(text: String, earliest: String, latest: String, precision: DatePrecision) throws {
        let date = try EDTFDate(text)
        #expect(date.earliest == earliest && date.latest == latest && date.precision == precision)
    }

    @Test("open and unknown interval ends have no bound")
    func openEnds() throws {
        let open = try EDTFDate("1985-04/..")
        #expect(open.earliest == "1985-04-01" && open.latest == nil)
        let unknownStart = try EDTFDate("/1975")
        #expect(unknownStart.earliest == nil && unknownStart.latest == "1975-12-31")
        #expect(try EDTFDate("1970%").isApproximate && EDTFDate("1970%").isUncertain)
    }

    @Test(
        "everything else is rejected with a reason",
        arguments: [
            "", "62", "-0100", "1962-13", "1962-02-30", "2023-02-29", "1962-8", "1962/1950", "[1970..1960]", "..", "/",
            "1X62", "1962~~", "[1962,1963]", "1962-08-03T10:00", "spring 1962", "19621", "1962/1963/1964", "Y170000002",
        ])
    func rejects(text: String) {
        #expect(throws: ContentError.self) { try EDTFDate(text) }
    }

    @Test("an event's stored date must agree with its EDTF value")
    func consistency() throws {
        let content = try Fixtures.database()
        var date = try EventDate.edtf("1962")
        date.latest = "1963-12-31"
        let event = HistoricalEvent(RecordInfo(slug: "x", title: "X", statement: "X.", certainty: .established), date: date)
        let error = try #require(throws: ContentError.self) { try content.events.insert(event) }
        #expect(String(describing: error).contains("EDTF"))
        let invented = HistoricalEvent(
            RecordInfo(slug: "y", title: "Y", statement: "Y.", certainty: .established),
            date: EventDate(earliest: "1962-01-01", precision: .unknown))
        #expect(throws: ContentError.self) { try content.events.insert(invented) }
    }
}
