extension JSONValue {
    /// The value as JSON text: keys in order, `/` not escaped, control characters and the line
    /// separators U+2028/U+2029 escaped, everything else as UTF-8. With `indent`, one item per
    /// line indented by that many spaces per level; without, compact. Deterministic: equal
    /// values render to equal bytes.
    ///
    /// `level` renders the value as it appears nested that deep in an indented document (its
    /// inner lines indented accordingly; the first line not), so that a document can be
    /// written a piece at a time with the same bytes as rendering it whole.
    package func rendered(indent: Int? = nil, level: Int = 0) -> String {
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
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
