import CJavaScriptCore
import Foundation

/// What a value is as a Web IDL `BufferSource`: a typed array, a `DataView` or an `ArrayBuffer`.
///
/// The host reads and writes the bytes of a script's buffers here, through the C API, and never
/// through the script's own built-ins (`Uint8Array`, the `buffer` getters), which scripts can
/// replace and which JavaScriptCore builds in a context only when something first names them
/// (about 20 KiB a context).
public enum BufferSourceKind: Equatable, Sendable {
    /// A typed array, by its constructor's name (`Uint8Array`, `Float64Array`, ...).
    case typedArray(String)
    case dataView
    case arrayBuffer

    /// The interface's name: `Uint8Array`, `DataView`, `ArrayBuffer`.
    public var name: String {
        switch self {
        case .typedArray(let name): return name
        case .dataView: return "DataView"
        case .arrayBuffer: return "ArrayBuffer"
        }
    }

    /// Whether it is a typed array of integers (what `crypto.getRandomValues` takes).
    public var isIntegerArray: Bool {
        guard case .typedArray(let name) = self else { return false }
        return !name.hasPrefix("Float")
    }
}

extension ScriptValue {
    /// What the value is as a `BufferSource`, or nil for anything else. Runs no script.
    public var bufferSourceKind: BufferSourceKind? {
        guard JSValueIsObject(ctx, ref) else { return nil }
        switch JSValueGetTypedArrayType(ctx, ref, nil) {
        case kJSTypedArrayTypeInt8Array: return .typedArray("Int8Array")
        case kJSTypedArrayTypeUint8Array: return .typedArray("Uint8Array")
        case kJSTypedArrayTypeUint8ClampedArray: return .typedArray("Uint8ClampedArray")
        case kJSTypedArrayTypeInt16Array: return .typedArray("Int16Array")
        case kJSTypedArrayTypeUint16Array: return .typedArray("Uint16Array")
        case kJSTypedArrayTypeInt32Array: return .typedArray("Int32Array")
        case kJSTypedArrayTypeUint32Array: return .typedArray("Uint32Array")
        case kJSTypedArrayTypeFloat32Array: return .typedArray("Float32Array")
        case kJSTypedArrayTypeFloat64Array: return .typedArray("Float64Array")
        case kJSTypedArrayTypeBigInt64Array: return .typedArray("BigInt64Array")
        case kJSTypedArrayTypeBigUint64Array: return .typedArray("BigUint64Array")
        case kJSTypedArrayTypeArrayBuffer: return .arrayBuffer
        case kJSTypedArrayTypeNone:
            // (The C API names no DataView, but gives the buffer of any view of one; a
            // Float16Array, which it does not name either, is read as its bytes.)
            guard let object = JSValueToObject(ctx, ref, nil), JSObjectGetTypedArrayBuffer(ctx, object, nil) != nil else { return nil }
            return .dataView
        default:
            return .typedArray("Float16Array")
        }
    }

    /// How many bytes the value holds as a `BufferSource` (0 for anything else).
    public var bufferSourceByteLength: Int {
        guard let kind = bufferSourceKind, let object = JSValueToObject(ctx, ref, nil) else { return 0 }
        return byteRegion(of: object, kind).length
    }

    /// The value's bytes as a `BufferSource` (a copy), or nil when it is none. A view of a buffer
    /// that was transferred away has none (an empty array).
    public var bufferSourceBytes: [UInt8]? {
        guard let kind = bufferSourceKind, let object = JSValueToObject(ctx, ref, nil) else { return nil }
        let region = byteRegion(of: object, kind)
        guard region.length > 0 else { return [] }
        return context.machine.bufferCopier.copy(region.buffer, offset: region.offset, length: region.length)
    }

    /// Overwrites the bytes of the view (a typed array or `DataView`) from its start with
    /// `bytes`, as many as both have. Returns false when the value is no view.
    @discardableResult
    public func writeBufferSourceBytes(_ bytes: [UInt8]) -> Bool {
        guard let kind = bufferSourceKind, kind != .arrayBuffer, let object = JSValueToObject(ctx, ref, nil) else { return false }
        let region = byteRegion(of: object, kind)
        let count = min(region.length, bytes.count)
        guard count > 0 else { return true }
        context.machine.bufferCopier.write(Array(bytes.prefix(count)), into: region.buffer, offset: region.offset)
        return true
    }

