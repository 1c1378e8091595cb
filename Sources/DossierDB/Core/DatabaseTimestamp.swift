// Foundation only for `Date`: FoundationEssentials where it exists (Linux), which brings no ICU
// along; the whole of Foundation elsewhere.
#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The UTC timestamps a schema writes with `strftime('%Y-%m-%dT%H:%M:%fZ')`, such as
/// `2026-12-03T09:22:39.123Z`, read as `Date` and written back as the same text.
///
/// Only that exact form is a timestamp: 24 characters, a day that exists (years 0000 to 9999),
/// hours below 24, minutes and seconds below 60, three digits of milliseconds and `Z`. Every
/// timestamp reads and writes back to the same text: `text(date(t)!) == t`.
///
/// It is parsed by hand, byte by byte, with no formatter, calendar or time zone involved: it
/// runs on every row a repository reads.
public enum DatabaseTimestamp {
    /// Milliseconds from 1970-01-01 to 2001-01-01, `Date`'s reference date.
    private static let referenceOffset: Int64 = 978_307_200_000
    /// Milliseconds in a day.
    private static let day: Int64 = 86_400_000
    /// The first and last millisecond a timestamp can say, since 1970: 0000-01-01T00:00:00.000Z
    /// and 9999-12-31T23:59:59.999Z.
    private static let range: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_999

    /// The date a timestamp says, or `nil` when the text is not a timestamp.
    public static func date(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { date(utf8: $0) }
    }

    /// The date the UTF-8 bytes of a timestamp say, or `nil` when they are not one: for reading
    /// a column without making a `String` (`row.withUTF8(index, DatabaseTimestamp.date(utf8:))`).
    public static func date(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."),
            bytes[23] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ start: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<(start + count) {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
            month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
        else { return nil }
        let days = dayNumber(year: year, month: month, day: day)
        let milliseconds = (((days * 24 + hour) * 60 + minute) * 60 + second) * 1000 + millisecond
        // One rounding only, from exact milliseconds: `text(_:)` gets the same milliseconds back.
        return Date(timeIntervalSinceReferenceDate: Double(milliseconds - referenceOffset) / 1000)
    }

    /// The timestamp of a date, to the millisecond (rounded to the nearest). A date before year
    /// 0000 or after 9999 is written as the first or last millisecond of that range.
    public static func text(_ date: Date) -> String {
        let interval = date.timeIntervalSinceReferenceDate * 1000
        let milliseconds: Int64
        if interval.isNaN {
            milliseconds = 0
        } else if interval <= Double(range.lowerBound - referenceOffset) {
            milliseconds = range.lowerBound
        } else if interval >= Double(range.upperBound - referenceOffset) {
            milliseconds = range.upperBound
        } else {
            milliseconds = Int64(interval.rounded()) + referenceOffset
        }
        let days = floorDivision(milliseconds, day)
        var rest = milliseconds - days * day
        let (year, month, dayOfMonth) = civil(dayNumber: days)
        var bytes = [UInt8](repeating: 0, count: 24)
        func put(_ value: Int64, at start: Int, digits: Int) {
            var value = value
            for index in stride(from: start + digits - 1, through: start, by: -1) {
                bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, at: 0, digits: 4)
        put(month, at: 5, digits: 2)
        put(dayOfMonth, at: 8, digits: 2)
        put(rest / 3_600_000, at: 11, digits: 2)
        rest %= 3_600_000
        put(rest / 60_000, at: 14, digits: 2)
        rest %= 60_000
        put(rest / 1000, at: 17, digits: 2)
        put(rest % 1000, at: 20, digits: 3)
        for (index, character) in [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "."), (23, "Z")] as [(Int, Unicode.Scalar)] {
            bytes[index] = UInt8(ascii: character)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - The proleptic Gregorian calendar

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    package static func dayNumber(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivision(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `dayNumber` days after 1970-01-01 (`civil_from_days`).
    package static func civil(dayNumber: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = dayNumber + 719_468
        let era = floorDivision(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
