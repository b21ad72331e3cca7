// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "exthost",
    products: [
        .executable(name: "exthost", targets: ["ExthostCLI"]),
        .library(name: "Exthost", targets: ["Exthost"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C shim: JavaScriptCore-GTK 4.1's C API, found with pkg-config.
        .systemLibrary(
            name: "CJavaScriptCore",
            pkgConfig: "javascriptcoregtk-4.1",
            providers: [.apt(["libjavascriptcoregtk-4.1-dev"])]
        ),
        // ICU's UTS #46 (IDNA for URL hosts) and GLib's checksums, which JavaScriptCore-GTK already brings.
        // (DWARF 4: valgrind 3.19, which scripts/memcheck and `exthost bench` use, cannot read clang's DWARF 5.)
        .target(name: "CIDNA", cSettings: [.unsafeFlags(["-gdwarf-4"])], linkerSettings: [.linkedLibrary("icuuc")]),
        .systemLibrary(name: "CGLib", pkgConfig: "glib-2.0", providers: [.apt(["libglib2.0-dev"])]),
        // SQLite, for a profile kept between runs (`--profile DIR`).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // Engine layer: contexts, values, native functions, errors, event loop.
        .target(name: "JSEngine", dependencies: ["CJavaScriptCore"]),
        // Browser model: windows, tabs, frames, pages, extensions, manifests, match patterns. No JavaScript.
        .target(name: "BrowserModel", dependencies: ["CIDNA", "CGLib", "CSQLite"]),
        // The host: extension contexts, the API surface (one file per namespace) and the JS in js/.
        .target(
            name: "Exthost",
            dependencies: ["JSEngine", "BrowserModel"],
            plugins: ["EmbedScripts"]
        ),
        // The command-line tool.
        .executableTarget(
            name: "ExthostCLI",
            dependencies: ["Exthost", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Build tool that embeds js/*.js into the Exthost module as string constants.
        .executableTarget(name: "EmbedScriptsTool"),
        .plugin(name: "EmbedScripts", capability: .buildTool(), dependencies: ["EmbedScriptsTool"]),

        .testTarget(name: "JSEngineTests", dependencies: ["JSEngine"]),
        // (Test data in Fixtures/ is read from the source tree, not bundled.)
        .testTarget(name: "BrowserModelTests", dependencies: ["BrowserModel"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ExthostTests",
            dependencies: ["Exthost"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
