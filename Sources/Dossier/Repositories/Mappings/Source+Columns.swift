internal import DossierDB

extension Source {
    /// Rebuilds a source from its columns. A seed file need not give the text's hash and length:
    /// they are computed from the text; a row, or an export, gives them as stored.
    init(_ values: some ColumnValues<SourceColumn>) throws {
        let text = try values.text(.text)
        self.init(
            id: try values.optionalInteger(.id).map(SourceID.init(rawValue:)), slug: try values.text(.slug),
            title: try values.text(.title), kind: try values.vocabulary(.kind, SourceKind.self), url: try values.optionalText(.url),
            publisher: try values.optionalText(.publisher), author: try values.optionalText(.author),
            publishedOn: try values.optionalText(.publishedOn), retrievedOn: try values.optionalText(.retrievedOn),
            language: try values.text(.language), text: text,
            textSHA256: try values.optionalText(.textSHA256) ?? SHA256.hexDigest(of: text),
            textLength: try values.optionalInteger(.textLength).map { Int(truncatingIfNeeded: $0) } ?? text.unicodeScalars.count,
            createdAt: try values.optionalTimestamp(.createdAt))
    }

    /// The value of a `sources` column.
    func value(of column: SourceColumn) -> SQLValue {
        switch column {
        case .id: id.map { .integer($0.rawValue) } ?? .null
        case .slug: .text(slug)
        case .title: .text(title)
        case .kind: .text(kind.rawValue)
        case .url: SQLValue(url)
        case .publisher: SQLValue(publisher)
        case .author: SQLValue(author)
        case .publishedOn: SQLValue(publishedOn)
        case .retrievedOn: SQLValue(retrievedOn)
        case .language: .text(language)
        case .textSHA256: .text(textSHA256)
        case .textLength: .integer(Int64(textLength))
        case .text: .text(text)
        case .createdAt: SQLValue(createdAt)
        case .updatedAt, .seedSet: .null
        }
    }

    /// Every rule the source breaks: its columns', and that its hash and length are its text's.
    var issues: [ValidationIssue] {
        var issues = SourceColumn.allCases.flatMap { column in
            column.declaration.field == nil ? [] : column.declaration.issues(value(of: column))
        }
        if textSHA256 != SHA256.hexDigest(of: text) {
            issues.append(
                ValidationIssue(field: "text_sha256", rule: "is not the SHA-256 of the text; the text was altered", value: textSHA256))
        }
        if textLength != text.unicodeScalars.count {
            issues.append(
                ValidationIssue(
                    field: "text_length", rule: "must be the length of the text in code points (\(text.unicodeScalars.count))",
                    value: String(textLength)))
        }
        return issues
    }
}

extension SourceDefect {
    /// The value of a `source_defects` column (the source's id is its owner's).
    func value(of column: SourceDefectColumn) -> SQLValue {
        switch column {
        case .id: id.map { .integer($0.rawValue) } ?? .null
        case .sourceID, .seedSet: .null
        case .kind: .text(kind.rawValue)
        case .startOffset: .integer(Int64(start))
        case .endOffset: .integer(Int64(end))
        case .exact: .text(exact)
        case .intended: SQLValue(intended)
        case .note: SQLValue(note)
        }
    }

    /// The rules of a defect's fields and of its kind: a corrupted word has the word meant,
    /// injected text has none. `field` prefixes each issue's field (`defects[3]`).
    static func issues(kind: SourceDefectKind, exact: String, intended: String?, note: String?, field: String) -> [ValidationIssue] {
        let values: [SourceDefectColumn: SQLValue] = [
            .kind: .text(kind.rawValue), .exact: .text(exact), .intended: SQLValue(intended), .note: SQLValue(note),
        ]
        var issues = values.sorted { $0.key.rawValue < $1.key.rawValue }.flatMap { column, value in
            column.declaration.issues(value, field: "\(field).\(column.declaration.field ?? column.name)")
        }
        if kind == .corruptedWord, intended == nil {
            issues.append(ValidationIssue(field: "\(field).intended", rule: "is required for a corrupted word: the word meant"))
        }
        if kind == .injectedText, intended != nil {
            issues.append(
                ValidationIssue(
                    field: "\(field).intended", rule: "must be empty for injected text, which should not be there at all", value: intended))
        }
        return issues
    }
}
