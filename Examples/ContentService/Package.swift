// swift-tools-version:6.0
// An app-shaped program built on Dossier: async readers and a writer, an observation, an app
// migration of its own, and a bundled read-only copy.
import PackageDescription

let package = Package(
    name: "ContentService",
    platforms: [.macOS(.v15), .iOS(.v18)],
    dependencies: [.package(name: "Dossier", path: "../..")],
    targets: [
        .executableTarget(
            name: "ContentService", dependencies: [.product(name: "Dossier", package: "Dossier")],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")])
    ]
)
