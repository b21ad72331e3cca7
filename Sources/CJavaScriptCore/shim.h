// The C shim for JavaScriptCore-GTK 4.1.
//
// The public C API comes from <JavaScriptCore/JavaScript.h> (found through pkg-config's
// -I/usr/include/webkitgtk-4.1). The declarations below are functions that the library
// exports but that no installed header declares; their signatures are those of WebKit's
// Source/JavaScriptCore/API/JSContextRefPrivate.h (and JSObjectRefPrivate.h, JSScriptRefPrivate.h).
#ifndef EXTHOST_CJAVASCRIPTCORE_SHIM_H
#define EXTHOST_CJAVASCRIPTCORE_SHIM_H

#include <JavaScriptCore/JavaScript.h>
#include <dlfcn.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A script parsed once for a context group and evaluated in any of its contexts, sharing one copy of
/// its text (JSEvaluateScript copies the whole text on every call, and each context keeps its copy
/// as long as a function of the script lives). From WebKit's JSScriptRefPrivate.h.
typedef struct OpaqueJSScript *JSScriptRef;

/// Parses `source` for the contexts of `group`; NULL on a syntax error (then `errorMessage` and
/// `errorLine`, when given, describe it).
JS_EXPORT JSScriptRef JSScriptCreateFromString(JSContextGroupRef group, JSStringRef url, int startingLineNumber,
                                               JSStringRef source, JSStringRef *errorMessage, int *errorLine);

/// Releases a script made with JSScriptCreateFromString.
JS_EXPORT void JSScriptRelease(JSScriptRef script);

/// Runs `script` in `ctx` (of the group it was made for) as JSEvaluateScript would.
JS_EXPORT JSValueRef JSScriptEvaluate(JSContextRef ctx, JSScriptRef script, JSValueRef thisValue, JSValueRef *exception);

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

/// The global context (realm) an object was made in: the global object of its structure. Runs no
/// script. (Declared in WebKit's Source/JavaScriptCore/API/JSObjectRefPrivate.h.)
JS_EXPORT JSGlobalContextRef JSObjectGetGlobalContext(JSObjectRef object);

/// Turns `eval` and the `Function` constructors of the context's realm on or off; off, they throw
/// an EvalError with `message`. Scripts the host evaluates through the API are not affected.
/// (Declared in WebKit's Source/JavaScriptCore/API/JSContextRefPrivate.h.)
JS_EXPORT void JSGlobalContextSetEvalEnabled(JSGlobalContextRef ctx, bool enabled, JSStringRef message);

/// Returns a description of the current JS call stack, at most `maxStackSize` frames.
JS_EXPORT JSStringRef JSContextCreateBacktrace(JSContextRef ctx, unsigned maxStackSize);

/// Takes the context's VM lock (reentrant). While it is held, promise jobs do not run: they run when
/// the outermost lock is released. exthost uses this to report an uncaught exception before the
/// promise jobs that the failing script queued, as browsers do.
JS_EXPORT void JSLock(JSContextRef ctx);

/// Releases a lock taken with JSLock; releasing the outermost one runs pending promise jobs.
JS_EXPORT void JSUnlock(JSContextRef ctx);

/// Collects garbage now, the whole heap, before returning (for tests: what a closed context left
/// behind). (Declared in WebKit's Source/JavaScriptCore/API/JSContextRefPrivate.h.)
JS_EXPORT void JSSynchronousGarbageCollectForDebugging(JSContextRef ctx);

/// An object of the heap's counts and sizes: `heapSize`, `heapCapacity`, `extraMemorySize`,
/// `objectCount`, `protectedObjectCount`, `globalObjectCount`, `protectedGlobalObjectCount`.
/// (Declared in WebKit's Source/JavaScriptCore/API/JSBasePrivate.h.)
JS_EXPORT JSObjectRef JSGetMemoryUsageStatistics(JSContextRef ctx);

/// The target of a Proxy (or of a global object's proxy), or NULL for any other object. Runs no
/// trap. (Declared in WebKit's Source/JavaScriptCore/API/JSObjectRefPrivate.h.)
JS_EXPORT JSObjectRef JSObjectGetProxyTarget(JSObjectRef object);

