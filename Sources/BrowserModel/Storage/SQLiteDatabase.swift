import CSQLite

/// A SQLite database file, through SQLite's C API (Debian's libsqlite3): statements with bound
/// text and integer parameters, rows read as text and integers, and transactions. Only what the
/// profile (``Profile``) needs.
final class SQLiteDatabase {
    private var handle: OpaquePointer?

    /// What SQLite said went wrong.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Opens (creating it if needed) the database at `path`, with a write-ahead log: a write is
    /// whole or not there after a crash.
    init(path: String) throws(Failure) {
        var opened: OpaquePointer?
        let status = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_close(opened)
            throw Failure(description: message)
        }
        handle = opened
        sqlite3_busy_timeout(opened, 2000)
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = NORMAL")
    }

    deinit {
        sqlite3_close(handle)
    }

    /// Whether SQLite opened the file read-only (it could not write it).
    var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// A parameter of a statement.
    enum Value {
        case text(String)
        case integer(Int)
        case null
    }

    /// Runs `sql` with `parameters` (`?1`, `?2`, ...), returning its rows, each a list of its
    /// columns as text (nil for NULL).
    @discardableResult
    func execute(_ sql: String, _ parameters: [Value] = []) throws(Failure) -> [[String?]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw lastFailure() }
        defer { sqlite3_finalize(statement) }
        for (index, parameter) in parameters.enumerated() {
            let position = Int32(index + 1)
            let status: Int32 = switch parameter {
            // (With its length: a key may hold U+0000.)
            case .text(let text):
                (Array(text.utf8) + [0]).withUnsafeBufferPointer { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(statement, position, $0.baseAddress, Int32($0.count - 1), Self.transient) }
                }
            case .integer(let number): sqlite3_bind_int64(statement, position, Int64(number))
            case .null: sqlite3_bind_null(statement, position)
            }
            guard status == SQLITE_OK else { throw lastFailure() }
        }
        var rows: [[String?]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw lastFailure() }
            let columns = sqlite3_column_count(statement)
            rows.append((0..<columns).map { column in
                guard let text = sqlite3_column_text(statement, column) else { return nil }
                let count = Int(sqlite3_column_bytes(statement, column))
                return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
            })
        }
        return rows
    }

    /// Runs `body` in one transaction: all its writes or none.
    func transaction(_ body: () throws(Failure) -> Void) throws(Failure) {
        try execute("BEGIN IMMEDIATE")
        do {
            try body()
            try execute("COMMIT")
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    private func lastFailure() -> Failure {
        Failure(description: String(cString: sqlite3_errmsg(handle)))
    }

    /// SQLite's SQLITE_TRANSIENT: it copies a bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
