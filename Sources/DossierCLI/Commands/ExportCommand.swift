import ArgumentParser
import Dossier
import Foundation

/// The layouts `dossier export` writes.
enum ExportLayout: String, ExpressibleByArgument, CaseIterable {
    /// One JSON document.
    case json
    /// One object per line, for large content.
    case ndjson
}

/// `dossier export [--format json|ndjson] [--output FILE] [--dossier NAME [--as-seed DIR]]`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole content as one JSON document, or as NDJSON.",
        discussion: """
            Sources with their texts and defects, entities, records with their typed fields and citations, \
            relations; no ids, versions or timestamps. Deterministic: the same content gives the same bytes, \
            and export → import → export is byte-identical. Written as it is read, in one snapshot.

            --format ndjson, for large content: a header line, one object per line (each with its "type": \
            source, entity, event, mechanism, claim, relation, in that order) and an end line counting them, \
            so that import applies it as it reads and knows a cut file.

            Examples:
              dossier export > dossier.json
              dossier export --output dossier.json
              dossier export --format ndjson --output dossier.ndjson
              dossier export --dossier lithium > lithium-export.json
              dossier export --dossier lithium --as-seed ./Seeds   # Seeds/lithium.json + Seeds/sources/*.txt

            --dossier NAME exports one dossier: its sources, the entities its records use, its records and \
            relations. With --as-seed DIR it is written as seed files instead (DIR/NAME.json, and each \
            source's text in DIR/sources/SLUG.txt, replacing files of those names), which `dossier seed DIR` \
            applies with nothing to change: edit in the database, then pull the edits back into the files.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "json (one document, the default) or ndjson (one object per line).")
    var format: ExportLayout = .json

    @Option(help: "Write to this new file instead of standard output (- is standard output; never overwrites).")
    var output: String?

    @Option(help: "Export only this dossier.")
    var dossier: String?

    @Option(help: ArgumentHelp("Write the dossier as seed files in this folder (with --dossier).", valueName: "folder"))
    var asSeed: String?

    func validate() throws {
        if asSeed != nil, dossier == nil {
            throw ValidationError("--as-seed writes one dossier's seed files: name it with --dossier NAME")
        }
        if asSeed == "-" {
            throw ValidationError("--as-seed writes a folder of files, not standard output: name a folder")
        }
        if asSeed != nil, output != nil {
            throw ValidationError("--as-seed writes its files into its folder; leave out --output")
        }
    }

    func run() throws {
        let database = try global.openForReading()
        if let asSeed, let dossier {
            let written = try database.exportSeed(dossier: dossier, toFolder: asSeed)
            for path in written { Terminal.note("wrote \(path)") }
            return
        }
        let toStandardOutput = output == nil || output == "-"
        // On a terminal, a progress line would mix with an export printed to it.
        let progress = ProgressLine(enabled: ProgressLine.isWanted && !(toStandardOutput && isatty(STDOUT_FILENO) != 0))
        let export = { (write: (String) throws -> Void) throws in
            switch format {
            case .json: try database.exportJSON(dossier: dossier, progress: progress.handler, write)
            case .ndjson: try database.exportNDJSON(dossier: dossier, progress: progress.handler, write)
            }
        }
        guard let output, !toStandardOutput else {
            try export { try StandardStreams.write($0) }
            progress.finish()
            return
        }
        try OutputFile.create(output) { write in try export(write) }
        progress.finish()
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
            written. Create the database first with `dossier migrate up`. Reads either layout of `dossier \
            export`, told apart by the first line; NDJSON is applied as it is read, so its size is not \
            limited by memory.

            Examples:
              dossier migrate up --database copy.sqlite && dossier import dossier.json --database copy.sqlite
              dossier export --format ndjson | dossier import - --database copy.sqlite
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The export file, or - for standard input.")
    var file: String

    func run() throws {
        let descriptor = file == "-" ? STDIN_FILENO : open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CommandFailure("cannot read \(file): \(String(cString: strerror(errno))); check the path", status: .notFound)
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        let name = file == "-" ? "standard input" : file
        let progress = ProgressLine()
        let database: ContentDatabase
        do {
            database = try global.openForWriting()
        } catch ContentError.databaseMissing(let path) {
            // Not `dossier setup`, the usual advice: it seeds the built-in dossier, and the
            // import would be added to it.
            throw CommandFailure(
                "no database at \(path); create an empty one with `dossier migrate up --database \(path)` and import again",
                status: .cannotOpen)
        }
        let report = try database.importExport(readingFrom: descriptor, name: name, progress: progress.handler)
        progress.finish()
        Terminal.note("imported \(name): \(report.summary)")
    }
}
