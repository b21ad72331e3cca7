import CJavaScriptCore

/// An object or function of a context whose contents are made on first touch.
///
/// The host's globals (`console`, `chrome`, `setTimeout`, ...) are these: each is a real
/// data property of the global from the start, with its final identity, so nothing about the
/// property differs from the browser's; what it holds is made only when a script first touches
/// its own properties (reads, writes, lists, deletes or describes one) or calls it. Then `fill`
/// runs once, and defines the real members on the object as ordinary properties; from then on the
/// object behaves as any other. A function calls its `target` (looked up at each call, after
/// `fill`), so a context that never calls `setTimeout` never builds the timers. (Constructors are
/// not made here: the C API cannot pass `new.target` on, which `class X extends URL` needs; the
/// host makes them lazy in JavaScript, js/00_1_modules.js.)
///
/// (WebKit's own bindings make interface objects lazily in the same spirit, from static tables.)
public enum LazyObject {
    /// What kind of value the lazy object is.
    public enum Kind {
        /// A plain object (`console`, `chrome`): its prototype is `Object.prototype`.
        case object
        /// A function that is not a constructor (`setTimeout`), with its `name` and `length`.
        case function(name: String, length: Int)
    }

    /// Makes a lazy object in `context`.
    ///
    /// - Parameters:
    ///   - fill: runs once, before the first operation on the object's own properties or the first
    ///     call; it defines the members (it may run scripts).
    ///   - target: for a function, the function that calls go to (nil: the call does nothing and
    ///     returns undefined).
    ///   - prototype: for an object, whether its prototype is `Object.prototype` (else it has none,
    ///     as the host's own objects).
    public static func make(_ kind: Kind, in context: ScriptContext, prototype: Bool = true, fill: @escaping () -> Void, target: @escaping () -> ScriptValue? = { nil }) -> ScriptValue {
        let box = Box(fill: fill, target: target, context: context)
        switch kind {
        case .object:
            let object = JSObjectMake(context.ref, objectClass, Unmanaged.passRetained(box).toOpaque())!
            JSObjectSetPrototype(context.ref, object, prototype ? context.objectPrototype : JSValueMakeNull(context.ref))
            box.armed = true
            return ScriptValue(object, in: context)
        case .function(let name, let length):
            // A plain function made by the C API (so it shows as `function setTimeout() { [native
            // code] }`, as the browser's); it carries no data, so its box is found by its address.
            let function = NativeFunction.makeCallbackFunction(name: name, length: length, in: context, callback: callFunction)
            box.armed = true
            functionBoxes.register(box, for: function, in: context)
            return ScriptValue(function, in: context)
        }
    }

    /// The boxes of the lazy functions of every open context.
    private static let functionBoxes = CallbackFunctionTable<Box>()

    /// Makes a lazy plain object in `context` whose `fill` is given the object itself (so that
    /// what it captures need not hold the object, which would keep it alive).
    public static func makeObject(in context: ScriptContext, fill: @escaping (ScriptValue) -> Void) -> ScriptValue {
        let box = Box(fillObject: fill, context: context)
        let object = JSObjectMake(context.ref, objectClass, Unmanaged.passRetained(box).toOpaque())!
        JSObjectSetPrototype(context.ref, object, context.objectPrototype)
        box.armed = true
        return ScriptValue(object, in: context)
    }

    final class Box {
        let fill: () -> Void
        let fillObject: ((ScriptValue) -> Void)?
        let target: () -> ScriptValue?
        weak var context: ScriptContext?
        /// Set once the object is made (defining `name` and `length` must not fill it).
        var armed = false
        var filled = false

        init(fill: @escaping () -> Void, target: @escaping () -> ScriptValue?, context: ScriptContext) {
            self.fill = fill
            self.fillObject = nil
            self.target = target
            self.context = context
        }

        init(fillObject: @escaping (ScriptValue) -> Void, context: ScriptContext) {
            self.fill = {}
            self.fillObject = fillObject
            self.target = { nil }
            self.context = context
        }

        /// Runs `fill` unless it ran (or is running); `object` is the lazy object.
        func fillOnce(_ object: JSObjectRef? = nil) {
            guard armed, !filled else { return }
            filled = true
            if let fillObject {
                guard let object, let context else { return }
                fillObject(ScriptValue(object, in: context))
            } else {
                fill()
            }
        }
    }

    private static func box(_ object: JSObjectRef?) -> Box? {
        guard let object, let raw = JSObjectGetPrivate(object) else { return nil }
        return Unmanaged<Box>.fromOpaque(raw).takeUnretainedValue()
    }

    /// The definition every kind shares: each operation on own properties fills the object first
    /// and then lets JavaScriptCore do what it does for an ordinary object.
    private static func sharedDefinition() -> JSClassDefinition {
        var definition = kJSClassDefinitionEmpty
        definition.attributes = JSClassAttributes(kJSClassAttributeNoAutomaticPrototype)
        definition.hasProperty = { _, object, _ in
            LazyObject.box(object)?.fillOnce(object)
            return false
        }
        definition.setProperty = { _, object, _, _, _ in
            LazyObject.box(object)?.fillOnce(object)
            return false
        }
        definition.deleteProperty = { _, object, _, _ in
            LazyObject.box(object)?.fillOnce(object)
            return false
        }
        definition.getPropertyNames = { _, object, _ in
            LazyObject.box(object)?.fillOnce(object)
        }
        definition.finalize = { object in
            guard let object, let raw = JSObjectGetPrivate(object) else { return }
            Unmanaged<Box>.fromOpaque(raw).release()
        }
        return definition
    }

    nonisolated(unsafe) static let objectClass: JSClassRef = {
        var definition = sharedDefinition()
        // (JavaScriptCore answers a callback object's Symbol.toStringTag with its class name, so
        // `Object.prototype.toString` shows `[object Object]`, as for the browser's plain objects.)
        return "Object".withCString { name in
            definition.className = name
            return JSClassCreate(&definition)
        }
    }()

    private static let callFunction: JSObjectCallAsFunctionCallback = { ctx, function, this, count, arguments, exception in
        guard let box = functionBoxes.entry(for: function), let context = box.context, !context.isClosed else { return JSValueMakeUndefined(ctx) }
        box.fillOnce()
        guard let target = box.target(), let targetObject = JSValueToObject(ctx, target.ref, nil) else { return JSValueMakeUndefined(ctx) }
        let result = JSObjectCallAsFunction(ctx, targetObject, this, count, arguments, exception)
        // (A call the machine stopped stops the caller too: see VirtualMachine.raiseTermination.)
        if exception?.pointee != nil, context.machine.raiseTermination(in: context) { exception?.pointee = nil }
        return result
    }
}
