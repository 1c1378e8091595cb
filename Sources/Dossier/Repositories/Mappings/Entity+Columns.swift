internal import DossierDB

extension Entity {
    /// Rebuilds an entity from its columns, with its aliases and identifiers.
    init(_ values: some ColumnValues<EntityColumn>, aliases: [Alias], identifiers: [ExternalIdentifier]) throws {
        self.init(
            slug: EntitySlug(try values.text(.slug)), kind: try values.vocabulary(.kind, EntityKind.self),
            name: try values.text(.name), description: try values.optionalText(.description),
            periodStart: try values.optionalText(.periodStart), periodEnd: try values.optionalText(.periodEnd),
            aliases: aliases, identifiers: identifiers)
        id = try values.optionalInteger(.id).map(EntityID.init(rawValue:))
    }

    /// The value of an `entities` column.
    func value(of column: EntityColumn) -> SQLValue {
        switch column {
        case .id: id.map { .integer($0.rawValue) } ?? .null
        case .slug: .text(slug.rawValue)
        case .kind: .text(kind.rawValue)
        case .name: .text(name)
        case .description: SQLValue(description)
        case .periodStart: SQLValue(periodStart)
        case .periodEnd: SQLValue(periodEnd)
        case .createdAt, .updatedAt, .seedSet: .null
        }
    }

    /// Every rule the entity breaks: its columns', its aliases' and identifiers', and those
    /// that span them.
    var issues: [ValidationIssue] {
        var issues = EntityColumn.allCases.flatMap { column in
            column.declaration.field == nil ? [] : column.declaration.issues(value(of: column))
        }
        for (field, value) in [("period_start", periodStart), ("period_end", periodEnd)] where value != nil && kind != .period {
            issues.append(ValidationIssue(field: field, rule: "is only for entities of kind period", value: value))
        }
        if let start = periodStart, let end = periodEnd, start > end {
            issues.append(ValidationIssue(field: "period_end", rule: "must not be before period_start (\(start))", value: end))
        }
        for (index, alias) in aliases.enumerated() {
            issues += EntityAliasColumn.allCases.flatMap { column in
                column.declaration.field.map { column.declaration.issues(alias.value(of: column), field: "aliases[\(index)].\($0)") } ?? []
            }
        }
        if Set(aliases.map(\.name)).count != aliases.count {
            issues.append(ValidationIssue(field: "aliases", rule: "must not list a name twice"))
        }
        for identifier in identifiers where !identifier.scheme.accepts(identifier.value) {
            issues.append(
                ValidationIssue(
                    field: "identifiers.\(identifier.scheme.rawValue)",
                    rule:
                        "is not a valid \(identifier.scheme.rawValue) identifier (\(identifier.scheme.valuePattern), e.g. \(identifier.scheme.example))",
                    value: identifier.value))
        }
        if Set(identifiers.map(\.scheme)).count != identifiers.count {
            issues.append(ValidationIssue(field: "identifiers", rule: "must not give a scheme twice"))
        }
        return issues
    }
}

extension Entity.Alias {
    /// Rebuilds an alias from its columns.
    init(_ values: some ColumnValues<EntityAliasColumn>) throws {
        self.init(try values.text(.alias), kind: try values.vocabulary(.kind, AliasKind.self))
    }

    /// The value of an `entity_aliases` column (the entity's id is its owner's).
    func value(of column: EntityAliasColumn) -> SQLValue {
        switch column {
        case .entityID: .null
        case .alias: .text(name)
        case .kind: .text(kind.rawValue)
        }
    }
}
