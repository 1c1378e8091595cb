/// One rule that one field of one piece of content breaks.
///
/// ```
/// claim ketamine-rapid-relief, onset_upper_unit: must not be shorter than onset_lower_unit (got "hours")
/// ```
public struct ValidationIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The field, as named in the schema or the seed files (`title`, `quotes[1].exact`).
    public var field: String
    /// The rule, phrased so that it completes "<field> …": "must not be empty".
    public var rule: String
    /// The offending value, shortened for messages.
    public var value: String?
    /// What the field belongs to: "claim ketamine-rapid-relief", "source ketamine-journey".
    public var subject: String?

    /// Creates an issue; long values are shortened to 120 characters.
    public init(field: String, rule: String, value: String? = nil, subject: String? = nil) {
        self.field = field
        self.rule = rule
        self.value = value.map { $0.count > 120 ? String($0.prefix(119)) + "…" : $0 }
        self.subject = subject
    }

    /// "<subject>, <field>: <rule> (got "<value>")".
    public var description: String {
        var text = subject.map { "\(MessageText.escaped($0)), " } ?? ""
        text += "\(MessageText.escaped(field)): \(rule)"
        if let value { text += " (got \"\(MessageText.escaped(value))\")" }
        return text
    }

    /// The same issue attributed to `subject`, unless it already names one.
    func attributed(to subject: String) -> ValidationIssue {
        var copy = self
        if copy.subject == nil { copy.subject = subject }
        return copy
    }
}
