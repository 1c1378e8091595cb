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

    @Test("% is both approximate and uncertain")
    func bothQualifiers() throws {
        #expect(try EDTFDate("1970%").isApproximate && EDTFDate("1970%").isUncertain)
    }

    @Test(
        "each refusal names the real problem and what to write instead",
        arguments: [
            ("1980/..", "open intervals (..) are not supported: give the known end as a year"),
            ("../1980", "open intervals (..) are not supported"),
            ("1985-04/..", "open intervals (..) are not supported"),
            ("/1975", "intervals with an unknown start or end (/1975) are not supported: give both ends"),
            ("1964/", "intervals with an unknown start or end (1964/) are not supported"),
            ("1949-09-01T10:00", "a time of day (T10:00) is not part of an EDTF level-0 date; give the day alone, 1949-09-01"),
            ("1949-09-01 10:00", "a time of day (10:00) is not part of an EDTF level-0 date; give the day alone, 1949-09-01"),
            ("The 1960s", "is not an EDTF date: write YYYY, YYYY-MM or YYYY-MM-DD"),
            ("1962-02-30", "1962-02-30 names a day that does not exist: 1962-02 has 28 days"),
            ("2024-02-30", "2024-02 has 29 days"),
            ("1962-13", "there is no month 13; months are 01 to 12"),
            ("1962-8", "the month must be two digits"),
            ("1962-08-3", "the day must be two digits"),
            ("1962-21", "seasons (months 21 to 41) are not supported"),
            ("196X-08", "a month cannot follow an unspecified year (196X)"),
            ("1X62", "an unspecified digit X may only end the year"),
            ("62", "the year must have four digits (0062 for the year 62)"),
            ("19621", "years of more than four digits are not supported"),
            ("-0100", "years before year 0 (BCE) are not supported"),
            ("Y170000002", "years written with Y"),
            ("1962~~", "a qualifier (?, ~ or %) is supported once, at the very end"),
            ("?1962", "a qualifier (?, ~ or %) is supported once"),
            ("spring 1962", "is not an EDTF date: write YYYY, YYYY-MM or YYYY-MM-DD"),
            ("1962-08-03-01", "has 4 parts"),
            ("1962/1950", "the interval ends (1950) before it starts (1962)"),
            ("[1970..1960]", "the range ends (1960) before it starts (1970)"),
            ("[1962,1963]", "only a range [start..end] with both ends is supported inside brackets"),
            ("{1962,1963}", "all-of sets ({…}) are not supported"),
            ("1962/1963/1964", "has 2 slashes; an interval is start/end"),
            ("", "is empty: give an EDTF date such as 1962"),
        ])
    func refusalMessages(text: String, expected: String) throws {
        let error = try #require(throws: ContentError.self) { try EDTFDate(text) }
        guard case .validation(let issues) = error else {
            Issue.record("\(text): \(error)")
            return
        }
        #expect(issues.count == 1 && issues[0].field == "date_edtf", "\(text): \(issues)")
        #expect(issues.first?.rule.contains(expected) == true, "\(text): \(issues.first?.rule ?? "no issue")")
        #expect(issues.allSatisfy { !$0.rule.contains("CHECK") }, "\(text): a raw SQL message")
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
