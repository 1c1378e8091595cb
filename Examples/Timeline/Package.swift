// swift-tools-version:6.0
// A program that uses Dossier the way any other would: a dependency by path.
import PackageDescription

let package = Package(
    name: "Timeline",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Dossier", path: "../..")],
    targets: [
        .executableTarget(name: "Timeline", dependencies: [.product(name: "Dossier", package: "Dossier")])
    ]
)
