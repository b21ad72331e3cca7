// The C shim for JavaScriptCore-GTK 4.1.
//
// The public C API comes from <JavaScriptCore/JavaScript.h> (found through pkg-config's
// -I/usr/include/webkitgtk-4.1). The declarations below are functions that the library
// exports but that no installed header declares; their signatures are those of WebKit's
// Source/JavaScriptCore/API/JSContextRefPrivate.h.
#ifndef EXTHOST_CJAVASCRIPTCORE_SHIM_H
#define EXTHOST_CJAVASCRIPTCORE_SHIM_H

#include <JavaScriptCore/JavaScript.h>
#include <dlfcn.h>
#include <stddef.h>

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


// ---- Promise jobs under the caller's deadline -------------------------------------------------
//
// JavaScriptCore runs promise jobs when the outermost API lock is released, each job as an entry of
// its own with a fresh execution-time deadline, so an endless chain of jobs is never stopped. The
// C API cannot run them any other way; these hooks call the engine's own C++ functions (exported by
// libjavascriptcoregtk as private symbols, looked up at run time because a later version may drop
// them) so exthost can run a task's jobs inside the task's own entry, under its one deadline.
//
// A JSContextGroupRef is a JSC::VM*, a JSContextRef a JSC::JSGlobalObject*; a JSC::JSLockHolder is
// one RefPtr<VM> (two words are reserved for it).

typedef void (*ExthostLockHolderInit)(void *holder, void *vm);  // JSC::JSLockHolder::JSLockHolder(JSC::VM*)
typedef void (*ExthostLockHolderDeinit)(void *holder);          // JSC::JSLockHolder::~JSLockHolder()
typedef void (*ExthostDrainMicrotasks)(void *vm);               // JSC::VM::drainMicrotasks()
typedef void *(*ExthostEnsureTermination)(void *vm);            // JSC::VM::ensureTerminationException()
typedef void *(*ExthostThrowException)(void *vm, void *globalObject, void *exception);  // JSC::VM::throwException(JSGlobalObject*, Exception*)

/// The engine functions the hooks call; all null when the library does not export one of them.
typedef struct {
    ExthostLockHolderInit lockHolderInit;
    ExthostLockHolderDeinit lockHolderDeinit;
    ExthostDrainMicrotasks drainMicrotasks;
    ExthostEnsureTermination ensureTerminationException;
    ExthostThrowException throwException;
} ExthostMicrotaskHooks;

/// Looks the hooks up among the symbols of the running program and its libraries.
static inline ExthostMicrotaskHooks ExthostMicrotaskHooksLookUp(void) {
    ExthostMicrotaskHooks hooks = {0};
    void *program = dlopen(NULL, RTLD_NOW);
    if (!program) return hooks;
    void *init = dlsym(program, "_ZN3JSC12JSLockHolderC1EPNS_2VME");
    void *deinit = dlsym(program, "_ZN3JSC12JSLockHolderD1Ev");
    void *drain = dlsym(program, "_ZN3JSC2VM15drainMicrotasksEv");
    void *ensure = dlsym(program, "_ZN3JSC2VM26ensureTerminationExceptionEv");
    void *raise = dlsym(program, "_ZN3JSC2VM14throwExceptionEPNS_14JSGlobalObjectEPNS_9ExceptionE");
    if (init && deinit && drain && ensure && raise) {
        hooks.lockHolderInit = (ExthostLockHolderInit)init;
        hooks.lockHolderDeinit = (ExthostLockHolderDeinit)deinit;
        hooks.drainMicrotasks = (ExthostDrainMicrotasks)drain;
        hooks.ensureTerminationException = (ExthostEnsureTermination)ensure;
        hooks.throwException = (ExthostThrowException)raise;
    }
    return hooks;
}

/// Runs the group's pending promise jobs now, holding its lock. Call it only from inside a native
/// function (where the engine has dropped its locks for the callback): the jobs then run inside the
/// caller's entry, under its deadline. A job the time limit stops ends the checkpoint: the engine
/// discards the rest of the queue and the termination propagates out of the native function.
///
/// With `discard`, no job runs: the engine's termination is raised first (as when a job is stopped),
/// so the checkpoint discards the whole queue; use it when the entry's script was already stopped.
static inline void ExthostRunMicrotasks(const ExthostMicrotaskHooks *hooks, JSContextGroupRef group, JSContextRef context, bool discard) {
    void *vm = (void *)group;
    void *holder[2] = {NULL, NULL};
    hooks->lockHolderInit(holder, vm);
    if (discard) hooks->throwException(vm, (void *)context, hooks->ensureTerminationException(vm));
    hooks->drainMicrotasks(vm);
    hooks->lockHolderDeinit(holder);
}

#ifdef __cplusplus
}
#endif

#endif