// ---- Tasks: a call from the host and its promise jobs, as one entry into the engine -----------
//
// JavaScriptCore starts a new execution-time deadline at each entry into the engine (each C API
// call made with no script running), and runs promise jobs when the outermost API lock is released,
// each job an entry of its own; so an endless chain of jobs is never stopped, and the C API offers
// no other way. These hooks call the engine's own C++ functions, which libjavascriptcoregtk exports
// as private symbols (looked up at run time: a later version may drop them), to make a task one
// entry: ExthostTaskBegin takes the lock and enters the engine as its VMEntryScope does (the
// watchdog starts the task's one deadline), the task's C API calls are then nested in that entry
// (none drains the jobs when it returns, since the lock is still held), and ExthostTaskEnd runs the
// jobs inside the entry, then leaves it and releases the lock. No frame of the host is on the
// script's stack, so stack traces are unchanged.
//
// Layouts relied on (JavaScriptCore 2.50): a JSContextGroupRef is a JSC::VM*, a JSContextRef a
// JSC::JSGlobalObject*; JSC::JSLockHolder is one RefPtr<VM>; JSC::VMEntryScope is
// { VM&, JSGlobalObject* }, its inline constructor calls setUpSlow() when the VM has no entry
// scope, and its destructor tearDownSlow() when it is the VM's.

typedef void (*ExthostLockHolderInit)(void *holder, void *vm);                   // JSC::JSLockHolder::JSLockHolder(JSC::VM*)
typedef void (*ExthostLockHolderDeinit)(void *holder);                           // JSC::JSLockHolder::~JSLockHolder()
typedef void (*ExthostEntryScopeSetUp)(void *scope);                             // JSC::VMEntryScope::setUpSlow()
typedef void (*ExthostEntryScopeTearDown)(void *scope);                          // JSC::VMEntryScope::tearDownSlow()
typedef void *(*ExthostEntryGlobalObject)(const void *vm, void *globalObject);   // JSC::VM::deprecatedVMEntryGlobalObject(JSGlobalObject*) const
typedef void (*ExthostDrainMicrotasks)(void *vm);                                // JSC::VM::drainMicrotasks()
typedef void *(*ExthostEnsureTermination)(void *vm);                             // JSC::VM::ensureTerminationException()
typedef void *(*ExthostThrowException)(void *vm, void *globalObject, void *exception);  // JSC::VM::throwException(JSGlobalObject*, Exception*)
typedef void (*ExthostSetException)(void *vm, void *exception);                 // JSC::VM::setException(Exception*)

/// The engine functions the hooks call; all null when the library lacks one of them.
typedef struct {
    ExthostLockHolderInit lockHolderInit;
    ExthostLockHolderDeinit lockHolderDeinit;
    ExthostEntryScopeSetUp entryScopeSetUp;
    ExthostEntryScopeTearDown entryScopeTearDown;
    ExthostEntryGlobalObject entryGlobalObject;
    ExthostDrainMicrotasks drainMicrotasks;
    ExthostEnsureTermination ensureTerminationException;
    ExthostThrowException throwException;
    ExthostSetException setException;
} ExthostTaskHooks;

/// The JavaScriptCore-GTK release whose layouts (above) were read and tested: the hooks are used
/// with it only, since a changed layout could not be detected at run time.
#define EXTHOST_TASK_HOOKS_MAJOR 2
#define EXTHOST_TASK_HOOKS_MINOR 50

/// Looks the hooks up among the symbols of the running program and its libraries; all null unless
/// the library is the JavaScriptCore-GTK release they were written for (2.50.x).
static inline ExthostTaskHooks ExthostTaskHooksLookUp(void) {
    ExthostTaskHooks hooks = {0};
    void *program = dlopen(NULL, RTLD_NOW);
    if (!program) return hooks;
    unsigned (*majorVersion)(void) = (unsigned (*)(void))dlsym(program, "jsc_get_major_version");
    unsigned (*minorVersion)(void) = (unsigned (*)(void))dlsym(program, "jsc_get_minor_version");
    if (!majorVersion || !minorVersion || majorVersion() != EXTHOST_TASK_HOOKS_MAJOR || minorVersion() != EXTHOST_TASK_HOOKS_MINOR) {
        return hooks;
    }
    void *found[9] = {
        dlsym(program, "_ZN3JSC12JSLockHolderC1EPNS_2VME"),
        dlsym(program, "_ZN3JSC12JSLockHolderD1Ev"),
        dlsym(program, "_ZN3JSC12VMEntryScope9setUpSlowEv"),
        dlsym(program, "_ZN3JSC12VMEntryScope12tearDownSlowEv"),
        dlsym(program, "_ZNK3JSC2VM29deprecatedVMEntryGlobalObjectEPNS_14JSGlobalObjectE"),
        dlsym(program, "_ZN3JSC2VM15drainMicrotasksEv"),
        dlsym(program, "_ZN3JSC2VM26ensureTerminationExceptionEv"),
        dlsym(program, "_ZN3JSC2VM14throwExceptionEPNS_14JSGlobalObjectEPNS_9ExceptionE"),
        dlsym(program, "_ZN3JSC2VM12setExceptionEPNS_9ExceptionE"),
    };
    for (int i = 0; i < 9; i++) {
        if (!found[i]) return hooks;
    }
    hooks.lockHolderInit = (ExthostLockHolderInit)found[0];
    hooks.lockHolderDeinit = (ExthostLockHolderDeinit)found[1];
    hooks.entryScopeSetUp = (ExthostEntryScopeSetUp)found[2];
    hooks.entryScopeTearDown = (ExthostEntryScopeTearDown)found[3];
    hooks.entryGlobalObject = (ExthostEntryGlobalObject)found[4];
    hooks.drainMicrotasks = (ExthostDrainMicrotasks)found[5];
    hooks.ensureTerminationException = (ExthostEnsureTermination)found[6];
    hooks.throwException = (ExthostThrowException)found[7];
    hooks.setException = (ExthostSetException)found[8];
    return hooks;
}

