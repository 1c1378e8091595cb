/// What an export holds: all the content, or one dossier's.
enum ExportScope: Equatable {
    /// Every row.
    case everything
    /// The sources, entities, records and relations of one dossier. `entities` says which
    /// entities its records use but other dossiers define: all of them (an export that imports
    /// on its own), or none (a seed file, which leaves them to the dossiers defining them).
    case dossier(String, entities: EntityInclusion)

    /// Which entities defined by other dossiers a dossier's export carries.
    enum EntityInclusion: Equatable {
        /// Every entity its records use.
        case allUsed
        /// Only the entities it defines, and those no dossier defines.
        case ownDefinitions
    }

    /// Whether an entity the dossier's records use and another dossier defines is exported, and
    /// a source they cite that another dossier seeded.
    var includesEntitiesDefinedElsewhere: Bool {
        if case .dossier(_, .ownDefinitions) = self { return false }
        return true
    }

    /// SQL for the ids of the records of the dossier named by parameter 1.
    static let recordsOfDossier = "SELECT record_id FROM record_seeds WHERE seed_set = ?1"

    /// SQL for the ids of the entities the records of the dossier named by parameter 1 use,
    /// in any role.
    static let entitiesUsedByDossier = """
        SELECT entity_id FROM record_entities WHERE record_id IN (\(recordsOfDossier))
        UNION ALL SELECT period_entity_id FROM historical_events WHERE record_id IN (\(recordsOfDossier))
        UNION ALL SELECT agent_entity_id FROM mechanisms WHERE record_id IN (\(recordsOfDossier))
        UNION ALL SELECT target_entity_id FROM mechanisms WHERE record_id IN (\(recordsOfDossier))
        UNION ALL SELECT system_entity_id FROM mechanisms WHERE record_id IN (\(recordsOfDossier))
        UNION ALL SELECT intervention_entity_id FROM clinical_claims WHERE record_id IN (\(recordsOfDossier))
        UNION ALL SELECT indication_entity_id FROM clinical_claims WHERE record_id IN (\(recordsOfDossier))
        UNION ALL SELECT comparator_entity_id FROM clinical_claims WHERE record_id IN (\(recordsOfDossier))
        """
}
