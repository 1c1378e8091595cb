internal import DossierDB
internal import Foundation

extension RecordInfo {
    /// Rebuilds the shared fields from the `records` columns (and the `about` list, which lives
    /// in `record_entities`). From a seed file, the id, version and timestamps are absent.
    @inline(__always)
    init(_ values: some ColumnValues<RecordColumn>, about: [EntitySlug]) throws {
        self.init(
            id: try values.optionalInteger(.id).map(RecordID.init(rawValue:)), slug: try values.text(.slug),
            title: try values.text(.title), statement: try values.text(.statement),
            certainty: try values.vocabulary(.certainty, Certainty.self), status: try values.vocabulary(.status, RecordStatus.self),
            deprecationReason: try values.optionalText(.deprecationReason), about: about,
            version: Int(try values.optionalInteger(.version) ?? 0), createdAt: try values.optionalTimestamp(.createdAt),
            updatedAt: try values.optionalTimestamp(.updatedAt))
    }

    /// The value of a `records` column. The kind is the record type's, not a field of its info.
    func value(of column: RecordColumn) -> SQLValue {
        switch column {
        case .id: id.map { .integer($0.rawValue) } ?? .null
        case .slug: .text(slug)
        case .kind: .null
        case .title: .text(title)
        case .statement: .text(statement)
        case .certainty: .text(certainty.rawValue)
        case .status: .text(status.rawValue)
        case .deprecationReason: SQLValue(deprecationReason)
        case .version: .integer(Int64(version))
        case .createdAt: SQLValue(createdAt)
        case .updatedAt: SQLValue(updatedAt)
        }
    }

    /// The rules of the shared fields: each column's own, then those that span columns.
    var issues: [ValidationIssue] {
        var issues = RecordColumn.allCases.flatMap { column in
            column.declaration.field == nil ? [] : column.declaration.issues(value(of: column))
        }
        if status == .deprecated, deprecationReason == nil {
            issues.append(ValidationIssue(field: "deprecation_reason", rule: "is required to deprecate a record"))
        } else if status != .deprecated, deprecationReason != nil {
            issues.append(ValidationIssue(field: "deprecation_reason", rule: "is only for deprecated records", value: deprecationReason))
        }
        for (index, slug) in about.enumerated() {
            issues += TextRules.slugIssues(slug.rawValue, field: "about[\(index)]")
        }
        if Set(about).count != about.count {
            issues.append(ValidationIssue(field: "about", rule: "must not list an entity twice"))
        }
        return issues
    }
}

extension SQLValue {
    /// Optional text as a value: `nil` is `NULL`.
    init(_ text: String?) {
        self = text.map { .text($0) } ?? .null
    }

    /// An optional entity reference as a value: its slug, or `NULL`.
    init(_ slug: EntitySlug?) {
        self = slug.map { .text($0.rawValue) } ?? .null
    }

    /// An optional date as a value: its timestamp as the database writes it, or `NULL`.
    init(_ date: Date?) {
        self = date.map { .text(DatabaseTimestamp.text($0)) } ?? .null
    }

    /// An optional vocabulary value as a value: its raw value, or `NULL`.
    init<Value: Vocabulary>(_ value: Value?) {
        self = value.map { .text($0.rawValue) } ?? .null
    }

    /// The text of a text value, `nil` otherwise.
    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}
