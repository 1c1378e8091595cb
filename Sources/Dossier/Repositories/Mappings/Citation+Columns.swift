internal import DossierDB

extension Citation {
    /// Rebuilds a stored citation of the record `record` from its columns.
    init(_ values: some ColumnValues<CitationColumn>, record: String) throws {
        self.init(
            id: CitationID(rawValue: try values.integer(.id)), record: record, source: try values.text(.source),
            exact: try values.text(.exact), prefix: try values.text(.prefix), suffix: try values.text(.suffix),
            start: Int(truncatingIfNeeded: try values.integer(.startOffset)),
            end: Int(truncatingIfNeeded: try values.integer(.endOffset)), sourceSHA256: try values.text(.sourceSHA256),
            note: try values.optionalText(.note), hedgeReview: try values.optionalText(.hedgeReview))
    }
}

extension ContentWriter.LocatedQuote {
    /// The value of a `citations` column as the library stores this quote: the 32 code points
    /// around it for prefix and suffix, the source's current hash.
    func value(of column: CitationColumn) -> SQLValue {
        switch column {
        case .id, .recordID: .null
        case .source: .text(source)
        case .sourceSHA256: .text(sourceSHA256)
        case .exact: .text(exact)
        case .prefix: .text(storedPrefix)
        case .suffix: .text(storedSuffix)
        case .startOffset: .integer(Int64(start))
        case .endOffset: .integer(Int64(end))
        case .note: SQLValue(note)
        case .hedgeReview: SQLValue(hedgeReview)
        }
    }
}

extension Relation {
    /// Rebuilds a relation from its columns.
    init(_ values: some ColumnValues<RelationColumn>) throws {
        self.init(
            try values.text(.subject), try values.vocabulary(.predicate, RelationPredicate.self), try values.text(.object),
            note: try values.optionalText(.note))
        id = try values.optionalInteger(.id).map(RelationID.init(rawValue:))
    }

    /// The value of a `relations` column (subject and object as slugs).
    func value(of column: RelationColumn) -> SQLValue {
        switch column {
        case .id: id.map { .integer($0.rawValue) } ?? .null
        case .subject: .text(subject)
        case .predicate: .text(predicate.rawValue)
        case .object: .text(object)
        case .note: SQLValue(note)
        case .createdAt, .seedSet: .null
        }
    }

    /// The rules of the relation's own fields (which kinds a predicate links, and cycles, are
    /// rules of the whole table).
    var issues: [ValidationIssue] {
        var issues = RelationColumn.allCases.flatMap { column in
            column.declaration.field == nil ? [] : column.declaration.issues(value(of: column))
        }
        if subject == object {
            issues.append(ValidationIssue(field: "object", rule: "must differ from the subject", value: object))
        }
        return issues
    }
}
