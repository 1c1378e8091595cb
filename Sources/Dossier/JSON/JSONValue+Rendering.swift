extension JSONValue {
    /// The value as JSON text: keys in order, `/` not escaped, control characters and the line
    /// separators U+2028/U+2029 escaped, everything else as UTF-8. With `indent`, one item per
    /// line indented by that many spaces per level; without, compact. Deterministic: equal
    /// values render to equal bytes.
    ///
    /// `level` renders the value as it appears nested that deep in an indented document (its
    /// inner lines indented accordingly; the first line not), so that a document can be
    /// written a piece at a time with the same bytes as rendering it whole.
    public func rendered(indent: Int? = nil, level: Int = 0) -> String {
        var output = ""
        write(into: &output, indent: indent, level: level)
        return output
    }

    private func write(into output: inout String, indent: Int?, level: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .double(let number): output += number.isFinite ? String(number) : "null"
        case .string(let text): Self.writeString(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                Self.newline(&output, indent: indent, level: level + 1)
                item.write(into: &output, indent: indent, level: level + 1)
            }
            Self.newline(&output, indent: indent, level: level)
            output += "]"
        case .object(let object):
            guard object.count > 0 else {
                output += "{}"
                return
            }
            output += "{"
            for (index, field) in object.enumerated() {
                if index > 0 { output += "," }
                Self.newline(&output, indent: indent, level: level + 1)
                Self.writeString(field.key, into: &output)
                output += indent == nil ? ":" : ": "
                field.value.write(into: &output, indent: indent, level: level + 1)
            }
            Self.newline(&output, indent: indent, level: level)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        output += "\n" + String(repeating: " ", count: indent * level)
    }

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        var text = text
        // Runs of bytes that need no escape are appended at once; a run ends only at an ASCII
        // byte or before U+2028/U+2029, so each is whole UTF-8.
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            func flushRun() {
                if index > runStart { output += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self) }
            }
            while index < bytes.count {
                let byte = bytes[index]
                let escaped: String
                var length = 1
                switch byte {
                case UInt8(ascii: "\""): escaped = "\\\""
                case UInt8(ascii: "\\"): escaped = "\\\\"
                case UInt8(ascii: "\n"): escaped = "\\n"
                case UInt8(ascii: "\r"): escaped = "\\r"
                case UInt8(ascii: "\t"): escaped = "\\t"
                case 0x00..<0x20, 0x7F:
                    let hex = String(byte, radix: 16)
                    escaped = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2
                where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escaped = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                default:
                    index += 1
                    continue
                }
                flushRun()
                output += escaped
                index += length
                runStart = index
            }
            flushRun()
        }
        output += "\""
    }
}
