/// What an entity is.
public enum EntityKind: String, Vocabulary {
    /// A drug or chemical substance.
    case substance
    /// A class of drugs ("traditional antidepressants").
    case drugClass = "drug_class"
    /// A receptor or other molecular target.
    case receptor
    /// A neurotransmitter system (glutamate, dopamine).
    case neurotransmitterSystem = "neurotransmitter_system"
    /// A biological process (neuroplasticity).
    case biologicalProcess = "biological_process"
    /// A disease or condition.
    case condition
    /// A medical procedure (anesthesia, surgery).
    case procedure
    /// A field of practice (veterinary medicine, psychiatry).
    case field
    /// A historical period, with bounds.
    case period
    /// A group of people.
    case population
    /// An organization.
    case organization
    /// A person: a researcher, a physician, a patient named by the sources.
    case person
    /// A place.
    case place
    /// Anything else.
    case other

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .substance: "A drug or chemical substance."
        case .drugClass: "A class of drugs (\"traditional antidepressants\")."
        case .receptor: "A receptor or other molecular target."
        case .neurotransmitterSystem: "A neurotransmitter system (glutamate, dopamine)."
        case .biologicalProcess: "A biological process (neuroplasticity)."
        case .condition: "A disease or condition."
        case .procedure: "A medical procedure (anesthesia, surgery)."
        case .field: "A field of practice (veterinary medicine, psychiatry)."
        case .period: "A historical period, with bounds."
        case .population: "A group of people."
        case .organization: "An organization."
        case .person: "A person: a researcher, a physician, a patient named by the sources."
        case .place: "A place."
        case .other: "Anything else."
        }
    }
}

/// What an alias of an entity is.
public enum AliasKind: String, Vocabulary {
    /// Another name.
    case synonym
    /// An abbreviation ("NMDA").
    case abbreviation
    /// A brand name.
    case brand
    /// A name no longer used.
    case formerName = "former_name"

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .synonym: "Another name."
        case .abbreviation: "An abbreviation (\"NMDA\")."
        case .brand: "A brand name."
        case .formerName: "A name no longer used."
        }
    }
}

/// A scheme of external identifiers, with the pattern each value must match.
public enum IdentifierScheme: String, Vocabulary {
    /// Medical Subject Headings: `D007649`.
    case mesh
    /// DrugBank: `DB01221`.
    case drugbank
    /// Chemical Entities of Biological Interest: `CHEBI:6121`.
    case chebi
    /// Wikidata: `Q243547`.
    case wikidata
    /// RxNorm concept: `6130`.
    case rxnorm
    /// FDA Unique Ingredient Identifier: `690G0D6V8H`.
    case unii
    /// PubChem compound: `3821`.
    case pubchem
    /// ChEMBL: `CHEMBL742`.
    case chembl
    /// Gene Ontology: `GO:0017146`.
    case go

    /// Whether `value` has this scheme's shape (the same rule as the schema's CHECK).
    public func accepts(_ value: String) -> Bool {
        let characters = Array(value)
        func digits(_ slice: ArraySlice<Character>) -> Bool {
            !slice.isEmpty && slice.allSatisfy { $0.isASCII && $0.isNumber }
        }
        switch self {
        case .mesh:
            return (7...10).contains(characters.count) && (characters[0] == "D" || characters[0] == "C")
                && digits(characters.dropFirst())
        case .drugbank:
            return characters.count == 7 && value.hasPrefix("DB") && digits(characters.dropFirst(2))
        case .chebi:
            return (7...16).contains(characters.count) && value.hasPrefix("CHEBI:") && digits(characters.dropFirst(6))
        case .wikidata:
            return (2...12).contains(characters.count) && characters[0] == "Q" && characters[1] != "0"
                && digits(characters.dropFirst())
        case .rxnorm:
            return (1...10).contains(characters.count) && digits(characters[...])
        case .unii:
            return characters.count == 10 && characters.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) }
        case .pubchem:
            return (1...12).contains(characters.count) && digits(characters[...])
        case .chembl:
            return (7...16).contains(characters.count) && value.hasPrefix("CHEMBL") && digits(characters.dropFirst(6))
        case .go:
            return characters.count == 10 && value.hasPrefix("GO:") && digits(characters.dropFirst(3))
        }
    }

    /// An example value, for messages.
    public var example: String {
        switch self {
        case .mesh: return "D007649"
        case .drugbank: return "DB01221"
        case .chebi: return "CHEBI:6121"
        case .wikidata: return "Q243547"
        case .rxnorm: return "6130"
        case .unii: return "690G0D6V8H"
        case .pubchem: return "3821"
        case .chembl: return "CHEMBL742"
        case .go: return "GO:0017146"
        }
    }

    /// What the value means, in one line (`dossier vocab` prints it): the register, and the
    /// shape of its values with an example.
    public var meaning: String {
        let register: String
        switch self {
        case .mesh: register = "Medical Subject Headings"
        case .drugbank: register = "DrugBank"
        case .chebi: register = "Chemical Entities of Biological Interest"
        case .wikidata: register = "Wikidata item"
        case .rxnorm: register = "RxNorm concept"
        case .unii: register = "FDA Unique Ingredient Identifier"
        case .pubchem: register = "PubChem compound"
        case .chembl: register = "ChEMBL"
        case .go: register = "Gene Ontology"
        }
        return "\(register); value: \(valuePattern), e.g. \(example)"
    }

    /// The shape ``accepts(_:)`` requires, in words, for messages and `dossier vocab`.
    public var valuePattern: String {
        switch self {
        case .mesh: return "D or C and 6 to 9 digits"
        case .drugbank: return "DB and 5 digits"
        case .chebi: return "CHEBI: and 1 to 10 digits"
        case .wikidata: return "Q and 1 to 11 digits, the first not 0"
        case .rxnorm: return "1 to 10 digits"
        case .unii: return "10 uppercase ASCII letters or digits"
        case .pubchem: return "1 to 12 digits"
        case .chembl: return "CHEMBL and 1 to 10 digits"
        case .go: return "GO: and 7 digits"
        }
    }
}
