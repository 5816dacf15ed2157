/**
 * The storage key the settings live under. Its own module so that popup-early.js, which reads the
 * settings before anything else of the popup has loaded, does not carry the settings schema with it;
 * settings.ts re-exports it.
 */
export const SETTINGS_KEY = 'settings';
