/// Deterministic JSON: keys in the order given, no whitespace variations, `/` not escaped, every
/// control character escaped. Export → import → export round trips depend on this stability.
enum JSONRendering {
    /// Renders a value; `indent` pretty-prints with that many spaces per level.
    static func render(_ value: OutputValue, indent: Int? = nil) -> String {
        var output = ""
        write(value, into: &output, indent: indent, level: 0)
        return output
    }

    private static func write(_ value: OutputValue, into output: inout String, indent: Int?, level: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number):
            output += number.isFinite ? String(number) : "null"
        case .string(let text): writeString(text, into: &output)
        case .list(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                newline(&output, indent: indent, level: level + 1)
                write(item, into: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output += "]"
        case .object(let fields):
            guard !fields.isEmpty else { output += "{}"; return }
            output += "{"
            for (index, (key, item)) in fields.enumerated() {
                if index > 0 { output += "," }
                newline(&output, indent: indent, level: level + 1)
                writeString(key, into: &output)
                output += indent == nil ? ":" : ": "
                write(item, into: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        output += "\n" + String(repeating: " ", count: indent * level)
    }

    static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029
                {
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
