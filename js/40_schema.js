// exthost:realm host
// exthost:needs primordials
// Argument checking, derived from one description of each API function (its parameters and
// their types), as Chromium's APISignature and Firefox's Schemas.sys.mjs do it, with each
// browser's error texts. The descriptions themselves live with their namespace (js/5x_*.js)
// and are registered with `host.defineNamespace`.
(function (host) {
  'use strict';
  const {
    TypeError, Error, ArrayIsArray, NumberIsInteger, ObjectKeys, ObjectSetPrototypeOf, ArrayPrototypeJoin, ArrayPrototypeSort,
    JSONStringify, SafeMap, SafeWeakSet, hasOwn, listPush, listCopy, listIncludes, safeString,
    StringPrototypeStartsWith, StringPrototypeSlice, RegExpPrototypeExec,
  } = host.primordials;
  // Firefox's schema's `MatchPattern` format (a string of `format: 'matchPattern'`): its words
  // for a value none of its choices takes, after which the path is written; null when one does.
  const firefoxOriginChoices = "be one of [\"<all_urls>\"], must either [match the pattern /^(https?|wss?|file|ftp|\\*):\\/\\/(\\*|\\*\\.[^*/]+|[^*/]+)\\/.*$/, or match the pattern /^file:\\/\\/\\/.*$/], or match the pattern /^resource:\\/\\/(\\*|\\*\\.[^*/]+|[^*/]+)\\/.*$|^about:/";
  const firefoxOrigin = [/^(https?|wss?|file|ftp|\*):\/\/(\*|\*\.[^*/]+|[^*/]+)\/.*$/, /^file:\/\/\/.*$/, /^resource:\/\/(\*|\*\.[^*/]+|[^*/]+)\/.*$|^about:/];
  host.firefoxMatchPatternProblem = (value) => (value === '<all_urls>' || RegExpPrototypeExec(firefoxOrigin[0], value) !== null
    || RegExpPrototypeExec(firefoxOrigin[1], value) !== null || RegExpPrototypeExec(firefoxOrigin[2], value) !== null
    ? null : 'Value ' + JSONStringify(value) + ' must either: ' + firefoxOriginChoices);
  const chrome = host.flavor === 'chrome';

  // ---- Types ---------------------------------------------------------------------------------------
  function typeOf(value) {
    if (value === null) return 'null';
    if (ArrayIsArray(value)) return 'array';
    if (typeof value === 'number') return NumberIsInteger(value) ? 'integer' : 'number';
    return typeof value; // string, boolean, object, function, undefined, bigint, symbol
  }

  // Brand checks for `isInstanceOf` (`RegExp`): class name -> function(value) -> boolean. A module
  // that describes a parameter as an instance of a class registers its check here.
  const instanceChecks = new SafeMap();
  host.registerInstanceCheck = (className, check) => instanceChecks.set(className, check);

  // Whether `value` has the basic type `type` (no deep check).
  function isType(value, spec) {
    if (spec.choices) {
      for (let i = 0; i < spec.choices.length; i++) if (isType(value, spec.choices[i])) return true;
      return false;
    }
    const actual = typeOf(value);
    switch (spec.type) {
      case 'any': return value !== undefined;
      case 'number': return actual === 'number' || actual === 'integer';
      case 'integer': return actual === 'integer';
      case 'object': {
        if (actual !== 'object') return false;
        if (spec.isInstanceOf === undefined) return true;
        // (A class a module registered a brand check for; any other is not checked.)
        const check = instanceChecks.get(spec.isInstanceOf);
        return check === undefined || check(value);
      }
      default: return actual === spec.type;
    }
  }

  // How a value is named in an error: Chrome names its type; Firefox quotes it.
  function describeFound(value) {
    if (chrome) {
      const type = typeOf(value);
      return type === 'integer' ? 'integer' : type === 'number' ? 'number' : type;
    }
    if (typeof value === 'string') return JSONStringify(value);
    if (value === undefined) return 'undefined';
    if (typeof value === 'function') return 'function';
    try {
      const json = JSONStringify(value);
      return json === undefined ? safeString(value, 'Object') : json;
    } catch (e) {
      return safeString(value, 'Object');
    }
  }

  function typeName(spec) {
    if (spec.choices) {
      const names = [];
      for (let i = 0; i < spec.choices.length; i++) listPush(names, typeName(spec.choices[i]));
      return ArrayPrototypeJoin(names, chrome ? '|' : ' or ');
    }
    return spec.isInstanceOf !== undefined ? spec.isInstanceOf : spec.type;
  }

  // What a choice wanted of a value that is not it, in Firefox's words: "be a string value", or
  // for an array of the right type, which item failed (".0 must be a string value").
  const typeWanted = (spec) => {
    const type = typeName(spec);
    if (type === 'null') return 'a null value';
    return (type === 'object' || type === 'array' || type === 'integer' ? 'an ' : 'a ') + type + ' value';
  };
  function choiceWanted(value, choice) {
    if (!isType(value, choice)) return 'be ' + typeWanted(choice);
    if (choice.type === 'string' && choice.enum && !listIncludes(choice.enum, value)) {
      const quoted = [];
      for (let i = 0; i < choice.enum.length; i++) listPush(quoted, JSONStringify(choice.enum[i]));
      return 'be one of [' + ArrayPrototypeJoin(quoted, ', ') + ']';
    }
    if (choice.type === 'array' && choice.minItems !== undefined && value.length < choice.minItems) return 'have at least ' + choice.minItems + ' items';
    if (choice.type === 'array' && choice.maxItems !== undefined && value.length > choice.maxItems) return 'have at most ' + choice.maxItems + ' items';
    if (choice.type === 'array' && choice.items) {
      for (let i = 0; i < value.length; i++) {
        if (!isType(value[i], choice.items)) return '.' + i + ' must be ' + typeWanted(choice.items);
      }
    }
    return 'be ' + typeWanted(choice);
  }

  // Firefox names where a nested value failed by its path (`contextTypes.0`), in one clause.
  const processingPrefix = 'Error processing ';
  function processingError(key, message) {
    if (StringPrototypeStartsWith(message, processingPrefix)) {
      return processingPrefix + key + '.' + StringPrototypeSlice(message, processingPrefix.length);
    }
    return processingPrefix + key + ': ' + message;
  }

  // Checks `value` against `spec` deeply; returns the normalized value or throws a message
  // (a string, without the "Error at parameter" prefix) in the flavor's words.
  function normalize(value, spec) {
    if (spec.choices) {
      const errors = [];
      for (let i = 0; i < spec.choices.length; i++) {
        const choice = spec.choices[i];
        if (!isType(value, choice)) continue;
        try { return normalize(value, choice); } catch (message) { listPush(errors, message); }
      }
      // (A value of a choice's type that fails inside it: Chromium says no choice matched;
      // Firefox lists what each choice wanted, the failing one by the path inside it.)
      if (errors.length && chrome) throw spec.choices.length > 1 ? 'Value did not match any choice.' : errors[0];
      if (errors.length && spec.choices.length > 1) {
        const wanted = [];
        for (let i = 0; i < spec.choices.length; i++) listPush(wanted, choiceWanted(value, spec.choices[i]));
        const last = wanted.length - 1;
        wanted[last] = 'or ' + wanted[last];
        // (A value that is no object is named, as an enum's refusal shows: contextmenus-basics.)
        throw 'Value ' + (typeof value === 'object' ? '' : describeFound(value) + ' ') + 'must either: ' + ArrayPrototypeJoin(wanted, ', ');
      }
      if (errors.length) throw errors[0];
      // (Firefox lists what each of several choices wanted, after the value that fits none.)
      if (!chrome && spec.choices.length > 1) {
        const wanted = [];
        for (let i = 0; i < spec.choices.length; i++) listPush(wanted, 'be ' + typeWanted(spec.choices[i]));
        wanted[wanted.length - 1] = 'or ' + wanted[wanted.length - 1];
        throw 'Value ' + describeFound(value) + ' must either: ' + ArrayPrototypeJoin(wanted, ', ');
      }
      throw chrome
        ? 'Invalid type: expected ' + typeName(spec) + ', found ' + describeFound(value) + '.'
        : 'Expected ' + typeName(spec) + ' instead of ' + describeFound(value);
    }
    if (!isType(value, spec)) {
      throw chrome
        ? 'Invalid type: expected ' + typeName(spec) + ', found ' + describeFound(value) + '.'
        : 'Expected ' + typeName(spec) + ' instead of ' + describeFound(value);
    }
    if ((spec.type === 'integer' || spec.type === 'number')) {
      if (spec.minimum !== undefined && value < spec.minimum) {
        throw chrome ? 'Value must be at least ' + spec.minimum + '.'
          : (spec.type === 'integer' ? 'Integer ' : 'Number ') + value + ' is too small (must be at least ' + spec.minimum + ')';
      }
      if (spec.maximum !== undefined && value > spec.maximum) {
        throw chrome ? 'Value must be at most ' + spec.maximum + '.'
          : (spec.type === 'integer' ? 'Integer ' : 'Number ') + value + ' is too big (must be at most ' + spec.maximum + ')';
      }
    }
    if (spec.type === 'string' && spec.maxLength !== undefined && value.length > spec.maxLength) {
      throw chrome ? 'String must have at most ' + spec.maxLength + ' characters; found ' + value.length + '.'
        : 'String ' + JSONStringify(value) + ' is too long (must be ' + spec.maxLength + ')';
    }
    if (spec.type === 'string' && spec.format === 'matchPattern' && !chrome) {
      const problem = host.firefoxMatchPatternProblem(value);
      if (problem !== null) throw problem;
    }
    if (spec.type === 'string' && spec.enum && !listIncludes(spec.enum, value)) {
      throw chrome ? 'Value must be one of ' + ArrayPrototypeJoin(ArrayPrototypeSort(listCopy(spec.enum)), ', ') + '.'
        : 'Invalid enumeration value ' + JSONStringify(value);
    }
    if (spec.type === 'array' && spec.minItems !== undefined && value.length < spec.minItems) {
      throw chrome ? 'Array must have at least ' + spec.minItems + ' items.'
        : 'Array requires at least ' + spec.minItems + ' items; you have ' + value.length;
    }
    if (spec.type === 'array' && spec.maxItems !== undefined && value.length > spec.maxItems) {
      throw chrome ? 'Array must have at most ' + spec.maxItems + ' items.'
        : 'Array requires at most ' + spec.maxItems + ' items; you have ' + value.length;
    }
    if (spec.type === 'array' && spec.items) {
      const items = [];
      const length = value.length;
      for (let index = 0; index < length; index++) {
        // (A hole stays a hole, as Array.prototype.map leaves it, whatever a script put on
        // Array.prototype; where an object must be, it is the undefined it reads as.)
        if (!hasOwn(value, index)) {
          if (spec.items.type !== 'object') { items.length = index + 1; continue; }
          try { normalize(undefined, spec.items); } catch (message) {
            throw chrome ? 'Error at index ' + index + ': ' + message : processingError(index, message);
          }
        }
        try { listPush(items, normalize(value[index], spec.items)); } catch (message) {
          throw chrome ? 'Error at index ' + index + ': ' + message : processingError(index, message);
        }
      }
      return items;
    }
    if (spec.type === 'object' && spec.properties) {
      const result = { __proto__: null };
      const keys = ObjectKeys(value);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (!hasOwn(spec.properties, key) && !spec.additionalProperties) {
          if (value[key] === undefined && !chrome) continue;
          throw chrome ? "Unexpected property: '" + key + "'." : 'Unexpected property "' + key + '"';
        }
      }
      const specKeys = ObjectKeys(spec.properties);
      for (let i = 0; i < specKeys.length; i++) {
        const key = specKeys[i];
        const propertySpec = spec.properties[key];
        // (Own properties only, as Chromium's ArgumentSpec and Firefox's Xrays read them: a value
        // a script put on Object.prototype is no argument.)
        const propertyValue = hasOwn(value, key) ? value[key] : undefined;
        // (Chromium takes a null property for a missing one, required or not.)
        if (propertyValue === undefined || (propertyValue === null && (propertySpec.optional || chrome))) {
          if (!propertySpec.optional) {
            throw chrome ? "Missing required property '" + key + "'." : 'Property "' + key + '" is required';
          }
          continue;
        }
        try {
          result[key] = normalize(propertyValue, propertySpec);
        } catch (message) {
          throw chrome ? "Error at property '" + key + "': " + message : processingError(key, message);
        }
      }
      return result;
    }
    return value;
  }

  // ---- Signatures ----------------------------------------------------------------------------------
  // `tabs.get(integer tabId, optional function callback)`, as Chromium prints a signature.
  function signatureText(name, parameters) {
    const text = [];
    for (let i = 0; i < parameters.length; i++) {
      const p = parameters[i];
      // (A parameter of a named type shows that name: `runtime.ContextFilter filter`.)
      const type = p.typeName !== undefined ? p.typeName : p.choices ? '[' + typeName(p) + ']' : p.type;
      listPush(text, (p.optional ? 'optional ' : '') + type + ' ' + p.name);
    }
    return name + '(' + ArrayPrototypeJoin(text, ', ') + ')';
  }

  function invocationError(name, parameters, detail) {
    if (chrome) return new TypeError('Error in invocation of ' + signatureText(name, parameters) + ': ' + detail);
    return new Error(detail);
  }

  // The error Chromium throws when a call to `name` is invalid: `Error in invocation of <signature>: <detail>`.
  host.invocationError = function (name, detail) {
    return invocationError(name, signatures.get(name) || [], detail);
  };

  // An argument error that the browser reports by rejecting the call (Firefox's sendMessage), not by throwing.
  // (Its instances have no prototype to reach, and are recognized by `host.isArgumentRejection`.)
  const argumentRejections = new SafeWeakSet();
  host.ArgumentRejection = class ArgumentRejection {
    constructor(message) {
      this.message = message;
      argumentRejections.add(this);
    }
  };
  ObjectSetPrototypeOf(host.ArgumentRejection.prototype, null);
  host.isArgumentRejection = (value) => argumentRejections.has(value);

  // Matches `args` to `parameters` as the browsers do: an optional parameter whose argument has
  // the wrong type is skipped and the argument tried against the next parameter. Returns one
  // value per parameter, or throws the flavor's error.
  function matchArguments(name, parameters, args) {
    const result = [];
    let index = 0;
    for (let p = 0; p < parameters.length; p++) {
      const parameter = parameters[p];
      const arg = index < args.length ? args[index] : undefined;
      if (index >= args.length || arg === undefined || arg === null) {
        if (!parameter.optional) {
          if (index < args.length && arg === null && parameter.type === 'any') { listPush(result, arg); index++; continue; }
          throw invocationError(name, parameters, chrome ? 'No matching signature.' : 'Incorrect argument types for ' + name + '.');
        }
        listPush(result, undefined);
        if (index < args.length) index++;
        continue;
      }
      if (!isType(arg, parameter)) {
        if (parameter.optional) {
          listPush(result, undefined);
          continue;
        }
        throw invocationError(name, parameters, chrome ? 'No matching signature.' : 'Incorrect argument types for ' + name + '.');
      }
      try {
        listPush(result, normalize(arg, parameter));
      } catch (message) {
        throw invocationError(name, parameters, chrome
          ? "Error at parameter '" + parameter.name + "': " + message
          : 'Type error for parameter ' + parameter.name + ' (' + message + ') for ' + name + '.');
      }
      index++;
    }
    if (index < args.length) {
      throw invocationError(name, parameters, chrome ? 'No matching signature.' : 'Incorrect argument types for ' + name + '.');
    }
    return result;
  }

  // ---- Registry ------------------------------------------------------------------------------------
  // name -> parameters, for every checked function (including events' addListener).
  const signatures = new SafeMap();
  host.signatures = signatures;

  // Checks the arguments of the function `name` (`tabs.get`) and returns them matched to its
  // parameters. (Events check their listeners themselves: see Event.addListener in 00_host.js.)
  host.checkArguments = function (name, args) {
    const parameters = signatures.get(name);
    return parameters ? matchArguments(name, parameters, args) : args;
  };

  // Defines the API namespace `name`, available in the context kinds `contexts` (['background',
  // 'content']; a driver counts as a background), from the description `describe()` returns:
  //   functions: { get: { parameters: [...], async: true, run(cx, args), contexts, available(cx) }, ... }
  //   properties: { id: { get(cx) } }, events: ['onCreated', ...], constants: { ... },
  //   available(cx): whether a context of those kinds has it (absent: it has)
  // Each is defined once for every context (this realm is shared); a context's `chrome` and
  // `browser` objects get the namespaces its kind has (js/90_namespaces.js).
  // `async` functions return a promise, or call a trailing callback (the `chrome` namespace; and in
  // Chrome the promise form too).
  // (Descriptions are copied into null-prototype objects, deeply: a key a description lacks
  // — `optional`, `choices`, `enum`, ... — is then read as undefined, never from Object.prototype.)
  function descriptionCopy(value) {
    if (value === null || typeof value !== 'object') return value;
    if (ArrayIsArray(value)) {
      const copy = [];
      for (let i = 0; i < value.length; i++) listPush(copy, descriptionCopy(value[i]));
      return copy;
    }
    const copy = { __proto__: null };
    const keys = ObjectKeys(value);
    for (let i = 0; i < keys.length; i++) copy[keys[i]] = descriptionCopy(value[keys[i]]);
    return copy;
  }
  const merged = (a, b) => {
    const copy = { __proto__: null };
    const sources = [a, b];
    for (let s = 0; s < 2; s++) {
      if (!sources[s]) continue;
      const keys = ObjectKeys(sources[s]);
      for (let i = 0; i < keys.length; i++) copy[keys[i]] = sources[s][keys[i]];
    }
    return copy;
  };
  host.namespaces = new SafeMap();
  host.defineNamespace = function (namespace, contexts, describe) {
    let description = descriptionCopy(describe());
    description.contexts = listCopy(contexts);
    const existing = host.namespaces.get(namespace);
    if (existing) {
      // A namespace defined in parts (runtime in 50_runtime.js and 60_messaging.js): merge them.
      const events = listCopy(existing.events || []);
      const moreEvents = description.events || [];
      for (let i = 0; i < moreEvents.length; i++) listPush(events, moreEvents[i]);
      description = {
        __proto__: null,
        contexts: existing.contexts,
        constants: merged(existing.constants, description.constants),
        properties: merged(existing.properties, description.properties),
        functions: merged(existing.functions, description.functions),
        enums: merged(existing.enums, description.enums),
        listedUndefined: merged(existing.listedUndefined, description.listedUndefined),
        events,
        build: existing.build || description.build,
      };
    }
    const functions = description.functions || { __proto__: null };
    const names = ObjectKeys(functions);
    for (let i = 0; i < names.length; i++) host.describeFunction(namespace + '.' + names[i], functions[names[i]]);
    host.namespaces.set(namespace, description);
  };
  // Registers the description `fn` of the function `fullName` (`tabs.get`, or a type's member such
  // as Firefox's `storage.StorageArea.get`) for argument checking; `fn` gets its `fullName`.
  host.describeFunction = function (fullName, fn) {
    const parameters = listCopy(fn.parameters);
    if (fn.async) listPush(parameters, { __proto__: null, name: 'callback', type: 'function', optional: true });
    signatures.set(fullName, parameters);
    fn.fullName = fullName;
  };
  // A description copied as defineNamespace copies it (null prototypes all the way down).
  host.descriptionCopy = descriptionCopy;
});
