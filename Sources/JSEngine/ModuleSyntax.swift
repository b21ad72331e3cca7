import CJavaScriptCore
import Foundation

/// JavaScriptCore's own module grammar, for checking what exthost makes of module scripts.
///
/// The C API parses classic scripts only; the GLib API of the same library can check a module's
/// syntax. It does so in a context of its own (a virtual machine apart from every
/// ``VirtualMachine``), made on first use and kept for the process, used by one thread at a time.
public enum ModuleSyntax {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var checker: OpaquePointer?

    /// What is wrong with `text` read as a module: the engine's message and where (1-based line and
    /// column); nil when it parses.
    public static func error(in text: String) -> (message: String, line: Int, column: Int)? {
        lock.lock()
        defer { lock.unlock() }
        if checker == nil { checker = jsc_context_new() }
        var exception: OpaquePointer?
        let result = text.withCString { code in
            jsc_context_check_syntax(checker, code, text.utf8.count, 1, "module.js", 1, &exception)
        }
        guard result != 0 else { return nil }
        guard let exception else { return ("syntax error", 0, 0) }
        defer { g_object_unref(UnsafeMutableRawPointer(exception)) }
        let message = jsc_exception_get_message(exception).map { String(cString: $0) } ?? "syntax error"
        return (message, Int(jsc_exception_get_line_number(exception)), Int(jsc_exception_get_column_number(exception)))
    }
}