    /// Detaches the value, an `ArrayBuffer` (a transfer: its bytes are gone from it, its length
    /// is 0). Returns false when it is no ArrayBuffer or cannot be detached.
    @discardableResult
    public func detachArrayBuffer() -> Bool {
        guard bufferSourceKind == .arrayBuffer, let object = JSValueToObject(ctx, ref, nil) else { return false }
        return context.machine.bufferCopier.detach(object)
    }

    /// The buffer, offset and length in bytes of a `BufferSource`'s bytes.
    private func byteRegion(of object: JSObjectRef, _ kind: BufferSourceKind) -> (buffer: JSObjectRef, offset: Int, length: Int) {
        if kind == .arrayBuffer { return (object, 0, JSObjectGetArrayBufferByteLength(ctx, object, nil)) }
        guard let buffer = JSObjectGetTypedArrayBuffer(ctx, object, nil) else { return (object, 0, 0) }
        return (buffer, JSObjectGetTypedArrayByteOffset(ctx, object, nil), JSObjectGetTypedArrayByteLength(ctx, object, nil))
    }
}

extension ScriptContext {
    /// A new `ArrayBuffer` of this context holding `bytes`.
    public func arrayBuffer(_ bytes: [UInt8]) -> ScriptValue {
        let (pointer, count) = Self.copyToHeap(bytes)
        let buffer = JSObjectMakeArrayBufferWithBytesNoCopy(ref, pointer, count, { bytes, _ in free(bytes) }, nil, nil)!
        return ScriptValue(buffer, in: self)
    }

    /// A new `Uint8Array` of this context holding `bytes` (over a buffer of its own).
    public func uint8Array(_ bytes: [UInt8]) -> ScriptValue {
        let (pointer, count) = Self.copyToHeap(bytes)
        let array = JSObjectMakeTypedArrayWithBytesNoCopy(ref, kJSTypedArrayTypeUint8Array, pointer, count, { bytes, _ in free(bytes) }, nil, nil)!
        return ScriptValue(array, in: self)
    }

    /// A new typed array of this context, of the constructor `name` (`Uint8Array`, ...), viewing
    /// `length` elements of `buffer` (an `ArrayBuffer`) from `byteOffset`; nil when the C API
    /// cannot make that kind (`Float16Array`) or the range does not fit.
    public func typedArray(_ name: String, on buffer: ScriptValue, byteOffset: Int, length: Int) -> ScriptValue? {
        guard let type = Self.typedArrayTypes[name], JSValueIsObject(ref, buffer.ref), byteOffset >= 0, length >= 0,
              let object = JSValueToObject(ref, buffer.ref, nil) else { return nil }
        var exception: JSValueRef?
        guard let array = JSObjectMakeTypedArrayWithArrayBufferAndOffset(ref, type, object, byteOffset, length, &exception), exception == nil else { return nil }
        return ScriptValue(array, in: self)
    }

    private static let typedArrayTypes: [String: JSTypedArrayType] = [
        "Int8Array": kJSTypedArrayTypeInt8Array, "Uint8Array": kJSTypedArrayTypeUint8Array,
        "Uint8ClampedArray": kJSTypedArrayTypeUint8ClampedArray, "Int16Array": kJSTypedArrayTypeInt16Array,
        "Uint16Array": kJSTypedArrayTypeUint16Array, "Int32Array": kJSTypedArrayTypeInt32Array,
        "Uint32Array": kJSTypedArrayTypeUint32Array, "Float32Array": kJSTypedArrayTypeFloat32Array,
        "Float64Array": kJSTypedArrayTypeFloat64Array, "BigInt64Array": kJSTypedArrayTypeBigInt64Array,
        "BigUint64Array": kJSTypedArrayTypeBigUint64Array,
    ]

    static func copyToHeap(_ bytes: [UInt8]) -> (UnsafeMutableRawPointer, Int) {
        // (malloc(0) may give NULL, which JavaScriptCore takes for no buffer.)
        let pointer = malloc(max(bytes.count, 1))!
        bytes.withUnsafeBytes { if let base = $0.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) } }
        return (pointer, bytes.count)
    }
}

