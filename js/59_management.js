// exthost:realm host
// exthost:needs primordials api schema
// `management`: the installed extensions as each browser describes them, and the changes an
// extension with the "management" permission may make (Sources/Exthost/API/ManagementAPI.swift;
// recorded: fixtures/conformance/management-basics, management-set-enabled). Every extension's
// background and pages have the namespace; without the permission, Chromium gives only getSelf,
// uninstallSelf and getPermissionWarningsByManifest, Firefox lists the other members as undefined.
// Of Chromium's members, the apps' (launchApp, createAppShortcut, generateAppForLink,
// setLaunchType) and the permission warnings are not in exthost yet: touching one says so.
(function (host) {
  'use strict';
  const { Error, listIncludes, listPush, ObjectDefineProperty, dataDescriptor, hasOwn } = host.primordials;
  const chrome = host.flavor === 'chrome';
  const request = (cx, method, args) => host.request(cx, method, args);
  const permitted = (cx) => listIncludes(cx.info.permissions, 'management');
  const id = { name: 'id', type: 'string' };
  const uninstallOptions = {
    name: 'options', type: 'object', optional: true,
    properties: chrome
      ? { showConfirmDialog: { type: 'boolean', optional: true } }
      : { showConfirmDialog: { type: 'boolean', optional: true }, dialogMessage: { type: 'string', optional: true } },
  };
  const withPermission = (fn) => ({ ...fn, available: permitted });
  // Chromium asks a person to confirm the uninstall of another extension, or of itself with
  // showConfirmDialog, which it does only during a person's act (`ManagementUninstallFunctionBase`).
  const gestureNeeded = 'chrome.management.uninstall requires a user gesture.';
  const events = ['onDisabled', 'onEnabled', 'onInstalled', 'onUninstalled'];
  // (Each browser's enums, with their values in its order: Chromium's sorted, Firefox's as its schema has them.)
  const enums = chrome ? {
    ExtensionDisabledReason: { values: { PERMISSIONS_INCREASE: 'permissions_increase', UNKNOWN: 'unknown' } },
    ExtensionInstallType: { values: { ADMIN: 'admin', DEVELOPMENT: 'development', NORMAL: 'normal', OTHER: 'other', SIDELOAD: 'sideload' } },
    ExtensionType: {
      values: {
        EXTENSION: 'extension', HOSTED_APP: 'hosted_app', LEGACY_PACKAGED_APP: 'legacy_packaged_app',
        LOGIN_SCREEN_EXTENSION: 'login_screen_extension', PACKAGED_APP: 'packaged_app', THEME: 'theme',
      },
    },
    LaunchType: { values: { OPEN_AS_PINNED_TAB: 'OPEN_AS_PINNED_TAB', OPEN_AS_REGULAR_TAB: 'OPEN_AS_REGULAR_TAB', OPEN_AS_WINDOW: 'OPEN_AS_WINDOW', OPEN_FULL_SCREEN: 'OPEN_FULL_SCREEN' } },
  } : {
    ExtensionDisabledReason: { values: { UNKNOWN: 'unknown', PERMISSIONS_INCREASE: 'permissions_increase' } },
    ExtensionInstallType: { values: { DEVELOPMENT: 'development', NORMAL: 'normal', SIDELOAD: 'sideload', ADMIN: 'admin', OTHER: 'other' } },
    ExtensionType: { values: { EXTENSION: 'extension', THEME: 'theme' } },
  };
  // Firefox: the names of the members a context without the permission sees as undefined.
  const firefoxWithPermission = ['get', 'getAll', 'install', 'onDisabled', 'onEnabled', 'onInstalled', 'onUninstalled', 'setEnabled'];
  // (Chromium's members exthost does not have yet: of apps, and the permission warnings.)
  const chromeMissing = [{ name: 'getPermissionWarningsByManifest' }];
  const appMembers = ['createAppShortcut', 'generateAppForLink', 'getPermissionWarningsById', 'launchApp', 'setLaunchType'];
  for (let i = 0; i < appMembers.length; i++) listPush(chromeMissing, { name: appMembers[i], available: permitted });
  host.defineNamespace('management', ['background'], () => ({
    functions: {
      getSelf: { async: true, parameters: [], run: (cx, args) => request(cx, 'management.getSelf', args) },
      uninstallSelf: {
        async: true,
        parameters: [uninstallOptions],
        massageArguments: host.argumentsWithGesture('management.uninstallSelf'),
        run(cx, args) {
          const options = args[0].value;
          if (chrome && options && options.showConfirmDialog === true && !args[0].gesture) throw new Error(gestureNeeded);
          return request(cx, 'management.uninstallSelf', [options]);
        },
      },
      get: withPermission({ async: true, parameters: [id], run: (cx, args) => request(cx, 'management.get', args) }),
      getAll: withPermission({ async: true, parameters: [], run: (cx, args) => request(cx, 'management.getAll', args) }),
      setEnabled: withPermission({
        async: true, parameters: [id, { name: 'enabled', type: 'boolean' }], run: (cx, args) => request(cx, 'management.setEnabled', args),
      }),
      ...(chrome ? {
        uninstall: withPermission({
          async: true,
          parameters: [id, uninstallOptions],
          massageArguments: host.argumentsWithGesture('management.uninstall'),
          run(cx, args) {
            if (!args[0].gesture) throw new Error(gestureNeeded);
            return request(cx, 'management.uninstall', [args[0].value, args[1]]);
          },
        }),
      } : {}),
    },
    events: events.map((name) => ({ name, available: permitted })),
    enums,
    missing: chrome ? chromeMissing : [{ name: 'install', available: permitted }],
    listedUndefined: chrome ? undefined : { background: ['ExtensionInfo', 'IconInfo'] },
    build(cx, object) {
      if (chrome || permitted(cx)) return;
      for (let i = 0; i < firefoxWithPermission.length; i++) {
        const name = firefoxWithPermission[i];
        if (!hasOwn(object, name)) ObjectDefineProperty(object, name, dataDescriptor(undefined, true, true, true));
      }
    },
  }));
});
