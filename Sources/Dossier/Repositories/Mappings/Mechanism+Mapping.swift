internal import DossierDB

extension Mechanism {
    /// `mechanisms`, joined with its agent, target and system entities.
    public static let mapping = RecordMapping<Mechanism>(
        kind: .mechanism,
        table: "mechanisms",
        joins: """
            JOIN mechanisms s ON s.record_id = r.id JOIN entities agent ON agent.id = s.agent_entity_id \
            LEFT JOIN entities target ON target.id = s.target_entity_id LEFT JOIN entities system ON system.id = s.system_entity_id
            """,
        columns: "agent.slug, s.action, target.slug, system.slug, s.effect, s.role",
        writeColumns: ["agent_entity_id", "action", "target_entity_id", "system_entity_id", "effect", "role"],
        filterClause: "(?5 IS NULL OR s.action = ?5)",
        decode: { row in
            let info = try RecordColumns.decode(row)
            let base = RecordColumns.count
            return Mechanism(
                info, agent: try row.text(base),
                action: try MechanismAction.decode(row, base + 1, table: "mechanisms", column: "action"),
                target: try row.optionalText(base + 2), system: try row.optionalText(base + 3),
                effect: try row.optionalText(base + 4),
                role: try MechanismRole.decode(row, base + 5, table: "mechanisms", column: "role"))
        },
        validate: { mechanism in
            var issues = TextRules.slugIssues(mechanism.agent, field: "agent")
                + TextRules.optionalProseIssues(mechanism.effect, field: "effect", maximum: 1000)
            if mechanism.target == nil && mechanism.system == nil && mechanism.effect == nil {
                issues.append(ValidationIssue(field: "target", rule: "at least one of target, system and effect is required"))
            }
            if let target = mechanism.target, target == mechanism.agent {
                issues.append(ValidationIssue(field: "target", rule: "must differ from the agent", value: target))
            }
            return issues
        },
        entityReferences: { mechanism in
            [EntityReference(field: "agent", slug: mechanism.agent)]
                + (mechanism.target.map { [EntityReference(field: "target", slug: $0)] } ?? [])
                + (mechanism.system.map { [EntityReference(field: "system", slug: $0)] } ?? [])
        },
        bind: { mechanism, statement, entities in
            try statement.bind(try entities.id(mechanism.agent), at: 2)
            try statement.bind(mechanism.action.rawValue, at: 3)
            try statement.bind(try entities.id(mechanism.target), at: 4)
            try statement.bind(try entities.id(mechanism.system), at: 5)
            try statement.bind(mechanism.effect, at: 6)
            try statement.bind(mechanism.role.rawValue, at: 7)
        })
}