/// Copies bytes out of and into a script's buffers without pinning them.
///
/// The C API's pointer to a buffer's bytes (`JSObjectGetTypedArrayBytesPtr`) locks that buffer
/// for good: it can then never be transferred (`structuredClone(x, { transfer })`,
/// `ArrayBuffer.prototype.transfer`), which would tell a script that the host had read it. So the
/// bytes are copied by two small functions of a realm of the machine's own, which no script can
/// reach, into and out of buffers of that realm (locking those harms nothing).
final class BufferCopier {
    /// The realm (a bare global context of the machine's group, released with the machine).
    private let realm: JSGlobalContextRef
    private let copyFunction: JSObjectRef
    private let writeFunction: JSObjectRef
    private let detachFunction: JSObjectRef

    init(group: JSContextGroupRef) {
        let realm = JSGlobalContextCreateInGroup(group, nil)!
        self.realm = realm
        let source = """
            (function () {
              'use strict';
              const U8 = Uint8Array;
              const slice = U8.prototype.slice;
              const set = U8.prototype.set;
              const transfer = ArrayBuffer.prototype.transfer;
              const apply = Reflect.apply;
              return [
                (buffer, offset, length) => apply(slice, new U8(buffer, offset, length), []),
                (buffer, offset, length, bytes) => apply(set, new U8(buffer, offset, length), [bytes]),
                (buffer) => { apply(transfer, buffer, []); },
              ];
            })()
            """
        let functions = withJSString(source) { JSValueToObject(realm, JSEvaluateScript(realm, $0, nil, nil, 1, nil), nil)! }
        copyFunction = JSValueToObject(realm, JSObjectGetPropertyAtIndex(realm, functions, 0, nil), nil)!
        writeFunction = JSValueToObject(realm, JSObjectGetPropertyAtIndex(realm, functions, 1, nil), nil)!
        detachFunction = JSValueToObject(realm, JSObjectGetPropertyAtIndex(realm, functions, 2, nil), nil)!
        JSValueProtect(realm, copyFunction)
        JSValueProtect(realm, writeFunction)
        JSValueProtect(realm, detachFunction)
        withJSString("exthost's bytes realm runs no code it is given.") { JSGlobalContextSetEvalEnabled(realm, false, $0) }
    }

    /// Releases the realm (the machine's last act).
    func close() {
        JSValueUnprotect(realm, copyFunction)
        JSValueUnprotect(realm, writeFunction)
        JSValueUnprotect(realm, detachFunction)
        JSGlobalContextRelease(realm)
    }

    /// A copy of `length` bytes at `offset` of `buffer` (an `ArrayBuffer` of any context of the machine).
    func copy(_ buffer: JSObjectRef, offset: Int, length: Int) -> [UInt8] {
        var arguments: [JSValueRef?] = [buffer, JSValueMakeNumber(realm, Double(offset)), JSValueMakeNumber(realm, Double(length))]
        guard let copy = JSObjectCallAsFunction(realm, copyFunction, nil, 3, &arguments, nil),
              let object = JSValueToObject(realm, copy, nil),
              let pointer = JSObjectGetTypedArrayBytesPtr(realm, object, nil) else { return [] }
        let count = JSObjectGetTypedArrayByteLength(realm, object, nil)
        return Array(UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: count))
    }

    /// Detaches `buffer` (its bytes move to a buffer of this realm, which nothing keeps), as a
    /// transfer does; false when it cannot be (already detached, or not transferable).
    func detach(_ buffer: JSObjectRef) -> Bool {
        var arguments: [JSValueRef?] = [buffer]
        var exception: JSValueRef?
        _ = JSObjectCallAsFunction(realm, detachFunction, nil, 1, &arguments, &exception)
        return exception == nil
    }

    /// Writes `bytes` at `offset` of `buffer`.
    func write(_ bytes: [UInt8], into buffer: JSObjectRef, offset: Int) {
        let (pointer, count) = ScriptContext.copyToHeap(bytes)
        guard let source = JSObjectMakeTypedArrayWithBytesNoCopy(realm, kJSTypedArrayTypeUint8Array, pointer, count, { bytes, _ in free(bytes) }, nil, nil) else { return }
        var arguments: [JSValueRef?] = [buffer, JSValueMakeNumber(realm, Double(offset)), JSValueMakeNumber(realm, Double(count)), source]
        _ = JSObjectCallAsFunction(realm, writeFunction, nil, 4, &arguments, nil)
    }
}
