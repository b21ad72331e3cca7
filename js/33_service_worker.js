// exthost:needs primordials host dom_exception events structured_clone
// exthost:flavors chrome
// exthost:contexts background
// exthost:globals ServiceWorkerGlobalScope: clients:accessor registration:accessor serviceWorker:accessor skipWaiting:function:0
// exthost:globals ServiceWorkerGlobalScope: ~ExtendableEvent:constructor:1 ~InstallEvent:constructor:1 ~ExtendableMessageEvent:constructor:1
// exthost:globals ServiceWorkerGlobalScope: ~Clients:constructor:0
// exthost:globals ServiceWorkerGlobalScope: ~ServiceWorkerRegistration:constructor:0 ~ServiceWorker:constructor:0
// exthost:globals ServiceWorkerGlobalScope: oninstall:accessor onactivate:accessor onfetch:accessor onmessage:accessor onmessageerror:accessor
// A Chromium service worker's own lifecycle (Service Workers, "Install" and "Activate"): the
// worker's `install` event (an InstallEvent) and then its `activate` event (an ExtendableEvent),
// each waiting for the promises its listeners hand `waitUntil`; its ServiceWorker object
// (`self.serviceWorker`, `registration.installing`/`waiting`/`active`) going from 'parsed'
// through 'installing', 'installed' and 'activating' to 'activated' with a `statechange` event at
// each step; the worker's messages to itself (`serviceWorker.postMessage`, an ExtendableMessageEvent
// at the global); `skipWaiting()`; and `clients`, which finds no client: exthost has no extension pages
// yet (issue 10), and a content script is no client of the worker. Order and texts are
// fixtures/conformance/worker-lifecycle's.
//
// Swift starts the lifecycle in a task after the worker's script first ran (its zero-delay timers
// run first, as in Chromium): `host.runWorkerLifecycle()`, when this module or the events module is
// loaded; otherwise nothing can listen, and the worker is simply activated
// (`host.context.workerActivated`), which this module reads if it loads later.
(function (host) {
  'use strict';
  const {
    TypeError, String, SafeWeakMap, Promise, PromiseReject, ReflectDefineProperty, ReflectGetOwnPropertyDescriptor,
    SafePromiseFollowing, SafePromiseThen, ObjectFreeze, listPush, getOwn,
  } = host.primordials;
  const native = host.native;
  const global = host.global;
  const errors = host.webIDLErrors;
  const { failed, newRequired, illegalInvocation, illegalConstructor, countError, dictionary } = errors;
  const EventTarget = host.lazyGlobals.EventTarget;
  const defineInterface = (constructor, name, length, members, parentPrototype, parentConstructor) =>
    host.defineInterface(constructor, name, length, members, { __proto__: null, parentPrototype, parentConstructor });
  const invalidState = (owner, member, text) => host.newDOMException(failed(owner, member, text), 'InvalidStateError');

  // ---- ExtendableEvent and InstallEvent ------------------------------------------------------------------
  // Each lifecycle event's extend lifetime promises: { pending, rejected, settled (called when the
  // last one settles after dispatch) }; a script's own event has none.
  const extendable = new SafeWeakMap();
  function ExtendableEvent(...args) {
    if (new.target === undefined) throw newRequired('ExtendableEvent');
    if (args.length < 1) throw countError('ExtendableEvent', 'constructor', 1, args.length);
    host.initializeEvent(this, String(args[0]), dictionary(args[1], 'ExtendableEvent', 'constructor', 2, 'ExtendableEventInit'));
  }
  function waitUntil(event, promise) {
    const state = host.eventStateOf(event);
    const lifetime = extendable.get(event);
    if (state === undefined) throw illegalInvocation('ExtendableEvent', 'waitUntil');
    if (lifetime === undefined) {
      throw invalidState('ExtendableEvent', 'waitUntil', 'Can not call waitUntil on a script constructed ExtendableEvent.');
    }
    if (!state.dispatching && lifetime.pending === 0) {
      throw invalidState('ExtendableEvent', 'waitUntil', 'The event handler is already finished and no extend lifetime promises are outstanding.');
    }
    lifetime.pending++;
    const settle = () => {
      lifetime.pending--;
      if (lifetime.pending === 0 && !state.dispatching && lifetime.settled !== undefined) lifetime.settled();
    };
    // (Resolving with the value calls a thenable's `then`, as the browser's PromiseResolve does,
    // with resolving functions of this realm, the context's.)
    // (A rejected one is still reported as an unhandled rejection, as Chromium does:
    // fixtures/conformance/worker-install-fails.)
    SafePromiseThen(SafePromiseFollowing(promise), settle, (reason) => {
      lifetime.rejected = true;
      host.reportUncaught(reason, true);
      settle();
    });
  }
  const extendablePrototype = defineInterface(ExtendableEvent, 'ExtendableEvent', 1, {
    waitUntil(...args) {
      if (args.length < 1) throw countError('ExtendableEvent', 'waitUntil', 1, args.length);
      waitUntil(this, args[0]);
    },
  }, host.EventPrototype, host.lazyGlobals.Event);

  function InstallEvent(...args) {
    if (new.target === undefined) throw newRequired('InstallEvent');
    if (args.length < 1) throw countError('InstallEvent', 'constructor', 1, args.length);
    host.initializeEvent(this, String(args[0]), dictionary(args[1], 'InstallEvent', 'constructor', 2, 'ExtendableEventInit'));
  }
  const installPrototype = defineInterface(InstallEvent, 'InstallEvent', 1, {}, extendablePrototype, host.lazyGlobals.ExtendableEvent);

  // ---- ExtendableMessageEvent ---------------------------------------------------------------------------
  const messages = new SafeWeakMap();
  function ExtendableMessageEvent(...args) {
    if (new.target === undefined) throw newRequired('ExtendableMessageEvent');
    if (args.length < 1) throw countError('ExtendableMessageEvent', 'constructor', 1, args.length);
    const init = dictionary(args[1], 'ExtendableMessageEvent', 'constructor', 2, 'ExtendableMessageEventInit');
    host.initializeEvent(this, String(args[0]), init);
    // (The init's members are read as a MessageEvent's, with the ports they may hold.)
    host.load('channel_messaging');
    messages.set(this, host.readMessageInit('ExtendableMessageEvent', 'ExtendableMessageEventInit', init, (value) => workers.has(value),
      '(Client or MessagePort or ServiceWorker)'));
  }
  const messageField = (event, name) => {
    const fields = messages.get(event);
    if (fields === undefined) throw illegalInvocation('ExtendableMessageEvent', 'get ' + name);
    return fields[name];
  };
  const messagePrototype = defineInterface(ExtendableMessageEvent, 'ExtendableMessageEvent', 1, {
    get data() { return messageField(this, 'data'); },
    get origin() { return messageField(this, 'origin'); },
    get lastEventId() { return messageField(this, 'lastEventId'); },
    get source() { return messageField(this, 'source'); },
    get ports() { return messageField(this, 'ports'); },
  }, extendablePrototype, host.lazyGlobals.ExtendableEvent);

  // Dispatches the trusted lifecycle event `type` (of `prototype`) at the global, then calls
  // `next(rejected)` in a task once every promise its listeners gave `waitUntil` has settled.
  function dispatchLifecycleEvent(prototype, type, next) {
    const made = host.newEvent(prototype, type, undefined);
    const lifetime = { __proto__: null, pending: 0, rejected: false, settled: undefined };
    extendable.set(made.event, lifetime);
    host.dispatchTrusted(global, made);
    // (The worker's messages to itself posted before it was installing arrive after `install`.)
    for (let i = 0; i < heldMessages.length; i++) deliverLater(heldMessages[i][0], heldMessages[i][1]);
    heldMessages.length = 0;
    const finish = () => native.clock.timeout(0, () => next(lifetime.rejected));
    if (lifetime.pending === 0) finish();
    else lifetime.settled = finish;
  }

  // ---- ServiceWorker --------------------------------------------------------------------------------------
  const workers = new SafeWeakMap();
  function ServiceWorker() {
    throw illegalConstructor('ServiceWorker');
  }
  const workerState = (worker, member) => {
    const state = workers.get(worker);
    if (state === undefined) throw illegalInvocation('ServiceWorker', member);
    return state;
  };
  const postPrefix = "Failed to execute 'postMessage' on 'ServiceWorker': ";
  const workerPrototype = defineInterface(ServiceWorker, 'ServiceWorker', 0, {
    get scriptURL() { return workerState(this, 'get scriptURL').scriptURL; },
    get state() { return workerState(this, 'get state').state; },
    postMessage(...args) {
      workerState(this, 'postMessage');
      if (args.length < 1) throw countError('ServiceWorker', 'postMessage', 1, args.length);
      if (args.length < 2 || args[1] === undefined) {
        post(host.writeClone(args[0], postPrefix), []);
        return;
      }
      // (A transfer list: ports and buffers, as a MessagePort's postMessage takes them.)
      host.load('channel_messaging');
      const posted = host.serializeForPosting('ServiceWorker', args[0], args[1]);
      post(posted.text, posted.moved);
    },
  }, EventTarget.prototype, EventTarget);
  ReflectDefineProperty(workerPrototype, 'onstatechange', host.eventHandlerDescriptor('statechange', 'ServiceWorker'));
  ReflectDefineProperty(workerPrototype, 'onerror', host.eventHandlerDescriptor('error', 'ServiceWorker'));

  const ownWorker = { __proto__: workerPrototype };
  host.makeEventTarget(ownWorker);
  // (Own, or nothing: a getter a script put on Object.prototype is no answer.)
  const activatedAlready = getOwn(host.context, 'workerActivated') === true;
  const worker = { __proto__: null, scriptURL: host.context.url, state: activatedAlready ? 'activated' : 'parsed' };
  workers.set(ownWorker, worker);

  // ---- ServiceWorkerRegistration --------------------------------------------------------------------------
  const registrations = new SafeWeakMap();
  function ServiceWorkerRegistration() {
    throw illegalConstructor('ServiceWorkerRegistration');
  }
  const registrationState = (registration, member) => {
    const state = registrations.get(registration);
    if (state === undefined) throw illegalInvocation('ServiceWorkerRegistration', member);
    return state;
  };
  const registrationPrototype = defineInterface(ServiceWorkerRegistration, 'ServiceWorkerRegistration', 0, {
    get installing() { return registrationState(this, 'get installing').installing; },
    get waiting() { return registrationState(this, 'get waiting').waiting; },
    get active() { return registrationState(this, 'get active').active; },
    get scope() { return registrationState(this, 'get scope').scope; },
    get updateViaCache() { return registrationState(this, 'get updateViaCache').updateViaCache; },
  }, EventTarget.prototype, EventTarget);
  ReflectDefineProperty(registrationPrototype, 'onupdatefound', host.eventHandlerDescriptor('updatefound', 'ServiceWorkerRegistration'));
  const registration = { __proto__: registrationPrototype };
  host.makeEventTarget(registration);
  const slots = {
    __proto__: null, installing: null, waiting: null, active: activatedAlready ? ownWorker : null,
    scope: host.context.baseURL, updateViaCache: 'imports',
  };
  registrations.set(registration, slots);

  // Moves the worker to `state`, in `slot` of the registration (the others emptied), and fires
  // `statechange` at it.
  function enter(state, slot) {
    slots.installing = null;
    slots.waiting = null;
    slots.active = null;
    if (slot !== undefined) slots[slot] = ownWorker;
    worker.state = state;
    host.dispatchTrusted(ownWorker, host.newEvent(host.EventPrototype, 'statechange', undefined));
  }

  // The worker's messages to itself go through the browser, which hands them over once the
  // worker is installing (fixtures/conformance/worker-lifecycle): each in a task of its own.
  const heldMessages = [];
  function post(text, moved) {
    if (worker.state === 'parsed') listPush(heldMessages, [text, moved]);
    else deliverLater(text, moved);
  }
  function deliverLater(text, moved) {
    native.clock.timeout(0, () => {
      const made = host.newEvent(messagePrototype, 'message', undefined);
      messages.set(made.event, {
        __proto__: null, data: host.readClone(text), origin: host.context.origin, lastEventId: '', source: ownWorker,
        ports: ObjectFreeze(moved),
      });
      extendable.set(made.event, { __proto__: null, pending: 0, rejected: false, settled: undefined });
      host.dispatchTrusted(global, made);
    });
  }

  // Each step in a task of its own, as the Service Workers standard queues them: each state's
  // `statechange`, the `install` event, the `activate` event (a script's microtasks run between).
  const later = (step) => native.clock.timeout(0, step);
  host.runWorkerLifecycle = function runWorkerLifecycle() {
    if (worker.state !== 'parsed') return;
    enter('installing', 'installing');
    later(() => dispatchLifecycleEvent(installPrototype, 'install', (rejected) => {
      if (rejected) {
        // (Chromium does not register the worker: it stops at once, and no `statechange` is seen:
        // fixtures/conformance/worker-install-fails.)
        worker.state = 'redundant';
        native.engine.workerInstallFailed();
        return;
      }
      native.engine.workerInstalled();
      enter('installed', 'waiting');
      later(() => {
        enter('activating', 'active');
        later(() => dispatchLifecycleEvent(extendablePrototype, 'activate', () => enter('activated', 'active')));
      });
    }));
  };

  // ---- Clients --------------------------------------------------------------------------------------------
  function Clients() {
    throw illegalConstructor('Clients');
  }
  const checkClients = (thisValue, member) => {
    if (thisValue !== clientsObject) throw illegalInvocation('Clients', member);
  };
  const clientTypes = ['window', 'worker', 'sharedworker', 'all'];
  // A promise of `compute()`, settled in a task of its own (what the browser's process answers), or
  // rejected with what it throws.
  const answerLater = (compute) => new Promise((resolve, reject) => {
    native.clock.timeout(0, () => {
      try {
        resolve(compute());
      } catch (error) {
        reject(error);
      }
    });
  });
  const clientsPrototype = defineInterface(Clients, 'Clients', 0, {
    get(...args) {
      try {
        checkClients(this, 'get');
        if (args.length < 1) throw countError('Clients', 'get', 1, args.length);
        String(args[0]);
      } catch (error) {
        return PromiseReject(error);
      }
      return answerLater(() => undefined);
    },
    matchAll(...args) {
      try {
        checkClients(this, 'matchAll');
        const options = dictionary(args[0], 'Clients', 'matchAll', 1, 'ClientQueryOptions');
        if (options !== undefined) {
          // (Dictionary members in order: includeUncontrolled, then type.)
          const include = options.includeUncontrolled;
          if (include !== undefined) !!include;
          const type = options.type;
          if (type !== undefined) {
            const text = String(type);
            let known = false;
            for (let i = 0; i < clientTypes.length; i++) if (clientTypes[i] === text) known = true;
            if (!known) {
              throw new TypeError(failed('Clients', 'matchAll', "Failed to read the 'type' property from 'ClientQueryOptions': The provided value '"
                + text + "' is not a valid enum value of type ClientType."));
            }
          }
        }
      } catch (error) {
        return PromiseReject(error);
      }
      // (No window of the extension is open: exthost has no extension pages yet, issue 10.)
      return answerLater(() => []);
    },
    openWindow(...args) {
      try {
        checkClients(this, 'openWindow');
        if (args.length < 1) throw countError('Clients', 'openWindow', 1, args.length);
        String(args[0]);
      } catch (error) {
        return PromiseReject(error);
      }
      // (Chromium lets a worker open a window only while it handles a notification click, which
      // exthost never gives it.)
      return answerLater(() => { throw host.newDOMException('Not allowed to open a window.', 'InvalidAccessError'); });
    },
    claim() {
      try {
        checkClients(this, 'claim');
      } catch (error) {
        return PromiseReject(error);
      }
      return answerLater(() => {
        if (worker.state !== 'activating' && worker.state !== 'activated') {
          throw host.newDOMException('Only the active worker can claim clients.', 'InvalidStateError');
        }
        return undefined;
      });
    },
  }, undefined, undefined);
  const clientsObject = { __proto__: clientsPrototype };

  // ---- The global's members -------------------------------------------------------------------------------
  // (ServiceWorkerGlobalScope is the [Global] interface: its own members are the global's own
  // properties, where WorkerGlobalScope's are inherited.)
  const handlers = ['install', 'activate', 'fetch', 'message', 'messageerror'];
  for (let i = 0; i < handlers.length; i++) {
    host.defineGlobal('on' + handlers[i], host.eventHandlerDescriptor(handlers[i], 'ServiceWorkerGlobalScope'));
  }
  const accessor = (name, value) => {
    const get = { get [name]() { return value; } };
    host.defineGlobal(name, { __proto__: null, get: ReflectGetOwnPropertyDescriptor(get, name).get, configurable: true, enumerable: true });
  };
  accessor('clients', clientsObject);
  accessor('registration', registration);
  accessor('serviceWorker', ownWorker);
  // (An extension's worker is never waiting behind an older one that controls clients: the promise
  // only resolves.)
  host.implementations.skipWaiting = function skipWaiting() {
    return new Promise((resolve) => resolve(undefined));
  };
});
