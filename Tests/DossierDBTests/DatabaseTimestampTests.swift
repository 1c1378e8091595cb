import DossierDB
import Foundation
import Testing

@Suite("Database timestamps as dates")
struct DatabaseTimestampTests {
    @Test("a timestamp reads as its instant and writes back as the same text")
    func roundTrip() throws {
        let cases: [(String, Double)] = [
            ("1970-01-01T00:00:00.000Z", 0), ("1970-01-01T00:00:01.500Z", 1.5), ("1969-12-31T23:59:59.999Z", -0.001),
            ("2001-01-01T00:00:00.000Z", 978_307_200), ("2026-12-03T09:22:39.123Z", 1_796_289_759.123),
            ("2024-02-29T23:59:59.999Z", 1_709_251_199.999), ("0000-01-01T00:00:00.000Z", -62_167_219_200),
            ("9999-12-31T23:59:59.999Z", 253_402_300_799.999),
        ]
        for (text, seconds) in cases {
            let date = try #require(DatabaseTimestamp.date(text), "\(text)")
            #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001, "\(text)")
            #expect(DatabaseTimestamp.text(date) == text)
        }
    }

    @Test("only the form strftime('%Y-%m-%dT%H:%M:%fZ') writes is a timestamp")
    func refusals() {
        let texts = [
            "", "x", "now", "2026-12-02 22:28:21", "2026-12-02T22:28:21Z", "2026-12-02T22:28:21.123", "2026-12-02T22:28:21.1234Z",
            "2026-12-02T22:28:21.12Z", "2026-13-02T22:28:21.123Z", "2026-00-02T22:28:21.123Z", "2026-12-00T22:28:21.123Z",
            "2026-12-32T22:28:21.123Z", "2023-02-29T00:00:00.000Z", "1900-02-29T00:00:00.000Z", "2026-04-31T00:00:00.000Z",
            "2026-12-02T24:00:00.000Z", "2026-12-02T22:60:21.123Z", "2026-12-02T22:28:60.123Z", "2026-12-02t22:28:21.123Z",
            "2026-12-02T22:28:21.123z", "+026-12-02T22:28:21.123Z", "2026-1a-02T22:28:21.123Z", "２026-12-02T22:28:21.123Z",
            "2026-12-02T22:28:21.123Z ", " 2026-12-02T22:28:21.123Z", "2026/12/02T22:28:21.123Z",
        ]
        for text in texts {
            #expect(DatabaseTimestamp.date(text) == nil, "\(text)")
        }
        #expect(DatabaseTimestamp.date("2000-02-29T00:00:00.000Z") != nil)
    }

    @Test("dates agree with SQLite's calendar, millisecond for millisecond, over years 0000 to 9999")
    func agreesWithSQLite() throws {
        let db = try DatabaseConnection.inMemory()
        var generator = SystemRandomNumberGenerator()
        let lower: Int64 = -62_167_219_200_000
        let upper: Int64 = 253_402_300_799_999
        let samples = (0..<2000).map { _ in Int64.random(in: lower...upper, using: &generator) } + [lower, upper, 0, -1, 1]
        for milliseconds in samples {
            // SQLite writes the text from whole milliseconds, and reads it back as Julian days.
            let (text, again) = try #require(
                try db.fetchOne(
                    """
                    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ?1 / 86400000.0 + 2440587.5),
                           CAST(round((julianday(strftime('%Y-%m-%dT%H:%M:%fZ', ?1 / 86400000.0 + 2440587.5)) - 2440587.5) * 86400000.0) AS INTEGER)
                    """, [.integer(milliseconds)]
                ) { (try $0.text(0), try $0.int64(1)) })
            let date = try #require(DatabaseTimestamp.date(text), "\(text)")
            #expect(Int64((date.timeIntervalSince1970 * 1000).rounded()) == again, "\(text)")
            #expect(DatabaseTimestamp.text(date) == text)
        }
    }

    @Test("a date is written to the nearest millisecond, and beyond years 0000 to 9999 at their ends")
    func writing() {
        #expect(DatabaseTimestamp.text(Date(timeIntervalSince1970: 1.0004)) == "1970-01-01T00:00:01.000Z")
        #expect(DatabaseTimestamp.text(Date(timeIntervalSince1970: 1.0006)) == "1970-01-01T00:00:01.001Z")
        #expect(DatabaseTimestamp.text(Date(timeIntervalSince1970: 59.9996)) == "1970-01-01T00:01:00.000Z")
        #expect(DatabaseTimestamp.text(Date(timeIntervalSince1970: -1e15)) == "0000-01-01T00:00:00.000Z")
        #expect(DatabaseTimestamp.text(Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59.999Z")
        #expect(DatabaseTimestamp.text(.distantFuture) == "4001-01-01T00:00:00.000Z")
    }
}
