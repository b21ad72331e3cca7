import Foundation

/// A browser profile kept between runs (`exthost run --profile DIR`): which extensions are
/// installed at which version, their `storage.local` and `storage.sync`, and each origin's
/// `localStorage`, in one SQLite database (`DIR/exthost-profile.sqlite`) that every change is
/// written to at once, in a transaction of its own (a run that crashes loses nothing it had
/// stored). A profile belongs to one flavor, as a browser's does: values are kept as that
/// browser keeps them.
///
/// Without a profile a run starts empty and leaves nothing behind.
public final class Profile: @unchecked Sendable {
    /// The profile's directory.
    public let directory: URL
    /// The flavor whose values it keeps.
    public let flavor: Flavor
    private let database: SQLiteDatabase

    /// Why a profile directory cannot be used, in words for the person who gave it.
    public struct OpenError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The database's file name inside the profile's directory.
    public static let fileName = "exthost-profile.sqlite"

    /// Opens the profile in `directory`, creating the directory and the database if they are not
    /// there.
    ///
    /// - Throws: ``OpenError`` when the directory cannot be made or written, when its database is
    ///   not one exthost made, or when another flavor made it.
    public init(directory: URL, flavor: Flavor) throws(OpenError) {
        self.directory = directory
        self.flavor = flavor
        let path = directory.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw OpenError(description: "the profile \(path) is a file, not a directory. Give a directory (exthost makes it if it is not there).")
            }
        } else {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw OpenError(description: "cannot make the profile directory \(path): \(error.localizedDescription). Give a directory exthost may create and write.")
            }
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw OpenError(description: "cannot write in the profile directory \(path). Give a directory exthost may write in.")
        }
        let file = directory.appendingPathComponent(Self.fileName).path
        do {
            database = try SQLiteDatabase(path: file)
            guard !database.isReadOnly else {
                throw OpenError(description: "cannot write the profile's database \(file). Give a profile exthost may write.")
            }
            // (One run a profile, as one browser a profile: the first holds it until it ends.)
            try database.execute("PRAGMA locking_mode = EXCLUSIVE")
            do {
                try database.execute("BEGIN EXCLUSIVE")
                try database.execute("COMMIT")
            } catch {
                throw OpenError(description: "the profile \(path) is in use by another run (\(error)). Give each run a profile of its own.")
            }
            let check = try database.execute("PRAGMA quick_check").first?.first ?? nil
            guard check == "ok" else {
                throw OpenError(description: "the profile's database \(file) is damaged (\(check ?? "no answer")). Remove it, or give another directory.")
            }
            let tables = Set(try database.execute("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.first ?? nil })
            guard tables.isSubset(of: ["meta", "extensions", "extension_storage", "web_storage", "extension_alarms", "extension_waking_events",
                                          "extension_menu_items", "extension_content_scripts"]) else {
                throw OpenError(description: "\(file) is a database exthost did not make (it has the tables \(tables.sorted().joined(separator: ", "))). Give a directory of exthost's own, or an empty one.")
            }
            try database.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            try database.execute("CREATE TABLE IF NOT EXISTS extensions (id TEXT PRIMARY KEY, version TEXT NOT NULL)")
            try database.execute("""
                CREATE TABLE IF NOT EXISTS extension_storage (extension TEXT NOT NULL, area TEXT NOT NULL, key TEXT NOT NULL,
                  text TEXT NOT NULL, bytes INTEGER NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (extension, area, key))
                """)
            try database.execute("""
                CREATE TABLE IF NOT EXISTS web_storage (origin TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
                  position INTEGER NOT NULL, PRIMARY KEY (origin, key))
                """)
            try database.execute("CREATE TABLE IF NOT EXISTS extension_waking_events (extension TEXT PRIMARY KEY, events TEXT NOT NULL)")
            try database.execute("CREATE TABLE IF NOT EXISTS extension_menu_items (extension TEXT PRIMARY KEY, version TEXT NOT NULL, items TEXT NOT NULL)")
            try database.execute("CREATE TABLE IF NOT EXISTS extension_content_scripts (extension TEXT PRIMARY KEY, scripts TEXT NOT NULL)")
            try database.execute("""
                CREATE TABLE IF NOT EXISTS extension_alarms (extension TEXT NOT NULL, name TEXT NOT NULL, scheduled TEXT NOT NULL,
                  period TEXT, repeating TEXT, position INTEGER NOT NULL, PRIMARY KEY (extension, name))
                """)
            // (A new key goes after the last: finding the last is a lookup, not a scan.)
            try database.execute("CREATE INDEX IF NOT EXISTS extension_storage_position ON extension_storage (position)")
            try database.execute("CREATE INDEX IF NOT EXISTS web_storage_position ON web_storage (position)")
            let made = try database.execute("SELECT value FROM meta WHERE name = 'flavor'").first?.first ?? nil
            if let made {
                guard made == flavor.rawValue else {
                    throw OpenError(description: "the profile \(path) was made with --flavor \(made); a profile keeps one browser's values. Use another directory for --flavor \(flavor.rawValue).")
                }
            } else {
                try database.execute("INSERT INTO meta (name, value) VALUES ('flavor', ?1)", [.text(flavor.rawValue)])
            }
        } catch let error as OpenError {
            throw error
        } catch {
            if "\(error)".contains("locked") {
                throw OpenError(description: "the profile \(path) is in use by another run (\(error)). Give each run a profile of its own.")
            }
            throw OpenError(description: "cannot use \(file) as exthost's profile: \(error). Give a directory of exthost's own (or an empty one).")
        }
    }

    // MARK: - Installed extensions

    /// The version of the extension `id` this profile has installed, if any.
    public func installedVersion(of id: String) -> String? {
        read { database throws(SQLiteDatabase.Failure) in try database.execute("SELECT version FROM extensions WHERE id = ?1", [.text(id)]) }.first?.first ?? nil
    }

    /// Records that version `version` of the extension `id` is installed.
    public func recordInstalled(_ id: String, version: String) {
        write { database throws(SQLiteDatabase.Failure) in
            try database.execute("INSERT OR REPLACE INTO extensions (id, version) VALUES (?1, ?2)", [.text(id), .text(version)])
        }
    }

    /// Forgets the extension `id`: it is no longer installed, and its `storage.local` and `sync`
    /// are gone (an uninstall), in one transaction.
    public func recordUninstalled(_ id: String) {
        write { database throws(SQLiteDatabase.Failure) in
            try database.execute("DELETE FROM extensions WHERE id = ?1", [.text(id)])
            try database.execute("DELETE FROM extension_storage WHERE extension = ?1", [.text(id)])
            try database.execute("DELETE FROM extension_alarms WHERE extension = ?1", [.text(id)])
            try database.execute("DELETE FROM extension_waking_events WHERE extension = ?1", [.text(id)])
            try database.execute("DELETE FROM extension_menu_items WHERE extension = ?1", [.text(id)])
            try database.execute("DELETE FROM extension_content_scripts WHERE extension = ?1", [.text(id)])
        }
    }

    // MARK: - Registered content scripts (those kept across sessions)

    /// The content scripts the extension `id` registered to be kept across sessions, as JSON
    /// text; nil when the profile keeps none for it.
    public func storedContentScripts(of id: String) -> String? {
        read { database throws(SQLiteDatabase.Failure) in
            try database.execute("SELECT scripts FROM extension_content_scripts WHERE extension = ?1", [.text(id)])
        }.first?.first ?? nil
    }

    /// Keeps `scripts` (JSON text) as the extension `id`'s registered content scripts; nil forgets them.
    public func storeContentScripts(_ scripts: String?, of id: String) {
        write { database throws(SQLiteDatabase.Failure) in
            if let scripts {
                try database.execute("INSERT OR REPLACE INTO extension_content_scripts (extension, scripts) VALUES (?1, ?2)", [.text(id), .text(scripts)])
            } else {
                try database.execute("DELETE FROM extension_content_scripts WHERE extension = ?1", [.text(id)])
            }
        }
    }

    // MARK: - Context menu items (kept for a background that stops when idle)

    /// The context menu items the extension `id` left (as JSON text) and the version it had then;
    /// nil when the profile keeps none for it.
    public func storedMenuItems(of id: String) -> (version: String, items: String)? {
        let row = read { database throws(SQLiteDatabase.Failure) in
            try database.execute("SELECT version, items FROM extension_menu_items WHERE extension = ?1", [.text(id)])
        }.first
        guard let row, row.count == 2, let version = row[0], let items = row[1] else { return nil }
        return (version, items)
    }

    /// Keeps `items` (JSON text) as the extension `id`'s context menu items, made by its version
    /// `version`; nil forgets them.
    public func storeMenuItems(_ items: String?, version: String, of id: String) {
        write { database throws(SQLiteDatabase.Failure) in
            if let items {
                try database.execute("INSERT OR REPLACE INTO extension_menu_items (extension, version, items) VALUES (?1, ?2, ?3)",
                                     [.text(id), .text(version), .text(items)])
            } else {
                try database.execute("DELETE FROM extension_menu_items WHERE extension = ?1", [.text(id)])
            }
        }
    }

    // MARK: - The events that start a background (Chromium's lazy listeners, Firefox's persistent ones)

    /// The events whose listeners the extension `id`'s background left when it last ran (names
    /// such as `runtime.onStartup`), sorted; nil when the profile has none kept for it.
    public func wakingEvents(of id: String) -> [String]? {
        let text = read { database throws(SQLiteDatabase.Failure) in
            try database.execute("SELECT events FROM extension_waking_events WHERE extension = ?1", [.text(id)])
        }.first?.first ?? nil
        guard let text else { return nil }
        return text.split(separator: "\n").map(String.init)
    }

    /// Keeps `events` as the events that start the extension `id`'s background.
    public func storeWakingEvents(_ events: Set<String>, of id: String) {
        write { database throws(SQLiteDatabase.Failure) in
            try database.execute("INSERT OR REPLACE INTO extension_waking_events (extension, events) VALUES (?1, ?2)",
                                 [.text(id), .text(events.sorted().joined(separator: "\n"))])
        }
    }

    // MARK: - Alarms (Chromium keeps them between sessions)

    /// One kept alarm: its name, when it is next due (milliseconds since 1970), its period as
    /// given and the period it repeats with (minutes).
    public struct StoredAlarm: Sendable, Equatable {
        public var name: String
        public var scheduledTime: Double
        public var periodInMinutes: Double?
        public var repeatingMinutes: Double?

        public init(name: String, scheduledTime: Double, periodInMinutes: Double?, repeatingMinutes: Double?) {
            self.name = name
            self.scheduledTime = scheduledTime
            self.periodInMinutes = periodInMinutes
            self.repeatingMinutes = repeatingMinutes
        }
    }

    /// Forgets every alarm the extension `id` kept (an update clears them).
    public func forgetAlarms(extension id: String) {
        write { database throws(SQLiteDatabase.Failure) in
            try database.execute("DELETE FROM extension_alarms WHERE extension = ?1", [.text(id)])
        }
    }

    /// The extension's kept alarms, in the order they were first set.
    public func storedAlarms(extension id: String) -> [StoredAlarm] {
        let rows = read { database throws(SQLiteDatabase.Failure) in
            try database.execute("SELECT name, scheduled, period, repeating FROM extension_alarms WHERE extension = ?1 ORDER BY position", [.text(id)])
        }
        return rows.compactMap { row in
            guard row.count == 4, let name = row[0], let scheduled = row[1].flatMap(Double.init) else { return nil }
            return StoredAlarm(name: name, scheduledTime: scheduled, periodInMinutes: row[2].flatMap(Double.init), repeatingMinutes: row[3].flatMap(Double.init))
        }
    }

    /// Keeps `alarm` (replacing one of its name, which keeps its place), or forgets the alarm
    /// `name` (`alarm` nil).
    public func storeAlarm(extension id: String, name: String, _ alarm: StoredAlarm?) {
        write { database throws(SQLiteDatabase.Failure) in
            guard let alarm else {
                try database.execute("DELETE FROM extension_alarms WHERE extension = ?1 AND name = ?2", [.text(id), .text(name)])
                return
            }
            // (Numbers as Swift's shortest exact text: SQLite's own text of a REAL keeps 15 digits.)
            func number(_ value: Double?) -> SQLiteDatabase.Value { value.map { .text(String($0)) } ?? .null }
            try database.execute("""
                INSERT INTO extension_alarms (extension, name, scheduled, period, repeating, position)
                VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(position), 0) + 1 FROM extension_alarms))
                ON CONFLICT (extension, name) DO UPDATE SET scheduled = excluded.scheduled, period = excluded.period, repeating = excluded.repeating
                """, [.text(id), .text(alarm.name), number(alarm.scheduledTime), number(alarm.periodInMinutes), number(alarm.repeatingMinutes)])
        }
    }

    // MARK: - storage.local and storage.sync

    /// The stored values of an extension's area, in the order they were first set.
    public func storedValues(extension id: String, area: String) -> [(key: String, value: StoredValue)] {
        let rows = read { database throws(SQLiteDatabase.Failure) in
            try database.execute("SELECT key, text, bytes FROM extension_storage WHERE extension = ?1 AND area = ?2 ORDER BY position",
                                 [.text(id), .text(area)])
        }
        return rows.compactMap { row in
            guard row.count == 3, let key = row[0], let text = row[1], let bytes = row[2].flatMap(Int.init) else { return nil }
            return (key, StoredValue(text: text, bytes: bytes))
        }
    }

    /// Writes the area's values after a change: `set` (new or changed) and `removed` keys.
    public func storeChange(extension id: String, area: String, set: [(key: String, value: StoredValue)], removed: [String]) {
        write { database throws(SQLiteDatabase.Failure) in
            for key in removed {
                try database.execute("DELETE FROM extension_storage WHERE extension = ?1 AND area = ?2 AND key = ?3", [.text(id), .text(area), .text(key)])
            }
            for (key, value) in set {
                // (A key already there keeps its place.)
                try database.execute("""
                    INSERT INTO extension_storage (extension, area, key, text, bytes, position)
                    VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(position), 0) + 1 FROM extension_storage))
                    ON CONFLICT (extension, area, key) DO UPDATE SET text = excluded.text, bytes = excluded.bytes
                    """, [.text(id), .text(area), .text(key), .text(value.text), .integer(value.bytes)])
            }
        }
    }

    // MARK: - localStorage

    /// The `localStorage` of `origin`, in the order its keys were first set.
    public func webStorage(origin: String) -> [(key: String, value: String)] {
        let rows = read { database throws(SQLiteDatabase.Failure) in
            try database.execute("SELECT key, value FROM web_storage WHERE origin = ?1 ORDER BY position", [.text(origin)])
        }
        return rows.compactMap { row in
            guard row.count == 2, let key = row[0], let value = row[1] else { return nil }
            return (key, value)
        }
    }

    /// Writes one change of an origin's `localStorage`: a key set (value) or removed (nil), or
    /// every key removed (`key` nil).
    public func storeWebStorageChange(origin: String, key: String?, value: String?) {
        write { database throws(SQLiteDatabase.Failure) in
            guard let key else {
                try database.execute("DELETE FROM web_storage WHERE origin = ?1", [.text(origin)])
                return
            }
            guard let value else {
                try database.execute("DELETE FROM web_storage WHERE origin = ?1 AND key = ?2", [.text(origin), .text(key)])
                return
            }
            try database.execute("""
                INSERT INTO web_storage (origin, key, value, position)
                VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(position), 0) + 1 FROM web_storage))
                ON CONFLICT (origin, key) DO UPDATE SET value = excluded.value
                """, [.text(origin), .text(key), .text(value)])
        }
    }

    // MARK: -

    /// What went wrong reading or writing the profile, the first time (the run goes on with its
    /// values in memory; the command says so when it ends, and fails).
    public private(set) var writeFailure: String?

    private func read(_ body: (SQLiteDatabase) throws(SQLiteDatabase.Failure) -> [[String?]]) -> [[String?]] {
        do {
            return try body(database)
        } catch {
            if writeFailure == nil { writeFailure = "exthost could not read the profile \(directory.path): \(error)" }
            return []
        }
    }

    private func write(_ body: (SQLiteDatabase) throws(SQLiteDatabase.Failure) -> Void) {
        do {
            try database.transaction { () throws(SQLiteDatabase.Failure) in try body(database) }
        } catch {
            if writeFailure == nil { writeFailure = "exthost could not write the profile \(directory.path): \(error)" }
        }
    }
}
