// swift-tools-version:6.0
// The benchmark is its own package, so the library never depends on benchmark code or on GRDB.
import PackageDescription

let package = Package(
    name: "DossierBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Dossier", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // The raw C API, for the baseline: the same system libsqlite3 Dossier and GRDB link.
        .systemLibrary(name: "CBenchSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .executableTarget(
            name: "dossier-bench",
            dependencies: [
                "CBenchSQLite",
                .product(name: "Dossier", package: "Dossier"),
                .product(name: "DossierDB", package: "Dossier"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/DossierBench"
        ),
    ]
)
