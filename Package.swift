// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Mekong",
    products: [
        .executable(name: "mekong", targets: ["MekongCLI"]),
        .library(name: "Mekong", targets: ["MekongStages", "MekongCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Carries only ICU's link flags (pkg-config icu-uc icu-i18n); no headers reach Swift.
        .systemLibrary(
            name: "CICUSystem",
            pkgConfig: "icu-uc icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        // The only code that includes ICU headers. Its public header exposes plain C types.
        .target(
            name: "CMekongICU",
            dependencies: ["CICUSystem"]
        ),
        // Link flags (and libxml2's header path) for the ingest C target.
        .systemLibrary(name: "CLibXML2System", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlibSystem", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libxml2's HTML parser through SAX (byte offsets per event) and zlib's gzip
        // inflater. Like CMekongICU, its public header exposes plain C types only.
        .target(name: "CMekongIngest", dependencies: ["CLibXML2System", "CZlibSystem"]),
        // Thin Swift layer: UErrorCode -> thrown errors, handles closed in deinit.
        .target(name: "MekongICU", dependencies: ["CMekongICU"]),
        // Document, offsets, alignment, stage protocol, pipeline, JSONL. No ICU.
        .target(name: "MekongCore", resources: [.copy("Schema")]),
        // One folder per stage; language data in Resources/<lang>/.
        .target(
            name: "MekongStages",
            dependencies: ["MekongCore", "MekongICU", "CMekongIngest"],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "MekongCLI",
            dependencies: [
                "MekongCore", "MekongStages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "MekongTests",
            dependencies: ["MekongCore", "MekongStages", "MekongICU"],
            resources: [.copy("Fixtures")]
        ),
    ],
    cxxLanguageStandard: .cxx17
)
