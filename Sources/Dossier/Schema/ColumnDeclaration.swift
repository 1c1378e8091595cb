package import DossierDB

/// One column of a content table, declared once: its name, type, nullability and rule, and the
/// field that carries it in seed files and exports.
///
/// Everything else derives from the declarations: the select and insert lists and the positions
/// rows are read at, the Swift validators (``issues(_:field:)``), the seed parser's fields and
/// the exporter's. The migrations stay hand-written SQL; `SchemaDeclarationTests` holds every
/// CHECK, trigger and audit image of the migrated schema against these declarations.
package struct ColumnDeclaration: Sendable, Hashable {
    /// How SQLite stores the column (the tables are STRICT).
    package enum StorageType: String, Sendable, Hashable {
        /// `INTEGER`.
        case integer = "INTEGER"
        /// `TEXT`.
        case text = "TEXT"
    }

    /// Whether the column's value appears in the row images the audit triggers write.
    package enum AuditImage: Sendable, Hashable {
        /// The column is in every image.
        case included
        /// Left out, for the reason given (a source's text: its SHA-256 identifies it).
        case omitted(reason: String)
    }

    /// The column's name in SQL.
    package let name: String
    /// Its storage type.
    package let type: StorageType
    /// Whether it may hold `NULL`.
    package let isNullable: Bool
    /// What values it accepts.
    package let rule: ColumnRule
    /// The field of seed files and exports that carries the column (`"onset.text"`: the key
    /// `text` of the object `onset`), or `nil` for columns that describe the database rather
    /// than the content (ids, timestamps, versions, seed ownership).
    package let field: String?
    /// The value a seed file may leave out, as SQL's `DEFAULT` gives it.
    package let defaultValue: SQLValue?
    /// Whether seed files may leave the field out because the library computes it from other
    /// fields (a text's SHA-256, a quote's offsets). Exports carry it, and an import checks that
    /// it is what the library computes.
    package let isDerived: Bool
    /// Whether the audit images carry it.
    package let audit: AuditImage

    /// Declares a column.
    package init(
        _ name: String, _ type: StorageType, _ rule: ColumnRule, nullable: Bool = false, field: String? = nil,
        default defaultValue: SQLValue? = nil, derived: Bool = false, audit: AuditImage = .included
    ) {
        self.name = name
        self.type = type
        self.rule = rule
        self.isNullable = nullable
        self.field = field
        self.defaultValue = defaultValue
        self.isDerived = derived
        self.audit = audit
    }

    /// Whether the library writes the column in its INSERT and UPDATE statements. Row ids are
    /// SQLite's, timestamps and versions the database's own.
    package var isWrittenByLibrary: Bool {
        switch rule {
        case .rowID, .timestamp, .version: return false
        default: return true
        }
    }

    /// The rules a value of this column breaks, for the field `field` (the declared field, or
    /// the column name): `NULL` where none is allowed, a value of the wrong type, and the rule's
    /// own conditions.
    package func issues(_ value: SQLValue, field: String? = nil) -> [ValidationIssue] {
        let name = field ?? self.field ?? self.name
        switch value {
        case .null:
            return isNullable ? [] : [ValidationIssue(field: name, rule: "is required")]
        case .integer:
            guard type == .integer else {
                return [ValidationIssue(field: name, rule: "must be text, not a number", value: value.description)]
            }
        case .text(let text):
            // A reference is a row id in the database and a slug everywhere else.
            if case .reference = rule { return TextRules.slugIssues(text, field: name) }
            guard type == .text else {
                return [ValidationIssue(field: name, rule: "must be a whole number, not text", value: value.description)]
            }
        case .real, .blob:
            return [ValidationIssue(field: name, rule: "must be \(type == .text ? "text" : "a whole number")", value: value.description)]
        }
        return rule.issues(value, field: name)
    }
}
