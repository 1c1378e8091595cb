internal import DossierDB

/// The columns of one content table, as an enum with one case per column: the declaration of
/// the table.
///
/// A case's raw value is its position in the table's select list, so the SQL that reads a row
/// and the code that decodes it name columns by case, never by a number typed twice: swapping
/// two cases reorders both together.
package protocol TableColumns: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == Int, AllCases == [Self] {
    /// The table's name.
    static var table: String { get }
    /// The column's declaration, written once as a case of a switch.
    var definition: ColumnDeclaration { get }
    /// Every column's ``definition``, in select-list order, built once (`allCases.map(\.definition)`).
    static var declarations: [ColumnDeclaration] { get }
}

extension TableColumns {
    /// The column's declaration, read from ``declarations``: no rule is rebuilt per use.
    package var declaration: ColumnDeclaration { Self.declarations[rawValue] }

    /// The column's name in SQL.
    package var name: String { declaration.name }

    /// The column named `name`, if the table declares one.
    package static func column(named name: String) -> Self? {
        allCases.first { $0.declaration.name == name }
    }

    /// The select list over the table aliased `alias`: every column in case order, reference
    /// columns replaced by the slug of the row they reference (`<alias>_<column>.slug`, from
    /// the joins of ``referenceJoins(alias:)``).
    package static func selectList(alias: String) -> String {
        allCases.map { column in
            if case .reference = column.declaration.rule {
                return "\(column.joinAlias(alias)).slug"
            }
            return "\(alias).\(column.declaration.name)"
        }.joined(separator: ", ")
    }

    /// LEFT JOINs that bring in the slug of each row a reference column names. LEFT, so that a
    /// reference to a missing row (written with foreign keys off) reads as `NULL` instead of
    /// hiding the row.
    package static func referenceJoins(alias: String) -> String {
        allCases.compactMap { column -> String? in
            guard case .reference(let table) = column.declaration.rule else { return nil }
            let join = column.joinAlias(alias)
            return "LEFT JOIN \(table) \(join) ON \(join).id = \(alias).\(column.declaration.name)"
        }.joined(separator: " ")
    }

    /// The alias the joins give the table a reference column points into.
    private func joinAlias(_ alias: String) -> String {
        "\(alias)_\(declaration.name)"
    }

    /// The columns the library writes, in case order.
    package static var writtenColumns: [Self] {
        allCases.filter { $0.declaration.isWrittenByLibrary }
    }
}

/// A table's declaration with its column type erased: for code that walks every table (the
/// schema comparison, the audit-image check, `dossier vocab`).
package struct TableDeclaration: Sendable {
    /// The table's name.
    package let name: String
    /// Its columns, in select-list order.
    package let columns: [ColumnDeclaration]
    /// Whether the audit triggers record its changes.
    package let isAudited: Bool
    /// The column whose value the audit triggers store as `audit_log.row_id`, when it names one
    /// row (`id`, or `record_id` of a typed table); `nil` for tables with several rows per key
    /// (aliases, identifiers, record entities), whose audit images cannot be matched to a row.
    package let auditKey: String?

    /// The declaration of the table `Columns` describes.
    package init<Columns: TableColumns>(_ columns: Columns.Type, audited: Bool, auditKey: String? = nil) {
        name = Columns.table
        self.columns = Columns.declarations
        isAudited = audited
        self.auditKey = auditKey
    }
}
