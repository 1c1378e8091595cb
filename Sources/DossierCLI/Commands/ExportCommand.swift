import ArgumentParser
import Dossier
import Foundation

/// `dossier export [--output FILE]`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole content as one JSON document.",
        discussion: """
            Sources with their texts and defects, entities, records with their typed fields and citations, \
            relations; no ids, versions or timestamps. Deterministic: the same content gives the same bytes, \
            and export → import → export is byte-identical.

            Examples:
              dossier export > dossier.json
              dossier export --output dossier.json
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Write to this new file instead of standard output (- is standard output; never overwrites).")
    var output: String?

    func run() throws {
        let json = try global.openForReading().exportJSON()
        guard let output, output != "-" else {
            try StandardStreams.write(json)
            return
        }
        try OutputFile.create(output, contents: json)
        Terminal.note("exported to \(output)")
    }
}

/// `dossier import <file>`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an export into an empty database, or one that already holds the same content.",
        discussion: """
            One transaction: what is missing is inserted; anything present must be identical, or nothing is \
            written. Create the database first with `dossier migrate up`.

            Examples:
              dossier migrate up --database copy.sqlite && dossier import dossier.json --database copy.sqlite
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The export file, or - for standard input.")
    var file: String

    func run() throws {
        let data: Data
        if file == "-" {
            data = Data(try StandardStreams.readInput(limit: 1 << 30))
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw CommandFailure("cannot read \(file); check the path", status: .notFound)
            }
            data = contents
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            throw CommandFailure("\(file) is not valid UTF-8 text", status: .validation)
        }
        let report = try global.openForWriting().importJSON(text, name: file == "-" ? "standard input" : file)
        Terminal.note("imported \(file): \(report.summary)")
    }
}
