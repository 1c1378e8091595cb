// Prints the timeline of the ketamine dossier compiled into Dossier: no files needed beside
// the program. Pass a database path to read that database instead.
import Dossier
import Foundation

do {
    let content: ContentDatabase
    if CommandLine.arguments.count > 1 {
        content = try ContentDatabase(path: CommandLine.arguments[1], options: .readOnlyExisting)
    } else {
        content = try ContentDatabase.inMemory()
        try content.seed()
    }
    for (position, event) in try content.events.timeline().enumerated() {
        print("\(position + 1). \(event.date.displayText) — \(event.title)")
    }
} catch {
    FileHandle.standardError.write(Data("timeline: \(error)\n".utf8))
    exit(1)
}
