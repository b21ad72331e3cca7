// The C shim for JavaScriptCore-GTK 4.1.
//
// The public C API comes from <JavaScriptCore/JavaScript.h> (found through pkg-config's
// -I/usr/include/webkitgtk-4.1). The declarations below are functions that the library
// exports but that no installed header declares; their signatures are those of WebKit's
// Source/JavaScriptCore/API/JSContextRefPrivate.h (and JSObjectRefPrivate.h).
#ifndef EXTHOST_CJAVASCRIPTCORE_SHIM_H
#define EXTHOST_CJAVASCRIPTCORE_SHIM_H

#include <JavaScriptCore/JavaScript.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Called when a context group's execution time limit is reached; return true to terminate.
typedef bool (*JSShouldTerminateCallback)(JSContextRef ctx, void *context);

/// Limits how long scripts in a context group may run before `callback` is asked whether to stop them.
JS_EXPORT void JSContextGroupSetExecutionTimeLimit(JSContextGroupRef group, double limit,
                                                   JSShouldTerminateCallback callback, void *context);

/// Removes a limit set with JSContextGroupSetExecutionTimeLimit.
JS_EXPORT void JSContextGroupClearExecutionTimeLimit(JSContextGroupRef group);

/// Sets the function called with (promise, reason) when a promise is rejected with no handler.
JS_EXPORT void JSGlobalContextSetUnhandledRejectionCallback(JSGlobalContextRef ctx, JSObjectRef function,
                                                            JSValueRef *exception);

/// Returns a description of the current JS call stack, at most `maxStackSize` frames.
JS_EXPORT JSStringRef JSContextCreateBacktrace(JSContextRef ctx, unsigned maxStackSize);

/// Takes the context's VM lock (reentrant). While it is held, promise jobs do not run: they run when
/// the outermost lock is released. exthost uses this to report an uncaught exception before the
/// promise jobs that the failing script queued, as browsers do.
JS_EXPORT void JSLock(JSContextRef ctx);

/// Releases a lock taken with JSLock; releasing the outermost one runs pending promise jobs.
JS_EXPORT void JSUnlock(JSContextRef ctx);

/// The target of a Proxy (or of a global object's proxy), or NULL for any other object. Runs no
/// trap. (Declared in WebKit's Source/JavaScriptCore/API/JSObjectRefPrivate.h.)
JS_EXPORT JSObjectRef JSObjectGetProxyTarget(JSObjectRef object);

#ifdef __cplusplus
}
#endif

#endif
