// Argument checking, derived from one description of each API function (its parameters and
// their types), as Chromium's APISignature and Firefox's Schemas.sys.mjs do it, with each
// browser's error texts. The descriptions themselves live with their namespace (js/5x_*.js)
// and are registered with `host.defineNamespace`.
(function (host) {
  'use strict';
  const chrome = host.flavor === 'chrome';

  // ---- Types ---------------------------------------------------------------------------------------
  function typeOf(value) {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'array';
    if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
    return typeof value; // string, boolean, object, function, undefined, bigint, symbol
  }

  // Whether `value` has the basic type `type` (no deep check).
  function isType(value, spec) {
    if (spec.choices) return spec.choices.some((choice) => isType(value, choice));
    const actual = typeOf(value);
    switch (spec.type) {
      case 'any': return value !== undefined;
      case 'number': return actual === 'number' || actual === 'integer';
      case 'integer': return actual === 'integer';
      case 'object': return actual === 'object' || (spec.isInstanceOf === undefined && actual === 'function' && false);
      default: return actual === spec.type;
    }
  }

  // How a value is named in an error: Chrome names its type; Firefox quotes it.
  function describeFound(value) {
    if (chrome) {
      const type = typeOf(value);
      return type === 'integer' ? 'integer' : type === 'number' ? 'number' : type;
    }
    if (typeof value === 'string') return JSON.stringify(value);
    if (value === undefined) return 'undefined';
    if (typeof value === 'function') return 'function';
    try {
      const json = JSON.stringify(value);
      return json === undefined ? String(value) : json;
    } catch (e) {
      return String(value);
    }
  }

  function typeName(spec) {
    if (spec.choices) return spec.choices.map(typeName).join(chrome ? '|' : ' or ');
    return spec.type;
  }

  // Checks `value` against `spec` deeply; returns the normalized value or throws a message
  // (a string, without the "Error at parameter" prefix) in the flavor's words.
  function normalize(value, spec) {
    if (spec.choices) {
      const errors = [];
      for (const choice of spec.choices) {
        if (!isType(value, choice)) continue;
        try { return normalize(value, choice); } catch (message) { errors.push(message); }
      }
      if (errors.length) throw errors[0];
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
    if (spec.type === 'string' && spec.enum && !spec.enum.includes(value)) {
      throw chrome ? 'Value must be one of ' + spec.enum.slice().sort().join(', ') + '.'
        : 'Invalid enumeration value ' + JSON.stringify(value);
    }
    if (spec.type === 'array' && spec.items) {
      return value.map((item, index) => {
        try { return normalize(item, spec.items); } catch (message) {
          throw chrome ? 'Error at index ' + index + ': ' + message : 'Error processing ' + index + ': ' + message;
        }
      });
    }
    if (spec.type === 'object' && spec.properties) {
      const result = {};
      for (const key of Object.keys(value)) {
        if (!Object.prototype.hasOwnProperty.call(spec.properties, key) && !spec.additionalProperties) {
          if (value[key] === undefined && !chrome) continue;
          throw chrome ? "Unexpected property: '" + key + "'." : 'Unexpected property "' + key + '"';
        }
      }
      for (const [key, propertySpec] of Object.entries(spec.properties)) {
        const propertyValue = value[key];
        if (propertyValue === undefined || (propertyValue === null && propertySpec.optional)) {
          if (!propertySpec.optional) {
            throw chrome ? "Missing required property '" + key + "'." : 'Property "' + key + '" is required';
          }
          continue;
        }
        try {
          result[key] = normalize(propertyValue, propertySpec);
        } catch (message) {
          throw chrome ? "Error at property '" + key + "': " + message : 'Error processing ' + key + ': ' + message;
        }
      }
      return result;
    }
    return value;
  }

  // ---- Signatures ----------------------------------------------------------------------------------
  // `tabs.get(integer tabId, optional function callback)`, as Chromium prints a signature.
  function signatureText(name, parameters) {
    const text = parameters.map((p) => (p.optional ? 'optional ' : '') + (p.choices ? '[' + typeName(p) + ']' : p.type) + ' ' + p.name);
    return name + '(' + text.join(', ') + ')';
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
  host.ArgumentRejection = class ArgumentRejection {
    constructor(message) { this.message = message; }
  };

  // Matches `args` to `parameters` as the browsers do: an optional parameter whose argument has
  // the wrong type is skipped and the argument tried against the next parameter. Returns one
  // value per parameter, or throws the flavor's error.
  function matchArguments(name, parameters, args) {
    const result = [];
    let index = 0;
    for (const parameter of parameters) {
      const arg = args[index];
      if (index >= args.length || arg === undefined || arg === null) {
        if (!parameter.optional) {
          if (index < args.length && arg === null && parameter.type === 'any') { result.push(arg); index++; continue; }
          throw invocationError(name, parameters, chrome ? 'No matching signature.' : 'Incorrect argument types for ' + name + '.');
        }
        result.push(undefined);
        if (index < args.length) index++;
        continue;
      }
      if (!isType(arg, parameter)) {
        if (parameter.optional) {
          result.push(undefined);
          continue;
        }
        throw invocationError(name, parameters, chrome ? 'No matching signature.' : 'Incorrect argument types for ' + name + '.');
      }
      try {
        result.push(normalize(arg, parameter));
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
  const signatures = new Map();
  host.signatures = signatures;

  // Checks the arguments of the function `name` (`tabs.get`) and returns them matched to its
  // parameters. (Events check their listeners themselves: see Event.addListener in 00_host.js.)
  host.checkArguments = function (name, args) {
    const parameters = signatures.get(name);
    return parameters ? matchArguments(name, parameters, args) : args;
  };

  // Defines the API namespace `name` from its description:
  //   functions: { get: { parameters: [...], async: true | 'callback', run(args) }, ... }
  //   properties: { id: { get() } }, events: ['onCreated', ...], contexts: ['background', 'content']
  // `async` functions return a promise, or call a trailing callback (the `chrome` namespace; and in
  // Chrome the promise form too). Returns a function making the namespace object for a style
  // ('promise' for `browser`, 'callback' for `chrome`).
  host.namespaces = new Map();
  host.defineNamespace = function (namespace, description) {
    const existing = host.namespaces.get(namespace);
    if (existing) {
      // A namespace defined in parts (runtime in 50_runtime.js and 60_messaging.js): merge them.
      description = {
        contexts: existing.contexts,
        constants: Object.assign({}, existing.constants, description.constants),
        properties: Object.assign({}, existing.properties, description.properties),
        functions: Object.assign({}, existing.functions, description.functions),
        events: (existing.events || []).concat(description.events || []),
      };
    }
    for (const [fnName, fn] of Object.entries(description.functions || {})) {
      const full = namespace + '.' + fnName;
      const parameters = fn.parameters.slice();
      if (fn.async) parameters.push({ name: 'callback', type: 'function', optional: true });
      signatures.set(full, parameters);
      fn.fullName = full;
    }
    host.namespaces.set(namespace, description);
  };
});
