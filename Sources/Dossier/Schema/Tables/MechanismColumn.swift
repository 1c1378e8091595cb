/// `mechanisms`: an agent acting on a target, in a system, with an effect.
package enum MechanismColumn: Int, TableColumns {
    case recordID, agent, action, target, system, effect, role

    package static let table = "mechanisms"

    /// Mechanisms are records of this kind.
    package static let recordKind = RecordKind.mechanism

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .recordID: ColumnDeclaration("record_id", .integer, .parent(table: "records"))
        case .agent: ColumnDeclaration("agent_entity_id", .integer, .reference(table: "entities"), field: "agent")
        case .action: ColumnDeclaration("action", .text, .vocabulary(of: MechanismAction.self), field: "action")
        case .target:
            ColumnDeclaration("target_entity_id", .integer, .reference(table: "entities"), nullable: true, field: "target")
        case .system:
            ColumnDeclaration("system_entity_id", .integer, .reference(table: "entities"), nullable: true, field: "system")
        case .effect: ColumnDeclaration("effect", .text, .prose(maximum: 1000), nullable: true, field: "effect")
        case .role: ColumnDeclaration("role", .text, .vocabulary(of: MechanismRole.self), field: "role")
        }
    }
}