/// A task in progress: the lock it holds and the entry it made.
typedef struct {
    void *lockHolder[2];   // a JSC::JSLockHolder (one word; two reserved)
    void *entryScope[2];   // a JSC::VMEntryScope: { VM&, JSGlobalObject* }
    bool entered;          // whether the task made the entry (no script was running)
} ExthostTask;

/// Starts a task in `context`: takes the lock and, when no script is running, enters the engine.
static inline void ExthostTaskBegin(const ExthostTaskHooks *hooks, JSContextGroupRef group, JSContextRef context, ExthostTask *task) {
    void *vm = (void *)group;
    task->lockHolder[0] = task->lockHolder[1] = NULL;
    hooks->lockHolderInit(task->lockHolder, vm);
    task->entered = hooks->entryGlobalObject(vm, NULL) == NULL;
    if (task->entered) {
        task->entryScope[0] = vm;
        task->entryScope[1] = (void *)context;
        hooks->entryScopeSetUp(task->entryScope);
        hooks->setException(vm, NULL);  // as the scope's constructor clears the last exception
    }
}

/// Ends a task: runs its promise jobs inside its entry, leaves the entry and releases the lock.
///
/// A job the time limit stops ends the checkpoint: the engine discards the rest of the queue. With
/// `discard` (the task's script was stopped), no job runs: the engine's termination is raised
/// first, as when a job is stopped, so the checkpoint discards the whole queue. A task that did not
/// make the entry (a script is running below it) leaves the jobs to that script's entry.
static inline void ExthostTaskEnd(const ExthostTaskHooks *hooks, JSContextGroupRef group, JSContextRef context, ExthostTask *task, bool discard) {
    void *vm = (void *)group;
    if (task->entered) {
        if (discard) hooks->throwException(vm, (void *)context, hooks->ensureTerminationException(vm));
        hooks->drainMicrotasks(vm);
        hooks->setException(vm, NULL);  // the termination that stopped a job, if any: it ends here
        hooks->entryScopeTearDown(task->entryScope);
    }
    hooks->lockHolderDeinit(task->lockHolder);
}

/// Raises the engine's termination in `context`, from a native function whose call into a script
/// was stopped: the value the stopped call threw, passed on as an exception, would be an ordinary
/// one that the script could catch; this makes the script stop too.
static inline void ExthostRaiseTermination(const ExthostTaskHooks *hooks, JSContextGroupRef group, JSContextRef context) {
    void *vm = (void *)group;
    hooks->throwException(vm, (void *)context, hooks->ensureTerminationException(vm));
}

/// JavaScriptCore's GLib API, which checks a module's syntax as the engine's module grammar has it
/// (the C API checks classic scripts only). Declared in <jsc/JSCContext.h> and <jsc/JSCException.h>;
/// declared here with opaque types, so that this shim brings in no GLib header.
typedef struct _JSCContext ExthostJSCContext;
typedef struct _JSCException ExthostJSCException;
/// A new context, in a virtual machine of its own.
ExthostJSCContext *jsc_context_new(void);
/// 0 (JSC_CHECK_SYNTAX_RESULT_SUCCESS) when `code` parses in `mode` (0: script, 1: module).
int jsc_context_check_syntax(ExthostJSCContext *context, const char *code, long length, int mode, const char *uri,
                             unsigned line_number, ExthostJSCException **exception);
/// What a syntax check's exception says, and where.
const char *jsc_exception_get_message(ExthostJSCException *exception);
unsigned jsc_exception_get_line_number(ExthostJSCException *exception);
unsigned jsc_exception_get_column_number(ExthostJSCException *exception);
/// Releases a GObject (the context, an exception).
void g_object_unref(void *object);

/// The engine's statistics of the heap `ctx`'s group shares: heapSize, heapCapacity,
/// extraMemorySize, objectCount, protectedObjectCount, globalObjectCount, protectedGlobalObjectCount
/// and objectTypeCounts (live cells by class name). From WebKit's JSBasePrivate.h.
JS_EXPORT JSObjectRef JSGetMemoryUsageStatistics(JSContextRef ctx);

#ifdef __cplusplus
}
#endif

#endif
