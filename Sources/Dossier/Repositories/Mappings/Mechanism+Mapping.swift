internal import DossierDB

extension Mechanism: ColumnMappedRecord {
    /// `mechanisms`, joined with its agent, target and system entities.
    public static let mapping = RecordMapping<Mechanism>(kind: .mechanism)

    static var filterColumn: MechanismColumn { .action }

    init(info: RecordInfo, values: some ColumnValues<MechanismColumn>) throws {
        self.init(
            info, agent: EntitySlug(try values.text(.agent)), action: try values.vocabulary(.action, MechanismAction.self),
            target: try values.optionalText(.target).map { EntitySlug($0) },
            system: try values.optionalText(.system).map { EntitySlug($0) },
            effect: try values.optionalText(.effect), role: try values.vocabulary(.role, MechanismRole.self))
    }

    func value(of column: MechanismColumn) -> SQLValue {
        switch column {
        case .recordID: info.id.map { .integer($0.rawValue) } ?? .null
        case .agent: SQLValue(agent)
        case .action: .text(action.rawValue)
        case .target: SQLValue(target)
        case .system: SQLValue(system)
        case .effect: SQLValue(effect)
        case .role: .text(role.rawValue)
        }
    }

    var rowIssues: [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if target == nil && system == nil && effect == nil {
            issues.append(ValidationIssue(field: "target", rule: "at least one of target, system and effect is required"))
        }
        if let target, target == agent {
            issues.append(ValidationIssue(field: "target", rule: "must differ from the agent", value: target.rawValue))
        }
        return issues
    }
}
