import Foundation
import PackagePlugin

/// Compiles the package's `Migrations/` and `Seeds/` folders into the target as Swift source.
///
/// Every build lists the files afresh, so adding, editing or removing one regenerates the
/// embedded copy: it cannot drift from the files in the repository, and a program linking the
/// library needs no files beside it.
@main
struct EmbedContentFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let files = try ["Migrations", "Seeds"].flatMap { folder in
            try regularFiles(under: root.appending(path: folder))
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) files from Migrations/ and Seeds/",
                executable: try context.tool(named: "DossierEmbedder").url,
                arguments: [output.path(percentEncoded: false), root.path(percentEncoded: false)]
                    + files.map { $0.path(percentEncoded: false) },
                inputFiles: files,
                outputFiles: [output])
        ]
    }

    /// Regular, non-hidden files below `folder`, sorted by path; none when it does not exist.
    private func regularFiles(under folder: URL) throws -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator {
            if try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
                files.append(url)
            }
        }
        return files.sorted { $0.path(percentEncoded: false) < $1.path(percentEncoded: false) }
    }
}
