import ArgumentParser
import Dossier

/// `dossier vocab`: the allowed values of every closed vocabulary, with their meanings, read
/// from the declarations the schema is checked against.
struct VocabCommand: ParsableCommand, CommandWithGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "vocab",
        abstract: "List the allowed values of the seed files' vocabulary fields, with what each means.",
        discussion: """
            FIELD picks vocabularies by name (certainty, source-kind, onset-unit), by seed field \
            (date.precision, evidence_level, claims[].onset.lower_unit), by column, or by a last \
            name several share (kind lists every kind). Without FIELD, every vocabulary is listed. \
            Needs no database.

            Examples:
              dossier vocab
              dossier vocab certainty
              dossier vocab kind --format json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "The vocabulary or seed field to list (default: all).")
    var field: String?

    func run() throws {
        let chosen = try Self.vocabularies(named: field)
        try printRows(
            OutputTable(
                columns: ["field", "value", "meaning"],
                rows: chosen.flatMap { vocabulary in
                    zip(vocabulary.vocabulary.values, vocabulary.vocabulary.meanings).map { value, meaning in
                        [.string(vocabulary.name), .string(value), .string(meaning)]
                    }
                }),
            output)
    }

    /// The vocabularies `name` picks, or all of them for `nil`.
    ///
    /// - throws: a usage error listing the vocabularies, for a name that picks none.
    static func vocabularies(named name: String?) throws -> [VocabularyField] {
        guard let name else { return VocabularyField.all }
        let chosen = VocabularyField.all.filter { $0.isNamed(by: name) }
        guard !chosen.isEmpty else {
            throw ValidationError(
                "no vocabulary field is named \"\(name)\"; the fields are: \(VocabularyField.all.map(\.name).joined(separator: ", ")) (a seed field such as date.precision works too)"
            )
        }
        return chosen
    }
}
