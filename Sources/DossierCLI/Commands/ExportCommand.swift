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

    @Option(help: "Write to this file instead of standard output (refuses to overwrite).")
    var output: String?

    func run() throws {
        let json = try global.openForReading().exportJSON()
        guard let output else {
            FileHandle.standardOutput.write(Data(json.utf8))
            return
        }
        guard !FileManager.default.fileExists(atPath: output) else {
            throw CommandFailure("\(output) already exists; choose another name or remove it first", status: .failure)
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(json.utf8)) else {
            throw CommandFailure("cannot write \(output); check that its folder exists and is writable", status: .failure)
        }
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
            data = FileHandle.standardInput.readDataToEndOfFile()
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
