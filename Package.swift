// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Dossier",
    // The floors are Synchronization's (`Atomic`, in the pool and the statement cache), which
    // the code needs and nothing lower offers; Linux has no such floor.
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "Dossier", targets: ["Dossier"]),
        .library(name: "DossierDB", targets: ["DossierDB"]),
        .executable(name: "dossier", targets: ["DossierCLI"]),
    ],
    dependencies: [
        // The CLI only: the libraries depend on the system libsqlite3 and nothing else.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Documentation only (`swift package generate-documentation`): no target links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The system SQLite. Namespaced on purpose: CSQLite and SQLite3 exist in other packages.
        .systemLibrary(
            name: "CDossierSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"]), .yum(["sqlite-devel"])]
        ),
        // The generic SQLite layer: connections, statements, pool, migrator. Knows nothing about content.
        .target(
            name: "DossierDB",
            dependencies: ["CDossierSQLite"]
        ),
        // The content layer: models, schema, repositories, seeding, checks, search.
        .target(
            name: "Dossier",
            dependencies: ["DossierDB"],
            plugins: ["EmbedContentFiles"]
        ),
        .executableTarget(
            name: "DossierCLI",
            dependencies: [
                "Dossier",
                "DossierDB",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Build-time only: turns Migrations/ and Seeds/ into Swift source compiled into `Dossier`,
        // so programs need no files beside them and the embedded copy cannot drift from the files.
        .executableTarget(name: "DossierEmbedder"),
        .plugin(
            name: "EmbedContentFiles",
            capability: .buildTool(),
            dependencies: ["DossierEmbedder"]
        ),
        .testTarget(name: "DossierDBTests", dependencies: ["DossierDB", "DossierTestSupport"]),
        // What an app sees with `import Dossier` alone, under the stricter member lookup of
        // Swift's upcoming `MemberImportVisibility`: Dossier re-exports DossierDB.
        .testTarget(
            name: "DossierImportTests",
            dependencies: ["Dossier"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .testTarget(name: "DossierTests", dependencies: ["Dossier", "DossierDB", "DossierTestSupport"]),
        // Runs the built `dossier` executable as a subprocess, for the CLI and reliability tests.
        .target(name: "DossierTestSupport", dependencies: ["Dossier", "DossierDB"], path: "Tests/DossierTestSupport"),
        .testTarget(name: "DossierCLITests", dependencies: ["DossierCLI", "Dossier", "DossierDB", "DossierTestSupport"]),
        // Faults, load and hostile input: SIGKILL mid-write, concurrent processes, fuzzing, damaged files.
        .testTarget(
            name: "DossierReliabilityTests",
            dependencies: ["DossierCLI", "Dossier", "DossierDB", "DossierTestSupport"]),
    ]
)
